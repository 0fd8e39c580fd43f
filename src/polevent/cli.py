"""The command line: a thin layer over the library. Only this module prints."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .coder import Coder
from .errors import PoleventError

app = typer.Typer(
    help="polevent: code news text into CAMEO and PLOVER political events, offline.\n\n"
    "Example: polevent code article.txt --date 2024-11-22",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)
out = Console()

CSV_FIELDS = [
    "doc_id",
    "date",
    "date_precision",
    "source_code",
    "source_text",
    "target_code",
    "target_text",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "plover_mode",
    "location",
    "location_country",
    "trigger",
    "confidence",
    "explanation",
]


def _version(value: bool) -> None:
    if value:
        out.print(f"polevent {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """polevent: code news text into CAMEO and PLOVER political events, offline."""


def _csv_row(event: dict[str, Any]) -> dict[str, Any]:
    source, target, location = event["source"] or {}, event["target"] or {}, event["location"] or {}
    return {
        **{
            k: event[k]
            for k in (
                "doc_id",
                "date",
                "date_precision",
                "cameo",
                "cameo_root",
                "quad_class",
                "goldstein",
                "plover",
                "plover_mode",
                "confidence",
                "explanation",
            )
        },
        "source_code": source.get("code"),
        "source_text": source.get("text"),
        "target_code": target.get("code"),
        "target_text": target.get("text"),
        "location": location.get("name"),
        "location_country": location.get("country"),
        "trigger": event["trigger"]["text"],
    }


@app.command()
def code(
    inputs: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl), directories, or - for stdin.")],
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write events here, not stdout.")] = None,
    model: Annotated[str | None, typer.Option(help="Installed spaCy English pipeline to use.")] = None,
) -> None:
    """Code documents into events, one JSON object (or CSV row) per event.

    Example: polevent code news/ --date 2024-11-22 --output events.jsonl
    """
    from .ingest import read_inputs

    if output_format not in {"jsonl", "csv"}:
        raise typer.BadParameter("--format must be jsonl or csv")
    handle = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS) if output_format == "csv" else None
    if writer:
        writer.writeheader()
    read = coded = failed = events = 0
    coder = Coder(model=model)
    try:
        with err.status("coding...", spinner="dots") as status:
            for outcome in coder.code_stream(read_inputs(inputs, default_date=date)):
                read += 1
                if outcome.problem is not None:
                    failed += 1
                    problem = outcome.problem
                    where = f"{problem.location}: " if problem.location else ""
                    err.print(
                        f"[red]error[/red] {where}document {problem.doc_id!r}: {problem.message}",
                        highlight=False,
                    )
                    continue
                coded += 1
                for event in outcome.events:
                    events += 1
                    record = event.to_dict()
                    if writer:
                        writer.writerow(_csv_row(record))
                    else:
                        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                status.update(f"coding... {read} documents, {events} events")
    except PoleventError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    finally:
        if output:
            handle.close()
    err.print(f"documents read: {read}, coded: {coded}, failed: {failed}; events: {events}", highlight=False)
    if read == 0 or coded == 0:
        raise typer.Exit(1)


@app.command("eval")
def eval_command(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files (see docs/gold-format.md).")],
    mode: Annotated[str, typer.Option(help="open (code the text) or pairs (code each marked pair).")] = "open",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
    model: Annotated[str | None, typer.Option(help="Installed spaCy English pipeline to use.")] = None,
) -> None:
    """Score polevent against gold files.

    Example: polevent eval ../shared/eval/dev/plv_train.jsonl --mode pairs
    """
    from .evaluation import evaluate, summary_rows

    coder = Coder(model=model)
    results = []
    for path in gold:
        try:
            results.append(evaluate(coder, path, mode=mode))
        except (PoleventError, OSError, ValueError) as exc:
            err.print(f"[red]error[/red] {path}: {exc}", highlight=False)
            raise typer.Exit(2) from exc
    if as_json:
        out.print_json(json.dumps(results))
        return
    for result in results:
        table = Table(title=f"{result['file']} ({result['mode']} mode, {result['items']} texts)")
        for column in ("measure", "n", "value", "detail"):
            table.add_column(column)
        for row in summary_rows(result):
            table.add_row(*row)
        out.print(table)


@app.command()
def demo(
    model: Annotated[str | None, typer.Option(help="Installed spaCy English pipeline to use.")] = None,
) -> None:
    """Code the bundled sample articles and print a summary.

    Example: polevent demo
    """
    from .summary import QUAD_NAMES, sample_documents, summarize

    coder = Coder(model=model)
    with err.status("coding the sample corpus...", spinner="dots"):
        summary = summarize(coder.code_many(sample_documents()))
    out.print(f"[bold]{summary.events} events[/bold] in {summary.documents} sample articles\n")
    table = Table(title="Events per dyad and quad class")
    table.add_column("source")
    table.add_column("target")
    for name in QUAD_NAMES.values():
        table.add_column(name, justify="right")
    table.add_column("total", justify="right")
    ranked = sorted(summary.dyads.items(), key=lambda kv: -sum(kv[1].values()))
    if len(ranked) > 25:
        table.caption = f"the 25 most active of {len(ranked)} dyads"
    for (source, target), counts in ranked[:25]:
        table.add_row(source, target, *[str(counts.get(q, 0)) for q in QUAD_NAMES], str(sum(counts.values())))
    out.print(table)
    for title, chosen in (
        ("Most conflictual events", summary.most_conflictual),
        ("Most cooperative events", summary.most_cooperative),
    ):
        out.print(f"\n[bold]{title}[/bold]")
        for event, sentence in chosen:
            source = (event.source.code if event.source else None) or "-"
            target = (event.target.code if event.target else None) or "-"
            out.print(
                f"  {event.goldstein:+5.1f}  {source} -> {target}  {event.cameo} ({event.plover or '-'}) "
                f"{event.date or ''}",
                highlight=False,
            )
            out.print(f"         {sentence}", highlight=False, style="dim")
