"""Convert PETRARCH / TABARI actor and agent dictionaries into polevent's user dictionary format.

The TABARI format, as used by PETRARCH and the Phoenix dictionaries:

- an entry starts with a phrase line, words joined by underscores
  (``ABDUL_QADIR_``), optionally with a code in brackets on the same line and a
  ``# comment``;
- ``+PHRASE`` lines add synonyms to the entry;
- indented ``[CODE]`` lines give its codes, optionally dated: ``[CODE
  YYMMDD-YYMMDD]`` (from-to), ``[CODE >YYMMDD]`` (from), ``[CODE <YYMMDD]``
  (until); an undated code next to dated ones is the default outside them;
- agent dictionaries give sector words as ``PHRASE [~SEC]`` (``~GOVMIL``: the
  last three letters are the most specific sector).

An entry with dated codes becomes a person with one role per dated code; an
entry with one undated code becomes an organisation (a fixed code); an agent
becomes a sector phrase. Lines that cannot be converted are reported with
their number and the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .people import USER_COLUMNS

#: Short upper-case words that are words or name particles, not abbreviations: written capitalised.
_SMALL_WORDS = {
    "AL", "EL", "DE", "BIN", "VAN", "VON", "DER", "DU", "DA", "DOS", "LE", "LA", "ABU", "IBN", "BEN",
    "NO", "OF", "THE", "AND", "FOR", "ON", "IN", "TO", "AT", "BY", "NEW", "OLD", "WAR", "ARMY",
}  # fmt: skip
_CODE = re.compile(r"\[([^\]]*)\]")
_DATED = re.compile(r"^(~?[A-Z0-9]{3,15}~?)(?:\s+(?:(\d{6}|\d{8})-(\d{6}|\d{8})|>(\d{6}|\d{8})|<(\d{6}|\d{8})))?$")


@dataclass(slots=True)
class Conversion:
    """What an import produced: rows in the user dictionary columns, and what it could not convert."""

    rows: list[dict[str, str]] = field(default_factory=list)
    entries: int = 0
    converted: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.converted / self.entries if self.entries else 0.0


@dataclass(slots=True)
class _Entry:
    line: int
    phrases: list[str]
    codes: list[tuple[int, str]] = field(default_factory=list)


def tabari_date(value: str) -> str:
    """YYMMDD or YYYYMMDD -> YYYY-MM-DD (two-digit years up to 30 are 20xx); an impossible day is moved to
    the month's last."""
    import calendar

    if len(value) == 8:
        year, mm, dd = int(value[:4]), int(value[4:6]), int(value[6:8])
    else:
        yy, mm, dd = int(value[:2]), int(value[2:4]), int(value[4:6])
        year = 2000 + yy if yy <= 30 else 1900 + yy
    if not 1 <= mm <= 12:
        raise ValueError(f"month {mm} in {value!r}")
    dd = min(max(dd, 1), calendar.monthrange(year, mm)[1])
    return date(year, mm, dd).isoformat()


def phrase_text(raw: str) -> str:
    """``ABDUL_RASHID_DOSTUM_`` -> ``Abdul Rashid Dostum`` (all-caps abbreviations with dots kept)."""
    words = [w for w in raw.strip().strip("_").split("_") if w]
    out = []
    for word in words:
        if "." in word or (len(word) <= 4 and word.isupper() and not word.isalpha()):
            out.append(word)
        elif len(word) <= 3 and word.isupper() and word.isalpha() and word not in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(word.capitalize() if word.isupper() else word)
    return " ".join(out)


def sector_of(code: str) -> str:
    """The first CAMEO sector code after a code's country part (``INDASMGOV`` -> ``GOV``); "" if none."""
    from .ontology import actor_roles

    roles = actor_roles()
    for start in range(3, len(code) - 2, 3):
        if code[start : start + 3] in roles:
            return code[start : start + 3]
    return ""


def slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "entry"


