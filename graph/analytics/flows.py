"""Money in and out of one entity, by counterparty and by year, committed apart from contingent."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..model import Relation
from ._common import (
    MoneyEdge,
    check_entity,
    check_relations,
    edge_key,
    entity_ref,
    gc_paused,
    money_edges,
    viz_url,
)

__all__ = ["flows"]


def _side(graph: nx.MultiDiGraph, edges: list[MoneyEdge], entity: str, incoming: bool) -> dict[str, Any]:
    by_party: dict[str, dict[str, Any]] = {}
    by_year: dict[str, dict[str, float]] = {}
    totals = {"committed_usd": 0.0, "contingent_usd": 0.0, "unknown_amount_deals": 0}
    for e in edges:
        other = e.payer if incoming else e.payee
        party = by_party.get(other)
        if party is None:
            party = by_party[other] = entity_ref(graph, other) | {
                "committed_usd": 0.0, "contingent_usd": 0.0, "unknown_amount_deals": 0, "edges": []}
        party["edges"].append(e.to_dict())
        for d in e.deals:
            amount = d.amount_usd
            if amount is None:
                party["unknown_amount_deals"] += 1
                totals["unknown_amount_deals"] += 1
                continue
            bucket = "contingent_usd" if d.contingent else "committed_usd"
            party[bucket] += amount
            totals[bucket] += amount
            year = by_year.setdefault(d.year, {"committed_usd": 0.0, "contingent_usd": 0.0})
            year[bucket] += amount
    parties = sorted(by_party.values(),
                     key=lambda p: (-(p["committed_usd"] + p["contingent_usd"]), -len(p["edges"]), p["id"]))
    return {
        **totals,
        "total_usd": totals["committed_usd"] + totals["contingent_usd"],
        "by_counterparty": parties,
        "by_year": dict(sorted(by_year.items())),
    }


@gc_paused
def flows(graph: nx.MultiDiGraph, entity: str, since: str | None = None, until: str | None = None,
          relations: Iterable[Relation | str] | None = None, include_cancelled: bool = False) -> dict[str, Any]:
    """Money into and out of ``entity``: totals, by counterparty and by year.

    Direction follows each relation's ``cash_direction`` (invests_in: investor pays investee; supplies:
    the customer pays the supplier; acquires: the buyer pays the target's owners). Claims are grouped
    into deals (``group_deals``) so several reports of one deal count once; a deal is *contingent* when
    its amount is an "up to" ceiling or it is rumoured or in talks, *committed* otherwise. Deals with
    no stated amount are counted in ``unknown_amount_deals``. Cancelled deals are left out unless
    ``include_cancelled``. Every edge lists its deals, claims and sources.
    """
    check_entity(graph, entity)
    edges = list(money_edges(graph, since=since, until=until, relations=relations,
                             include_cancelled=include_cancelled, nodes=[entity]))
    incoming = [e for e in edges if e.payee == entity]
    outgoing = [e for e in edges if e.payer == entity]
    money_in = _side(graph, incoming, entity, True)
    money_out = _side(graph, outgoing, entity, False)
    keys = [edge_key(e.subject, e.relation, e.object) for e in edges]
    return {
        "entity": entity_ref(graph, entity),
        "filters": {"since": since, "until": until,
                    "relations": sorted(r.value for r in check_relations(relations) or []) or None},
        "in": money_in,
        "out": money_out,
        "net_committed_usd": money_in["committed_usd"] - money_out["committed_usd"],
        "net_total_usd": money_in["total_usd"] - money_out["total_usd"],
        "claims": sorted({c.id for e in edges for c in e.claims}),
        "sources": sorted({s for e in edges for s in e.source_ids}),
        "viz_url": viz_url(center=entity, depth=1, highlight_edges=keys or None),
    }
