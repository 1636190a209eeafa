"""``alliances analytics ...``: money flows, circular deals, rankings, dependence, communities, time, conflicts.

Every command prints a readable summary, or with ``--json`` the full result (claims, sources with their
URLs, viewer links), the same as ``/api/analytics/...`` returns.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from graph import analytics as A
from graph.model import EntityType, Relation, parse_partial_date
from graph.queries import find_entity, format_money

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Only claims dated on or before this day (YYYY-MM-DD).")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Claims dated on or after (YYYY[-MM[-DD]]).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Claims dated on or before (YYYY[-MM[-DD]]).")]
RelationOpt = Annotated[list[str] | None,
                        typer.Option("--relation", "-r", help="Keep only this relation (repeatable).")]
CommittedOpt = Annotated[bool,
                         typer.Option("--committed-only", help="Leave out \"up to\", rumoured and in-talks deals.")]
EntityArg = Annotated[str, typer.Argument(help="Entity id, name or alias.")]


class Metric(StrEnum):
    degree = "degree"
    pagerank = "pagerank"
    betweenness = "betweenness"


class Scope(StrEnum):
    all = "all"
    money = "money"


class Side(StrEnum):
    suppliers = "suppliers"
    funders = "funders"
    customers = "customers"
    all = "all"


def _cli() -> Any:
    from cli import main  # imported late: cli.main imports this module at its end

    return main


def _day(value: str | None, name: str = "--as-of") -> str | None:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"{value!r} is not a day (YYYY-MM-DD)")
        return parse_partial_date(value)
    except ValueError as exc:
        raise _cli().fail(f"{name}: {exc}") from None


def _partial(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        raise _cli().fail(f"{name}: {exc}") from None


def _relations(values: list[str] | None) -> list[Relation] | None:
    if not values:
        return None
    try:
        return [Relation(v) for v in values]
    except ValueError:
        raise _cli().fail(f"unknown relation in {values}; use one of {', '.join(r.value for r in Relation)}") \
            from None


def _money(amount: float | None) -> str:
    return format_money(amount) if amount is not None else "?"


def _emit(store: Any, result: dict[str, Any]) -> None:
    _cli().print_json(A.cite(result, store))


def _table(*columns: str) -> Table:
    table = Table(show_edge=False)
    for col in columns:
        table.add_column(col)
    return table


def register(app: typer.Typer) -> None:
    """Add the ``analytics`` command group to ``app``."""
    group = typer.Typer(help="Analytics: money flows, circular deals, rankings, dependence, communities, "
                             "timeline, diff, conflicts.", no_args_is_help=True)
    app.add_typer(group, name="analytics")

    @group.command("flows")
    def flows_cmd(entity: EntityArg, since: SinceOpt = None, until: UntilOpt = None, relation: RelationOpt = None,
                  as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
        """Money in and out of an entity, by counterparty and year, committed apart from contingent."""
        cli = _cli()
        with cli.opened_store() as store:
            entity_id = find_entity(store, entity)
            result = A.flows(store.projection(as_of=_day(as_of)), entity_id, since=_partial(since, "--since"),
                             until=_partial(until, "--until"), relations=_relations(relation))
            if as_json:
                _emit(store, result)
                return
        out = cli.out
        name = escape(result["entity"]["name"])
        out.print(f"[bold]{name}[/]: money in {_money(result['in']['committed_usd'])} committed "
                  f"+ {_money(result['in']['contingent_usd'])} contingent; out "
                  f"{_money(result['out']['committed_usd'])} committed + {_money(result['out']['contingent_usd'])} "
                  "contingent", markup=True)
        for side, label in (("in", "from"), ("out", "to")):
            table = _table(label, "committed", "contingent", "deals w/o amount", "relations")
            for p in result[side]["by_counterparty"]:
                table.add_row(p["name"], _money(p["committed_usd"]), _money(p["contingent_usd"]),
                              str(p["unknown_amount_deals"]), ", ".join(sorted({e["relation"] for e in p["edges"]})))
            out.print(f"money {side}")
            out.print(table)
            years = ", ".join(f"{y}: {_money(v['committed_usd'])} + {_money(v['contingent_usd'])}"
                              for y, v in result[side]["by_year"].items())
            if years:
                out.print(f"  by year (committed + contingent): {years}")

    @group.command("cycles")
    def cycles_cmd(min_amount: Annotated[float | None, typer.Option(
                       "--min-amount", min=0, help="Every step moves at least this (USD).")] = None,
                   min_length: Annotated[int, typer.Option("--min-length", min=2, max=6)] = 2,
                   max_length: Annotated[int, typer.Option("--max-length", min=2, max=6)] = 6,
                   since: SinceOpt = None, until: UntilOpt = None, relation: RelationOpt = None,
                   committed_only: CommittedOpt = False,
                   through: Annotated[list[str] | None, typer.Option("--through", help="Only loops through this "
                                                                     "entity (repeatable).")] = None,
                   limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000)] = 20,
                   time_budget: Annotated[float, typer.Option("--time-budget", min=0.1, help="Seconds.")] = 10.0,
                   as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
        """Closed loops of money flow (circular deals), biggest bottleneck first, with their sources."""
        cli = _cli()
        with cli.opened_store() as store:
            ids = [find_entity(store, t) for t in through or []]
            result = A.cycles(store.projection(as_of=_day(as_of)), min_length=min_length, max_length=max_length,
                              since=_partial(since, "--since"), until=_partial(until, "--until"),
                              relations=_relations(relation), min_amount_usd=min_amount,
                              committed_only=committed_only, through=ids, limit=limit, time_budget_s=time_budget)
            if as_json:
                _emit(store, result)
                return
        out = cli.out
        note = "" if result["complete"] else f" (search stopped: {result['stopped_by']}; ranking may be partial)"
        out.print(f"{result['found']} loop(s) found{note}")
        for i, c in enumerate(result["cycles"], 1):
            flag = "" if c["committed"] else "  [yellow]includes contingent money[/]"
            out.print(f"{i}. [bold]{escape(c['path'])}[/]  bottleneck {_money(c['min_amount_usd'])}{flag}", markup=True)
            for s in c["steps"]:
                edges = "; ".join(f"{e['key']} {_money(e['amount_usd'])}" for e in s["edges"])
                out.print(f"     {s['from_name']} \u2192 {s['to_name']}: {_money(s['amount_usd'])} ({edges}) "
                          f"sources: {', '.join(s['sources'])}", markup=False)
            out.print(f"     {c['viz_url']}", markup=False)

    @group.command("rank")
    def rank_cmd(metric: Annotated[Metric, typer.Option("--metric", "-m")] = Metric.pagerank,
                 type: Annotated[EntityType | None, typer.Option("--type", "-t", help="Only this entity type.")] = None,
                 top: Annotated[int, typer.Option("--top", "-n", min=1, max=1000)] = 20,
                 scope: Annotated[Scope, typer.Option("--scope", help="all relations or the money flow.")] = Scope.all,
                 relation: RelationOpt = None, since: SinceOpt = None, until: UntilOpt = None,
                 k: Annotated[int | None, typer.Option("-k", min=1, help="Betweenness: sampled sources.")] = None,
                 as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
        """Entities ranked by degree, weighted PageRank or betweenness, by entity type."""
        cli = _cli()
        with cli.opened_store() as store:
            result = A.rank(store.projection(as_of=_day(as_of)), metric=metric.value, type=type, top=top,
                            scope=scope.value, relations=_relations(relation), since=_partial(since, "--since"),
                            until=_partial(until, "--until"), k=k)
            if as_json:
                _emit(store, result)
                return
        table = _table("#", "entity", "type", "score", "edges", "strongest edge")
        for item in result["items"]:
            ev = item["evidence"][0] if item["evidence"] else None
            table.add_row(str(item["rank"]), item["name"], item["type"] or "", f"{item['score']:.4g}",
                          str(item["degree"]), f"{ev['key']} {_money(ev['amount_usd'])}" if ev else "")
        approx = f", estimated from {result['k']} sources" if result["approximate"] else ""
        cli.out.print(f"{metric.value} ({scope.value}{approx})")
        cli.out.print(table)

    @group.command("exposure")
    def exposure_cmd(entity: EntityArg, k: Annotated[int, typer.Option("-k", min=1, max=4, help="Hops.")] = 2,
                     committed_only: CommittedOpt = False,
                     min_share: Annotated[float, typer.Option("--min-share", min=0, max=1)] = 0.0,
                     limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50,
                     as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
        """Who depends on an entity, directly and within k hops, and for what share."""
        cli = _cli()
        with cli.opened_store() as store:
            entity_id = find_entity(store, entity)
            result = A.exposure(store.projection(as_of=_day(as_of)), entity_id, k=k, committed_only=committed_only,
                                min_share=min_share, limit=limit)
            if as_json:
                _emit(store, result)
                return
        table = _table("dependent", "share", "hops", "via", "channel", "basis")
        for d in result["dependents"]:
            first = d["steps"][-1]
            table.add_row(d["name"], f"{d['share']:.0%}", str(d["hops"]), " \u2192 ".join(d["path"]),
                          first["channel"], first["basis"])
        cli.out.print(f"{result['total']} dependent(s) of {result['entity']['name']} within {k} hop(s)")
        cli.out.print(table)

    @group.command("concentration")
    def concentration_cmd(entity: EntityArg, side: Annotated[Side, typer.Option("--side")] = Side.all,
                          committed_only: CommittedOpt = False, as_of: AsOfOpt = None,
                          as_json: JsonOpt = False) -> None:
        """How concentrated an entity's suppliers, funders or customers are (Herfindahl index)."""
        cli = _cli()
        with cli.opened_store() as store:
            entity_id = find_entity(store, entity)
            result = A.concentration(store.projection(as_of=_day(as_of)), entity_id, side=side.value,
                                     committed_only=committed_only)
            if as_json:
                _emit(store, result)
                return
        for name in ("suppliers", "funders", "customers"):
            if name not in result:
                continue
            r = result[name]
            hhi = f"{r['hhi']:.3f} ({r['level']})" if r["hhi"] is not None else "unknown (no amounts)"
            cli.out.print(f"[bold]{name}[/]: HHI {hhi}, {r['counterparties']} counterparties, "
                          f"{r['unknown_amount_counterparties']} without amount", markup=True)
            table = _table("counterparty", "amount", "share")
            for i in r["inputs"]:
                share = f"{i['share']:.1%}" if i["share"] is not None else "?"
                table.add_row(i["name"], _money(i["amount_usd"]), share)
            cli.out.print(table)

    @group.command("communities")
    def communities_cmd(relation: RelationOpt = None,
                        resolution: Annotated[float, typer.Option("--resolution", min=0.01)] = 1.0,
                        seed: Annotated[int, typer.Option("--seed")] = 42,
                        min_size: Annotated[int, typer.Option("--min-size", min=1)] = 2,
                        limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
                        as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
        """Blocs of closely allied entities (Louvain, fixed seed)."""
        cli = _cli()
        with cli.opened_store() as store:
            result = A.communities(store.projection(as_of=_day(as_of)), relations=_relations(relation),
                                   resolution=resolution, seed=seed, min_size=min_size, limit=limit)
            if as_json:
                _emit(store, result)
                return
        modularity = f"{result['modularity']:.3f}" if result["modularity"] is not None else "-"
        cli.out.print(f"{result['total']} bloc(s), modularity {modularity}")
        for c in result["communities"]:
            members = ", ".join(m["name"] for m in c["members"][:12]) + (" ..." if c["size"] > 12 else "")
            cli.out.print(f"[bold]{c['id']}[/] {escape(c['label'])} ({c['size']}): {escape(members)}", markup=True)

    @group.command("timeline")
    def timeline_cmd(entity: Annotated[str | None, typer.Argument(help="Entity (default: the whole graph).")] = None,
                     since: SinceOpt = None, until: UntilOpt = None, relation: RelationOpt = None,
                     limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 1000,
                     as_json: JsonOpt = False) -> None:
        """Dated claims in order, oldest first."""
        cli = _cli()
        with cli.opened_store() as store:
            entity_id = find_entity(store, entity) if entity else None
            result = A.timeline(store.projection(), entity_id, since=_partial(since, "--since"),
                                until=_partial(until, "--until"), relations=_relations(relation), limit=limit)
            if as_json:
                _emit(store, result)
                return
        table = _table("date", "subject", "relation", "object", "amount", "status", "source")
        table.columns[0].no_wrap, table.columns[0].min_width = True, 10
        for e in result["events"]:
            table.add_row(e["date"], e["subject_name"], e["relation"], e["object_name"],
                          " ".join(x for x in (e["qualifier"] or "", _money(e["amount_usd"]) if e["amount_usd"]
                                                else "") if x), e["status"] or "", e["source_id"])
        cli.out.print(table)
        cli.out.print(f"{result['total']} dated claim(s); {result['undated']} undated")

    @group.command("diff")
    def diff_cmd(date_from: Annotated[str, typer.Argument(metavar="FROM", help="Earlier day (YYYY-MM-DD).")],
                 date_to: Annotated[str, typer.Argument(metavar="TO", help="Later day (YYYY-MM-DD).")],
                 entity: Annotated[str | None, typer.Option("--entity", "-e", help="Only edges touching it.")] = None,
                 as_json: JsonOpt = False) -> None:
        """What changed between two days: entities and edges added or removed, amounts or statuses changed."""
        cli = _cli()
        start, end = _day(date_from, "FROM"), _day(date_to, "TO")
        with cli.opened_store() as store:
            entity_id = find_entity(store, entity) if entity else None
            result = A.diff(store, start, end, entity=entity_id)
            if as_json:
                _emit(store, result)
                return
        out = cli.out
        c = result["counts"]
        out.print(f"{start} \u2192 {end}: {c['entities_added']} entities and {c['edges_added']} edges added, "
                  f"{c['edges_removed']} removed, {c['edges_changed']} changed")
        for label, rows in (("+", result["edges"]["added"]), ("-", result["edges"]["removed"])):
            for r in rows:
                out.print(f"  {label} {r['subject_name']} {r['relation']} {r['object_name']} "
                          f"{_money(r['amount_usd']) if r['amount_usd'] else ''} [{', '.join(r['sources'])}]",
                          markup=False)
        for r in result["edges"]["changed"]:
            changes = ", ".join(f"{f}: {r['before'][f]} \u2192 {r['after'][f]}" for f in r["changes"])
            out.print(f"  ~ {r['subject_name']} {r['relation']} {r['object_name']}: {changes} "
                      f"[{', '.join(r['sources'])}]", markup=False)
        out.print(result["viz_url"], markup=False)

    @group.command("conflicts")
    def conflicts_cmd(entity: Annotated[str | None, typer.Option("--entity", "-e")] = None,
                      field: Annotated[str | None, typer.Option("--field", help="amount_usd, status, power_gw "
                                                                "or date")] = None,
                      relation: RelationOpt = None, limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 500,
                      as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
        """Edges whose sources disagree, with the claims side by side."""
        cli = _cli()
        with cli.opened_store() as store:
            entity_id = find_entity(store, entity) if entity else None
            result = A.conflicts(store.projection(as_of=_day(as_of)), entity=entity_id, field=field,
                                 relations=_relations(relation), limit=limit)
            if as_json:
                _emit(store, result)
                return
        out = cli.out
        out.print(f"{result['total']} edge(s) with disagreeing sources")
        for row in result["edges"]:
            edge = f"{escape(row['subject_name'])} {row['relation']} {escape(row['object_name'])}"
            out.print(f"[bold]{edge}[/]", markup=True)
            for d in row["conflicts"]:
                out.print(f"  {d['field']}:", markup=False)
                for c in d["claims"]:
                    value = c.get(d["field"])
                    out.print(f"    {value} ({c['date'] or 'undated'}) \u2014 {c['source_id']}", markup=False)
