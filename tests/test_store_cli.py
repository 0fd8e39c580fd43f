"""The store with the real coder: one clash from three outlets, and the store commands of the CLI."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from polevent.cli import app
from polevent.exports import GDELT_COLUMNS
from polevent.records import Document
from polevent.store import EventStore, Filters

pytestmark = pytest.mark.model

# Three reports of the same clash, written for this test, each from another outlet.
CLASH = [
    Document(
        id="tribune-1",
        source="Sudan Tribune",
        date="2024-06-13",
        url="https://example.org/tribune-1",
        text="KHARTOUM - Sudan's army shelled the Rapid Support Forces in El Fasher on Tuesday, residents said. "
        "The fighting forced hundreds of families to flee.",
    ),
    Document(
        id="dabanga-7",
        source="Radio Dabanga",
        date="2024-06-13",
        text="The Sudanese army shelled Rapid Support Forces positions in El Fasher on Tuesday, according to "
        "witnesses. Aid groups warned of a worsening crisis.",
    ),
    Document(
        id="wire-3",
        source="Wire Service",
        date="2024-06-13",
        text="Witnesses said the army of Sudan shelled the Rapid Support Forces in El Fasher on Tuesday. "
        "The paramilitary group did not comment.",
    ),
]


def test_one_clash_from_three_outlets_is_one_event(coder, tmp_path):
    with EventStore(tmp_path / "s.duckdb") as store:
        stats = store.add(coder.code_stream(CLASH))
        assert stats.new == 3 and stats.mentions == 3
        (event,) = store.query(Filters(cameo="19"))
        assert (event["mentions"], event["sources"], event["documents"]) == (3, 3, 3)
        assert (event["source_code"], event["target_code"], event["location_name"]) == (
            "SDNMIL",
            "SDNREBRSF",
            "El Fasher",
        )
        assert str(event["day"]) == "2024-06-11"
        mentions = store.mentions(event_id=event["event_id"])
        assert sorted(m.doc_id for m in mentions) == ["dabanga-7", "tribune-1", "wire-3"]


def flat(text: str) -> str:
    """Console output with rich's line wrapping undone."""
    return " ".join(text.split())


def _write_inputs(tmp_path):
    path = tmp_path / "clash.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for doc in CLASH:
            handle.write(json.dumps(doc.to_dict()) + "\n")
        handle.write("{broken json\n")
    return path


def test_ingest_then_query_series_network_export_report(tmp_path):
    runner = CliRunner()
    db = tmp_path / "events.duckdb"
    inputs = _write_inputs(tmp_path)
    result = runner.invoke(app, ["ingest", str(inputs), "--db", str(db)])
    assert result.exit_code == 0, result.output
    said = flat(result.output)
    assert "clash.jsonl:4" in said and "malformed" in said and "new 3" in said and "failed 1" in said

    again = runner.invoke(app, ["ingest", str(inputs), "--db", str(db)])
    assert "unchanged 3" in flat(again.output) and "1 events" in flat(again.output)

    result = runner.invoke(app, ["query", "--db", str(db), "--source", "SDN", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 1 and rows[0]["mentions"] == 3 and rows[0]["cameo"] == "194"

    result = runner.invoke(
        app,
        [
            "series",
            "--db",
            str(db),
            "--source",
            "SDN",
            "--by",
            "week",
            "--format",
            "csv",
            "--chart",
            str(tmp_path / "s"),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "," in line]  # the CSV, without the chart notes
    assert lines[0].startswith("period,q1,q2,q3,q4") and lines[1].startswith("2024-06-10,0,0,0,1,1,3")
    assert (tmp_path / "s.png").stat().st_size > 5000 and (tmp_path / "s.svg").exists()

    result = runner.invoke(app, ["network", "--db", str(db), "--level", "code", "-o", str(tmp_path / "net")])
    assert result.exit_code == 0, result.output
    graph = json.loads((tmp_path / "net.json").read_text(encoding="utf-8"))
    assert graph["edges"][0]["source"] == "SDNMIL" and graph["edges"][0]["events"] == 1
    assert "<graphml" in (tmp_path / "net.graphml").read_text(encoding="utf-8")

    out = tmp_path / "gdelt.tsv"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "gdelt", "--no-header", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as handle:
        (row,) = list(csv.reader(handle, delimiter="\t"))
    record = dict(zip(GDELT_COLUMNS, row, strict=True))
    assert record["EventCode"] == "194" and record["NumSources"] == "3" and record["ActionGeo_CountryCode"] == "SU"

    report = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--db", str(db), "-o", str(report)])
    assert result.exit_code == 0, result.output
    html = report.read_text(encoding="utf-8")
    assert "Most active dyads" in html and "SDNMIL" in html and "data:image/png;base64," in html
    assert "Sudanese army shelled" in html or "army shelled" in html


def test_store_commands_explain_a_missing_store_and_bad_filters(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["query", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no event store" in flat(result.output)
    db = tmp_path / "e.duckdb"
    EventStore(db).close()
    result = runner.invoke(app, ["query", "--db", str(db), "--since", "June"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in flat(result.output)
    result = runner.invoke(app, ["series", "--db", str(db), "--by", "fortnight"])
    assert result.exit_code == 2 and "unknown period" in flat(result.output)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "xlsx", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "gdelt" in result.output
