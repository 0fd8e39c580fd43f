"""Typed, immutable records passed between pipeline stages.

Every record round-trips through ``to_dict()`` / ``from_dict()``; the dicts are
JSON-serialisable and their keys are the public output format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """One news document: an id, its repaired text, and what is known about it."""

    id: str
    text: str
    date: str | None = None
    url: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "date": self.date, "url": self.url, "source": self.source}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            id=str(data["id"]),
            text=data["text"],
            date=data.get("date"),
            url=data.get("url"),
            source=data.get("source"),
        )


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mention resolved to a CAMEO actor code.

    ``country`` is an ISO 3166 alpha-3 code or a CAMEO region/IGO code; ``sector``
    a CAMEO role code; ``name`` a canonical name where one is known.
    """

    text: str
    start: int
    end: int
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "name": self.name,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            text=data["text"],
            start=int(data["start"]),
            end=int(data["end"]),
            code=data.get("code"),
            country=data.get("country"),
            sector=data.get("sector"),
            name=data.get("name"),
        )


@dataclass(frozen=True, slots=True)
class Location:
    """A place attached to an event, geocoded from the offline gazetteer."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        return cls(
            name=data["name"],
            country=data.get("country"),
            lat=data.get("lat"),
            lon=data.get("lon"),
            start=int(data["start"]),
            end=int(data["end"]),
        )


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the input text (character offsets ``[start, end)``)."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(text=data["text"], start=int(data["start"]), end=int(data["end"]))


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, when and where, and why it was coded."""

    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str | None
    plover_mode: str | None
    trigger: Span
    sentence_start: int
    sentence_end: int
    confidence: float
    explanation: str
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "trigger": self.trigger.to_dict(),
            "sentence": {"start": self.sentence_start, "end": self.sentence_end},
            "confidence": self.confidence,
            "explanation": self.explanation,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(
            doc_id=data.get("doc_id"),
            source=Actor.from_dict(data["source"]) if data.get("source") else None,
            target=Actor.from_dict(data["target"]) if data.get("target") else None,
            cameo=data["cameo"],
            cameo_root=data["cameo_root"],
            quad_class=int(data["quad_class"]),
            goldstein=float(data["goldstein"]),
            plover=data.get("plover"),
            plover_mode=data.get("plover_mode"),
            date=data.get("date"),
            date_precision=data.get("date_precision"),
            location=Location.from_dict(data["location"]) if data.get("location") else None,
            trigger=Span.from_dict(data["trigger"]),
            sentence_start=int(data["sentence"]["start"]),
            sentence_end=int(data["sentence"]["end"]),
            confidence=float(data["confidence"]),
            explanation=data["explanation"],
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """A document (or input line) that could not be read or coded, and why."""

    doc_id: str
    stage: str
    message: str
    location: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "stage": self.stage,
            "message": self.message,
            "location": self.location,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        return cls(doc_id=data["doc_id"], stage=data["stage"], message=data["message"], location=data.get("location"))
