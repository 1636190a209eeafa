"""The ``alliances`` command line: load, query, export (and, as they land, serve, extract, review)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.errors import GraphError
from graph.export import EXPORT_FORMATS, export_stream
from graph.factory import open_store
from graph.ingest import load
from graph.model import Edge, LoadReport, Relation
from graph.queries import edge_to_dict, edges_around, find_entity, find_paths, format_money
from graph.settings import Settings
from graph.store import GraphStore
from loaders import bundled_path, iter_fact_files, read_fact_file

app = typer.Typer(help="alliancegraph: a sourced knowledge graph of the AI industry's alliances.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
# Markup only where a call asks for it (and escapes what it interpolates): names, titles and paths
# may hold brackets that rich would otherwise read as style tags.
out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


class Direction(StrEnum):
    in_ = "in"
    out = "out"
    both = "both"


class ExportFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", markup=True)
    return typer.Exit(code)


@contextmanager
def opened_store() -> Iterator[GraphStore]:
    """The configured store, with domain and settings errors turned into one clear line and exit 1."""
    try:
        store = open_store(Settings())
    except ValidationError as exc:
        raise fail("bad settings: " + "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())) from None
    except GraphError as exc:
        raise fail(exc.message) from None
    try:
        yield store
    except GraphError as exc:
        raise fail(exc.message) from None
    finally:
        store.close()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


# ---------------------------------------------------------------------------------------------- load
def load_paths(store: GraphStore, paths: list[Path], quiet: bool = False) -> tuple[LoadReport, list[str]]:
    """Load every fact file under ``paths``, one transaction per file; returns totals and, for each file
    rejected (nothing loaded from it), its message. ``facts_rejected`` counts the facts of rejected files
    that could be read; a file too broken to read counts in the messages only."""
    files = list(iter_fact_files(paths))
    total, failures = LoadReport(), []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=quiet or not err.is_terminal) as progress:
        task = progress.add_task("loading", total=len(files))
        for path in files:
            progress.update(task, description=f"loading {path.name}")
            raw = None
            try:
                raw = read_fact_file(path)
                total += load(store, raw)
            except GraphError as exc:
                failures.append(exc.message)
                total.facts_rejected += len(raw.facts) if raw is not None else 0
            progress.advance(task)
    return total, failures


def print_report(report: LoadReport, failures: list[str], as_json: bool) -> None:
    if as_json:
        print_json(report.model_dump() | {"files_rejected": len(failures), "failures": failures})
        return
    table = Table(title="load summary", show_edge=False)
    for col in ("", "added", "updated", "unchanged"):
        table.add_column(col, justify="right" if col else "left")
    table.add_row("sources", str(report.sources_added), "-", str(report.sources_unchanged))
    table.add_row("entities", str(report.entities_added), str(report.entities_updated),
                  str(report.entities_unchanged))
    table.add_row("facts", str(report.facts_added), "-", str(report.facts_unchanged))
    out.print(table)
    if report.queued_for_review:
        out.print(f"{report.queued_for_review} fact(s) held for review (alliances review)")
    if failures:
        facts = f", {report.facts_rejected} fact(s) in them" if report.facts_rejected else ""
        err.print(f"[bold red]{len(failures)} file(s) rejected{facts}; nothing was loaded from them:[/]",
                  markup=True)
    for message in failures:
        err.print(f"[bold red]rejected:[/] {escape(message)}", markup=True)


@app.command("load")
def load_cmd(
    paths: Annotated[list[Path] | None, typer.Argument(help="Fact files (.yaml .json .csv) or folders.")] = None,
    bundled: Annotated[bool, typer.Option("--bundled", help="Load the dataset shipped with the package.")] = False,
    if_empty: Annotated[bool, typer.Option("--if-empty", help="Only if the store holds no fact yet.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Load fact files or folders into the store: one transaction per file, nothing twice."""
    targets = list(paths or []) + ([bundled_path()] if bundled else [])
    if not targets:
        raise fail("nothing to load: give files or folders, or --bundled")
    with opened_store() as store:
        if if_empty and store.stats()["facts"]:
            if not as_json:
                out.print("store already holds facts; nothing loaded (--if-empty)")
            return
        report, failures = load_paths(store, targets)
        print_report(report, failures, as_json)
    if failures:
        raise typer.Exit(1)


