"""The event store: one DuckDB file holding runs, documents, errors, mentions and events.

``EventStore`` is the only code in polevent that speaks SQL. A *mention* is one
coded event as the coder found it in one document (an :class:`~polevent.records.Event`);
an *event* is the GDELT-style aggregate of all mentions that share a
deduplication key (by default: day, source code, target code, CAMEO leaf code
and place). Events are rebuilt from mentions whenever the store changes, so the
mentions stay the ground truth and the key can be changed at any time.

Schema changes go through numbered migrations, recorded in ``schema_migrations``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from .errors import PoleventError
from .records import Actor, Document, Event, Location, Problem, Span

DB_ENV = "POLEVENT_DB"

MIGRATIONS: list[tuple[int, str, tuple[str, ...]]] = [
    (
        1,
        "runs, documents, errors, mentions, events, settings",
        (
            """CREATE TABLE runs (
                run_id INTEGER PRIMARY KEY,
                started_at TIMESTAMP NOT NULL,
                finished_at TIMESTAMP,
                package_version VARCHAR,
                pipeline VARCHAR,
                signature VARCHAR,
                config JSON,
                documents INTEGER DEFAULT 0,
                recoded INTEGER DEFAULT 0,
                mentions INTEGER DEFAULT 0,
                errors INTEGER DEFAULT 0
            )""",
            """CREATE TABLE documents (
                doc_id VARCHAR PRIMARY KEY,
                source VARCHAR,
                url VARCHAR,
                date DATE,
                content_hash VARCHAR NOT NULL,
                chars INTEGER NOT NULL,
                signature VARCHAR,
                run_id INTEGER,
                coded_at TIMESTAMP
            )""",
            """CREATE TABLE errors (
                doc_id VARCHAR NOT NULL,
                stage VARCHAR NOT NULL,
                message VARCHAR NOT NULL,
                location VARCHAR,
                run_id INTEGER
            )""",
            """CREATE TABLE mentions (
                mention_id VARCHAR PRIMARY KEY,
                doc_id VARCHAR NOT NULL,
                seq INTEGER NOT NULL,
                event_id VARCHAR,
                date DATE,
                date_text VARCHAR,
                date_precision VARCHAR,
                source_text VARCHAR, source_start INTEGER, source_end INTEGER, source_code VARCHAR,
                source_country VARCHAR, source_sector VARCHAR, source_name VARCHAR,
                target_text VARCHAR, target_start INTEGER, target_end INTEGER, target_code VARCHAR,
                target_country VARCHAR, target_sector VARCHAR, target_name VARCHAR,
                cameo VARCHAR NOT NULL,
                cameo_root VARCHAR NOT NULL,
                quad_class TINYINT NOT NULL,
                goldstein DOUBLE NOT NULL,
                plover VARCHAR,
                plover_mode VARCHAR,
                trigger_text VARCHAR NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
                sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
                sentence VARCHAR,
                confidence DOUBLE NOT NULL,
                explanation VARCHAR NOT NULL,
                location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
                location_start INTEGER, location_end INTEGER
            )""",
            """CREATE TABLE events (
                event_id VARCHAR PRIMARY KEY,
                day DATE,
                source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_name VARCHAR,
                target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_name VARCHAR,
                cameo VARCHAR NOT NULL,
                cameo_root VARCHAR NOT NULL,
                quad_class TINYINT NOT NULL,
                goldstein DOUBLE NOT NULL,
                plover VARCHAR,
                plover_mode VARCHAR,
                location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
                mentions INTEGER NOT NULL,
                sources INTEGER NOT NULL,
                documents INTEGER NOT NULL,
                first_seen DATE,
                last_seen DATE,
                avg_confidence DOUBLE NOT NULL,
                first_added TIMESTAMP,
                url VARCHAR,
                sentence VARCHAR
            )""",
            "CREATE TABLE settings (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
            "CREATE INDEX mentions_doc ON mentions (doc_id)",
            "CREATE TABLE stale_events (event_id VARCHAR)",
        ),
    ),
]

KEY_PARTS = ("day", "source", "target", "cameo", "root", "place")
DEFAULT_KEY = ("day", "source", "target", "cameo", "place")

MENTION_COLUMNS = (
    "mention_id doc_id seq date date_text date_precision "
    "source_text source_start source_end source_code source_country source_sector source_name "
    "target_text target_start target_end target_code target_country target_sector target_name "
    "cameo cameo_root quad_class goldstein plover plover_mode trigger_text trigger_start trigger_end "
    "sentence_start sentence_end sentence confidence explanation "
    "location_name location_country location_lat location_lon location_start location_end"
).split()

QUAD_CLASSES = (1, 2, 3, 4)
PERIODS = ("day", "week", "month", "quarter", "year")


class StoreError(PoleventError):
    """The store could not be opened, read or written."""


def default_db_path() -> Path:
    """``$POLEVENT_DB`` if set, else ``events.duckdb`` in the user's data directory."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    from platformdirs import user_data_dir

    return Path(user_data_dir("polevent", appauthor=False)) / "events.duckdb"


