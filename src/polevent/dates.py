"""Temporal expressions: "on Thursday", "in May", "October 25", "in November 2022",
"eighteen months ago", resolved against the document's publication date.

An event date is a string ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` with its
precision ``day``, ``month`` or ``year``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: index
    for index, name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "few": 3,
    "several": 3,
}
_WORD = re.compile(r"[a-z]+|\d{1,4}")


@dataclass(frozen=True, slots=True)
class EventDate:
    """A resolved date and how precise it is."""

    value: str
    precision: str


def parse_iso(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` string (or its prefix) as a date, else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _day(d: date) -> EventDate:
    return EventDate(d.isoformat(), "day")


def _month(year: int, month: int) -> EventDate:
    return EventDate(f"{year:04d}-{month:02d}", "month")


def _months_back(anchor: date, months: int) -> tuple[int, int]:
    total = anchor.year * 12 + anchor.month - 1 - months
    return total // 12, total % 12 + 1


def resolve_expression(text: str, anchor: date | None) -> EventDate | None:
    """Resolve one temporal expression; None when it cannot be placed in time."""
    lowered = text.lower().replace(",", " ").replace(".", " ")
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", lowered)
    if iso:
        try:
            return _day(date(int(iso[1]), int(iso[2]), int(iso[3])))
        except ValueError:
            return None
    words = _WORD.findall(lowered)
    years = [int(w) for w in words if len(w) == 4 and w.isdigit() and 1900 <= int(w) <= 2100]
    days = [int(w) for w in words if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31]
    months = [MONTHS[w] for w in words if w in MONTHS]
    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if "ago" in words:
        amount = next(
            (int(w) if w.isdigit() else NUMBER_WORDS[w] for w in words if w.isdigit() or w in NUMBER_WORDS), 1
        )
        if anchor is None:
            return None
        if any(w.startswith("year") for w in words):
            return EventDate(f"{anchor.year - amount:04d}", "year")
        if any(w.startswith("month") for w in words):
            return _month(*_months_back(anchor, amount))
        if any(w.startswith("week") for w in words):
            return _day(anchor - timedelta(weeks=amount))
        if any(w.startswith("day") for w in words):
            return _day(anchor - timedelta(days=amount))
        return None
    if months:
        month = months[0]
        if years:
            year = years[0]
        elif anchor is not None:
            year = anchor.year if (month, days[0] if days else 1) <= (anchor.month, anchor.day) else anchor.year - 1
        else:
            return None
        if days:
            try:
                return _day(date(year, month, days[0]))
            except ValueError:
                return _month(year, month)
        return _month(year, month)
    if years and not days:
        return EventDate(f"{years[0]:04d}", "year")
    if anchor is None:
        return None
    if weekday is not None:
        back = (anchor.weekday() - weekday) % 7
        if "next" in words:
            return _day(anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7))
        if "last" in words and back == 0:
            back = 7
        return _day(anchor - timedelta(days=back))
    if "yesterday" in words:
        return _day(anchor - timedelta(days=1))
    if "today" in words or "tonight" in words:
        return _day(anchor)
    if "tomorrow" in words:
        return _day(anchor + timedelta(days=1))
    if "last" in words or "previous" in words:
        if "year" in words:
            return EventDate(f"{anchor.year - 1:04d}", "year")
        if "month" in words:
            return _month(*_months_back(anchor, 1))
    if "this" in words:
        if "year" in words:
            return EventDate(f"{anchor.year:04d}", "year")
        if "month" in words:
            return _month(anchor.year, anchor.month)
    return None


def document_date(anchor: date | None) -> EventDate | None:
    """The fallback event date: the publication date itself."""
    return _day(anchor) if anchor is not None else None
