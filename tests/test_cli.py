"""The command line, run in-process with Typer's runner."""

import json

import pytest
from typer.testing import CliRunner

import polevent
from polevent.cli import app

runner = CliRunner()


def test_version_prints_the_package_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"polevent {polevent.__version__}"


@pytest.mark.parametrize(
    "command",
    [
        "code",
        "eval",
        "demo",
        "ingest",
        "export",
        "query",
        "series",
        "network",
        "report",
        "train",
        "actors lookup",
        "actors add",
        "actors import-petrarch",
    ],
)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert "Example: polevent" in result.stdout


@pytest.mark.model
def test_code_writes_events_and_reports_bad_documents_without_stopping(tmp_path):
    (tmp_path / "good.txt").write_text("Indian police arrested Pakistani fishermen in Gujarat on Monday.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_text('{"id": "ok", "text": "Russia accused Ukraine of shelling."}\n{broken\n')
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["code", str(tmp_path), "--date", "2024-03-11", "--output", str(out)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in out.read_text().splitlines()]
    codes = {(e["doc_id"], e["source"]["code"], e["target"]["code"], e["cameo_root"]) for e in events}
    assert ("good", "INDCOP", "PAKAGR", "17") in codes
    assert ("ok", "RUS", "UKR", "11") in codes
    assert all(e["date"] for e in events)
    assert "empty.txt" in result.stderr and "empty" in result.stderr
    assert "bad.jsonl:2" in result.stderr and "malformed JSON" in result.stderr
    assert "documents read: 4, coded: 2, failed: 2" in result.stderr


@pytest.mark.model
def test_code_writes_csv_with_leading_zeros(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("The United States said it plans to sell fighter jets to Poland.")
    result = runner.invoke(app, ["code", str(source), "--format", "csv"])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.startswith("doc_id,date,date_precision,source_code")
    assert any(",0312," in row for row in rows)


@pytest.mark.model
def test_eval_scores_a_small_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    items = [
        {
            "id": "a",
            "text": "Russia accused Ukraine of shelling.",
            "date": None,
            "complete": True,
            "events": [
                {
                    "source": {"spans": [[0, 6]]},
                    "target": {"spans": [[15, 22]]},
                    "cameo": "112",
                    "cameo_root": "11",
                    "plover": "ACCUSE",
                    "penta": 3,
                }
            ],
        },
        {"id": "b", "text": "The weather was fine in Paris.", "date": None, "complete": True, "events": []},
    ]
    gold.write_text("".join(json.dumps(item) + "\n" for item in items))
    pairs = runner.invoke(app, ["eval", str(gold), "--mode", "pairs", "--json"])
    assert pairs.exit_code == 0, pairs.output
    [scores] = json.loads(pairs.stdout)
    assert scores["schemes"]["plover"]["accuracy"] == 1.0
    assert scores["schemes"]["cameo"]["n"] == 1
    opened = runner.invoke(app, ["eval", str(gold), "--mode", "open", "--json"])
    [scores] = json.loads(opened.stdout)
    assert scores["recall"]["plover"]["recall"] == 1.0
    assert scores["precision"]["no_event_texts_coded"] == 0


def test_eval_names_the_line_of_a_malformed_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "x", "events": []}\n{not json\n')
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2
    assert "gold.jsonl:2" in result.stderr


@pytest.mark.model
def test_demo_codes_the_sample_corpus_into_a_store_and_writes_a_report(tmp_path):
    result = runner.invoke(app, ["demo", "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "sample articles" in result.stdout
    assert "Most conflictual events" in result.stdout and "Most cooperative events" in result.stdout
    count = int(result.stdout.split(" event mentions")[0].split()[-1])
    assert count >= 30
    for name in ("events.duckdb", "report.html", "series.png", "series.svg", "network.png", "network.graphml"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert "report.html" in result.stdout
    again = runner.invoke(app, ["demo", "--output-dir", str(tmp_path)])
    assert int(again.stdout.split(" event mentions")[0].split()[-1]) == count, "re-running the demo adds nothing"
