"""Office-holders with dated roles, and user actor dictionaries.

The bundled people live in ``polevent/data/actors/people/*.tsv``, one row per
person and office: ``id, name, aliases, country, sector, role, title, start,
end``. A person's actor code on a given day comes from the office held that
day; a person who holds none that day (before, between or after offices, or
called "former") is coded with the country of the nearest office and the CAMEO
sector ``ELI`` (elites: former officials).

User dictionaries (YAML or CSV, see docs/actors.md) add people and
organisations or replace built-in ones with the same id.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import DataError

ROLES = (
    "head_of_state_and_government",
    "head_of_government",
    "head_of_state",
    "deputy_head",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "finance_minister",
    "minister",
    "military_chief",
    "intelligence_chief",
    "spokesperson",
    "legislature_leader",
    "judiciary_leader",
    "igo_official",
    "rebel_leader",
    "party_leader",
    "office",
)
#: Sector of a person on a day when no office is held.
FORMER_SECTOR = "ELI"
PERSON_COLUMNS = ("id", "name", "aliases", "country", "sector", "role", "title", "start", "end")
USER_COLUMNS = ("id", "kind", "name", "aliases", "code", "country", "sector", "role", "title", "start", "end")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def parse_bound(value: str, *, end: bool) -> date:
    """A YYYY, YYYY-MM or YYYY-MM-DD bound: the first day of its period for a start, the last for an end."""
    if not _DATE.match(value):
        raise ValueError(f"{value!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        year, month = parts
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)


@dataclass(frozen=True, slots=True)
class Role:
    """One office a person held: country, CAMEO sector, role class, title and dates (end None: in office)."""

    country: str
    sector: str
    role: str
    title: str
    start: date
    end: date | None
    start_text: str = ""
    end_text: str = ""

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def describe(self) -> str:
        span = f"{self.start_text or self.start.isoformat()}..{self.end_text or 'now'}"
        return f"{self.title} ({self.country} {self.sector}, {span})"


@dataclass(frozen=True, slots=True)
class Person:
    """A person the knowledge base knows, with every office held."""

    id: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]

    def role_on(self, day: date | None) -> Role | None:
        """The office held on ``day`` (the highest-ranked if several); with no day, the current or last one."""
        if day is None:
            current = [r for r in self.roles if r.end is None]
            pool = current or sorted(self.roles, key=lambda r: r.end or date.max)[-1:]
        else:
            pool = [r for r in self.roles if r.holds(day)]
        if not pool:
            return None
        return min(pool, key=lambda r: (ROLES.index(r.role) if r.role in ROLES else len(ROLES), -r.start.toordinal()))

    def nearest_role(self, day: date | None) -> Role:
        """The office closest in time to ``day`` (for a former office-holder's country)."""
        if day is None:
            return max(self.roles, key=lambda r: r.end or date.max)
        return min(
            self.roles,
            key=lambda r: 0 if r.holds(day) else min(abs((r.start - day).days), abs(((r.end or day) - day).days)),
        )

    def actor_on(
        self, day: date | None, *, former: bool = False, published: date | None = None
    ) -> tuple[str, str, str]:
        """(country, sector, how) for this person on ``day``.

        ``former`` (the text says "former") means out of office at publication: it holds for events on
        or after ``published``; an earlier event still gets the office held on its own day.
        """
        out = former and (published is None or day is None or day >= published)
        role = None if out else self.role_on(day)
        if role is not None:
            return role.country, role.sector, f"{self.name}, {role.describe()}"
        nearest = self.nearest_role(day)
        why = "called former" if out else f"holds no office on {day.isoformat() if day else 'that day'}"
        return nearest.country, FORMER_SECTOR, f"{self.name}, {why} (was {nearest.describe()})"


@dataclass(frozen=True, slots=True)
class UserOrganization:
    """An organisation from a user dictionary."""

    id: str
    name: str
    aliases: tuple[str, ...]
    code: str | None
    country: str | None
    sector: str | None


@dataclass(slots=True)
class PeopleTable:
    """People by id, plus the problems found while reading (each names file, line and field)."""

    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, UserOrganization] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split("|") if p.strip())


class RowError(DataError):
    """One bad row of an actor dictionary."""


def _role(row: dict[str, Any], where: str, known_sectors: Iterable[str] | None) -> Role:
    def need(name: str) -> str:
        value = str(row.get(name) or "").strip()
        if not value:
            raise RowError(f"{where}: field {name!r} is empty")
        return value

    country, sector, role = need("country"), need("sector"), need("role")
    if role not in ROLES:
        raise RowError(f"{where}: field 'role' is {role!r}; use one of {', '.join(ROLES)}")
    if known_sectors is not None and sector not in known_sectors:
        raise RowError(f"{where}: field 'sector' is {sector!r}, not a CAMEO sector code")
    if not re.fullmatch(r"[A-Z]{3,9}", country):
        raise RowError(f"{where}: field 'country' is {country!r}; use a code such as USA or IGOUNO")
    start_text = need("start")
    end_text = str(row.get("end") or "").strip()
    try:
        start = parse_bound(start_text, end=False)
        end = parse_bound(end_text, end=True) if end_text else None
    except ValueError as exc:
        raise RowError(f"{where}: {exc}") from exc
    if end is not None and end < start:
        raise RowError(f"{where}: 'end' {end_text} is before 'start' {start_text}")
    return Role(
        country, sector, role, str(row.get("title") or role.replace("_", " ")), start, end, start_text, end_text
    )


