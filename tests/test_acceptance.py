"""The acceptance story (../shared/acceptance): a real report coded end to end."""

import json

import pytest

from .conftest import shared_path


def _load():
    text = shared_path("acceptance", "admm-plus-2024.txt").read_text(encoding="utf-8")
    expected = json.loads(shared_path("acceptance", "admm-plus-2024.expected.json").read_text(encoding="utf-8"))
    return text, expected


def _actor_ok(spec, actor):
    if actor is None or actor.country != spec["country"]:
        return False
    return "sector" not in spec or actor.sector in spec["sector"]


def passes(spec, event):
    """One event satisfies one expected item: actors (direction unless either_direction) and code."""
    if event.cameo not in spec["cameo"]:
        return False
    forward = _actor_ok(spec["source"], event.source) and _actor_ok(spec["target"], event.target)
    backward = _actor_ok(spec["source"], event.target) and _actor_ok(spec["target"], event.source)
    if not (forward or (spec.get("either_direction") and backward)):
        return False
    if "date" in spec and not (event.date or "").startswith(spec["date"]):
        return False
    if "location_country" in spec and (event.location is None or event.location.country != spec["location_country"]):
        return False
    return not ("name" in spec["source"] and event.source.name != spec["source"]["name"])


def violates(rule, event, text):
    if rule.get("actor_text"):
        return any(a is not None and rule["actor_text"] in a.text for a in (event.source, event.target))
    if rule.get("self_dyad"):
        return bool(event.source and event.target and event.source.code and event.source.code == event.target.code)
    countries = {
        event.source.country if event.source else None,
        event.target.country if event.target else None,
    }
    if countries != set(rule["between"]) or event.cameo_root != rule["cameo_root"]:
        return False
    dated = (event.date or "").startswith(rule["date_prefix"])
    located = event.location is not None and event.location.country == rule["location_country"]
    return dated or located


@pytest.fixture(scope="module")
def coded(coder):
    text, expected = _load()
    return coder.code(text, date=expected["publication_date"]), expected, text


def _show(events):
    return "\n".join(
        f"  {e.source.code if e.source else None} -> {e.target.code if e.target else None} {e.cameo} "
        f"{e.date} | {e.explanation}"
        for e in events
    )


@pytest.mark.model
def test_every_must_event_is_found(coded):
    events, expected, _ = coded
    missing = [spec["id"] for spec in expected["must"] if not any(passes(spec, e) for e in events)]
    assert not missing, f"missing {missing}; coded:\n{_show(events)}"


@pytest.mark.model
def test_every_should_event_is_found(coded):
    events, expected, _ = coded
    missing = [spec["id"] for spec in expected["should"] if not any(passes(spec, e) for e in events)]
    assert not missing, f"missing {missing}; coded:\n{_show(events)}"


@pytest.mark.model
def test_nothing_in_must_not(coded):
    events, expected, text = coded
    broken = [(rule["id"], e.explanation) for rule in expected["must_not"] for e in events if violates(rule, e, text)]
    assert not broken, broken
