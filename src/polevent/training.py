"""``polevent train``: fit the pair classifier on the project's training corpus, reproducibly.

Same corpus, same seed, same library versions -> the same model file (its
sha256 and the cross-validated metrics are recorded beside it).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import platform
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import (
    META_FILE,
    MODEL_FILE,
    Example,
    corpus_digest,
    corpus_records,
    pair_features,
    read_examples,
    training_files,
)
from .ontology import cameo_codes

log = logging.getLogger(__name__)

DEFAULT_C = 4.0
#: The PLOVER head's class for CAMEO codes PLOVER has no type for (01 statements).
NO_TYPE = "-"
#: Both heads' class for a pair of actors that no event links.
NO_EVENT = "~"
MIN_FEATURE_COUNT = 2
FOLDS = 5
#: Folds fitted at once (processes); the result does not depend on it.
JOBS = 2


@dataclass(frozen=True, slots=True)
class TrainResult:
    folder: Path
    examples: int
    features: int
    metrics: dict[str, Any]
    model_sha256: str


def example_features(
    nlp: Any, examples: Sequence[Example], *, actor_files: Sequence[str] = (), parsed: dict[str, Any] | None = None
) -> list[list[str]]:
    """Features of every example (texts parsed once each, in batches)."""
    from .actors import resolve_document, resolve_span
    from .kb import knowledge_base
    from .lexicon import lexicon

    kb, lex = knowledge_base(actor_files), lexicon()
    if parsed is None:
        texts = sorted({e.text for e in examples})
        parsed = dict(zip(texts, nlp.pipe(texts, batch_size=64), strict=True))
    rows = []
    resolved: dict[str, Any] = {}  # one resolution per sentence, shared by its examples
    for example in examples:
        doc = parsed[example.text]
        source = doc.char_span(*example.source, alignment_mode="expand")
        target = doc.char_span(*example.target, alignment_mode="expand") if example.target else None
        if example.text not in resolved:
            resolved[example.text] = resolve_document(kb, doc)
        actors = resolved[example.text]
        s_sector = t_sector = None
        if source is not None:
            s_mention = resolve_span(kb, source, actors)
            s_sector = s_mention.actor.sector if s_mention else None
        if target is not None:
            t_mention = resolve_span(kb, target, actors)
            t_sector = t_mention.actor.sector if t_mention else None
        rows.append(pair_features(source, target, lex, (s_sector, t_sector)) if source is not None else ["bias"])
    return rows


def negative_examples(
    files: Sequence[Path], parsed: dict[str, Any], *, per_sentence: int = 2, seed: int = 13
) -> list[Example]:
    """Pairs of actors that the corpus does *not* link by an event: other actor pairs of event sentences
    and actor pairs of the hard negatives ("did not attack", "if ... attacks"). A pair that a gold event
    links in either direction is never a negative. Chosen deterministically (seeded by the sentence id)."""
    import random

    from .actors import resolve_document
    from .kb import knowledge_base

    kb = knowledge_base()
    negatives: list[Example] = []
    for record in corpus_records(files):
        text = record["text"]
        doc = parsed.get(text)
        if doc is None:
            continue
        gold = []
        for event in record.get("events", []):
            for role in ("source", "target"):
                if event.get(role) and event[role] in text:
                    start = text.index(event[role])
                    gold.append((start, start + len(event[role])))
        state = resolve_document(kb, doc)
        spans = sorted(
            {
                (m.actor.start, m.actor.end)
                for m in state.by_head.values()
                if not m.outlet and m.actor.end > m.actor.start
            }
        )
        pairs = [
            (a, b)
            for a in spans
            for b in spans
            if a != b
            and not _overlap(a, b)
            and not (any(_overlap(a, g) for g in gold) and any(_overlap(b, g) for g in gold))
        ]
        rng = random.Random(f"{seed}:{record['id']}")
        for n, (a, b) in enumerate(rng.sample(pairs, min(per_sentence, len(pairs)))):
            negatives.append(Example(f"{record['id']}#none{n}", text, a, b, NO_EVENT))
    return negatives


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _matrix(rows: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> Any:
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for row in rows:
        seen = sorted({vocabulary[f] for f in row if f in vocabulary})
        indices.extend(seen)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype="float32")
    return csr_matrix((data, np.array(indices, dtype="int32"), np.array(indptr)), shape=(len(rows), len(vocabulary)))


def _fit(x: Any, y: Sequence[str], c: float, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=400, random_state=seed, tol=1e-4)
    model.fit(x, list(y))
    return model


def _temperature(logits: Any, gold: Sequence[int]) -> float:
    """The temperature minimising held-out negative log-likelihood (grid search, deterministic)."""
    import numpy as np

    best, best_t = float("inf"), 1.0
    gold_index = np.array(gold)
    for t in np.arange(0.5, 3.01, 0.05):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -log_probs[np.arange(len(gold_index)), gold_index].mean()
        if nll < best - 1e-9:
            best, best_t = nll, float(round(t, 2))
    return best_t


def _cross_validate(x: Any, y: Sequence[str], c: float, seed: int) -> dict[str, Any]:
    """Held-out accuracy, calibration temperature and a reliability table from K folds."""
    import numpy as np

    classes = sorted(set(y))
    index = {label: i for i, label in enumerate(classes)}
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(y))
    folds = np.array_split(order, FOLDS)
    logits = np.full((len(y), len(classes)), -1e4, dtype="float64")
    from joblib import Parallel, delayed

    def fold(k: int) -> Any:
        train = np.concatenate([folds[j] for j in range(FOLDS) if j != k])
        return _fit(x[train], [y[i] for i in train], c, seed)

    models = Parallel(n_jobs=JOBS)(delayed(fold)(k) for k in range(FOLDS))  # each fold is deterministic
    for k, model in enumerate(models):
        test = folds[k]
        scores = model.decision_function(x[test])
        if scores.ndim == 1:
            scores = np.stack([-scores, scores], axis=1)
        for column, label in enumerate(model.classes_):
            logits[test, index[label]] = scores[:, column]
    gold = [index[label] for label in y]
    temperature = _temperature(logits, gold)
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    predicted = probs.argmax(axis=1)
    confidence = probs.max(axis=1)
    correct = predicted == np.array(gold)
    table = []
    for low, high in ((0.0, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.01)):
        chosen = (confidence >= low) & (confidence < high)
        if chosen.any():
            accuracy = float(correct[chosen].mean())
            table.append({"bin": f"{low:.1f}-{min(high, 1.0):.1f}", "n": int(chosen.sum()), "accuracy": accuracy})
    return {"accuracy": float(correct.mean()), "temperature": temperature, "reliability": table}


def train(
    nlp: Any,
    out: Path,
    *,
    corpus: Path | None = None,
    seed: int = 13,
    c: float = DEFAULT_C,
    progress: Callable[[str], None] | None = None,
) -> TrainResult:
    """Train both heads on the corpus and write ``pairs.npz`` and ``pairs.json`` into ``out``."""
    import numpy as np
    import sklearn

    say = progress or (lambda message: log.info(message))
    files = training_files(corpus)
    if not files:
        raise ValueError(f"no training files (*.jsonl) in {corpus or 'the bundled corpus'}")
    positives = list(read_examples(files))
    texts = sorted(
        {json.loads(line)["text"] for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()}
    )
    say(f"{len(positives)} labelled pairs from {len(files)} files; parsing {len(texts)} sentences")
    parsed = dict(zip(texts, nlp.pipe(texts, batch_size=64), strict=True))
    negatives = negative_examples(files, parsed, seed=seed)
    say(f"{len(negatives)} actor pairs the corpus links by no event (class {NO_EVENT!r})")
    examples = positives + negatives
    rows = example_features(nlp, examples, parsed=parsed)
    counts = Counter(f for row in rows for f in set(row))
    names = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    vocabulary = {name: i for i, name in enumerate(names)}
    x = _matrix(rows, vocabulary)
    codes = cameo_codes()
    labels = {
        "cameo": [e.cameo for e in examples],
        "plover": [NO_EVENT if e.cameo == NO_EVENT else codes[e.cameo].plover or NO_TYPE for e in examples],
    }
    arrays: dict[str, Any] = {}
    heads: dict[str, Any] = {}
    for head, y in labels.items():
        keep = [i for i, label in enumerate(y) if label]
        xs, ys = x[keep], [y[i] for i in keep]
        say(f"{head}: {len(ys)} examples, {len(set(ys))} classes; cross-validating ({FOLDS} folds)")
        metrics = _cross_validate(xs, ys, c, seed)
        say(f"{head}: held-out accuracy {metrics['accuracy']:.3f}; fitting on all examples")
        model = _fit(xs, ys, c, seed)
        arrays[f"{head}_coef"] = model.coef_.astype("float16")
        arrays[f"{head}_intercept"] = model.intercept_.astype("float32")
        heads[head] = {"classes": [str(label) for label in model.classes_], "examples": len(ys), **metrics}
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    model_bytes = buffer.getvalue()
    digest = hashlib.sha256(model_bytes).hexdigest()
    meta = {
        "model_sha256": digest,
        "corpus_sha256": corpus_digest(files),
        "corpus_files": [f.name for f in files],
        "examples": len(examples),
        "positives": len(positives),
        "negatives": len(negatives),
        "seed": seed,
        "C": c,
        "min_feature_count": MIN_FEATURE_COUNT,
        "pipeline": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "python": platform.python_version()},
        "heads": heads,
        "features": names,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / MODEL_FILE).write_bytes(model_bytes)
    (out / META_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return TrainResult(out, len(examples), len(names), {h: heads[h]["accuracy"] for h in heads}, digest)
