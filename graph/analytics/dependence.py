"""Dependence: who relies on an entity for money or supply, and how concentrated an entity's partners are.

An entity's money and supply fall into three *channels*, read from the money relations:

- ``funding``: money it receives as investee or acquisition target (invests_in, acquires), by payer;
- ``revenue``: money it receives as a supplier (supplies, where it is the subject), by customer;
- ``supply``: what it buys (supplies, where it is the object), by supplier.

A counterparty's *share* of a channel is its part of the channel's known amounts (``basis='amount'``),
or, when its own link or every link of the channel has no stated amount, one over the number of
counterparties in the channel (``basis='count'``).
"""

from __future__ import annotations

import itertools
from typing import Any, Literal

import networkx as nx

from ..errors import InvalidQuery
from ._common import MoneyEdge, check_entity, entity_ref, gc_paused, money_edges, viz_url

__all__ = ["CHANNELS", "concentration", "exposure"]

CHANNELS = ("funding", "revenue", "supply")
MAX_HOPS = 4
Side = Literal["suppliers", "funders", "customers", "all"]
_SIDE_CHANNEL = {"suppliers": "supply", "funders": "funding", "customers": "revenue"}


class _Profiles:
    """Each entity's channels: counterparty -> the money edges linking them (computed once per entity)."""

    def __init__(self, graph: nx.MultiDiGraph, committed_only: bool, since: str | None, until: str | None) -> None:
        self.graph = graph
        self.committed_only = committed_only
        self.since, self.until = since, until
        self._cache: dict[str, dict[str, dict[str, list[MoneyEdge]]]] = {}

    def __call__(self, node: str) -> dict[str, dict[str, list[MoneyEdge]]]:
        found = self._cache.get(node)
        if found is None:
            found = {c: {} for c in CHANNELS}
            for e in money_edges(self.graph, since=self.since, until=self.until, committed_only=self.committed_only,
                                 nodes=[node]):
                if e.payee == node:
                    channel = "revenue" if e.relation == "supplies" else "funding"
                    found[channel].setdefault(e.payer, []).append(e)
                elif e.relation == "supplies":  # the node is the customer
                    found["supply"].setdefault(e.payee, []).append(e)
            self._cache[node] = found
        return found


def _amount(edges: list[MoneyEdge]) -> float | None:
    known = [e.amount_usd for e in edges if e.amount_usd is not None]
    return sum(known) if known else None


def _share(channel: dict[str, list[MoneyEdge]], party: str) -> dict[str, Any]:
    amounts = {p: _amount(es) for p, es in channel.items()}
    total = sum(a for a in amounts.values() if a is not None)
    mine = amounts[party]
    if mine is not None and total > 0:
        share, basis = mine / total, "amount"
    else:
        share, basis = 1.0 / len(channel), "count"
    return {"share": share, "basis": basis, "amount_usd": mine, "channel_known_usd": total,
            "counterparties": len(channel),
            "unknown_amount_counterparties": sum(1 for a in amounts.values() if a is None)}


def _link(edges: list[MoneyEdge]) -> dict[str, Any]:
    return {"edges": [e.to_dict(with_deals=False) for e in edges],
            "claims": sorted({c.id for e in edges for c in e.claims}),
            "sources": sorted({s for e in edges for s in e.source_ids})}


def _direct(profiles: _Profiles, node: str) -> dict[str, dict[str, Any]]:
    """The entities that depend on ``node``, each with its channels' shares and the edges behind them."""
    out: dict[str, dict[str, Any]] = {}
    # node pays them (funding or revenue for them), or supplies them (supply for them).
    candidates = set()
    for e in money_edges(profiles.graph, since=profiles.since, until=profiles.until,
                         committed_only=profiles.committed_only, nodes=[node]):
        candidates.add(e.payee if e.payer == node else e.payer)
    for other in sorted(candidates):
        theirs = profiles(other)
        channels = {}
        for channel in CHANNELS:
            if node in theirs[channel]:
                channels[channel] = _share(theirs[channel], node) | _link(theirs[channel][node])
        if channels:
            best = max(channels, key=lambda c: channels[c]["share"])
            out[other] = {"share": channels[best]["share"], "channel": best, "channels": channels}
    return out