# --------------------------------------------------------------------------------------------- reads
@app.command("stats")
def stats_cmd(as_json: JsonOpt = False) -> None:
    """Counts of entities, sources, facts and edges, by type and relation."""
    with opened_store() as store:
        stats = store.stats()
    if as_json:
        print_json(stats)
        return
    out.print(f"backend: {stats['backend']}")
    for key in ("entities", "sources", "facts", "edges"):
        out.print(f"{key}: {stats[key]}")
    out.print("entities by type: " + ", ".join(f"{k} {v}" for k, v in stats["entities_by_type"].items()))
    out.print("facts by relation: " + ", ".join(f"{k} {v}" for k, v in stats["facts_by_relation"].items()))


def _claim_line(store: GraphStore, fact: Any) -> str:
    source = store.source(fact.source_id)
    money = format_money(fact.amount_usd) if fact.amount_usd is not None else \
        format_money(fact.amount, fact.currency or "USD") if fact.amount is not None else ""
    bits = [" ".join(b for b in (fact.qualifier or "", money) if b) if money else "",
            f"{fact.power_gw:g} GW" if fact.power_gw else "", f"{fact.equity_pct:g}%" if fact.equity_pct else "",
            fact.role or "", fact.date or "", fact.status.value if fact.status else ""]
    where = ", ".join(x for x in (source.publisher, source.published) if x)
    head = ", ".join(b for b in bits if b)
    note = f"\n        \u201c{fact.evidence}\u201d" if fact.evidence else ""
    return f"    - {head or 'claim'} \u2014 {source.title or source.id} ({where}) {source.url or ''}{note}"


def _print_edges(store: GraphStore, edges: list[Edge]) -> None:
    for edge in edges:
        names = store.entity(edge.subject).name, store.entity(edge.object).name
        flag = "".join(f"  [yellow]sources disagree on {c['field']}: {escape(', '.join(map(str, c['values'])))}[/]"
                       for c in edge.conflicts)
        out.print(f"[bold]{escape(names[0])}[/] {edge.relation.value} [bold]{escape(names[1])}[/]{flag}", markup=True)
        for claim in edge.claims:
            out.print(_claim_line(store, claim), markup=False)


def _relations(values: list[str] | None) -> list[Relation] | None:
    if not values:
        return None
    try:
        return [Relation(v) for v in values]
    except ValueError:
        raise fail(f"unknown relation in {values}; use one of {', '.join(r.value for r in Relation)}") from None


@app.command("show")
def show_cmd(entity: Annotated[str, typer.Argument(help="Entity id, name or alias.")],
             as_json: JsonOpt = False) -> None:
    """An entity, its attributes and every fact about it with its sources."""
    with opened_store() as store:
        entity_id = find_entity(store, entity)
        record = store.entity(entity_id)
        edges = edges_around(store, entity_id)
        if as_json:
            print_json({"entity": record.model_dump(mode="json"),
                        "edges": [edge_to_dict(e, with_claims=True) for e in edges]})
            return
        attrs = ", ".join(f"{k}: {v}" for k, v in record.attributes.items())
        out.print(f"[bold]{escape(record.name)}[/] ({record.type.value}, id {record.id})", markup=True)
        if record.aliases:
            out.print("aliases: " + ", ".join(record.aliases), markup=False)
        if attrs:
            out.print(attrs, markup=False)
        out.print(f"{len(edges)} edge(s)")
        _print_edges(store, edges)


