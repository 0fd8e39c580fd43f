"""Charts and the HTML report drawn from a store's series and network (matplotlib, no display needed)."""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .summary import QUAD_NAMES

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .store import EventStore, Filters

QUAD_COLOURS = {1: "#7fb3d5", 2: "#1f618d", 3: "#f5b041", 4: "#c0392b"}
IMAGE_FORMATS = ("png", "svg")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def series_figure(rows: Sequence[dict[str, Any]], *, title: str, by: str) -> Figure:
    """Stacked bars of events per quad class per period, with the Goldstein sum as a line."""
    plt = _pyplot()
    import matplotlib.dates as mdates

    fig, ax = plt.subplots(figsize=(10, 4.8), layout="constrained")
    periods = [row["period"] for row in rows]
    width = {"day": 0.8, "week": 5.5, "month": 24, "quarter": 75, "year": 300}[by]
    bottom = [0] * len(rows)
    for quad, name in QUAD_NAMES.items():
        counts = [row[f"q{quad}"] for row in rows]
        ax.bar(periods, counts, width=width, bottom=bottom, color=QUAD_COLOURS[quad], label=name, align="edge")
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    ax.set_ylabel("events")
    ax.set_xlabel(f"{by} starting")
    ax.set_title(title)
    line_ax = ax.twinx()
    line_ax.plot(
        [p for p in periods],
        [row["goldstein_sum"] for row in rows],
        color="black",
        marker="o",
        markersize=3,
        linewidth=1.2,
        label="Goldstein sum",
    )
    line_ax.axhline(0, color="grey", linewidth=0.6, linestyle=":")
    line_ax.set_ylabel("Goldstein sum (conflict < 0 < cooperation)")
    handles, labels = ax.get_legend_handles_labels()
    line_handles, line_labels = line_ax.get_legend_handles_labels()
    ax.legend(handles + line_handles, labels + line_labels, loc="upper left", fontsize=8, frameon=False, ncols=3)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_ylim(0, max(bottom or [1]) * 1.25 + 0.5)
    return fig


def network_figure(graph: dict[str, Any], *, title: str) -> Figure:
    """The actor network: node size by events, edge width by events, edge colour by mean Goldstein."""
    plt = _pyplot()
    import networkx as nx
    from matplotlib import colormaps
    from matplotlib.colors import Normalize

    g = to_networkx(graph)
    fig, ax = plt.subplots(figsize=(9, 7.5), layout="constrained")
    ax.set_title(title)
    ax.axis("off")
    if not g.number_of_nodes():
        ax.text(0.5, 0.5, "no events with both actors coded", ha="center", va="center")
        return fig
    positions = nx.kamada_kawai_layout(g.to_undirected()) if g.number_of_nodes() > 2 else nx.circular_layout(g)
    positions = nx.spring_layout(g, pos=positions, seed=7, k=2.2 / g.number_of_nodes() ** 0.5, iterations=30)
    cmap, norm = colormaps["RdYlGn"], Normalize(vmin=-10, vmax=10)
    top = max(n["events"] for n in graph["nodes"])
    sizes = [250 + 1300 * g.nodes[n]["events"] / top for n in g.nodes]
    nx.draw_networkx_nodes(
        g,
        positions,
        ax=ax,
        node_size=sizes,
        node_color="#d6eaf8",
        edgecolors="#1f618d",
    )
    nx.draw_networkx_labels(g, positions, ax=ax, font_size=8)
    most = max((e["events"] for e in graph["edges"]), default=1)
    nx.draw_networkx_edges(
        g,
        positions,
        ax=ax,
        width=[0.8 + 4 * g.edges[e]["events"] / most for e in g.edges],
        edge_color=[cmap(norm(g.edges[e]["mean_goldstein"])) for e in g.edges],
        arrows=True,
        arrowsize=12,
        connectionstyle="arc3,rad=0.12",
        node_size=sizes,
    )
    scalar = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
    bar = fig.colorbar(scalar, ax=ax, shrink=0.6)
    bar.set_label("mean Goldstein of the edge's events (conflict < 0 < cooperation)")
    ax.text(
        0.0,
        -0.02,
        "node size: events involving the actor; edge width: events from source to target",
        transform=ax.transAxes,
        fontsize=8,
        color="#555555",
    )
    return fig


def to_networkx(graph: dict[str, Any]) -> Any:
    import networkx as nx

    g = nx.DiGraph()
    for node in graph["nodes"]:
        g.add_node(node["id"], events=node["events"])
    for edge in graph["edges"]:
        g.add_edge(
            edge["source"],
            edge["target"],
            events=edge["events"],
            mentions=edge["mentions"],
            mean_goldstein=float(edge["mean_goldstein"]),
        )
    return g


