"""Circular deals: closed loops of money flow (A pays B pays C pays A), ranked by what can circulate."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..errors import InvalidQuery, NoPath
from ..model import Relation
from ._common import MoneyEdge, check_entity, check_relations, entity_ref, gc_paused, money_edges, viz_url

__all__ = ["MAX_LENGTH", "MAX_LIMIT", "cycle", "cycle_id", "cycles", "money_flow_graph"]

MAX_LENGTH = 6
MAX_LIMIT = 1000


@gc_paused
def money_flow_graph(graph: nx.MultiDiGraph, since: str | None = None, until: str | None = None,
                     relations: Iterable[Relation | str] | None = None, committed_only: bool = False,
                     min_amount_usd: float | None = None) -> nx.DiGraph:
    """The money-flow digraph: an edge payer -> payee wherever some relation moves money that way.

    Each edge holds ``edges`` (the ``MoneyEdge``s behind it, one per relation edge) and ``amount``: the
    sum of their deals' stated amounts (``None`` when none states one). With ``min_amount_usd``, edges
    whose amount is unknown or smaller are left out.
    """
    flow = nx.DiGraph()
    for e in money_edges(graph, since=since, until=until, relations=relations, committed_only=committed_only):
        data = flow.get_edge_data(e.payer, e.payee)
        if data is None:
            flow.add_edge(e.payer, e.payee, edges=[e], amount=e.amount_usd)
        else:
            data["edges"].append(e)
            if e.amount_usd is not None:
                data["amount"] = (data["amount"] or 0.0) + e.amount_usd
    if min_amount_usd is not None:
        flow.remove_edges_from([(u, v) for u, v, a in flow.edges(data="amount") if a is None or a < min_amount_usd])
        flow.remove_nodes_from([n for n in list(flow) if flow.degree(n) == 0])
    return flow


def _near_loops_through(flow: nx.DiGraph, node: str, max_length: int) -> set[str]:
    """Nodes that can sit on a loop of at most ``max_length`` steps through ``node``."""
    def bfs(neighbours: Any) -> dict[str, int]:
        dist = {node: 0}
        queue = deque([node])
        while queue:
            u = queue.popleft()
            if dist[u] >= max_length - 1:
                continue
            for v in neighbours(u):
                if v not in dist:
                    dist[v] = dist[u] + 1
                    queue.append(v)
        return dist

    if node not in flow:
        return set()
    ahead, behind = bfs(flow.successors), bfs(flow.predecessors)
    return {n for n, d in ahead.items() if n in behind and d + behind[n] <= max_length}


def _levels(amounts: Iterable[float | None]) -> list[float | None]:
    """Decade thresholds from the largest amount down, then ``None`` (every edge) if some are unknown or 0."""
    decades = set()
    rest = False
    for a in amounts:
        if a is None or a <= 0:
            rest = True
        else:
            decades.add(10.0 ** math.floor(math.log10(a)))
    levels: list[float | None] = [*sorted(decades, reverse=True)]
    if rest or not levels:
        levels.append(None)
    return levels


def _canonical(nodes: list[str]) -> tuple[str, ...]:
    i = nodes.index(min(nodes))
    return tuple(nodes[i:] + nodes[:i])


def cycle_id(nodes: Iterable[str]) -> str:
    """A loop's id: its entity ids joined by dots, from the smallest id (``nvidia.openai.oracle``).

    Ids are slugs (no dots), so the id reads as the loop and ``cycle`` turns it back into one.
    """
    return ".".join(_canonical(list(nodes)))


@gc_paused
def cycle(graph: nx.MultiDiGraph, cycle_id: str, since: str | None = None, until: str | None = None,
          relations: Iterable[Relation | str] | None = None, committed_only: bool = False) -> dict[str, Any]:
    """One loop by its id (as ``cycles`` returns it), described afresh; ``NoPath`` if money no longer
    goes round it under these filters."""
    nodes = [n for n in cycle_id.split(".") if n]
    if not 2 <= len(nodes) <= MAX_LENGTH or len(set(nodes)) != len(nodes):
        raise InvalidQuery(f"{cycle_id!r} is not a loop id: 2 to {MAX_LENGTH} distinct entity ids joined by dots",
                           cycle_id=cycle_id)
    for n in nodes:
        check_entity(graph, n)
    flow = money_flow_graph(graph.subgraph(nodes), since=since, until=until, relations=relations,
                            committed_only=committed_only)
    for u, v in zip(nodes, nodes[1:] + nodes[:1], strict=False):
        if not flow.has_edge(u, v):
            raise NoPath(f"no money flows from {u!r} to {v!r}, so {cycle_id!r} is not a loop", source=u, target=v,
                         cycle_id=cycle_id)
    return _describe(flow, graph, _canonical(nodes), None)


def _step(flow: nx.DiGraph, graph: nx.MultiDiGraph, u: str, v: str) -> dict[str, Any]:
    data = flow[u][v]
    edges: list[MoneyEdge] = data["edges"]
    return {
        "from": u, "to": v,
        "from_name": entity_ref(graph, u)["name"], "to_name": entity_ref(graph, v)["name"],
        "amount_usd": data["amount"],
        "committed_usd": sum((e.committed_usd for e in edges), 0.0),
        "contingent_usd": sum((e.contingent_usd for e in edges), 0.0),
        "unknown_amount_deals": sum(e.unknown_amount_deals for e in edges),
        "edges": [e.to_dict() for e in edges],
        "sources": sorted({s for e in edges for s in e.source_ids}),
    }


def _describe(flow: nx.DiGraph, graph: nx.MultiDiGraph, loop: tuple[str, ...], start: str | None) -> dict[str, Any]:
    nodes = list(loop)
    if start in nodes:
        i = nodes.index(start)  # type: ignore[arg-type]
        nodes = nodes[i:] + nodes[:i]
    steps = [_step(flow, graph, u, v) for u, v in zip(nodes, nodes[1:] + nodes[:1], strict=False)]
    amounts = [s["amount_usd"] for s in steps]
    known = [a for a in amounts if a is not None]
    committed = [s["committed_usd"] for s in steps]
    dates = [d["date"] for s in steps for e in s["edges"] for d in e["deals"] if d["date"]]
    keys = [e["key"] for s in steps for e in s["edges"]]
    names = [s["from_name"] for s in steps] + [steps[0]["from_name"]]
    return {
        "id": cycle_id(loop),
        "length": len(nodes),
        "entities": [entity_ref(graph, n) for n in nodes],
        "path": " \u2192 ".join(names),
        "min_amount_usd": min(amounts) if len(known) == len(amounts) else None,
        "min_known_amount_usd": min(known) if known else None,
        "all_amounts_known": len(known) == len(amounts),
        "committed": all(c > 0 for c in committed),
        "min_committed_usd": min(committed),
        "first_date": min(dates) if dates else None,
        "last_date": max(dates) if dates else None,
        "steps": steps,
        "edge_keys": keys,
        "claims": sorted({c["id"] for s in steps for e in s["edges"] for d in e["deals"] for c in d["claims"]}),
        "sources": sorted({x for s in steps for x in s["sources"]}),
        "viz_url": viz_url(center=nodes[0], depth=2, highlight_edges=keys),
    }


def _loop_key(flow: nx.DiGraph, loop: tuple[str, ...]) -> tuple[Any, ...]:
    """Fully priced loops first, by bottleneck (largest first); then loops with fewer unpriced steps, by
    their smallest known amount; then shorter loops."""
    amounts = [flow[u][v]["amount"] for u, v in zip(loop, loop[1:] + loop[:1], strict=False)]
    known = [a for a in amounts if a is not None]
    bottleneck = min(known) if known else 0.0
    return (len(amounts) - len(known), -bottleneck, len(loop), loop)


@gc_paused
def cycles(graph: nx.MultiDiGraph, min_length: int = 2, max_length: int = MAX_LENGTH, since: str | None = None,
           until: str | None = None, relations: Iterable[Relation | str] | None = None,
           min_amount_usd: float | None = None, committed_only: bool = False,
           through: Iterable[str] | None = None, limit: int = 50, max_cycles: int = 200_000,
           time_budget_s: float = 10.0) -> dict[str, Any]:
    """Closed loops of money flow of ``min_length`` to ``max_length`` steps, biggest bottleneck first.

    A loop's *bottleneck* (``min_amount_usd``) is the smallest amount along it: the money that can
    actually go round. Each step sums the stated amounts of the deals behind it (an investment and a
    supply contract between the same two ends both count); loops with steps of unknown amount rank
    after every fully priced loop, fewest unpriced steps first, then by their smallest known amount.

    Filters: claims dated in [``since``, ``until``], only some money ``relations``, steps of at least
    ``min_amount_usd`` (unknown amounts then fail), ``committed_only`` (drop "up to", rumoured and
    in-talks deals), loops ``through`` every one of some entities.

    Bounded: loops are enumerated with ``nx.simple_cycles(length_bound=max_length)`` on the subgraph of
    steps of at least $10^k, for k from the largest amount down, so the best loops come first; the
    search stops after ``max_cycles`` loops seen or ``time_budget_s`` seconds of search (building the
    money-flow digraph before it is linear in the edges and not counted). ``complete`` says whether
    the returned top ``limit`` is exact (every loop that could outrank them was seen).
    """
    if not 2 <= min_length <= max_length:
        raise InvalidQuery("min_length must be at least 2 and at most max_length", min_length=min_length,
                           max_length=max_length)
    if max_length > MAX_LENGTH:
        raise InvalidQuery(f"max_length must be at most {MAX_LENGTH}", max_length=max_length)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidQuery(f"limit must be between 1 and {MAX_LIMIT}", limit=limit)
    if max_cycles < 1 or time_budget_s <= 0:
        raise InvalidQuery("max_cycles and time_budget_s must be positive", max_cycles=max_cycles,
                           time_budget_s=time_budget_s)
    if min_amount_usd is not None and min_amount_usd < 0:
        raise InvalidQuery("min_amount_usd must not be negative", min_amount_usd=min_amount_usd)
    through = list(dict.fromkeys(through or []))
    for node in through:
        check_entity(graph, node)

    started = time.perf_counter()
    flow = money_flow_graph(graph, since=since, until=until, relations=relations, committed_only=committed_only,
                            min_amount_usd=min_amount_usd)
    if through:
        keep: set[str] | None = None
        for node in through:
            near = _near_loops_through(flow, node, max_length)
            keep = near if keep is None else keep & near
        flow = flow.subgraph(keep or set()).copy()
    wanted = set(through)

    search_started = time.perf_counter()
    found: dict[tuple[str, ...], None] = {}
    scanned = 0
    stopped_by = None
    levels = _levels(a for _, _, a in flow.edges(data="amount"))
    exact_level: float | None | str = "none"
    for level in levels:
        sub = nx.DiGraph()
        sub.add_edges_from((u, v) for u, v, a in flow.edges(data="amount")
                           if level is None or (a is not None and a >= level))
        for loop in nx.simple_cycles(sub, length_bound=max_length):
            scanned += 1
            if min_length <= len(loop) and (not wanted or wanted.issubset(loop)):
                found.setdefault(_canonical(loop), None)
            if scanned >= max_cycles:
                stopped_by = "max_cycles"
            elif time.perf_counter() - search_started > time_budget_s:
                stopped_by = "time_budget"
            if stopped_by:
                break
        if stopped_by:
            break
        exact_level = level
        if len(found) >= limit:
            break

    # Rank on the step amounts alone; only the loops returned are described.
    ranked = sorted(found, key=lambda loop: _loop_key(flow, loop))
    described = [_describe(flow, graph, loop, through[0] if through else None) for loop in ranked[:limit]]
    # Loops whose bottleneck is at least the last fully searched level are exactly ranked.
    if stopped_by is None:
        complete = True
    elif exact_level == "none":
        complete = False
    else:
        complete = len(described) == limit and all(
            c["min_amount_usd"] is not None and (exact_level is None or c["min_amount_usd"] >= exact_level)
            for c in described)
    return {
        "filters": {"min_length": min_length, "max_length": max_length, "since": since, "until": until,
                    "relations": sorted(r.value for r in check_relations(relations) or []) or None,
                    "min_amount_usd": min_amount_usd, "committed_only": committed_only, "through": through,
                    "limit": limit},
        "found": len(found),
        "cycles": described,
        "complete": complete,
        "stopped_by": stopped_by,
        "scanned": scanned,
        "money_graph": {"nodes": flow.number_of_nodes(), "edges": flow.number_of_edges()},
        "seconds": round(time.perf_counter() - started, 4),
    }
