"""CAMEO and PLOVER as data: event codes, Goldstein values, quad classes, the crosswalk.

The tables live in ``polevent/data/ontology/`` and are read lazily, once.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .errors import DataError


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with the facts polevent attaches to it."""

    code: str
    root: str
    parent: str | None
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None


def read_data_table(*parts: str) -> list[dict[str, str]]:
    """Read a tab-separated table bundled under ``polevent/data``; lines starting with '#' are comments."""
    resource = resources.files("polevent").joinpath("data", *parts)
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"bundled data file data/{'/'.join(parts)} is missing; reinstall polevent") from exc
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            raise DataError(f"data/{'/'.join(parts)}: row {number} has the wrong number of columns")
    return rows


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO event code (roots, 3- and 4-digit codes), keyed by code."""
    table: dict[str, CameoCode] = {}
    for row in read_data_table("ontology", "cameo_events.tsv"):
        table[row["code"]] = CameoCode(
            code=row["code"],
            root=row["root"],
            parent=row["parent"] or None,
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=row["plover"] or None,
            plover_mode=row["plover_mode"] or None,
        )
    return table


@cache
def plover_types() -> dict[str, tuple[str, tuple[str, ...]]]:
    """PLOVER event types: ``type -> (quad category, modes)``."""
    return {
        row["event_type"]: (row["quad_category"], tuple(m for m in row["modes"].split("|") if m))
        for row in read_data_table("ontology", "plover_types.tsv")
    }


@cache
def actor_roles() -> dict[str, str]:
    """CAMEO actor role (sector) codes and their names."""
    return {row["code"]: row["name"] for row in read_data_table("ontology", "actor_roles.tsv")}


def lookup(code: str) -> CameoCode:
    """The CAMEO entry for ``code``; raises DataError naming an unknown code."""
    try:
        return cameo_codes()[code]
    except KeyError as exc:
        raise DataError(f"unknown CAMEO event code {code!r}") from exc


def penta_class(code: str) -> int:
    """The five-way class of a CAMEO code, as in Phoenix's PentaClass (used by ConfliBERT's 'penta' labels):
    0 statements and appeals (01-02), 1 verbal cooperation (03-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13 and 16, reducing relations), 4 material conflict (14-15, 17-20)."""
    root = int(code[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4
