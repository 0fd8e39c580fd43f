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
from pathlib import Path

from .errors import DataError
from .ontology import actor_roles, read_data_table
from .people import PeopleTable, Person, bundled_person_files, read_people_rows, tsv_rows, user_rows

log = logging.getLogger(__name__)

#: Kinds of knowledge-base entries.
COUNTRY, DEMONYM, CAPITAL, SEAT, ORGANIZATION, PERSON = (
    "country",
    "demonym",
    "capital",
    "seat",
    "organization",
    "person",
)


#: ``org_kind`` of a country entry that names a region of the country ("Darfur"), not the country.
REGION = "region"

#: Codes whose first three letters are a kind of international actor, not a country.
GROUP_PREFIXES = ("IGO", "NGO", "IMG", "MNC")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a phrase in the knowledge base stands for."""

    kind: str
    name: str
    country: str | None
    sector: str | None = None
    code: str | None = None
    org_kind: str | None = None
    person: str | None = None


@dataclass(slots=True)
class KnowledgeBase:
    """Phrase tables for actor matching; build with :func:`knowledge_base`."""

    phrases: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    cased: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    sectors: dict[tuple[str, ...], tuple[str, int]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    max_len: int = 1
    first_tokens: set[str] = field(default_factory=set)
    people: dict[str, Person] = field(default_factory=dict)

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
            if entry is not None and entry.kind in {ORGANIZATION, PERSON} and length == 1 and window[0].islower():
                continue  # "at dawn", "let them": a common word in lower case names no outlet or group
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


def knowledge_base(user_dictionaries: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The bundled knowledge base merged with user dictionaries (built once per process and set of files).

    User dictionaries are read in order, each over the previous: an entry whose id is already known
    replaces it. Files in the user actor folder (``polevent actors add``) come first.
    """
    files = tuple(str(Path(p).resolve()) for p in (*installed_dictionaries(), *user_dictionaries))
    return _knowledge_base(files)


def installed_dictionaries() -> list[Path]:
    """Dictionaries added with ``polevent actors add`` (in the user data folder), in name order."""
    return list(_installed(str(user_actor_folder())))


@cache
def _installed(folder: str) -> tuple[Path, ...]:
    """The dictionaries in one folder, listed once per process (geocoding asks for the base per place)."""
    path = Path(folder)
    if not path.is_dir():
        return ()
    return tuple(sorted(p for p in path.iterdir() if p.suffix.lower() in {".yaml", ".yml", ".csv", ".tsv"}))


def user_actor_folder() -> Path:
    """Where ``polevent actors add`` keeps dictionaries: ``$POLEVENT_ACTORS`` or the user data folder."""
    import os

    if os.environ.get("POLEVENT_ACTORS"):
        return Path(os.environ["POLEVENT_ACTORS"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("polevent", appauthor=False)) / "actors"


def load_people(user_dictionaries: Iterable[str | Path] = ()) -> PeopleTable:
    """Bundled people, then each user dictionary over them; a bad row raises DataError naming it."""
    roles = set(actor_roles())
    table = PeopleTable()
    bundled = [row for label, text in bundled_person_files() for row in tsv_rows(text, label)]
    problems = read_people_rows(bundled, table, roles)
    if problems:
        raise DataError("bad bundled person data: " + "; ".join(problems[:5]))
    for path in user_dictionaries:
        problems = read_people_rows(user_rows(Path(path)), table, roles)
        if problems:
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            raise DataError("bad actor dictionary: " + "; ".join(problems[:5]) + more)
    return table


@cache
def _knowledge_base(user_dictionaries: tuple[str, ...]) -> KnowledgeBase:
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
    for row in read_data_table("actors", "regions.tsv"):
        if row["country"] not in kb.country_names:
            raise DataError(f"data/actors/regions.tsv: {row['name']}: unknown country {row['country']!r}")
        region = Entry(COUNTRY, row["name"], row["country"], org_kind=REGION)
        for alias in [row["name"], *_split(row["aliases"])]:
            key = tuple(t.lower() for t in tokenize(alias))
            if key in kb.phrases:
                raise DataError(f"data/actors/regions.tsv: {alias!r} is already a name of {kb.phrases[key].name}")
            kb.add(tokenize(alias), region)
    for row in read_data_table("actors", "organizations.tsv"):
        org_sector = row["sector"] or None
        org_code = row["code"] or None
        # CAMEO puts IGO/NGO/IMG/MNC in the country slot of an international actor's code (IGOUNO: country IGO).
        org_country = org_code[:3] if org_code and org_code[:3] in GROUP_PREFIXES else (row["country"] or None)
        org_entry = Entry(ORGANIZATION, row["name"], org_country, org_sector, org_code, row["kind"])
        for alias in [row["name"], *_split(row["aliases"])]:
            kb.add(tokenize(alias), org_entry, overwrite=True)
    table = load_people(user_dictionaries)
    for org in table.organizations.values():
        user_entry = Entry(ORGANIZATION, org.name, org.country, org.sector, org.code, "user")
        for alias in [org.name, *org.aliases]:
            kb.add(tokenize(alias), user_entry, overwrite=True)
    _add_people(kb, table.people)
    for row in read_data_table("actors", "sectors.tsv"):
        if row["sector"] not in roles:
            raise DataError(f"data/actors/sectors.tsv: phrase {row['phrase']!r} has unknown sector {row['sector']!r}")
        kb.sectors[tuple(t.lower() for t in tokenize(row["phrase"]))] = (row["sector"], int(row["rank"]))
    for phrase, sector in table.sectors.items():  # user sector words: role nouns (rank 2)
        kb.sectors[tuple(t.lower() for t in tokenize(phrase))] = (sector, 2)
    log.info("knowledge base: %d phrases, %d sector phrases", len(kb.phrases) + len(kb.cased), len(kb.sectors))
    return kb


def _add_people(kb: KnowledgeBase, people: dict[str, Person]) -> None:
    """Index people by name and aliases; an alias two people share is dropped (a full name is kept for the
    first), and no person name hides a country, place or organisation."""
    owners: dict[tuple[str, ...], set[str]] = {}
    for person in people.values():
        for alias in (person.name, *person.aliases):
            owners.setdefault(tuple(t.lower() for t in tokenize(alias)), set()).add(person.id)
    kb.people = dict(people)
    for person in people.values():
        for number, alias in enumerate((person.name, *person.aliases)):
            tokens = tokenize(alias)
            key = tuple(t.lower() for t in tokens)
            if len(owners[key]) > 1 and number > 0:
                countries = {people[o].roles[-1].country for o in owners[key]}
                if len(countries) == 1 and key not in kb.phrases and tokens not in kb.cased:
                    # "President Bush": two people, one country; the name still tells the country.
                    candidates = "|".join(sorted(owners[key]))  # the day may still tell them apart
                    kb.add(tokens, Entry(PERSON, alias, countries.pop(), None, candidates, None, None))
                continue
            if key in kb.phrases or tokens in kb.cased:
                continue
            kb.add(tokens, Entry(PERSON, person.name, None, None, None, None, person.id))