def read_people_rows(
    rows: Iterable[tuple[str, dict[str, Any]]], table: PeopleTable, known_sectors: Iterable[str] | None
) -> list[str]:
    """Add person/organisation rows (with a 'where' label each) to ``table``; returns the problems found.

    Rows sharing an id within one call are one person's several offices; an id already in the table
    (from an earlier call: the bundled data, or an earlier user dictionary) is replaced whole.
    """
    sectors = set(known_sectors) if known_sectors is not None else None
    problems: list[str] = []
    grouped: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for where, row in rows:
        ident = str(row.get("id") or "").strip()
        if not ident or not _SLUG.match(ident):
            problems.append(f"{where}: field 'id' is {ident!r}; use lowercase letters, digits and hyphens")
            continue
        grouped.setdefault(ident, []).append((where, row))
    for ident, entries in grouped.items():
        kind = str(entries[0][1].get("kind") or "person").strip()
        where, first = entries[0]
        name = str(first.get("name") or "").strip()
        if not name:
            problems.append(f"{where}: field 'name' is empty")
            continue
        if kind == "organization":
            code = str(first.get("code") or "").strip() or None
            country = str(first.get("country") or "").strip() or None
            sector = str(first.get("sector") or "").strip() or None
            if sectors is not None and sector is not None and sector not in sectors:
                problems.append(f"{where}: field 'sector' is {sector!r}, not a CAMEO sector code")
                continue
            if not (code or country or sector):
                problems.append(f"{where}: an organisation needs at least one of 'code', 'country', 'sector'")
                continue
            table.organizations[ident] = UserOrganization(
                ident, name, _split(first.get("aliases")), code, country, sector
            )
            continue
        if kind == "sector":
            sector = str(first.get("sector") or "").strip()
            if not sector or (sectors is not None and sector not in sectors):
                problems.append(f"{where}: field 'sector' is {sector!r}, not a CAMEO sector code")
                continue
            for phrase in (name, *_split(first.get("aliases"))):
                table.sectors[phrase.lower()] = sector
            continue
        if kind != "person":
            problems.append(f"{where}: field 'kind' is {kind!r}; use person, organization or sector")
            continue
        roles = []
        for row_where, row in entries:
            try:
                roles.append(_role(row, row_where, sectors))
            except RowError as exc:
                problems.append(str(exc))
        if not roles:
            continue
        aliases: list[str] = []
        for _, row in entries:
            aliases.extend(a for a in _split(row.get("aliases")) if a not in aliases)
        table.people[ident] = Person(ident, name, tuple(aliases), tuple(sorted(roles, key=lambda r: r.start)))
    return problems


def tsv_rows(text: str, label: str) -> Iterable[tuple[str, dict[str, Any]]]:
    """Rows of a tab-separated person file, each with 'FILE:LINE' for messages."""
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != PERSON_COLUMNS:
        raise DataError(f"{label}: the header must be {' '.join(PERSON_COLUMNS)} (tab-separated)")
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        values = line.split("\t")
        if len(values) != len(PERSON_COLUMNS):
            raise DataError(f"{label}:{number}: {len(values)} fields, expected {len(PERSON_COLUMNS)}")
        yield f"{label}:{number}", dict(zip(PERSON_COLUMNS, values, strict=True))


def user_rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """Rows of a user dictionary: YAML (a list of entries, people may carry a ``roles`` list) or CSV."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read the actor dictionary: {exc}") from exc
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return _yaml_rows(text, path)
    if suffix in {".csv", ".tsv"}:
        reader = csv.DictReader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")
        unknown = [c for c in reader.fieldnames or () if c not in USER_COLUMNS]
        if not reader.fieldnames or "id" not in reader.fieldnames or "name" not in reader.fieldnames:
            raise DataError(f"{path}:1: the header needs at least 'id' and 'name' (columns: {', '.join(USER_COLUMNS)})")
        if unknown:
            raise DataError(f"{path}:1: unknown column(s) {', '.join(unknown)}; use {', '.join(USER_COLUMNS)}")
        return [(f"{path}:{number}", row) for number, row in enumerate(reader, start=2)]
    raise DataError(f"{path}: an actor dictionary must be .yaml, .yml, .csv or .tsv")


def _yaml_rows(text: str, path: Path) -> list[tuple[str, dict[str, Any]]]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise DataError(f"{path}{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if isinstance(data, dict) and "actors" in data:
        data = data["actors"]
    if not isinstance(data, list):
        raise DataError(f"{path}: expected a list of actor entries (or a mapping with an 'actors' list)")
    rows: list[tuple[str, dict[str, Any]]] = []
    for number, entry in enumerate(data, start=1):
        where = f"{path}: entry {number}"
        if not isinstance(entry, dict):
            raise DataError(f"{where}: expected a mapping with id, name, ...")
        unknown = [k for k in entry if k not in USER_COLUMNS and k != "roles"]
        if unknown:
            raise DataError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}")
        base = {k: _yaml_value(v) for k, v in entry.items() if k != "roles"}
        roles = entry.get("roles")
        if roles is None:
            rows.append((where, base))
            continue
        if not isinstance(roles, list) or not roles:
            raise DataError(f"{where}: 'roles' must be a non-empty list")
        for role_number, role in enumerate(roles, start=1):
            if not isinstance(role, dict):
                raise DataError(f"{where}, role {role_number}: expected a mapping")
            rows.append((f"{where}, role {role_number}", {**base, **{k: _yaml_value(v) for k, v in role.items()}}))
    return rows


def _yaml_value(value: Any) -> Any:
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def bundled_person_files() -> Sequence[tuple[str, str]]:
    """(label, text) of every bundled person file."""
    from importlib import resources

    folder = resources.files("polevent").joinpath("data", "actors", "people")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".tsv")), key=lambda f: f.name)
    return [(f"data/actors/people/{f.name}", f.read_text(encoding="utf-8")) for f in files]
