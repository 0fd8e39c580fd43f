"""Event store speed on a synthetic store of N event mentions (default 1,000,000).

Generates random but well-formed Events (random dyads among 60 countries and
their sectors, CAMEO codes from the ontology, days over three years, places
for a third), stores them through ``EventStore.add`` in documents of five
mentions, and times:

- insert: mentions per second through polevent's ingest path, against a
  baseline of DuckDB inserting the same rows from an in-memory Arrow table in
  the same process (the ratio shows what polevent's own bookkeeping costs);
- deduplication: rebuilding the events table from all mentions;
- queries: the weekly USA->CHN series, a filtered event query, the country
  network, each the median of several runs, in milliseconds.

Usage: python benchmarks/store.py [--events 1000000] [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb

from polevent.ontology import cameo_codes
from polevent.records import Actor, Document, Event, Location, Span
from polevent.store import EventStore, Filters

COUNTRIES = (
    "USA CHN RUS UKR IND PAK ISR PSE IRN IRQ SYR TUR SAU EGY GBR FRA DEU JPN KOR PRK TWN AFG YEM LBN SDN ETH SOM NGA "
    "MLI COD KEN ZAF BRA MEX COL VEN ARG CAN AUS IDN PHL VNM THA MMR BGD LKA NPL KAZ AZE ARM GEO BLR POL HUN SRB ITA "
    "ESP GRC CUB"
).split()
SECTORS = (None, None, "GOV", "GOV", "MIL", "COP", "REB", "OPP", "JUD", "BUS", "CVL")
PLACES = [("Kyiv", "UKR", 50.45, 30.52), ("Gaza", "PSE", 31.5, 34.47), ("Khartoum", "SDN", 15.5, 32.56)]


def synthetic(n_docs: int, rng: random.Random, start: int) -> list[tuple[Document, list[Event]]]:
    codes = [c for c in cameo_codes().values() if len(c.code) >= 3]
    first_day = date(2022, 1, 1)
    batch = []
    for number in range(start, start + n_docs):
        doc_id = f"doc-{number:08d}"
        day = first_day + timedelta(days=rng.randrange(3 * 365))
        events = []
        for i in range(5):
            src, tgt = rng.sample(COUNTRIES, 2)
            if rng.random() < 0.05:
                src, tgt = "USA", "CHN"
            ss, ts = rng.choice(SECTORS), rng.choice(SECTORS)
            code = rng.choice(codes)
            place = rng.choice(PLACES) if rng.random() < 0.33 else None
            events.append(
                Event(
                    source=Actor(src, 0, 3, src + (ss or ""), src, ss, None),
                    target=Actor(tgt, 10, 13, tgt + (ts or ""), tgt, ts, None),
                    cameo=code.code,
                    cameo_root=code.root,
                    quad_class=code.quad_class,
                    goldstein=code.goldstein,
                    plover=code.plover or None,
                    plover_mode=None,
                    trigger=Span("acted", 4, 9),
                    sentence_start=0,
                    sentence_end=40,
                    confidence=round(rng.random(), 3),
                    explanation=f"synthetic event {i}",
                    date=day.isoformat(),
                    date_precision="day",
                    location=Location(place[0], place[1], place[2], place[3], 20, 25) if place else None,
                    doc_id=doc_id,
                )
            )
        text = f"{events[0].source.text} acted on {events[0].target.text} somewhere."  # type: ignore[union-attr]
        batch.append((Document(doc_id, text, day.isoformat(), None, f"outlet-{rng.randrange(40)}"), events))
    return batch


def timed(fn, repeats: int = 5) -> float:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="event mentions to generate")
    parser.add_argument("--db", type=Path, default=None, help="store file (default: a temporary file)")
    args = parser.parse_args()
    rng = random.Random(7)
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "bench.duckdb"
    if db.exists():
        os.remove(db)
    n_docs = args.events // 5
    chunk = 20_000
    print(f"{args.events:,} synthetic event mentions in {n_docs:,} documents -> {db}")
    insert_seconds = generate_seconds = 0.0
    with EventStore(db) as store:
        for start in range(0, n_docs, chunk):
            t0 = time.perf_counter()
            batch = synthetic(min(chunk, n_docs - start), rng, start)
            t1 = time.perf_counter()
            store.add(batch, rebuild=False, batch=50_000)
            t2 = time.perf_counter()
            generate_seconds += t1 - t0
            insert_seconds += t2 - t1
        t0 = time.perf_counter()
        events = store.rebuild_events()
        rebuild_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        store.add(synthetic(200, rng, n_docs), rebuild=True)  # 1,000 more mentions, events rebuilt incrementally
        incremental_seconds = time.perf_counter() - t0
        counts = store.counts()
        mentions_per_s = (counts["mentions"] - 1000) / insert_seconds

        series_ms = timed(lambda: store.series(Filters(source="USA", target="CHN"), by="week"))
        series_all_ms = timed(lambda: store.series(Filters(), by="week"))
        query_ms = timed(lambda: store.query(Filters(either="RUS", cameo="19", since="2023-01-01"), limit=100))
        network_ms = timed(lambda: store.network(Filters(), top=30, level="country"))
        weeks = len(store.series(Filters(source="USA", target="CHN"), by="week"))

    # Baseline: plain DuckDB (no polevent code) inserting the same mention rows from an Arrow table in memory.
    raw = duckdb.connect()
    raw.execute(f"ATTACH '{db}' AS stored (READ_ONLY)")
    raw.register("arrow_rows", raw.sql("SELECT * FROM stored.mentions").to_arrow_table())
    raw.execute("CREATE TABLE baseline AS SELECT * FROM stored.mentions LIMIT 0")
    t0 = time.perf_counter()
    raw.execute("INSERT INTO baseline SELECT * FROM arrow_rows")
    baseline_seconds = time.perf_counter() - t0
    raw.close()
    baseline_per_s = counts["mentions"] / baseline_seconds

    print(f"generated in {generate_seconds:.1f} s (not counted)")
    print(f"insert through EventStore.add: {mentions_per_s:,.0f} mentions/s ({insert_seconds:.1f} s)")
    print(f"baseline, DuckDB INSERT from an Arrow table: {baseline_per_s:,.0f} rows/s ({baseline_seconds:.1f} s)")
    print(f"ratio polevent/baseline insert: {mentions_per_s / baseline_per_s:.3f}")
    print(f"deduplication: {args.events:,} mentions -> {events:,} events in {rebuild_seconds:.2f} s (full rebuild)")
    print(f"adding 200 documents (1,000 mentions) to the full store, with its events: {incremental_seconds:.2f} s")
    print(f"series USA->CHN by week ({weeks} weeks): {series_ms:.1f} ms")
    print(f"series of all events by week: {series_all_ms:.1f} ms")
    print(f"query (either RUS, CAMEO 19, since 2023, 100 rows): {query_ms:.1f} ms")
    print(f"network (top 30 countries): {network_ms:.1f} ms")
    print(f"store size: {db.stat().st_size / 2**20:.0f} MiB")
    tmp.cleanup()


if __name__ == "__main__":
    main()
