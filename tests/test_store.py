"""The DuckDB event store: round trips, idempotent ingest, deduplication, queries and exports."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polevent.exports import GDELT_COLUMNS, gdelt_row, split_actor_code
from polevent.records import Actor, Document, Event, Location, Problem, Span
from polevent.store import MIGRATIONS, EventStore, Filters, StoreError, parse_key
from tests.test_records import events as event_strategy

# The GDELT 2.0 event table, column by column, as its codebook lists them (written out here on purpose,
# so that a change to the exporter's list is caught).
GDELT_2_COLUMNS = """GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code
Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code
Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat
Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat
Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat
ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL""".split()

TEXT = "Sudanese troops shelled the town on Tuesday. Officials condemned the attack."


def actor(code: str, country: str, start: int = 0, sector: str | None = None) -> Actor:
    return Actor(text=code, start=start, end=start + 3, code=code, country=country, sector=sector)


def make_event(
    doc_id: str,
    *,
    source: str = "SDNMIL",
    target: str = "SDNREB",
    cameo: str = "195",
    root: str = "19",
    day: str | None = "2024-06-11",
    place: Location | None = None,
    quad: int = 4,
    goldstein: float = -10.0,
    confidence: float = 0.8,
) -> Event:
    return Event(
        source=actor(source, source[:3], sector=source[3:] or None),
        target=actor(target, target[:3], start=20, sector=target[3:] or None),
        cameo=cameo,
        cameo_root=root,
        quad_class=quad,
        goldstein=goldstein,
        plover="ASSAULT" if root == "19" else None,
        plover_mode=None,
        trigger=Span("shelled", 16, 23),
        sentence_start=0,
        sentence_end=44,
        confidence=confidence,
        explanation="lexicon: shell -> 195",
        date=day,
        date_precision="day" if day else None,
        location=place,
        doc_id=doc_id,
    )


def doc(doc_id: str, *, source: str | None = None, text: str = TEXT, day: str = "2024-06-11") -> Document:
    return Document(id=doc_id, text=text, date=day, url=f"https://example.org/{doc_id}", source=source)


@pytest.fixture
def store(tmp_path):
    with EventStore(tmp_path / "events.duckdb") as opened:
        yield opened


def snapshot(s: EventStore) -> dict[str, list[tuple]]:
    return {name: s.table_rows(name) for name in ("documents", "errors", "mentions", "events")}


documents_with_events = st.lists(
    st.tuples(st.text(min_size=1, max_size=12), st.text(max_size=60), st.lists(event_strategy, max_size=4)),
    max_size=5,
    unique_by=lambda item: item[0],
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents_with_events)
def test_events_round_trip_through_the_store_and_reingest_changes_nothing(tmp_path_factory, items):
    path = tmp_path_factory.mktemp("store") / "events.duckdb"
    pairs = [
        (Document(id=doc_id, text=text), [replace(e, doc_id=doc_id) for e in events]) for doc_id, text, events in items
    ]
    with EventStore(path) as s:
        s.add(pairs)
        stored = s.mentions()
        expected = [e for _, events in pairs for e in events]
        assert sorted(stored, key=lambda e: e.doc_id or "") == sorted(expected, key=lambda e: e.doc_id or "")
        before = snapshot(s)
        stats = s.add(pairs)
        assert stats.unchanged == len(pairs) and stats.new == 0
        assert snapshot(s) == before
        s.rebuild_events()
        assert snapshot(s) == before, "the incremental rebuild equals a full one"


def test_every_field_survives_including_partial_dates_and_locations(store):
    place = Location("El Fasher", "SDN", 13.63, 25.35, 30, 39)
    event = replace(make_event("a", place=place, day="2024-06"), plover_mode="heavy-weapons")
    store.add([(doc("a"), [event])])
    (back,) = store.mentions()
    assert back == event
    assert back.date == "2024-06" and back.location == place


def test_migrations_are_recorded_and_not_reapplied(tmp_path):
    path = tmp_path / "s.duckdb"
    with EventStore(path) as s:
        assert s.schema_version() == len(MIGRATIONS)
    with EventStore(path) as s:
        assert s.migrate() == []
        rows = s.con.execute("SELECT version FROM schema_migrations").fetchall()
    assert rows == [(v,) for v, _, _ in MIGRATIONS]


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="no event store"):
        EventStore(tmp_path / "missing.duckdb", read_only=True)


def test_changed_document_is_recoded_and_its_mentions_replaced(store):
    store.add([(doc("a"), [make_event("a"), make_event("a", cameo="111", root="11", quad=3, goldstein=-2.0)])])
    assert store.counts()["mentions"] == 2
    stats = store.add([(doc("a", text=TEXT + " More."), [make_event("a", cameo="190")])])
    assert (stats.recoded, stats.new, stats.unchanged) == (1, 0, 0)
    assert [e.cameo for e in store.mentions()] == ["190"]
    assert store.counts()["events"] == 1
    incremental = store.table_rows("events")
    store.rebuild_events()
    assert store.table_rows("events") == incremental


def test_a_new_coder_signature_recodes_an_unchanged_document(store):
    store.add([(doc("a"), [make_event("a")])], signature="v1")
    stats = store.add([(doc("a"), [make_event("a")])], signature="v2")
    assert stats.recoded == 1


def test_problems_are_stored_and_cleared_when_the_document_is_coded(store):
    store.add([_problem_outcome("bad.txt")])
    assert store.errors() == [Problem("bad.txt", "read", "not UTF-8 text", "bad.txt")]
    store.add([_problem_outcome("bad.txt")])
    assert len(store.errors()) == 1, "the same failure twice is one error row"
    store.add([(doc("bad.txt"), [])])
    assert store.errors() == []


def _problem_outcome(doc_id: str):
    from polevent.coder import Outcome

    return Outcome(None, problem=Problem(doc_id, "read", "not UTF-8 text", doc_id))


def test_three_outlets_one_clash_is_one_event_with_three_mentions_and_sources(store):
    place = Location("El Fasher", "SDN", 13.63, 25.35, 30, 39)
    outlets = ("Sudan Tribune", "Radio Dabanga", "Wire Service")
    store.add([(doc(f"d{i}", source=o), [make_event(f"d{i}", place=place)]) for i, o in enumerate(outlets)])
    (event,) = store.query(Filters())
    assert (event["mentions"], event["sources"], event["documents"]) == (3, 3, 3)
    assert event["first_seen"] == event["last_seen"] == date(2024, 6, 11)
    assert len(store.mentions(event_id=event["event_id"])) == 3


def test_dedup_key_separates_days_places_codes_and_can_be_coarsened(store):
    khartoum = Location("Khartoum", "SDN", 15.5, 32.5, 30, 38)
    store.add(
        [
            (doc("a"), [make_event("a")]),
            (doc("b"), [make_event("b", day="2024-06-12")]),  # another day
            (doc("c"), [make_event("c", place=khartoum)]),  # a known place differs from an unknown one
            (doc("d"), [make_event("d", cameo="193")]),  # another leaf, same root
        ]
    )
    assert store.counts()["events"] == 4
    store.set_dedup_key("day,source,target,root")
    assert store.counts()["events"] == 2
    assert store.dedup_key == ("day", "source", "target", "root")
    with pytest.raises(StoreError, match="either 'cameo'"):
        parse_key("cameo,root")
    with pytest.raises(StoreError, match="bad deduplication key"):
        parse_key("day,colour")


def test_average_confidence_and_counts_aggregate(store):
    store.add([(doc("a", source="X"), [make_event("a", confidence=0.6)]), (doc("b", source="X"), [make_event("b")])])
    (event,) = store.query(Filters())
    assert event["avg_confidence"] == pytest.approx(0.7)
    assert (event["mentions"], event["sources"], event["documents"]) == (2, 1, 2)


def _corpus(store: EventStore) -> None:
    rows = []
    days = ["2024-01-01", "2024-01-03", "2024-01-09", "2024-01-10", "2024-01-17"]
    for i, day in enumerate(days):
        rows.append(
            (
                doc(f"u{i}", day=day),
                [
                    make_event(
                        f"u{i}", source="USAGOV", target="CHN", cameo="036", root="03", quad=1, goldstein=4.0, day=day
                    ),  # fmt: skip
                    make_event(
                        f"u{i}", source="CHNGOV", target="USA", cameo="112", root="11", quad=3, goldstein=-2.0, day=day
                    ),  # fmt: skip
                ],
            )
        )
    rows.append((doc("r"), [make_event("r", source="RUSMIL", target="UKR", day="2024-01-02")]))
    store.add(rows)


def test_series_counts_quad_classes_per_week(store):
    _corpus(store)
    weeks = store.series(Filters(source="USA", target="CHN"), by="week")
    assert [(str(w["period"]), w["q1"], w["q3"], w["events"]) for w in weeks] == [
        ("2024-01-01", 2, 0, 2),
        ("2024-01-08", 2, 0, 2),
        ("2024-01-15", 1, 0, 1),
    ]
    assert sum(w["goldstein_sum"] for w in weeks) == pytest.approx(20.0)
    either = store.series(Filters(either="CHN"), by="month")
    assert [(w["q1"], w["q3"]) for w in either] == [(5, 5)]
    with pytest.raises(StoreError, match="unknown period"):
        store.series(Filters(), by="fortnight")


def test_query_filters(store):
    _corpus(store)
    assert len(store.query(Filters(source="CHN"))) == 5
    assert len(store.query(Filters(sector="MIL"))) == 1
    assert len(store.query(Filters(cameo="19"))) == 1
    assert len(store.query(Filters(plover="assault"))) == 1
    assert len(store.query(Filters(quad_class=3, since="2024-01-09"))) == 3
    assert len(store.query(Filters(until="2024-01-02"))) == 3
    assert len(store.query(Filters(country="UKR"))) == 1
    assert len(store.query(Filters(text="SHELLED"))) == 11
    assert len(store.query(Filters(text="no such words"))) == 0
    worst = store.query(Filters(), order="goldstein", limit=1)[0]
    assert worst["cameo"] == "195"


def test_network_edges_and_levels(store):
    _corpus(store)
    graph = store.network(Filters(), top=10, level="code")
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert edges[("USAGOV", "CHN")]["events"] == 5
    assert edges[("CHNGOV", "USA")]["mean_goldstein"] == -2.0
    countries = store.network(Filters(), top=2, level="country")
    assert {n["id"] for n in countries["nodes"]} == {"USA", "CHN"}
    assert {(e["source"], e["target"]) for e in countries["edges"]} == {("USA", "CHN"), ("CHN", "USA")}


def test_gdelt_export_has_the_61_columns_in_order_and_keeps_leading_zeros(store, tmp_path):
    assert GDELT_COLUMNS == tuple(GDELT_2_COLUMNS) and len(GDELT_COLUMNS) == 61
    _corpus(store)
    path = tmp_path / "events.tsv"
    assert store.export(path, "gdelt", Filters(source="USA")) == 5
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert rows[0] == GDELT_2_COLUMNS
    assert all(len(row) == 61 for row in rows)
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["EventCode"] == "036" and record["EventRootCode"] == "03" and record["EventBaseCode"] == "036"
    assert record["SQLDATE"] == "20240101" and record["MonthYear"] == "202401" and record["Year"] == "2024"
    assert record["Actor1Code"] == "USAGOV" and record["Actor1Type1Code"] == "GOV"
    assert record["Actor1CountryCode"] == "USA" and record["Actor2Code"] == "CHN"
    assert record["NumMentions"] == "1" and record["SOURCEURL"].startswith("https://example.org/")
    assert len(record["DATEADDED"]) == 14
    loaded = duckdb.read_csv(str(path), sep="\t", header=True, all_varchar=True).fetchall()
    assert loaded[0][GDELT_2_COLUMNS.index("EventCode")] == "036"


def test_gdelt_row_geography_and_group_codes():
    row = {
        "event_id": "0" * 32,
        "day": date(2024, 6, 11),
        "source_code": "IGOUNO",
        "source_country": "IGOUNO",
        "source_sector": "IGO",
        "source_name": "United Nations",
        "target_code": "AFGREBTAL",
        "target_country": "AFG",
        "target_sector": "REB",
        "target_name": None,
        "cameo": "0231",
        "cameo_root": "02",
        "quad_class": 1,
        "goldstein": 3.4,
        "mentions": 2,
        "sources": 1,
        "documents": 2,
        "location_name": "Kandahar",
        "location_country": "AFG",
        "location_lat": 31.61,
        "location_lon": 65.71,
        "first_added": None,
        "url": None,
    }
    record = dict(zip(GDELT_COLUMNS, gdelt_row(row), strict=True))
    assert (record["Actor1Type1Code"], record["Actor1KnownGroupCode"], record["Actor1CountryCode"]) == (
        "IGO",
        "UNO",
        "",
    )
    assert (record["Actor2CountryCode"], record["Actor2Type1Code"], record["Actor2KnownGroupCode"]) == (
        "AFG",
        "REB",
        "TAL",
    )
    assert record["ActionGeo_CountryCode"] == "AF"  # GDELT geography uses FIPS country codes
    assert record["ActionGeo_Type"] == "4" and record["ActionGeo_FullName"] == "Kandahar, Afghanistan"
    assert record["EventBaseCode"] == "023" and record["FractionDate"] == "2024.4438"  # 162 of 365 days done
    assert split_actor_code(None, "USA", "GOV") == ("USA", "", "GOV")


def test_parquet_csv_jsonl_plover_and_mentions_exports(store, tmp_path):
    _corpus(store)
    n = store.counts()["events"]
    assert store.export(tmp_path / "e.parquet", "parquet") == n
    con = duckdb.connect()
    names = [d[0] for d in con.execute(f"SELECT * FROM '{tmp_path / 'e.parquet'}'").description]
    assert names[:3] == ["event_id", "day", "source_code"] and "mentions" in names
    assert con.execute(f"SELECT count(*) FROM '{tmp_path / 'e.parquet'}'").fetchone() == (n,)

    assert store.export(tmp_path / "e.csv", "csv") == n
    with open(tmp_path / "e.csv", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == n

    assert store.export(tmp_path / "e.jsonl", "jsonl") == n
    first = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["day"] == "2024-01-01" and first["cameo"] in {"036", "112"}

    written = store.export(tmp_path / "p.jsonl", "plover")
    records = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    assert written == len(records) == 1, "only the ASSAULT event has a PLOVER type in this corpus"
    assert records[0]["event"] == ["ASSAULT"] and records[0]["actor"][0]["code"] == "RUSMIL"
    assert {"id", "date", "actor", "recipient", "event", "quad_code"} <= set(records[0])

    assert store.export(tmp_path / "m.jsonl", "mentions") == store.counts()["mentions"]
    mention = json.loads((tmp_path / "m.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert Event.from_dict(mention) in store.mentions()
    assert mention["sentence"]["text"] == TEXT[:44]


def test_unknown_export_format_is_refused(store, tmp_path):
    from polevent.errors import InputError

    with pytest.raises(InputError, match="unknown export format"):
        store.export(tmp_path / "x", "xlsx")


def test_bad_document_dates_do_not_break_a_batch(store):
    store.add([(Document("a", TEXT, date="last Tuesday"), [make_event("a")]), (doc("b"), [make_event("b")])])
    assert store.counts()["documents"] == 2
    assert {d["doc_id"]: d["date"] for d in store.documents()} == {"a": None, "b": date(2024, 6, 11)}