@app.command("neighbors")
def neighbors_cmd(
    entity: Annotated[str, typer.Argument(help="Entity id, name or alias.")],
    relation: Annotated[list[str] | None, typer.Option("--relation", "-r", help="Keep only this relation.")] = None,
    direction: Annotated[Direction, typer.Option("--direction", "-d")] = Direction.both,
    as_json: JsonOpt = False,
) -> None:
    """The entities linked to one, by relation and direction."""
    with opened_store() as store:
        entity_id = find_entity(store, entity)
        edges = edges_around(store, entity_id, direction.value, relations=_relations(relation))
        if as_json:
            print_json([edge_to_dict(e, with_claims=True) for e in edges])
            return
        table = Table(show_edge=False)
        for col in ("relation", "direction", "entity", "type", "amount", "date", "claims"):
            table.add_column(col)
        for e in edges:
            other = e.object if e.subject == entity_id else e.subject
            arrow = "\u2194" if e.claims[0].symmetric else ("\u2192" if e.subject == entity_id else "\u2190")
            s = e.summary()
            table.add_row(e.relation.value, arrow, store.entity(other).name, store.entity(other).type.value,
                          " ".join(x for x in (s["qualifier"] or "", format_money(s["amount_usd"])) if x),
                          s["last_date"] or "", str(s["claim_count"]))
        out.print(table)


@app.command("path")
def path_cmd(
    source: Annotated[str, typer.Argument(help="From this entity.")],
    target: Annotated[str, typer.Argument(help="To this entity.")],
    max_hops: Annotated[int, typer.Option("--max-hops", min=1, max=8)] = 4,
    k: Annotated[int, typer.Option("-k", min=1, max=20, help="How many paths.")] = 1,
    relation: Annotated[list[str] | None, typer.Option("--relation", "-r")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The shortest chains of alliances between two entities, with the facts along each step."""
    with opened_store() as store:
        a, b = find_entity(store, source), find_entity(store, target)
        paths = find_paths(store, a, b, max_hops=max_hops, k=k, relations=_relations(relation))
        if as_json:
            print_json([[edge_to_dict(e, with_claims=True) for e in path] for path in paths])
            return
        for i, path in enumerate(paths, 1):
            out.print(f"path {i} ({len(path)} step(s))")
            _print_edges(store, path)


@app.command("export")
def export_cmd(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.graphml,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: standard output).")] = None,
) -> None:
    """Export the whole graph as GraphML, GEXF, JSON (a loadable fact file) or CSV (one claim a row)."""
    with opened_store() as store:
        chunks = export_stream(store, store.projection(), fmt.value)
        if output is None:
            for chunk in chunks:
                sys.stdout.write(chunk)
            return
        tmp = output.with_name(output.name + ".part")
        with tmp.open("w", encoding="utf-8") as fh:
            for chunk in chunks:
                fh.write(chunk)
        tmp.replace(output)
        err.print(f"wrote {output}")


assert set(EXPORT_FORMATS) == {f.value for f in ExportFormat}



from cli.articles import register as _register_articles  # noqa: E402

_register_articles(app)


@app.command("serve")
def serve_cmd(
    host: Annotated[str | None, typer.Option(help="Interface to listen on (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
) -> None:
    """Serve the REST API (and the viewer) over HTTP."""
    import uvicorn

    from api.main import create_app

    try:
        settings = Settings()
    except ValidationError as exc:
        raise fail("bad settings: " + "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())) from None
    err.print(f"alliancegraph on http://{host or settings.host}:{port or settings.port} "
              f"({settings.backend} backend); API docs at /docs")
    uvicorn.run(create_app(settings), host=host or settings.host, port=port or settings.port, log_level="info")

from cli.analytics_cmd import register as _register_analytics  # noqa: E402

_register_analytics(app)

from cli.neo4j_cmd import register as _register_neo4j  # noqa: E402

_register_neo4j(app)