def content_hash(text: str) -> str:
    """SHA-256 of a document's text: the store re-codes a document when this changes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def parse_key(spec: str | Sequence[str]) -> tuple[str, ...]:
    """Validate a deduplication key: a comma-separated list of ``day,source,target,cameo|root,place``."""
    parts = tuple(p.strip() for p in spec.split(",")) if isinstance(spec, str) else tuple(spec)
    unknown = [p for p in parts if p not in KEY_PARTS]
    if unknown or not parts:
        raise StoreError(f"bad deduplication key {spec!r}: parts must be among {', '.join(KEY_PARTS)}")
    if "cameo" in parts and "root" in parts:
        raise StoreError("a deduplication key takes either 'cameo' (leaf code) or 'root', not both")
    return parts


@dataclass(slots=True)
class IngestStats:
    """What one call to :meth:`EventStore.add` did."""

    documents: int = 0
    new: int = 0
    recoded: int = 0
    unchanged: int = 0
    mentions: int = 0
    errors: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Filters:
    """Event filters shared by ``query``, ``series``, ``network`` and exports. Empty fields do not filter."""

    source: str | None = None
    target: str | None = None
    either: str | None = None
    country: str | None = None
    sector: str | None = None
    cameo: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None


def _actor_match(side: str, value: str, params: list[Any]) -> str:
    """SQL for 'the actor on this side is VALUE': its code starts with it, or its country is it."""
    params.extend([value.upper() + "%", value.upper()])
    return f"({side}_code LIKE ? OR {side}_country = ?)"


def _where(filters: Filters, params: list[Any], *, table: str = "events") -> str:
    clauses: list[str] = []
    if filters.source:
        clauses.append(_actor_match("source", filters.source, params))
    if filters.target:
        clauses.append(_actor_match("target", filters.target, params))
    if filters.either:
        clauses.append(
            f"({_actor_match('source', filters.either, params)} OR {_actor_match('target', filters.either, params)})"
        )
    if filters.country:
        params.extend([filters.country.upper()] * 2)
        clauses.append("(source_country = ? OR target_country = ?)")
    if filters.sector:
        params.extend([filters.sector.upper()] * 2)
        clauses.append("(source_sector = ? OR target_sector = ?)")
    if filters.cameo:
        params.append(filters.cameo + "%")
        clauses.append("cameo LIKE ?")
    if filters.plover:
        params.append(filters.plover.upper())
        clauses.append("plover = ?")
    if filters.quad_class is not None:
        params.append(int(filters.quad_class))
        clauses.append("quad_class = ?")
    day = "day" if table == "events" else "date"
    if filters.since:
        params.append(filters.since)
        clauses.append(f"{day} >= CAST(? AS DATE)")
    if filters.until:
        params.append(filters.until)
        clauses.append(f"{day} <= CAST(? AS DATE)")
    if filters.text:
        params.append(f"%{filters.text}%")
        if table == "events":
            clauses.append("event_id IN (SELECT event_id FROM mentions WHERE sentence ILIKE ?)")
        else:
            clauses.append("sentence ILIKE ?")
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def _iso_day(value: str | None) -> str | None:
    """The YYYY-MM-DD day of a (possibly partial) ISO date; None when there is none."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