def save_figure(fig: Figure, stem: Path) -> list[Path]:
    """Write a figure as PNG and SVG beside each other; returns the paths."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in IMAGE_FORMATS:
        path = stem.with_suffix(f".{fmt}")
        fig.savefig(path, dpi=130, metadata={"Date": None} if fmt == "svg" else None)
        paths.append(path)
    _pyplot().close(fig)
    return paths


def save_graph(graph: dict[str, Any], stem: Path) -> list[Path]:
    """Write the network as GraphML and JSON (nodes and edges)."""
    import networkx as nx

    stem.parent.mkdir(parents=True, exist_ok=True)
    graphml, as_json = stem.with_suffix(".graphml"), stem.with_suffix(".json")
    nx.write_graphml(to_networkx(graph), graphml)
    as_json.write_text(json.dumps(graph, indent=1), encoding="utf-8")
    return [graphml, as_json]


def _png_data(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    _pyplot().close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def choose_period(first: str | None, last: str | None) -> str:
    """A period that gives a readable number of bars for the span of the data."""
    if not first or not last:
        return "week"
    days = (date.fromisoformat(last) - date.fromisoformat(first)).days
    if days <= 60:
        return "day"
    if days <= 2 * 365:
        return "week" if days <= 300 else "month"
    return "month" if days <= 8 * 365 else "year"


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label in columns)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape('' if row.get(k) is None else str(row[k]))}</td>" for k, _ in columns)
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _event_list(rows: Sequence[dict[str, Any]]) -> str:
    items = []
    for row in rows:
        items.append(
            "<li><span class='score'>{g:+.1f}</span> <b>{s}</b> &rarr; <b>{t}</b> {c} ({p}) {d}"
            "<br><span class='sentence'>{sentence}</span></li>".format(
                g=row["goldstein"],
                s=html.escape(row.get("source_code") or "-"),
                t=html.escape(row.get("target_code") or "-"),
                c=html.escape(row["cameo"]),
                p=html.escape(row.get("plover") or "-"),
                d=html.escape(str(row.get("day") or "")),
                sentence=html.escape(row.get("sentence") or ""),
            )
        )
    return "<ol>" + "".join(items) + "</ol>"


def write_report(store: EventStore, path: Path, filters: Filters, *, top: int = 30) -> Path:
    """One self-contained HTML file summarising the store: coverage, series, dyads, network, extreme events."""
    from . import __version__

    coverage = store.coverage()
    by = choose_period(coverage["first_day"], coverage["last_day"])
    series = store.series(filters, by=by)
    dyads = store.top_dyads(filters, limit=15)
    graph = store.network(filters, top=top, level="country")
    conflictual = store.query(filters, limit=10, order="goldstein")
    cooperative = store.query(filters, limit=10, order="-goldstein")
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>polevent report: {html.escape(store.path.name)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}"
        "th{background:#f2f4f4}img{max-width:100%}.sentence{color:#555}.score{font-family:monospace}"
        "li{margin:.4em 0}</style></head><body>",
        f"<h1>polevent report</h1><p>Store <code>{html.escape(str(store.path))}</code>, written "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} by polevent {html.escape(__version__)}.</p>",
        "<h2>Coverage</h2>",
        _table(
            [
                {"what": "documents", "value": coverage["documents"]},
                {"what": "documents that could not be read or coded", "value": coverage["errors"]},
                {"what": "event mentions", "value": coverage["mentions"]},
                {"what": "events (after deduplication)", "value": coverage["events"]},
                {"what": "deduplication key", "value": coverage["dedup_key"]},
                {"what": "outlets", "value": coverage["outlets"]},
                {"what": "first and last event day", "value": f"{coverage['first_day']} to {coverage['last_day']}"},
                {"what": "coding runs", "value": coverage["runs"]},
            ],
            [("what", "what"), ("value", "value")],
        ),
        f"<h2>Events per {by}</h2>",
    ]
    if series:
        parts.append(f"<img alt='events per {by}' src='{_png_data(series_figure(series, title='All events', by=by))}'>")
    else:
        parts.append("<p>No dated events.</p>")
    parts.append("<h2>Most active dyads</h2>")
    parts.append(
        _table(
            dyads,
            [
                ("source", "source"),
                ("target", "target"),
                ("events", "events"),
                ("mentions", "mentions"),
                ("q1", QUAD_NAMES[1]),
                ("q2", QUAD_NAMES[2]),
                ("q3", QUAD_NAMES[3]),
                ("q4", QUAD_NAMES[4]),
                ("mean_goldstein", "mean Goldstein"),
            ],
        )
    )
    parts.append("<h2>Actor network (countries)</h2>")
    parts.append(f"<img alt='actor network' src='{_png_data(network_figure(graph, title='Who acts on whom'))}'>")
    parts.append("<h2>Most conflictual events</h2>" + _event_list(conflictual))
    parts.append("<h2>Most cooperative events</h2>" + _event_list(cooperative))
    parts.append("</body></html>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