@gc_paused
def exposure(graph: nx.MultiDiGraph, entity: str, k: int = 2, committed_only: bool = False,
             since: str | None = None, until: str | None = None, min_share: float = 0.0,
             limit: int = 200) -> dict[str, Any]:
    """Who depends on ``entity``, directly and within ``k`` hops, and how much.

    Direct dependents are its investees (``funding``), its suppliers (``revenue``: it is their
    customer) and its customers (``supply``: it is their supplier); each dependent's ``share`` is the
    largest of its channel shares that ``entity`` represents. A dependent at ``h`` hops depends on it
    through a chain; its ``share`` is the product of the shares along the strongest chain of at most
    ``k`` hops (``path``), so 60% of a customer's supply bought from a supplier that gets all of its
    chips from ``entity`` is a 60% indirect exposure. ``min_share`` drops weaker dependents.
    """
    if not 1 <= k <= MAX_HOPS:
        raise InvalidQuery(f"k must be between 1 and {MAX_HOPS}", k=k)
    if not 0.0 <= min_share <= 1.0:
        raise InvalidQuery("min_share must be between 0 and 1", min_share=min_share)
    check_entity(graph, entity)
    profiles = _Profiles(graph, committed_only, since, until)
    direct_cache: dict[str, dict[str, dict[str, Any]]] = {}

    def direct(node: str) -> dict[str, dict[str, Any]]:
        if node not in direct_cache:
            direct_cache[node] = _direct(profiles, node)
        return direct_cache[node]

    # best[v] = (share, path of nodes from entity to v); relaxed hop by hop.
    best: dict[str, tuple[float, list[str]]] = {entity: (1.0, [entity])}
    frontier = {entity}
    for _hop in range(k):
        nxt: set[str] = set()
        for u in sorted(frontier):
            share_u, path_u = best[u]
            for v, dep in direct(u).items():
                if v in path_u:
                    continue
                share = share_u * dep["share"]
                if share <= 0 or (v in best and best[v][0] >= share):
                    continue
                best[v] = (share, path_u + [v])
                nxt.add(v)
        frontier = nxt
        if not frontier:
            break
    rows = []
    for v, (share, path) in best.items():
        if v == entity or share < min_share:
            continue
        steps = []
        for a, b in itertools.pairwise(path):
            dep = direct(a)[b]
            ch = dep["channels"][dep["channel"]]
            steps.append({"from": a, "to": b, "channel": dep["channel"], "share": dep["share"],
                          "basis": ch["basis"], "claims": ch["claims"], "sources": ch["sources"]})
        row = entity_ref(graph, v) | {"hops": len(path) - 1, "share": share, "channel": steps[-1]["channel"],
                                      "path": path, "steps": steps}
        if len(path) == 2:
            row["channels"] = direct(entity)[v]["channels"]
        rows.append(row)
    # equal shares: those measured on amounts before those only counted, then the nearest
    rows.sort(key=lambda r: (-r["share"], r["steps"][-1]["basis"] != "amount", r["hops"], r["id"]))
    shown = rows[:limit]
    return {
        "entity": entity_ref(graph, entity), "k": k, "committed_only": committed_only,
        "dependents": shown, "total": len(rows), "truncated": len(rows) > limit,
        "claims": sorted({c for r in shown for s in r["steps"] for c in s["claims"]}),
        "sources": sorted({x for r in shown for s in r["steps"] for x in s["sources"]}),
        "viz_url": viz_url(center=entity, depth=min(k, 3),
                           highlight_nodes=[r["id"] for r in shown[:50]] or None),
    }


def _hhi(channel: dict[str, list[MoneyEdge]], graph: nx.MultiDiGraph) -> dict[str, Any]:
    amounts = {p: _amount(es) for p, es in channel.items()}
    total = sum(a for a in amounts.values() if a is not None)
    inputs = []
    for p, es in channel.items():
        a = amounts[p]
        inputs.append(entity_ref(graph, p) | {"amount_usd": a, "share": (a / total) if a is not None and total > 0
                                              else None} | _link(es))
    inputs.sort(key=lambda r: (-(r["amount_usd"] or -1), r["id"]))
    shares = [r["share"] for r in inputs if r["share"] is not None]
    hhi = sum(s * s for s in shares) if shares else None
    n = len(inputs)
    level = None
    if hhi is not None:
        level = "high" if hhi > 0.25 else "moderate" if hhi >= 0.15 else "low"
    return {
        "hhi": hhi,
        "level": level,
        "hhi_by_count": 1.0 / n if n else None,
        "counterparties": n,
        "known_total_usd": total,
        "unknown_amount_counterparties": sum(1 for a in amounts.values() if a is None),
        "top_share": max(shares) if shares else None,
        "inputs": inputs,
    }


@gc_paused
def concentration(graph: nx.MultiDiGraph, entity: str, side: Side = "all", committed_only: bool = False,
                  since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """How concentrated ``entity``'s suppliers, funders or customers are: the Herfindahl index.

    ``hhi`` is the sum of squared shares of the known amounts (0 to 1; above 0.25 is ``high``, 0.15 to
    0.25 ``moderate``, as in antitrust practice), computed over the counterparties with a stated
    amount; ``hhi_by_count`` is what equal shares over every counterparty would give (1/n).
    ``inputs`` lists every counterparty with its amount, share, edges, claims and sources;
    counterparties of unknown amount have ``share: null``.
    """
    sides = list(_SIDE_CHANNEL) if side == "all" else [side]
    for s in sides:
        if s not in _SIDE_CHANNEL:
            raise InvalidQuery("side must be suppliers, funders, customers or all", side=side)
    check_entity(graph, entity)
    profile = _Profiles(graph, committed_only, since, until)(entity)
    result = {s: _hhi(profile[_SIDE_CHANNEL[s]], graph) for s in sides}
    claims = sorted({c for r in result.values() for i in r["inputs"] for c in i["claims"]})
    sources = sorted({x for r in result.values() for i in r["inputs"] for x in i["sources"]})
    return {"entity": entity_ref(graph, entity), "committed_only": committed_only, **result,
            "claims": claims, "sources": sources,
            "viz_url": viz_url(center=entity, depth=1,
                               highlight_nodes=sorted({i["id"] for r in result.values() for i in r["inputs"]})
                               or None)}