class EventStore:
    """An embedded DuckDB event store.

    >>> with EventStore("events.duckdb") as store:          # doctest: +SKIP
    ...     store.add(coder.code_stream(documents))
    ...     store.series(Filters(source="USA", target="CHN"), by="week")
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        if read_only and not self.path.exists():
            raise StoreError(f"no event store at {self.path} (code some documents into it first: polevent ingest)")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the event store {self.path}: {exc}") from exc
        self.read_only = read_only
        if not read_only:
            self.migrate()
        elif self.schema_version() < len(MIGRATIONS):
            raise StoreError(f"the event store {self.path} needs an upgrade: open it once without read-only")

    # -- lifecycle --------------------------------------------------------------------
    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> list[int]:
        """Apply the migrations this store has not had yet; returns their numbers."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
            "applied_at TIMESTAMP)"
        )
        current, applied = self.schema_version(), []
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                for statement in statements:
                    self.con.execute(statement)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, description, _now()])
                self.con.execute("COMMIT")
            except duckdb.Error:
                self.con.execute("ROLLBACK")
                raise
            applied.append(version)
        return applied

    # -- settings -----------------------------------------------------------------------
    @property
    def dedup_key(self) -> tuple[str, ...]:
        row = self.con.execute("SELECT value FROM settings WHERE name = 'dedup_key'").fetchone()
        return parse_key(row[0]) if row else DEFAULT_KEY

    def set_dedup_key(self, spec: str | Sequence[str]) -> tuple[str, ...]:
        """Change how mentions collapse into events, and rebuild the events table."""
        key = parse_key(spec)
        self.con.execute("INSERT OR REPLACE INTO settings VALUES ('dedup_key', ?)", [",".join(key)])
        self.rebuild_events()
        return key

    # -- writing ------------------------------------------------------------------------
    def start_run(self, *, pipeline: str | None, signature: str | None, config: dict[str, Any]) -> int:
        from . import __version__

        row = self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()
        run_id = int(row[0]) if row else 1
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, package_version, pipeline, signature, config) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [run_id, _now(), __version__, pipeline, signature, json.dumps(config, sort_keys=True)],
        )
        return run_id

    def finish_run(self, run_id: int, stats: IngestStats) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, documents = ?, recoded = ?, mentions = ?, errors = ? WHERE run_id = ?",
            [_now(), stats.documents, stats.recoded, stats.mentions, stats.errors, run_id],
        )

    def add(
        self,
        outcomes: Iterable[Any],
        *,
        run_id: int | None = None,
        signature: str | None = None,
        batch: int = 2000,
        rebuild: bool = True,
    ) -> IngestStats:
        """Store coder Outcomes (or ``(Document, events)`` pairs); re-stored documents replace their mentions.

        A document already stored with the same content hash and signature is
        left as it was (its mentions are replaced by the identical new ones);
        one whose text or coder signature changed is recorded as re-coded.
        """
        stats = IngestStats()
        pending_docs: list[tuple[Document, str]] = []
        pending_events: list[Event] = []
        sentences: list[str | None] = []
        pending_ids: set[str] = set()

        def flush() -> None:
            if pending_docs:
                self._write(pending_docs, pending_events, sentences, run_id, signature, stats)
            pending_docs.clear()
            pending_ids.clear()
            pending_events.clear()
            sentences.clear()

        for item in outcomes:
            if isinstance(item, tuple):
                document, events, problem = item[0], tuple(item[1]), None
            else:
                document, events, problem = item.document, item.events, item.problem
            stats.documents += 1
            if problem is not None:
                self.add_problem(problem, run_id=run_id)
                stats.errors += 1
                stats.problems.append(problem)
                continue
            if document.id in pending_ids:
                flush()
            pending_ids.add(document.id)
            pending_docs.append((document, content_hash(document.text)))
            for event in events:
                pending_events.append(event if event.doc_id == document.id else _with_doc(event, document.id))
                sentences.append(document.text[event.sentence_start : event.sentence_end])
            if len(pending_events) >= batch or len(pending_docs) >= batch:
                flush()
        flush()
        if rebuild:
            self.rebuild_events(incremental=True)
        return stats

    def add_problem(self, problem: Problem, *, run_id: int | None = None) -> None:
        """Record a document that could not be read or coded (replacing its earlier errors at the same stage)."""
        self.con.execute("DELETE FROM errors WHERE doc_id = ? AND stage = ?", [problem.doc_id, problem.stage])
        self.con.execute(
            "INSERT INTO errors VALUES (?, ?, ?, ?, ?)",
            [problem.doc_id, problem.stage, problem.message, problem.location, run_id],
        )

    def _write(
        self,
        docs: list[tuple[Document, str]],
        events: list[Event],
        sentences: list[str | None],
        run_id: int | None,
        signature: str | None,
        stats: IngestStats,
    ) -> None:
        import pyarrow as pa

        ids = [doc.id for doc, _ in docs]
        known = dict(
            self.con.execute(
                "SELECT doc_id, content_hash || '|' || coalesce(signature, '') FROM documents "
                "WHERE doc_id IN (SELECT unnest(?))",
                [ids],
            ).fetchall()
        )
        now = _now()
        doc_rows = []
        for doc, digest in docs:
            previous = known.get(doc.id)
            if previous is None:
                stats.new += 1
            elif previous == f"{digest}|{signature or ''}":
                stats.unchanged += 1
                continue
            else:
                stats.recoded += 1
            doc_rows.append(
                {
                    "doc_id": doc.id,
                    "source": doc.source,
                    "url": doc.url,
                    "date": _iso_day(doc.date),
                    "content_hash": digest,
                    "chars": len(doc.text),
                    "signature": signature,
                    "run_id": run_id,
                    "coded_at": now,
                }
            )
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(
                "INSERT INTO stale_events SELECT DISTINCT event_id FROM mentions "
                "WHERE doc_id IN (SELECT unnest(?)) AND event_id IS NOT NULL",
                [ids],
            )
            self.con.execute("DELETE FROM mentions WHERE doc_id IN (SELECT unnest(?))", [ids])
            self.con.execute("DELETE FROM errors WHERE doc_id IN (SELECT unnest(?))", [ids])
            if doc_rows:
                changed = [row["doc_id"] for row in doc_rows]
                self.con.execute("DELETE FROM documents WHERE doc_id IN (SELECT unnest(?))", [changed])
                table = pa.Table.from_pylist(doc_rows, schema=_DOC_SCHEMA())
                self.con.register("incoming_documents", table)
                self.con.execute("INSERT INTO documents BY NAME SELECT * FROM incoming_documents")
                self.con.unregister("incoming_documents")
            if events:
                columns = _mention_columns(events, sentences)
                table = pa.table(columns, schema=_MENTION_SCHEMA())
                self.con.register("incoming_mentions", table)
                self.con.execute("INSERT INTO mentions BY NAME SELECT * FROM incoming_mentions")
                self.con.unregister("incoming_mentions")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        stats.mentions += len(events)

    def _key_sql(self) -> str:
        key = self.dedup_key
        parts = []
        for part in key:
            if part == "day":
                parts.append("coalesce(CAST(m.date AS VARCHAR), '')")
            elif part in ("source", "target"):
                parts.append(f"coalesce(m.{part}_code, '')")
            elif part == "cameo":
                parts.append("m.cameo")
            elif part == "root":
                parts.append("m.cameo_root")
            elif part == "place":
                parts.append("coalesce(m.location_country, '') || '/' || coalesce(m.location_name, '')")
        return "md5(concat_ws('|', " + ", ".join(parts) + "))"

    def rebuild_events(self, *, incremental: bool = False) -> int:
        """Collapse mentions into events by the deduplication key; returns the number of events.

        ``incremental`` rebuilds only the events whose mentions changed since the last rebuild (new
        mentions, and the events of replaced ones); otherwise every event is rebuilt.
        """
        key = self._key_sql()
        self.con.execute("BEGIN TRANSACTION")
        try:
            if incremental:
                self.con.execute(
                    f"INSERT INTO stale_events SELECT DISTINCT {key} FROM mentions m WHERE m.event_id IS NULL"
                )
                self.con.execute(f"UPDATE mentions AS m SET event_id = {key} WHERE m.event_id IS NULL")
                self.con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM stale_events)")
                only = "WHERE m.event_id IN (SELECT event_id FROM stale_events)"
            else:
                self.con.execute(f"UPDATE mentions AS m SET event_id = {key}")
                self.con.execute("DELETE FROM events")
                only = ""
            self.con.execute(
                f"""
                INSERT INTO events
                SELECT m.event_id,
                       min(m.date),
                       first(m.source_code ORDER BY m.mention_id), first(m.source_country ORDER BY m.mention_id),
                       first(m.source_sector ORDER BY m.mention_id), first(m.source_name ORDER BY m.mention_id),
                       first(m.target_code ORDER BY m.mention_id), first(m.target_country ORDER BY m.mention_id),
                       first(m.target_sector ORDER BY m.mention_id), first(m.target_name ORDER BY m.mention_id),
                       first(m.cameo ORDER BY m.mention_id), first(m.cameo_root ORDER BY m.mention_id),
                       first(m.quad_class ORDER BY m.mention_id), round(avg(m.goldstein), 6),
                       first(m.plover ORDER BY m.mention_id), first(m.plover_mode ORDER BY m.mention_id),
                       first(m.location_name ORDER BY m.mention_id), first(m.location_country ORDER BY m.mention_id),
                       first(m.location_lat ORDER BY m.mention_id), first(m.location_lon ORDER BY m.mention_id),
                       count(*), count(DISTINCT coalesce(d.source, m.doc_id)), count(DISTINCT m.doc_id),
                       min(coalesce(d.date, m.date)), max(coalesce(d.date, m.date)),
                       round(avg(m.confidence), 6),
                       min(d.coded_at),
                       first(d.url ORDER BY m.mention_id),
                       first(m.sentence ORDER BY m.confidence DESC, m.mention_id)
                FROM mentions m LEFT JOIN documents d USING (doc_id)
                {only}
                GROUP BY m.event_id
                """
            )
            self.con.execute("DELETE FROM stale_events")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        row = self.con.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0

    # -- reading ------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Row counts of every table."""
        names = ("runs", "documents", "errors", "mentions", "events")
        result = {}
        for name in names:
            row = self.con.execute(f"SELECT count(*) FROM {name}").fetchone()
            result[name] = int(row[0]) if row else 0
        return result

    def table_rows(self, name: str) -> list[tuple[Any, ...]]:
        """Every row of one table, in a stable order (for checks and debugging)."""
        orders = {
            "documents": "doc_id",
            "errors": "doc_id, stage",
            "mentions": "mention_id",
            "events": "event_id",
            "runs": "run_id",
        }
        if name not in orders:
            raise StoreError(f"no table {name!r}")
        return self.con.execute(f"SELECT * FROM {name} ORDER BY {orders[name]}").fetchall()

    def iter_mentions(
        self, filters: Filters | None = None, *, event_id: str | None = None
    ) -> Iterator[tuple[Event, str | None]]:
        """Mentions as (Event, sentence text) pairs, every field as it was stored, in document order."""
        params: list[Any] = []
        where = _where(filters or Filters(), params, table="mentions")
        if event_id is not None:
            where = (where + " AND " if where else "WHERE ") + "event_id = ?"
            params.append(event_id)
        cursor = self.con.execute(
            f"SELECT {', '.join(MENTION_COLUMNS)} FROM mentions {where} ORDER BY doc_id, seq", params
        )
        while rows := cursor.fetchmany(10_000):
            for row in rows:
                record = dict(zip(MENTION_COLUMNS, row, strict=True))
                yield _event_from_row(record), record["sentence"]

    def mentions(self, filters: Filters | None = None, *, event_id: str | None = None) -> list[Event]:
        """Mentions as Events, in document order."""
        return [event for event, _ in self.iter_mentions(filters, event_id=event_id)]

    def documents(self) -> list[dict[str, Any]]:
        cursor = self.con.execute("SELECT * FROM documents ORDER BY doc_id")
        return _dicts(cursor)

    def errors(self) -> list[Problem]:
        rows = self.con.execute("SELECT doc_id, stage, message, location FROM errors ORDER BY doc_id, stage")
        return [Problem(*row) for row in rows.fetchall()]

    def query(
        self, filters: Filters | None = None, *, limit: int | None = 100, order: str = "day"
    ) -> list[dict[str, Any]]:
        """Events matching the filters, as dicts (one per deduplicated event)."""
        orders = {
            "day": "day DESC NULLS LAST, mentions DESC",
            "mentions": "mentions DESC, day DESC",
            "goldstein": "goldstein, mentions DESC",
            "-goldstein": "goldstein DESC, mentions DESC",
        }
        if order not in orders:
            raise StoreError(f"unknown order {order!r}; use one of {', '.join(orders)}")
        params: list[Any] = []
        where = _where(filters or Filters(), params)
        sql = f"SELECT * FROM events {where} ORDER BY {orders[order]}, event_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return _dicts(self.con.execute(sql, params))

    def series(self, filters: Filters | None = None, *, by: str = "week") -> list[dict[str, Any]]:
        """Per period: events per quad class, events, mentions and Goldstein sum (over events)."""
        if by not in PERIODS:
            raise StoreError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")
        params: list[Any] = []
        where = _where(filters or Filters(), params)
        where = (where + " AND " if where else "WHERE ") + "day IS NOT NULL"
        sql = f"""
            SELECT CAST(date_trunc('{by}', day) AS DATE) AS period,
                   count(*) FILTER (WHERE quad_class = 1) AS q1,
                   count(*) FILTER (WHERE quad_class = 2) AS q2,
                   count(*) FILTER (WHERE quad_class = 3) AS q3,
                   count(*) FILTER (WHERE quad_class = 4) AS q4,
                   count(*) AS events,
                   sum(mentions) AS mentions,
                   round(sum(goldstein), 3) AS goldstein_sum
            FROM events {where}
            GROUP BY period ORDER BY period
        """
        return _dicts(self.con.execute(sql, params))

    def network(self, filters: Filters | None = None, *, top: int = 30, level: str = "code") -> dict[str, Any]:
        """The actor graph: the ``top`` actors by event count and the directed edges among them.

        ``level`` is ``code`` (full actor codes: USAGOV, USAMIL) or ``country`` (USA).
        """
        if level not in ("code", "country"):
            raise StoreError(f"unknown network level {level!r}; use code or country")
        params: list[Any] = []
        where = _where(filters or Filters(), params)
        where = (where + " AND " if where else "WHERE ") + f"source_{level} IS NOT NULL AND target_{level} IS NOT NULL"
        # At country level an international actor (country slot IGO, NGO...) stays itself: IGOUNO, not IGO.
        node = {
            side: f"CASE WHEN {side}_country IN ('IGO', 'NGO', 'IMG', 'MNC') THEN {side}_code ELSE {side}_{level} END"
            if level == "country"
            else f"{side}_code"
            for side in ("source", "target")
        }
        edges = _dicts(
            self.con.execute(
                f"""SELECT {node["source"]} AS source, {node["target"]} AS target, count(*) AS events,
                           sum(mentions) AS mentions, round(avg(goldstein), 3) AS mean_goldstein
                    FROM events {where} AND {node["source"]} <> {node["target"]} GROUP BY 1, 2""",
                params,
            )
        )
        degree: dict[str, int] = {}
        for edge in edges:
            degree[edge["source"]] = degree.get(edge["source"], 0) + edge["events"]
            degree[edge["target"]] = degree.get(edge["target"], 0) + edge["events"]
        chosen = sorted(degree, key=lambda code: (-degree[code], code))[:top]
        kept = set(chosen)
        return {
            "nodes": [{"id": code, "events": degree[code]} for code in chosen],
            "edges": sorted(
                (e for e in edges if e["source"] in kept and e["target"] in kept),
                key=lambda e: (-e["events"], e["source"], e["target"]),
            ),
        }

    def coverage(self) -> dict[str, Any]:
        """What the store holds: counts, date range, runs."""
        result: dict[str, Any] = dict(self.counts())
        row = self.con.execute("SELECT min(day), max(day) FROM events").fetchone()
        result["first_day"], result["last_day"] = (
            (str(row[0]) if row and row[0] else None),
            (str(row[1]) if row and row[1] else None),
        )
        row = self.con.execute("SELECT count(DISTINCT source) FROM documents").fetchone()
        result["outlets"] = int(row[0]) if row else 0
        result["dedup_key"] = ",".join(self.dedup_key)
        result["quad_classes"] = dict(
            self.con.execute("SELECT quad_class, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()
        )
        return result

    def top_dyads(self, filters: Filters | None = None, *, limit: int = 15) -> list[dict[str, Any]]:
        params: list[Any] = []
        where = _where(filters or Filters(), params)
        where = (where + " AND " if where else "WHERE ") + "source_code IS NOT NULL AND target_code IS NOT NULL"
        return _dicts(
            self.con.execute(
                f"""SELECT source_code AS source, target_code AS target, count(*) AS events,
                           sum(mentions) AS mentions,
                           count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
                           count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
                           round(avg(goldstein), 2) AS mean_goldstein
                    FROM events {where} GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT {int(limit)}""",
                params,
            )
        )

    # -- exports --------------------------------------------------------------------------
    def export(self, path: str | Path, fmt: str, filters: Filters | None = None, *, header: bool = True) -> int:
        """Write events (or, for jsonl, mentions) to a file; returns the number of records written."""
        from . import exports

        return exports.write(self, Path(path), fmt, filters or Filters(), header=header)

    def iter_events(self, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
        """Every matching event as a dict, streamed in (day, event_id) order, with its first document's id."""
        params: list[Any] = []
        where = _where(filters or Filters(), params)
        cursor = self.con.execute(
            f"""SELECT e.*, (SELECT min(doc_id) FROM mentions m WHERE m.event_id = e.event_id) AS doc_id
                FROM events e {where} ORDER BY day NULLS LAST, event_id""",
            params,
        )
        names = [d[0] for d in cursor.description or ()]
        while rows := cursor.fetchmany(10_000):
            for row in rows:
                yield dict(zip(names, row, strict=True))

    def copy_parquet(self, path: Path, filters: Filters) -> int:
        """Events to Parquet with DuckDB's own writer."""
        params: list[Any] = []
        where = _where(filters, params)
        escaped = str(path).replace("'", "''")
        self.con.execute(
            f"COPY (SELECT * FROM events {where} ORDER BY day, event_id) TO '{escaped}' (FORMAT parquet)", params
        )
        row = self.con.execute(f"SELECT count(*) FROM events {where}", params).fetchone()
        return int(row[0]) if row else 0


def _now() -> datetime:
    """UTC now, without a time zone (DuckDB TIMESTAMP columns)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _with_doc(event: Event, doc_id: str) -> Event:
    from dataclasses import replace

    return replace(event, doc_id=doc_id)


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _mention_columns(events: list[Event], sentences: list[str | None]) -> dict[str, list[Any]]:
    cols: dict[str, list[Any]] = {name: [] for name in MENTION_COLUMNS}
    seq_by_doc: dict[str, int] = {}
    for event, sentence in zip(events, sentences, strict=True):
        doc_id = event.doc_id or ""
        seq = seq_by_doc.get(doc_id, 0)
        seq_by_doc[doc_id] = seq + 1
        cols["mention_id"].append(f"{doc_id}#{seq}")
        cols["doc_id"].append(doc_id)
        cols["seq"].append(seq)
        cols["date"].append(_iso_day(event.date))
        cols["date_text"].append(event.date)
        cols["date_precision"].append(event.date_precision)
        for side, actor in (("source", event.source), ("target", event.target)):
            cols[f"{side}_text"].append(actor.text if actor else None)
            cols[f"{side}_start"].append(actor.start if actor else None)
            cols[f"{side}_end"].append(actor.end if actor else None)
            cols[f"{side}_code"].append(actor.code if actor else None)
            cols[f"{side}_country"].append(actor.country if actor else None)
            cols[f"{side}_sector"].append(actor.sector if actor else None)
            cols[f"{side}_name"].append(actor.name if actor else None)
        cols["cameo"].append(event.cameo)
        cols["cameo_root"].append(event.cameo_root)
        cols["quad_class"].append(event.quad_class)
        cols["goldstein"].append(event.goldstein)
        cols["plover"].append(event.plover)
        cols["plover_mode"].append(event.plover_mode)
        cols["trigger_text"].append(event.trigger.text)
        cols["trigger_start"].append(event.trigger.start)
        cols["trigger_end"].append(event.trigger.end)
        cols["sentence_start"].append(event.sentence_start)
        cols["sentence_end"].append(event.sentence_end)
        cols["sentence"].append(sentence)
        cols["confidence"].append(event.confidence)
        cols["explanation"].append(event.explanation)
        loc = event.location
        cols["location_name"].append(loc.name if loc else None)
        cols["location_country"].append(loc.country if loc else None)
        cols["location_lat"].append(loc.lat if loc else None)
        cols["location_lon"].append(loc.lon if loc else None)
        cols["location_start"].append(loc.start if loc else None)
        cols["location_end"].append(loc.end if loc else None)
    return cols


def _event_from_row(row: dict[str, Any]) -> Event:
    def actor(side: str) -> Actor | None:
        if row[f"{side}_start"] is None:
            return None
        return Actor(
            text=row[f"{side}_text"],
            start=row[f"{side}_start"],
            end=row[f"{side}_end"],
            code=row[f"{side}_code"],
            country=row[f"{side}_country"],
            sector=row[f"{side}_sector"],
            name=row[f"{side}_name"],
        )

    location = None
    if row["location_start"] is not None:
        location = Location(
            name=row["location_name"],
            country=row["location_country"],
            lat=row["location_lat"],
            lon=row["location_lon"],
            start=row["location_start"],
            end=row["location_end"],
        )
    return Event(
        source=actor("source"),
        target=actor("target"),
        cameo=row["cameo"],
        cameo_root=row["cameo_root"],
        quad_class=int(row["quad_class"]),
        goldstein=float(row["goldstein"]),
        plover=row["plover"],
        plover_mode=row["plover_mode"],
        trigger=Span(row["trigger_text"], row["trigger_start"], row["trigger_end"]),
        sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"],
        confidence=float(row["confidence"]),
        explanation=row["explanation"],
        date=row["date_text"],
        date_precision=row["date_precision"],
        location=location,
        doc_id=row["doc_id"],
    )


def _MENTION_SCHEMA() -> Any:  # noqa: N802 - built lazily so that importing the store does not import pyarrow
    import pyarrow as pa

    types: dict[str, Any] = {name: pa.string() for name in MENTION_COLUMNS}
    for name in (
        "seq",
        "source_start",
        "source_end",
        "target_start",
        "target_end",
        "trigger_start",
        "trigger_end",
        "sentence_start",
        "sentence_end",
        "location_start",
        "location_end",
        "quad_class",
    ):
        types[name] = pa.int32()
    for name in ("goldstein", "confidence", "location_lat", "location_lon"):
        types[name] = pa.float64()
    return pa.schema([(name, types[name]) for name in MENTION_COLUMNS])


def _DOC_SCHEMA() -> Any:  # noqa: N802
    import pyarrow as pa

    return pa.schema(
        [
            ("doc_id", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("date", pa.string()),
            ("content_hash", pa.string()),
            ("chars", pa.int32()),
            ("signature", pa.string()),
            ("run_id", pa.int32()),
            ("coded_at", pa.timestamp("us")),
        ]
    )
