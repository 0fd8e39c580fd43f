"""Summaries of coded events: dyad counts by quad class, most conflictual and cooperative events."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources

from .records import Document, Event

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def sample_documents() -> Iterator[Document]:
    """The bundled sample corpus: news-style articles written by the project."""
    text = resources.files("polevent").joinpath("data", "sample", "articles.jsonl").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip():
            record = json.loads(line)
            yield Document(
                id=record["id"],
                text=record["text"],
                date=record.get("date"),
                url=record.get("url"),
                source=record.get("title"),
            )


@dataclass(slots=True)
class Summary:
    """What a set of coded documents says, in numbers."""

    documents: int = 0
    events: int = 0
    dyads: dict[tuple[str, str], Counter[int]] = field(default_factory=dict)
    most_conflictual: list[tuple[Event, str]] = field(default_factory=list)
    most_cooperative: list[tuple[Event, str]] = field(default_factory=list)


def summarize(coded: Iterable[tuple[Document, list[Event]]], *, top: int = 10) -> Summary:
    """Count events per dyad and quad class; keep the ``top`` most extreme events with their sentences."""
    summary = Summary()
    scored: list[tuple[Event, str]] = []
    for document, events in coded:
        summary.documents += 1
        for event in events:
            summary.events += 1
            dyad = (
                event.source.code if event.source and event.source.code else "-",
                event.target.code if event.target and event.target.code else "-",
            )
            summary.dyads.setdefault(dyad, Counter())[event.quad_class] += 1
            scored.append((event, document.text[event.sentence_start : event.sentence_end]))
    scored.sort(key=lambda pair: pair[0].goldstein)
    summary.most_conflictual = [pair for pair in scored if pair[0].goldstein < 0][:top]
    summary.most_cooperative = [pair for pair in reversed(scored) if pair[0].goldstein > 0][:top]
    return summary
