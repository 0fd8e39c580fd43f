"""The actor knowledge base: countries, capitals, seats of power, organisations, sector words.

Built from the bundled files under ``polevent/data/actors/`` (and pycountry's ISO
3166 names), loaded lazily once per process. Phrases are stored as tuples of
token texts as spaCy's English tokenizer splits them, so lookups are plain dict
hits on the tokens of a parsed document.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from .errors import DataError
from .ontology import actor_roles, read_data_table

log = logging.getLogger(__name__)

#: Kinds of knowledge-base entries.
COUNTRY, DEMONYM, CAPITAL, SEAT, ORGANIZATION = "country", "demonym", "capital", "seat", "organization"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a phrase in the knowledge base stands for."""

    kind: str
    name: str
    country: str | None
    sector: str | None = None
    code: str | None = None
    org_kind: str | None = None


@dataclass(slots=True)
class KnowledgeBase:
    """Phrase tables for actor matching; build with :func:`knowledge_base`."""

    phrases: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    cased: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    sectors: dict[tuple[str, ...], tuple[str, int]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    max_len: int = 1
    first_tokens: set[str] = field(default_factory=set)

    def add(self, tokens: tuple[str, ...], entry: Entry, *, overwrite: bool = False) -> None:
        """Index a phrase; short all-capital forms (US, UN, WHO) match only with that case."""
        if not tokens:
            return
        text = " ".join(tokens)
        if len(text) <= 5 and text.replace(".", "").isupper() and "." not in text:
            table, key = self.cased, tokens
        else:
            table, key = self.phrases, tuple(t.lower() for t in tokens)
        if overwrite or key not in table:
            table[key] = entry
        self.max_len = max(self.max_len, len(key))
        self.first_tokens.add(key[0].lower())

    def match(self, words: list[str], start: int) -> tuple[int, Entry] | None:
        """The longest entry starting at ``words[start]``: (length, entry) or None."""
        if words[start].lower() not in self.first_tokens:
            return None
        for length in range(min(self.max_len, len(words) - start), 0, -1):
            window = tuple(words[start : start + length])
            entry = self.cased.get(window) or self.phrases.get(tuple(w.lower() for w in window))
            if entry is not None:
                return length, entry
        return None

    def sector_match(self, lowered: list[str], start: int) -> tuple[int, str, int] | None:
        """The longest sector phrase at ``lowered[start]``: (length, sector, rank) or None."""
        for length in range(min(6, len(lowered) - start), 0, -1):
            found = self.sectors.get(tuple(lowered[start : start + length]))
            if found is not None:
                return length, found[0], found[1]
        return None


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


@cache
def _tokenizer():  # noqa: ANN202 - spaCy's Tokenizer type is internal
    import spacy

    return spacy.blank("en").tokenizer


def tokenize(phrase: str) -> tuple[str, ...]:
    """Split a phrase the way spaCy's English tokenizer splits running text."""
    return tuple(token.text for token in _tokenizer()(phrase))


def _country_rows() -> Iterable[dict[str, str]]:
    return read_data_table("actors", "countries.tsv")


@cache
def knowledge_base() -> KnowledgeBase:
    """The bundled knowledge base (built once per process)."""
    import pycountry

    kb = KnowledgeBase()
    roles = actor_roles()
    rows = list(_country_rows())
    listed = {row["code"] for row in rows}
    for row in rows:
        code, name = row["code"], row["name"]
        kb.country_names[code] = name
        country = Entry(COUNTRY, name, code)
        for alias in [name, *_split(row["aliases"])]:
            kb.add(tokenize(alias), country)
        for demonym in _split(row["demonyms"]):
            kb.add(tokenize(demonym), Entry(DEMONYM, name, code))
        for capital in _split(row["capitals"]):
            kb.add(tokenize(capital), Entry(CAPITAL, name, code, "GOV"))
        for seat in _split(row["seats"]):
            place, _, sector = seat.partition("=")
            if sector not in roles:
                raise DataError(f"data/actors/countries.tsv: {code}: seat {seat!r} has unknown sector {sector!r}")
            kb.add(tokenize(place), Entry(SEAT, name, code, sector), overwrite=True)
    # ISO names the project's table does not spell out still resolve.
    for record in pycountry.countries:
        code = record.alpha_3
        if code not in listed:
            kb.country_names[code] = record.name
        for iso_name in {record.name, getattr(record, "common_name", record.name)}:
            if "," not in iso_name and "(" not in iso_name:
                kb.add(tokenize(iso_name), Entry(COUNTRY, kb.country_names[code], code))
    for row in read_data_table("actors", "organizations.tsv"):
        org_sector = row["sector"] or None
        entry = Entry(ORGANIZATION, row["name"], row["country"] or None, org_sector, row["code"] or None, row["kind"])
        for alias in [row["name"], *_split(row["aliases"])]:
            kb.add(tokenize(alias), entry, overwrite=True)
    for row in read_data_table("actors", "sectors.tsv"):
        if row["sector"] not in roles:
            raise DataError(f"data/actors/sectors.tsv: phrase {row['phrase']!r} has unknown sector {row['sector']!r}")
        kb.sectors[tuple(t.lower() for t in tokenize(row["phrase"]))] = (row["sector"], int(row["rank"]))
    log.info("knowledge base: %d phrases, %d sector phrases", len(kb.phrases) + len(kb.cased), len(kb.sectors))
    return kb
