"""Golden sentences written by the project, run through the whole coder (tests/golden/sentences.jsonl)."""

import json
from pathlib import Path

import pytest

GOLDEN = [
    json.loads(line)
    for line in (Path(__file__).parent / "golden" / "sentences.jsonl").read_text().splitlines()
    if line.strip()
]


def _same_actor(actor, expected: str) -> bool:
    """A country (USA), or an international actor's code (IGOUNO: its country slot is IGO)."""
    return actor.country == expected or (len(expected) > 3 and (actor.code or "").startswith(expected))


def _matches(expected, event):
    source, target = event.source, event.target
    if source is None or not _same_actor(source, expected["source"]):
        return False
    if target is None or not _same_actor(target, expected["target"]):
        return False
    if event.cameo_root != expected["cameo_root"]:
        return False
    if "source_sector" in expected and source.sector != expected["source_sector"]:
        return False
    if "target_sector" in expected and target.sector != expected["target_sector"]:
        return False
    if "date" in expected and event.date != expected["date"]:
        return False
    return not (
        "location_country" in expected
        and (event.location is None or event.location.country != expected["location_country"])
    )


def _show(events):
    return "\n".join(
        f"  {e.source.code if e.source else None} -> {e.target.code if e.target else None} {e.cameo} "
        f"{e.date} {e.location.country if e.location else None} | {e.explanation}"
        for e in events
    )


@pytest.mark.model
def test_golden_sentences_cover_every_cameo_root():
    roots = {e["cameo_root"] for item in GOLDEN for e in item["events"]}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


@pytest.mark.model
@pytest.mark.parametrize("item", GOLDEN, ids=[item["id"] for item in GOLDEN])
def test_golden_sentence(coder, item):
    events = coder.code(item["text"], date=item.get("date"))
    for expected in item["events"]:
        assert any(_matches(expected, e) for e in events), f"missing {expected}; coded:\n{_show(events)}"
    for unwanted in item.get("absent", []):
        loose = {k: unwanted[k] for k in ("source", "target", "cameo_root")}
        assert not any(_matches(loose, e) for e in events), f"unwanted {unwanted}; coded:\n{_show(events)}"
