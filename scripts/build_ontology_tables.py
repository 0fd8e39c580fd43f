"""Rebuild the ontology tables under src/polevent/data/ontology/ from ../shared/reference.

Only facts are taken: codes, short names, Goldstein values, quad classes and the
CAMEO->PLOVER crosswalk. Descriptions and codebook prose are left behind.
Run from the repository root: `python scripts/build_ontology_tables.py`.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

REFERENCE = Path("../shared/reference")
OUT = Path("src/polevent/data/ontology")

# PLOVER's crosswalk leaves out CAMEO 01 (statements, which PLOVER does not code
# as events) and 02 (appeals, which PLOVER folds into REQUEST). The 02 rows
# below are the project's own mapping, following PLOVER's REQUEST modes.
APPEAL_MODES = {
    "021": "assist",
    "022": "",
    "023": "assist",
    "024": "change",
    "025": "yield",
    "026": "meet",
    "027": "",
    "028": "",
}


# CAMEO codes whose PLOVER type departs from the 2021 crosswalk, and why (see the data README):
# blockades and occupying territory are coded as fighting (ASSAULT) by PLOVER annotations, as all
# other root-19 codes are; the 2021 table lists them under COERCE.
PLOVER_OVERRIDES = {
    "191": ("ASSAULT", ""),
    "192": ("ASSAULT", ""),
}


def main() -> int:
    if not REFERENCE.is_dir():
        print(f"missing {REFERENCE}: run from the repository root beside ../shared", file=sys.stderr)
        return 1
    events = list(csv.DictReader(open(REFERENCE / "cameo_event_codes.csv", encoding="utf-8")))
    crosswalk = {
        row["cameo_code"]: row
        for row in csv.DictReader(open(REFERENCE / "plover/cameo_to_plover_2021.csv", encoding="utf-8"))
    }
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "cameo_events.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "root", "parent", "name", "goldstein", "quad_class", "plover", "plover_mode"])
        for row in events:
            code = row["code"]
            goldstein = row["goldstein_gdelt"] or row["goldstein_icews_codebook"]
            if not goldstein:
                parent = next(e for e in events if e["code"] == row["parent_code"])
                goldstein = parent["goldstein_gdelt"]
            plover, mode = "", ""
            if code in crosswalk:
                plover = crosswalk[code]["plover_event_type"]
                mode = crosswalk[code]["plover_mode"]
            elif code.startswith("02"):
                plover = "REQUEST"
                mode = APPEAL_MODES.get(code[:3], "")
            plover, mode = PLOVER_OVERRIDES.get(code, (plover, mode))
            name = " ".join(row["codebook_name"].replace('"', "").split())
            writer.writerow(
                [code, row["root_code"], row["parent_code"], name, goldstein, row["quad_class"], plover, mode]
            )
    modes: dict[str, list[str]] = {}
    quads: dict[str, str] = {}
    for row in csv.DictReader(open(REFERENCE / "plover/plover_event_modes.csv", encoding="utf-8")):
        quads[row["event_type"]] = row["quad_category"]
        modes.setdefault(row["event_type"], [])
        if row["mode"]:
            modes[row["event_type"]].append(row["mode"])
    with open(OUT / "plover_types.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["event_type", "quad_category", "modes"])
        for event_type, quad in quads.items():
            writer.writerow([event_type, quad, "|".join(modes[event_type])])
    with open(OUT / "actor_roles.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "name"])
        for row in csv.DictReader(open(REFERENCE / "cameo_actor_codes.csv", encoding="utf-8")):
            if row["category"] == "actor_type_role" and row["code"] != "0":
                writer.writerow([row["code"], row["label"]])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