def _entries(lines: list[str], label: str, result: Conversion) -> Iterable[_Entry]:
    current: _Entry | None = None
    for number, raw in enumerate(lines, start=1):
        if raw.lstrip().startswith("#"):  # a comment line, also inside an entry's synonym list
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            if current is not None:
                yield current
                current = None
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is None:
                result.skipped.append(f"{label}:{number}: a synonym line outside any entry")
                continue
            current.phrases.append(stripped[1:].strip())
            continue
        if line[:1] in {" ", "\t"} and stripped.startswith("["):
            if current is None:
                result.skipped.append(f"{label}:{number}: a code line outside any entry")
                continue
            for code in _CODE.findall(stripped):
                current.codes.append((number, code.strip()))
            continue
        if stripped.startswith("{") or stripped.startswith("<"):
            result.skipped.append(f"{label}:{number}: unsupported construct {stripped[:30]!r}")
            continue
        # A phrase line: another phrase of the current entry while that entry has no code yet
        # (TABARI lists alternative phrases before their code lines), else a new entry.
        phrase = _CODE.split(stripped)[0].strip()
        inline = [(number, c.strip()) for c in _CODE.findall(stripped)]
        if current is not None and not current.codes:
            current.phrases.append(phrase)
            current.codes.extend(inline)
            continue
        if current is not None:
            yield current
        current = _Entry(number, [phrase], inline)
    if current is not None:
        yield current


def convert(path: Path, *, label: str | None = None, prefix: str = "") -> Conversion:
    """Convert one TABARI-format dictionary file; ids get ``prefix`` (keeps several files' ids apart)."""
    result = Conversion()
    name = label or path.name
    text = path.read_text(encoding="utf-8", errors="replace")
    seen_ids: dict[str, int] = {}
    for entry in _entries(text.splitlines(), name, result):
        result.entries += 1
        phrases = [phrase_text(p) for p in entry.phrases if phrase_text(p)]
        if not phrases:
            result.skipped.append(f"{name}:{entry.line}: an entry with no phrase")
            continue
        if not entry.codes:
            result.skipped.append(f"{name}:{entry.line}: {phrases[0]!r} has no code")
            continue
        base = f"{prefix}-{slug(phrases[0])}" if prefix else slug(phrases[0])
        seen_ids[base] = seen_ids.get(base, 0) + 1
        ident = base if seen_ids[base] == 1 else f"{base}-{seen_ids[base]}"
        rows, problem = _rows(ident, phrases, entry.codes, name)
        if problem:
            result.skipped.append(problem)
            continue
        result.rows.extend(rows)
        result.converted += 1
    return result


def _rows(
    ident: str, phrases: list[str], codes: list[tuple[int, str]], label: str
) -> tuple[list[dict[str, str]], str | None]:
    blank = dict.fromkeys(USER_COLUMNS, "")
    aliases = "|".join(phrases[1:])
    parsed = []
    for number, code in codes:
        match = _DATED.match(code)
        if match is None:
            return [], f"{label}:{number}: cannot read the code {code!r}"
        try:
            start = tabari_date(match.group(2) or match.group(4)) if (match.group(2) or match.group(4)) else ""
            end = tabari_date(match.group(3) or match.group(5)) if (match.group(3) or match.group(5)) else ""
        except ValueError as exc:
            return [], f"{label}:{number}: bad date in {code!r}: {exc}"
        if start and end and end < start:
            return [], f"{label}:{number}: {code!r} ends before it starts"
        parsed.append((match.group(1), start, end, bool(match.group(5))))
    if all("~" in code for code, *_ in parsed):  # an agent: sector words (~GOVMIL, or IGO~)
        from .ontology import actor_roles

        sector = parsed[0][0].replace("~", "")[-3:]
        if sector not in actor_roles():
            return [], f"{label}:{codes[0][0]}: agent code {parsed[0][0]!r}: {sector} is not a sector polevent knows"
        return [
            {**blank, "id": ident, "kind": "sector", "name": phrases[0], "aliases": aliases, "sector": sector}
        ], None
    dated = [p for p in parsed if p[1] or p[2]]
    if not dated:
        code = parsed[0][0].lstrip("~")
        country, sector = code[:3], sector_of(code)
        if code.startswith(("IGO", "NGO", "IMG", "MNC")):
            country, sector = code, code[:3]
        return [
            {
                **blank,
                "id": ident,
                "kind": "organization",
                "name": phrases[0],
                "aliases": aliases,
                "code": code,
                "country": country,
                "sector": sector,
            }  # fmt: skip
        ], None
    rows = []
    for code, start, end, _until in dated:
        code = code.lstrip("~")
        country, sector = code[:3], sector_of(code) or "GOV"
        rows.append(
            {
                **blank,
                "id": ident,
                "kind": "person",
                "name": phrases[0],
                "aliases": aliases,
                "country": country,
                "sector": sector,
                "role": "office",
                "title": f"{code} (imported)",
                "start": start or "1900",
                "end": end,
            }  # fmt: skip
        )
    return rows, None
