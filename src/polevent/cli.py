"""The command line: a thin layer over the library. Only this module prints."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date as date_type
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .coder import PAIR_EVENTS, Coder
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


ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="User actor dictionary (YAML or CSV) merged over the built-in base; repeatable."),
]
ClassifierOption = Annotated[
    bool, typer.Option("--classifier/--no-classifier", help="Use the learned pair classifier with the lexicon.")
]
ThingsOption = Annotated[
    bool,
    typer.Option(
        "--thing-targets/--actor-targets",
        help="Open mode: an event may take the thing it acts on (a plan, a ruling) as its target, uncoded, or"
        " have none when no one is named; --actor-targets keeps only events between two actors.",
    ),
]
PairsOption = Annotated[
    bool,
    typer.Option(
        "--actor-pairs/--no-actor-pairs",
        help="Open mode: let the classifier also code two actors of a sentence that no trigger links.",
    ),
]
PairModelOption = Annotated[
    Path | None, typer.Option("--pair-model", help="Folder of a classifier made by `polevent train`.")
]


def _coder(
    model: str | None,
    actors: list[Path] | None,
    classifier: bool,
    pair_model: Path | None,
    thing_targets: bool = True,
    actor_pairs: bool = True,
) -> Coder:
    """A Coder, with user dictionaries checked now so that a bad file fails before any work."""
    coder = Coder(
        model=model,
        actors=actors or (),
        learned=classifier,
        pair_model=pair_model,
        thing_targets=thing_targets,
        pair_events=PAIR_EVENTS if actor_pairs else None,
    )
    try:
        coder.kb  # noqa: B018 - loads and validates the dictionaries
        coder.classifier  # noqa: B018
    except PoleventError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    return coder


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
    actors: ActorsOption = None,
    classifier: ClassifierOption = True,
    pair_model: PairModelOption = None,
    thing_targets: ThingsOption = True,
    actor_pairs: PairsOption = True,
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
    coder = _coder(model, actors, classifier, pair_model, thing_targets, actor_pairs)
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
    actors: ActorsOption = None,
    classifier: ClassifierOption = True,
    pair_model: PairModelOption = None,
    thing_targets: ThingsOption = True,
    actor_pairs: PairsOption = True,
) -> None:
    """Score polevent against gold files.

    Example: polevent eval ../shared/eval/dev/plv_train.jsonl --mode pairs
    """
    from .evaluation import evaluate, summary_rows

    coder = _coder(model, actors, classifier, pair_model, thing_targets, actor_pairs)
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


# -- the event store ------------------------------------------------------------------------

DbOption = Annotated[
    Path | None, typer.Option("--db", help="Event store file (default: $POLEVENT_DB, else the user data directory).")
]
SourceOption = Annotated[str | None, typer.Option(help="Source actor: code prefix (USA, USAGOV) or country.")]
TargetOption = Annotated[str | None, typer.Option(help="Target actor: code prefix or country.")]
EitherOption = Annotated[str | None, typer.Option(help="Actor on either side: code prefix or country.")]
CountryOption = Annotated[str | None, typer.Option(help="Country of either actor (ISO3).")]
SectorOption = Annotated[str | None, typer.Option(help="Sector of either actor (GOV, MIL, REB...).")]
CameoOption = Annotated[str | None, typer.Option(help="CAMEO code or prefix: 19 (root), 190, 0311.")]
PloverOption = Annotated[str | None, typer.Option(help="PLOVER event type, e.g. ASSAULT.")]
QuadOption = Annotated[int | None, typer.Option(help="Quad class 1-4.", min=1, max=4)]
SinceOption = Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD.")]
TextOption = Annotated[str | None, typer.Option(help="Only events with a mention whose sentence contains this.")]


def _filters(**values: Any) -> Any:
    from .store import Filters

    for name in ("since", "until"):
        if values.get(name):
            try:
                date_type.fromisoformat(values[name])
            except ValueError as exc:
                raise typer.BadParameter(f"--{name} must be a date YYYY-MM-DD, not {values[name]!r}") from exc
    return Filters(**values)


def _open_store(db: Path | None, *, read_only: bool) -> Any:
    from .store import EventStore

    try:
        return EventStore(db, read_only=read_only)
    except PoleventError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc


def _ingest(store: Any, coder: Coder, documents: Any, label: str) -> Any:
    run_id = store.start_run(pipeline=coder.model, signature=coder.signature(), config=coder.config())
    counts = {"read": 0, "events": 0, "failed": 0}

    def progress(status: Any) -> Any:
        for outcome in coder.code_stream(documents):
            counts["read"] += 1
            if outcome.problem is not None:
                counts["failed"] += 1
                problem = outcome.problem
                where = f"{problem.location}: " if problem.location else ""
                err.print(f"[red]error[/red] {where}document {problem.doc_id!r}: {problem.message}", highlight=False)
            else:
                counts["events"] += len(outcome.events)
            status.update(
                f"{label}... {counts['read']} documents, {counts['events']} events, {counts['failed']} errors"
            )
            yield outcome

    with err.status(f"{label}...", spinner="dots") as status:
        stats = store.add(progress(status), run_id=run_id, signature=coder.signature())
    store.finish_run(run_id, stats)
    return stats


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl), directories, or - for stdin.")],
    db: DbOption = None,
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")] = None,
    dedup_key: Annotated[
        str | None,
        typer.Option(help="How mentions collapse into events: comma list of day,source,target,cameo|root,place."),
    ] = None,
    model: Annotated[str | None, typer.Option(help="Installed spaCy English pipeline to use.")] = None,
    actors: ActorsOption = None,
    classifier: ClassifierOption = True,
    pair_model: PairModelOption = None,
    thing_targets: ThingsOption = True,
    actor_pairs: PairsOption = True,
) -> None:
    """Code documents into the event store. Re-ingesting a document replaces its mentions.

    Example: polevent ingest news/ --db events.duckdb
    """
    from .ingest import read_inputs

    coder = _coder(model, actors, classifier, pair_model, thing_targets, actor_pairs)
    with _open_store(db, read_only=False) as store:
        try:
            if dedup_key:
                store.set_dedup_key(dedup_key)
            stats = _ingest(store, coder, read_inputs(inputs, default_date=date), "coding")
        except PoleventError as exc:
            err.print(f"[red]error[/red] {exc}", highlight=False)
            raise typer.Exit(2) from exc
        counts = store.counts()
    err.print(
        f"documents read: {stats.documents} (new {stats.new}, re-coded {stats.recoded}, unchanged {stats.unchanged}, "
        f"failed {stats.errors}); mentions written: {stats.mentions}. Store {store.path}: "
        f"{counts['documents']} documents, {counts['mentions']} mentions, {counts['events']} events.",
        highlight=False,
    )
    if stats.documents == 0 or stats.documents == stats.errors:
        raise typer.Exit(1)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    output_format: Annotated[
        str, typer.Option("--format", help="gdelt, parquet, csv, jsonl, plover or mentions.")
    ] = "jsonl",
    header: Annotated[bool, typer.Option(help="Write a header row (gdelt, csv).")] = True,
    db: DbOption = None,
    source: SourceOption = None,
    target: TargetOption = None,
    either: EitherOption = None,
    country: CountryOption = None,
    sector: SectorOption = None,
    cameo: CameoOption = None,
    plover: PloverOption = None,
    quad: QuadOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    text: TextOption = None,
) -> None:
    """Export events (deduplicated) or their mentions from the store.

    Example: polevent export --format gdelt -o events.tsv --since 2024-01-01
    """
    from .exports import FORMATS

    if output_format not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    filters = _filters(
        source=source, target=target, either=either, country=country, sector=sector, cameo=cameo,
        plover=plover, quad_class=quad, since=since, until=until, text=text,
    )  # fmt: skip
    with _open_store(db, read_only=True) as store:
        written = store.export(output, output_format, filters, header=header)
    err.print(f"wrote {written} records to {output} ({output_format})", highlight=False)


@app.command()
def query(
    db: DbOption = None,
    source: SourceOption = None,
    target: TargetOption = None,
    either: EitherOption = None,
    country: CountryOption = None,
    sector: SectorOption = None,
    cameo: CameoOption = None,
    plover: PloverOption = None,
    quad: QuadOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    text: TextOption = None,
    limit: Annotated[int, typer.Option(help="At most this many events (0: all).")] = 50,
    order: Annotated[
        str, typer.Option(help="day, mentions, goldstein (most conflictual first) or -goldstein.")
    ] = "day",
    output_format: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """List events matching filters.

    Example: polevent query --source RUS --target UKR --plover ASSAULT --since 2024-01-01
    """
    from .exports import plain

    if output_format not in {"table", "json", "csv"}:
        raise typer.BadParameter("--format must be table, json or csv")
    filters = _filters(
        source=source, target=target, either=either, country=country, sector=sector, cameo=cameo,
        plover=plover, quad_class=quad, since=since, until=until, text=text,
    )  # fmt: skip
    with _open_store(db, read_only=True) as store:
        try:
            rows = store.query(filters, limit=limit or None, order=order)
        except PoleventError as exc:
            raise typer.BadParameter(str(exc)) from exc
    if output_format == "json":
        out.print_json(json.dumps([{k: plain(v) for k, v in row.items()} for row in rows]))
        return
    if output_format == "csv":
        writer = csv.writer(sys.stdout)
        if rows:
            writer.writerow(list(rows[0]))
        for row in rows:
            writer.writerow([plain(v) for v in row.values()])
        return
    table = Table(title=f"{len(rows)} events" + (f" (first {limit})" if limit and len(rows) == limit else ""))
    for column in ("day", "source", "target", "CAMEO", "PLOVER", "Goldstein", "mentions", "sentence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["day"] or ""),
            row["source_code"] or "-",
            row["target_code"] or "-",
            row["cameo"],
            row["plover"] or "-",
            f"{row['goldstein']:+.1f}",
            str(row["mentions"]),
            row["sentence"] or "",
        )
    out.print(table)


@app.command()
def series(
    db: DbOption = None,
    source: SourceOption = None,
    target: TargetOption = None,
    either: EitherOption = None,
    country: CountryOption = None,
    sector: SectorOption = None,
    cameo: CameoOption = None,
    plover: PloverOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    by: Annotated[str, typer.Option(help="day, week, month, quarter or year.")] = "week",
    chart: Annotated[
        Path | None, typer.Option(help="Draw the series to this path stem: writes STEM.png and STEM.svg.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """Event counts per quad class, events and Goldstein sum per period.

    Example: polevent series --source USA --target CHN --by week --chart usa-chn
    """
    from .exports import plain
    from .summary import QUAD_NAMES

    if output_format not in {"table", "json", "csv"}:
        raise typer.BadParameter("--format must be table, json or csv")
    filters = _filters(
        source=source, target=target, either=either, country=country, sector=sector, cameo=cameo,
        plover=plover, since=since, until=until,
    )  # fmt: skip
    with _open_store(db, read_only=True) as store:
        try:
            rows = store.series(filters, by=by)
        except PoleventError as exc:
            raise typer.BadParameter(str(exc)) from exc
    title = f"{source or 'any'} -> {target or 'any'}: events per {by}"
    if chart is not None:
        from .charts import save_figure, series_figure

        if not rows:
            err.print("[yellow]no dated events match: no chart drawn[/yellow]")
        else:
            for path in save_figure(series_figure(rows, title=title, by=by), chart):
                err.print(f"chart written: {path}", highlight=False)
    if output_format == "json":
        out.print_json(json.dumps([{k: plain(v) for k, v in row.items()} for row in rows]))
        return
    if output_format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["period", "q1", "q2", "q3", "q4", "events", "mentions", "goldstein_sum"])
        for row in rows:
            writer.writerow([plain(v) for v in row.values()])
        return
    table = Table(title=title)
    table.add_column(by)
    for quad in QUAD_NAMES.values():
        table.add_column(quad, justify="right")
    for column in ("events", "mentions", "Goldstein sum"):
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(
            str(row["period"]),
            *(str(row[f"q{q}"]) for q in QUAD_NAMES),
            str(row["events"]),
            str(row["mentions"]),
            f"{row['goldstein_sum']:+.1f}",
        )
    out.print(table)


@app.command()
def network(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    either: EitherOption = None,
    cameo: CameoOption = None,
    plover: PloverOption = None,
    top: Annotated[int, typer.Option(help="Keep the most active N actors.")] = 30,
    level: Annotated[str, typer.Option(help="code (USAGOV, USAMIL) or country (USA).")] = "country",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Path stem: writes STEM.graphml, STEM.json, STEM.png, STEM.svg."),
    ] = None,
) -> None:
    """The actor network: who acts on whom, how often, how conflictually.

    Example: polevent network --since 2024-01-01 --top 30 -o network
    """
    filters = _filters(either=either, cameo=cameo, plover=plover, since=since, until=until)
    with _open_store(db, read_only=True) as store:
        try:
            graph = store.network(filters, top=top, level=level)
        except PoleventError as exc:
            raise typer.BadParameter(str(exc)) from exc
    if output is not None:
        from .charts import network_figure, save_figure, save_graph

        paths = save_graph(graph, output)
        paths += save_figure(network_figure(graph, title=f"Actor network ({len(graph['nodes'])} actors)"), output)
        for path in paths:
            err.print(f"written: {path}", highlight=False)
    table = Table(title=f"{len(graph['nodes'])} actors, {len(graph['edges'])} directed edges")
    for column in ("source", "target", "events", "mentions", "mean Goldstein"):
        table.add_column(column)
    for edge in graph["edges"][:40]:
        table.add_row(
            edge["source"], edge["target"], str(edge["events"]), str(edge["mentions"]), f"{edge['mean_goldstein']:+.2f}"
        )
    if len(graph["edges"]) > 40:
        table.caption = f"the 40 heaviest of {len(graph['edges'])} edges"
    out.print(table)


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("polevent-report.html"),
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    either: EitherOption = None,
) -> None:
    """One HTML file summarising the store: coverage, series, top dyads, network, extreme events.

    Example: polevent report -o report.html
    """
    from .charts import write_report

    filters = _filters(either=either, since=since, until=until)
    with _open_store(db, read_only=True) as store:
        path = write_report(store, output, filters)
    out.print(f"report written: {path.resolve()}", highlight=False)


@app.command()
def demo(
    output_dir: Annotated[
        Path, typer.Option("--output-dir", help="Where the demo writes its store, charts and report.")
    ] = Path("polevent-demo"),
    model: Annotated[str | None, typer.Option(help="Installed spaCy English pipeline to use.")] = None,
) -> None:
    """Code the bundled sample articles into a store, print a summary, write charts and an HTML report.

    Example: polevent demo --output-dir demo-out
    """
    from .charts import network_figure, save_figure, save_graph, series_figure, write_report
    from .store import EventStore, Filters
    from .summary import QUAD_NAMES, sample_documents

    coder = Coder(model=model)
    with EventStore(output_dir / "events.duckdb") as store:
        stats = _ingest(store, coder, sample_documents(), "coding the sample corpus")
        coverage = store.coverage()
        dyads = store.top_dyads(Filters(), limit=25)
        conflictual = store.query(Filters(), limit=5, order="goldstein")
        cooperative = store.query(Filters(), limit=5, order="-goldstein")
        written = save_figure(
            series_figure(store.series(Filters(), by="month"), title="Sample corpus: events per month", by="month"),
            output_dir / "series",
        )
        graph = store.network(Filters(), top=30, level="country")
        written += save_graph(graph, output_dir / "network")
        written += save_figure(network_figure(graph, title="Sample corpus: actor network"), output_dir / "network")
        report_path = write_report(store, output_dir / "report.html", Filters())
    out.print(
        f"[bold]{coverage['mentions']} event mentions, {coverage['events']} events[/bold] in "
        f"{stats.documents} sample articles\n"
    )
    table = Table(title="Events per dyad and quad class")
    table.add_column("source")
    table.add_column("target")
    for name in QUAD_NAMES.values():
        table.add_column(name, justify="right")
    table.add_column("total", justify="right")
    for row in dyads:
        table.add_row(row["source"], row["target"], *[str(row[f"q{q}"]) for q in QUAD_NAMES], str(row["events"]))
    out.print(table)
    for title, chosen in (("Most conflictual events", conflictual), ("Most cooperative events", cooperative)):
        out.print(f"\n[bold]{title}[/bold]")
        for row in chosen:
            out.print(
                f"  {row['goldstein']:+5.1f}  {row['source_code'] or '-'} -> {row['target_code'] or '-'}  "
                f"{row['cameo']} ({row['plover'] or '-'}) {row['day'] or ''}",
                highlight=False,
            )
            out.print(f"         {row['sentence']}", highlight=False, style="dim")
    out.print("\nwritten:", highlight=False)
    for path in [output_dir / "events.duckdb", *written]:
        out.print(f"  {path}", highlight=False)
    out.print(f"\n[bold]report:[/bold] {report_path.resolve()}", highlight=False)


# -- training -------------------------------------------------------------------------------------


@app.command()
def train(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for pairs.npz and pairs.json.")] = Path(
        "polevent-model"
    ),
    corpus: Annotated[
        Path | None, typer.Option(help="Folder of training *.jsonl files (default: the bundled corpus).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed (folds and solver).")] = 13,
    c: Annotated[float, typer.Option("--c", help="Inverse regularisation strength of the logistic regression.")] = 4.0,
    model: Annotated[str | None, typer.Option(help="Installed spaCy English pipeline to use.")] = None,
) -> None:
    """Train the pair classifier on the training corpus (same data and seed: the same model file).

    Example: polevent train -o my-model && polevent eval gold.jsonl --mode pairs --pair-model my-model
    """
    from .nlp import load_pipeline, pipeline_name
    from .training import train as run_training

    if corpus is not None and not corpus.is_dir():
        raise typer.BadParameter(f"--corpus {corpus} is not a folder")

    def progress(message: str) -> None:
        err.print(message, highlight=False)

    try:
        with err.status("training...", spinner="dots"):
            result = run_training(
                load_pipeline(pipeline_name(model)), output, corpus=corpus, seed=seed, c=c, progress=progress
            )
    except (PoleventError, ValueError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    out.print(
        f"model written to {result.folder}: {result.examples} examples, {result.features} features; held-out "
        + ", ".join(f"{head} accuracy {value:.3f}" for head, value in result.metrics.items())
        + f"; sha256 {result.model_sha256[:16]}",
        highlight=False,
    )


# -- actors ---------------------------------------------------------------------------------------

actors_app = typer.Typer(help="Look up, add and import actor dictionaries.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("lookup")
def actors_lookup(
    name: Annotated[str, typer.Argument(help="A name or phrase as news writes it.")],
    date: Annotated[str | None, typer.Option(help="The day to resolve for, YYYY-MM-DD (default: today).")] = None,
    actors: ActorsOption = None,
    model: Annotated[str | None, typer.Option(help="Installed spaCy English pipeline to use.")] = None,
) -> None:
    """Show how a name resolves to an actor code on a day, and why.

    Example: polevent actors lookup "Wei Fenghe" --date 2022-06-10
    """
    from datetime import date as date_type

    from .actors import resolve_document
    from .kb import PERSON

    day = date_type.today()
    if date:
        try:
            day = date_type.fromisoformat(date)
        except ValueError as exc:
            raise typer.BadParameter(f"--date must be YYYY-MM-DD, not {date!r}") from exc
    coder = _coder(model, actors, False, None)
    kb = coder.kb
    doc = coder.nlp(f"{name} said on Monday.")
    state = resolve_document(kb, doc, day)
    head = next((t for t in doc if t.dep_ == "nsubj"), None) or doc[0]
    mention = state.by_head.get(head.i)
    if mention is None:
        out.print(f"{name!r}: no actor (no country, organisation, person or sector word is known in it)")
        raise typer.Exit(1)
    actor = mention.actor
    out.print(f"[bold]{name}[/bold] on {day.isoformat()}: {actor.code or '-'}", highlight=False)
    out.print(f"  country {actor.country or '-'}, sector {actor.sector or '-'}, name {actor.name or '-'}")
    out.print(f"  why: {mention.how or 'phrase words'}", highlight=False)
    if mention.person_id and mention.person_id in kb.people:
        person = kb.people[mention.person_id]
        table = Table(title=f"offices of {person.name} ({person.id})")
        for column in ("title", "country", "sector", "role", "from", "to", f"on {day.isoformat()}"):
            table.add_column(column)
        for role in person.roles:
            table.add_row(
                role.title,
                role.country,
                role.sector,
                role.role,
                role.start_text,
                role.end_text or "(in office)",
                "yes" if role.holds(day) else "",
            )
        out.print(table)
    words = [t.text for t in doc if t.i < head.i + 1 or t.i <= head.right_edge.i]
    entries = [kb.match(words, i) for i in range(len(words))]
    for found in entries:
        if found is not None and found[1].kind != PERSON:
            entry = found[1]
            out.print(f"  matched {entry.kind} {entry.name!r} -> {entry.code or entry.country or '-'}", highlight=False)


@actors_app.command("add")
def actors_add(
    files: Annotated[list[Path], typer.Argument(help="YAML or CSV actor dictionaries (see docs/actors.md).")],
) -> None:
    """Check user dictionaries and install them: every later run merges them over the built-in base.

    Example: polevent actors add my-actors.yaml
    """
    import shutil

    from .kb import load_people, user_actor_folder

    for path in files:
        try:
            table = load_people([path])
        except PoleventError as exc:
            err.print(f"[red]error[/red] {exc}", highlight=False)
            raise typer.Exit(2) from exc
        folder = user_actor_folder()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / path.name
        shutil.copyfile(path, target)
        out.print(
            f"{path}: valid ({len(table.people)} people in all, {len(table.organizations)} organisations, "
            f"{len(table.sectors)} sector words); installed as {target}",
            highlight=False,
        )


@actors_app.command("import-petrarch")
def actors_import_petrarch(
    files: Annotated[list[Path], typer.Argument(help="PETRARCH/TABARI .actors or agents files.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV user dictionary to write.")] = Path(
        "petrarch-actors.csv"
    ),
) -> None:
    """Convert PETRARCH/Phoenix actor and agent dictionaries (with dated roles) into a polevent CSV dictionary.

    Example: polevent actors import-petrarch Phoenix.Countries.actors.txt -o phoenix.csv
    """
    from .people import USER_COLUMNS
    from .petrarch import convert, slug

    rows: list[dict[str, str]] = []
    for path in files:
        if not path.is_file():
            err.print(f"[red]error[/red] {path}: no such file", highlight=False)
            raise typer.Exit(2)
        result = convert(path, prefix=slug(path.name.split(".actors")[0].split(".txt")[0]))
        rows.extend(result.rows)
        out.print(
            f"{path.name}: {result.converted} of {result.entries} entries converted ({result.rate:.1%}), "
            f"{len(result.rows)} rows; {len(result.skipped)} lines not converted",
            highlight=False,
        )
        for line in result.skipped:
            err.print(f"  not converted: {line}", highlight=False)
    with open(output, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(USER_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    out.print(f"wrote {len(rows)} rows to {output}; install with: polevent actors add {output}", highlight=False)
