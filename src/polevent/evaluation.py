"""Scoring the coder against gold JSONL files (format: docs/gold-format.md).

Two modes:

- ``pairs``: for every gold event with a source and a target span, ask
  :meth:`Coder.code_pair` and compare the label in each scheme the gold gives
  (PLOVER type, CAMEO root, CAMEO leaf, penta class), plus actor country/sector.
- ``open``: code each text and count a gold event as found when one predicted
  event's actors match (spans overlap, or countries agree where the gold
  has no spans) and its label matches. Sets marked ``complete`` also give
  precision: predicted events that match no gold event are false positives.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .coder import Coder
from .errors import GoldFormatError
from .ontology import actor_roles, penta_class
from .records import Actor, Event

SCHEMES = ("plover", "cameo_root", "cameo", "penta")
# PLOVER 0.5 names used by older gold files, mapped to PLOVER 2021.
OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
#: Country codes of older CAMEO/KEDS dictionaries that gold files still use, read as their ISO codes.
OLD_COUNTRIES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}


@dataclass(frozen=True, slots=True)
class GoldActor:
    spans: tuple[tuple[int, int], ...]
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: GoldActor | None
    target: GoldActor | None
    labels: dict[str, str | int]


@dataclass(frozen=True, slots=True)
class GoldItem:
    id: str
    text: str
    date: str | None
    complete: bool
    events: tuple[GoldEvent, ...]


def _gold_sector(sector: str | None, code: str | None) -> str | None:
    """The CAMEO role a gold actor gives, or None where it gives none.

    A sector with a lower-case group suffix ("CVLalb": an ethnic or religious group) is its role. A gold
    sector that is no CAMEO role code is another part of a CAMEO actor code: a region or organisation
    infix (EUR in IGOEUREEC), a place (GZA in PSEGZACVL), a religion (MUS in IRQMUS). The role is then
    the first role code among the code's later three-letter groups (CVL in PSEGZACVL), if any.
    """
    if sector and len(sector) > 3 and sector[:3].isupper() and sector[3:].islower():
        sector = sector[:3]
    roles = actor_roles()
    if sector in roles:
        return sector
    groups = [code[i : i + 3].upper() for i in range(3, len(code) - 2, 3)] if code else []
    return next((group for group in groups if group in roles), None)


def _actor(value: Any, where: str) -> GoldActor | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise GoldFormatError(f"{where}: an actor must be an object or null")
    spans = []
    for span in value.get("spans") or []:
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
            raise GoldFormatError(f"{where}: spans must be [start, end] pairs of integers")
        spans.append((span[0], span[1]))
    sector = _gold_sector(value.get("sector"), value.get("code"))
    country = value.get("country")
    return GoldActor(tuple(spans), OLD_COUNTRIES.get(country, country) if country else None, sector)


def read_gold(path: str | Path) -> list[GoldItem]:
    """Read and check a gold JSONL file; errors name the file and line."""
    items = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{where}: malformed JSON ({exc.msg})") from exc
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise GoldFormatError(f"{where}: each line needs an object with a 'text' string")
            events = []
            for event in record.get("events") or []:
                labels: dict[str, str | int] = {k: event[k] for k in SCHEMES if event.get(k) is not None}
                events.append(GoldEvent(_actor(event.get("source"), where), _actor(event.get("target"), where), labels))
            items.append(
                GoldItem(
                    str(record.get("id") or number),
                    record["text"],
                    record.get("date"),
                    bool(record.get("complete")),
                    tuple(events),
                )
            )
    return items


def predicted_label(event: Event, scheme: str, *, merge_yield: bool) -> str | int | None:
    if scheme == "plover":
        label = event.plover
        if merge_yield and label in {"CONCEDE", "RETREAT"}:
            return "YIELD"
        return label
    if scheme == "cameo_root":
        return event.cameo_root
    if scheme == "cameo":
        return event.cameo
    return penta_class(event.cameo)


def gold_label(value: str | int, scheme: str) -> str | int:
    if scheme == "plover" and isinstance(value, str):
        return OLD_PLOVER.get(value, value)
    if scheme == "penta":
        return int(value)
    return value


@dataclass(slots=True)
class Tally:
    """Gold and predicted labels for one scheme."""

    gold: list[str | int] = field(default_factory=list)
    predicted: list[str | int | None] = field(default_factory=list)

    def add(self, gold: str | int, predicted: str | int | None) -> None:
        self.gold.append(gold)
        self.predicted.append(predicted)

    def accuracy(self) -> float:
        return sum(g == p for g, p in zip(self.gold, self.predicted, strict=True)) / max(1, len(self.gold))

    def macro_f1(self) -> float:
        labels = set(self.gold)
        scores = []
        for label in labels:
            tp = sum(g == label and p == label for g, p in zip(self.gold, self.predicted, strict=True))
            fp = sum(g != label and p == label for g, p in zip(self.gold, self.predicted, strict=True))
            fn = sum(g == label and p != label for g, p in zip(self.gold, self.predicted, strict=True))
            scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        return sum(scores) / max(1, len(scores))

    def confusion(self) -> dict[str, dict[str, int]]:
        table: dict[str, Counter[str]] = {}
        for g, p in zip(self.gold, self.predicted, strict=True):
            table.setdefault(str(g), Counter())[str(p)] += 1
        return {g: dict(c) for g, c in sorted(table.items())}


#: Confidence bins of the reliability tables.
BINS = ((0.0, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.01))


@dataclass(slots=True)
class Reliability:
    """How often events at each confidence level are right (calibration)."""

    seen: list[tuple[float, bool]] = field(default_factory=list)

    def add(self, confidence: float, right: bool) -> None:
        self.seen.append((confidence, right))

    def table(self) -> list[dict[str, Any]]:
        rows = []
        for low, high in BINS:
            chosen = [right for confidence, right in self.seen if low <= confidence < high]
            if chosen:
                rows.append(
                    {
                        "bin": f"{low:.1f}-{min(high, 1.0):.1f}",
                        "n": len(chosen),
                        "right": round(sum(chosen) / len(chosen), 4),
                    }
                )
        high_confidence = [right for confidence, right in self.seen if confidence >= 0.8]
        if high_confidence:
            rows.append(
                {
                    "bin": ">=0.8",
                    "n": len(high_confidence),
                    "right": round(sum(high_confidence) / len(high_confidence), 4),
                }
            )
        return rows


def _actor_matches(gold: GoldActor | None, actor: Actor | None) -> bool:
    if gold is None or not (gold.spans or gold.country or gold.sector):
        return True  # the gold names no one: any side, or none, agrees with it
    if actor is None:
        return False
    if gold.spans:
        return any(actor.start < end and start < actor.end for start, end in gold.spans)
    # Gold without spans (PETRARCH-style codings): the dyad is judged on countries, as the published
    # comparisons are ((source country, target country, CAMEO root)); sectors are scored apart.
    return not gold.country or gold.country == actor.country


def _dyad_matches(gold: GoldEvent, event: Event) -> bool:
    return _actor_matches(gold.source, event.source) and _actor_matches(gold.target, event.target)


def _label_matches(gold: GoldEvent, event: Event, scheme: str, merge_yield: bool) -> bool:
    if scheme == "cameo":  # a leaf match in open mode is judged on the root; leaf accuracy is reported apart
        return event.cameo_root == str(gold.labels["cameo"])[:2]
    return predicted_label(event, scheme, merge_yield=merge_yield) == gold_label(gold.labels[scheme], scheme)


def evaluate_pairs(coder: Coder, items: list[GoldItem]) -> dict[str, Any]:
    """Pair-mode scores: accuracy and macro-F1 per label scheme, actor agreement."""
    merge_yield = any(e.labels.get("plover") == "YIELD" for item in items for e in item.events)
    pairs: list[tuple[GoldItem, GoldEvent]] = [
        (item, event)
        for item in items
        for event in item.events
        if event.source is not None and event.target is not None and event.source.spans and event.target.spans
    ]
    tallies = {scheme: Tally() for scheme in SCHEMES}
    actor_tallies = {key: Tally() for key in ("source_country", "target_country", "source_sector", "target_sector")}
    requests = ((item.text, event.source.spans[0], event.target.spans[0]) for item, event in pairs)  # type: ignore[union-attr]
    reliability = Reliability()
    for (_item, gold), predicted in zip(pairs, coder.code_pairs(requests), strict=True):
        primary = next((scheme for scheme in SCHEMES if scheme in gold.labels), None)
        if primary is not None:
            reliability.add(
                predicted.confidence,
                gold_label(gold.labels[primary], primary)
                == predicted_label(predicted, primary, merge_yield=merge_yield),
            )
        for scheme in SCHEMES:
            if scheme in gold.labels:
                tallies[scheme].add(
                    gold_label(gold.labels[scheme], scheme),
                    predicted_label(predicted, scheme, merge_yield=merge_yield),
                )
        for role, gold_actor, actor in (
            ("source", gold.source, predicted.source),
            ("target", gold.target, predicted.target),
        ):
            if gold_actor is not None and gold_actor.country:
                actor_tallies[f"{role}_country"].add(gold_actor.country, actor.country if actor else None)
            if gold_actor is not None and gold_actor.sector:
                actor_tallies[f"{role}_sector"].add(gold_actor.sector, actor.sector if actor else None)
    return {
        "mode": "pairs",
        "items": len(items),
        "pairs": len(pairs),
        "schemes": {
            scheme: {
                "n": len(t.gold),
                "accuracy": round(t.accuracy(), 4),
                "macro_f1": round(t.macro_f1(), 4),
                "confusion": t.confusion(),
            }
            for scheme, t in tallies.items()
            if t.gold
        },
        "actors": {
            key: {"n": len(t.gold), "accuracy": round(t.accuracy(), 4)} for key, t in actor_tallies.items() if t.gold
        },
        "reliability": reliability.table(),
    }


def _coded(coder: Coder, items: list[GoldItem]) -> Iterator[tuple[GoldItem, list[Event]]]:
    from .records import Document

    documents = (Document(id=item.id, text=item.text, date=item.date) for item in items)
    for item, (_doc, events) in zip(items, coder.code_many(documents), strict=True):
        yield item, events


def evaluate_open(coder: Coder, items: list[GoldItem]) -> dict[str, Any]:
    """Open-mode scores: recall per scheme, and precision on complete sets."""
    merge_yield = any(e.labels.get("plover") == "YIELD" for item in items for e in item.events)
    found: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    predicted_total = matched_predictions = empty_texts = empty_texts_coded = 0
    complete_items = 0
    reliability = Reliability()
    actor_tallies = {key: Tally() for key in ("source_country", "target_country", "source_sector", "target_sector")}
    for item, events in _coded(coder, items):
        coded_actors = [a for e in events for a in (e.source, e.target) if a is not None]
        for gold in item.events:
            for gold_actor in (gold.source, gold.target):
                if gold_actor is not None and gold_actor.spans:  # actor extraction, apart from the event
                    totals["actor_spans"] += 1
                    found["actor_spans"] += any(_actor_matches(gold_actor, a) for a in coded_actors)
            dyad = [e for e in events if _dyad_matches(gold, e)]
            totals["actors"] += 1
            found["actors"] += bool(dyad)
            for scheme in SCHEMES:
                if scheme in gold.labels:
                    totals[scheme] += 1
                    found[scheme] += any(_label_matches(gold, e, scheme, merge_yield) for e in dyad)
            if "cameo" in gold.labels and len(str(gold.labels["cameo"])) >= 3:  # the exact leaf, reported apart
                totals["cameo_leaf"] += 1
                found["cameo_leaf"] += any(e.cameo == str(gold.labels["cameo"]) for e in dyad)
        for gold in item.events:  # gold without spans (PETRARCH style): actors of the event of the same root
            if gold.source is None or gold.target is None or gold.source.spans or gold.target.spans:
                continue
            root = str(gold.labels.get("cameo_root") or gold.labels.get("cameo") or "")[:2]
            same = [e for e in events if root and e.cameo_root == root and e.source and e.target]
            if not same:
                continue
            fields = (
                ("source_country", gold.source.country, lambda e: e.source.country),
                ("target_country", gold.target.country, lambda e: e.target.country),
                ("source_sector", gold.source.sector, lambda e: e.source.sector),
                ("target_sector", gold.target.sector, lambda e: e.target.sector),
            )
            best = max(same, key=lambda e: sum(want is not None and get(e) == want for _, want, get in fields))
            for key, want, get in fields:
                if want is not None:
                    actor_tallies[key].add(want, get(best))
        if item.complete:
            complete_items += 1
            predicted_total += len(events)
            for e in events:
                right = any(
                    _dyad_matches(g, e) and all(_label_matches(g, e, s, merge_yield) for s in g.labels)
                    for g in item.events
                )
                matched_predictions += right
                reliability.add(e.confidence, right)
            if not item.events:
                empty_texts += 1
                empty_texts_coded += bool(events)
    result: dict[str, Any] = {
        "mode": "open",
        "items": len(items),
        "gold_events": totals["actors"],
        "recall": {
            key: {"n": totals[key], "found": found[key], "recall": round(found[key] / totals[key], 4)}
            for key in ("actors", *SCHEMES, "cameo_leaf", "actor_spans")
            if totals[key]
        },
    }
    if any(t.gold for t in actor_tallies.values()):
        # Gold without spans: for each gold event that some coded event shares the CAMEO root with, the
        # coded event agreeing best; how often its source and target country and sector agree.
        result["actors"] = {
            key: {"n": len(t.gold), "accuracy": round(t.accuracy(), 4)} for key, t in actor_tallies.items() if t.gold
        }
    if complete_items:
        result["precision"] = {
            "predicted": predicted_total,
            "matched": matched_predictions,
            "extra": predicted_total - matched_predictions,
            "precision": round(matched_predictions / predicted_total, 4) if predicted_total else None,
            "no_event_texts": empty_texts,
            "no_event_texts_coded": empty_texts_coded,
            "reliability": reliability.table(),
        }
    return result


def evaluate(coder: Coder, path: str | Path, *, mode: str) -> dict[str, Any]:
    """Score ``coder`` on one gold file in ``open`` or ``pairs`` mode."""
    if mode not in {"open", "pairs"}:
        raise ValueError(f"mode must be 'open' or 'pairs', not {mode!r}")
    items = read_gold(path)
    result = evaluate_pairs(coder, items) if mode == "pairs" else evaluate_open(coder, items)
    result["file"] = Path(path).name
    return result


def summary_rows(result: dict[str, Any]) -> Iterable[tuple[str, str, str, str]]:
    """(measure, n, value, detail) rows for a printed table."""
    if result["mode"] == "pairs":
        for scheme, scores in result["schemes"].items():
            yield scheme, str(scores["n"]), f"{scores['accuracy']:.3f}", f"macro-F1 {scores['macro_f1']:.3f}"
        for key, scores in result["actors"].items():
            yield key, str(scores["n"]), f"{scores['accuracy']:.3f}", "accuracy"
    else:
        for key, scores in result["recall"].items():
            yield f"recall ({key})", str(scores["n"]), f"{scores['recall']:.3f}", f"{scores['found']} found"
        for key, scores in result.get("actors", {}).items():
            yield f"{key} (events of the gold's root)", str(scores["n"]), f"{scores['accuracy']:.3f}", "accuracy"
        if "precision" in result:
            p = result["precision"]
            value = f"{p['precision']:.3f}" if p["precision"] is not None else "-"
            yield (
                "precision",
                str(p["predicted"]),
                value,
                f"{p['extra']} extra; {p['no_event_texts_coded']} of {p['no_event_texts']} no-event texts coded",
            )
