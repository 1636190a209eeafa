"""Influence: who is central to the graph, by degree, weighted PageRank and betweenness, by entity type."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Literal

import networkx as nx

from ..errors import InvalidQuery
from ..model import EntityType, Relation
from ._common import claim_filter, edge_weight, entity_ref, gc_paused, money_edges, strength, strongest_edges

__all__ = ["EXACT_BETWEENNESS_NODES", "METRICS", "collapse", "rank", "weighted_pagerank"]

Metric = Literal["degree", "pagerank", "betweenness"]
Scope = Literal["all", "money"]
METRICS = ("degree", "pagerank", "betweenness")
#: Above this many nodes, betweenness is estimated from ``k`` sampled sources (default ``DEFAULT_K``).
EXACT_BETWEENNESS_NODES = 2000
DEFAULT_K = 100


@gc_paused
def collapse(graph: nx.MultiDiGraph, scope: Scope = "all", relations: Iterable[Relation | str] | None = None,
             since: str | None = None, until: str | None = None) -> nx.Graph | nx.DiGraph:
    """One weighted edge per pair of entities.

    ``scope='all'``: an undirected graph of every relation; a pair's ``weight`` is the sum of
    ``edge_weight`` over the relation edges between them (several kinds of tie make a stronger one).
    ``scope='money'``: the money-flow digraph payer -> payee, weighted by ``strength`` of the summed
    amounts. Entities with no edge are kept (score 0).
    """
    if scope == "money":
        out: nx.Graph | nx.DiGraph = nx.DiGraph()
        out.add_nodes_from(sorted(graph.nodes))
        totals: dict[tuple[str, str], list[float]] = {}
        for e in money_edges(graph, since=since, until=until, relations=relations):
            amount = e.amount_usd
            totals.setdefault((e.payer, e.payee), []).extend([] if amount is None else [amount])
        out.add_weighted_edges_from((u, v, strength(math.fsum(a) if a else None))
                                    for (u, v), a in sorted(totals.items()))
        return out
    if scope != "all":
        raise InvalidQuery("scope must be 'all' or 'money'", scope=scope)
    keep = claim_filter(since, until, relations)
    filtered = bool(relations) or since is not None or until is not None
    weights: dict[tuple[str, str], list[float]] = {}
    for s, o, data in graph.edges(data=True):
        claims = data["claims"]
        if filtered:
            claims = [c for c in claims if keep(c)]
            if not claims:
                continue
        pair = (s, o) if s < o else (o, s)
        weights.setdefault(pair, []).append(edge_weight(claims))
    out = nx.Graph()
    out.add_nodes_from(sorted(graph.nodes))  # sorted: the same graph, node order and results on every backend
    # fsum is correctly rounded, so the weights do not depend on the order edges come in
    out.add_weighted_edges_from((u, v, math.fsum(w)) for (u, v), w in sorted(weights.items()))
    return out


def weighted_pagerank(g: nx.Graph | nx.DiGraph, alpha: float = 0.85, tol: float = 1e-6,
                      max_iter: int = 100) -> dict[str, float]:
    """PageRank with edge ``weight``s by power iteration (pure Python, as ``nx.pagerank`` needs SciPy).

    Undirected graphs walk both ways; dangling nodes spread their rank evenly. Matches
    ``nx.pagerank(g, alpha, weight='weight')`` to ``tol``.
    """
    nodes = list(g)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    succ = g.succ if g.is_directed() else g.adj
    targets: list[list[int]] = []
    weights: list[list[float]] = []
    dangling: list[int] = []
    for i, node in enumerate(nodes):
        nbrs = succ[node]
        t = [index[v] for v in nbrs]
        ws = [float(d.get("weight", 1.0)) for d in nbrs.values()]
        total = sum(ws)
        if total <= 0:
            dangling.append(i)
            targets.append([])
            weights.append([])
            continue
        targets.append(t)
        weights.append([x / total for x in ws])
    x = [1.0 / n] * n
    for _ in range(max_iter):
        last = x
        base = (1.0 - alpha) / n + alpha * sum(last[i] for i in dangling) / n
        x = [base] * n
        for i in range(n):
            share = alpha * last[i]
            if share:
                for j, w in zip(targets[i], weights[i], strict=False):
                    x[j] += share * w
        if sum(abs(a - b) for a, b in zip(x, last, strict=False)) < n * tol:
            break
    return {node: x[i] for i, node in enumerate(nodes)}


def _evidence(graph: nx.MultiDiGraph, node: str, top: int = 3) -> list[dict[str, Any]]:
    """The entity's strongest edges (largest amounts first): what its score rests on."""
    edges = [(s, o, r, d) for s, o, r, d in graph.out_edges(node, keys=True, data=True)] + \
            [(s, o, r, d) for s, o, r, d in graph.in_edges(node, keys=True, data=True)]
    return [row | {"counterparty": row["object"] if row["subject"] == node else row["subject"]}
            for row in strongest_edges(edges, top)]


@gc_paused
def rank(graph: nx.MultiDiGraph, metric: Metric = "pagerank", type: EntityType | str | None = None,
         top: int = 20, scope: Scope = "all", relations: Iterable[Relation | str] | None = None,
         since: str | None = None, until: str | None = None, k: int | None = None, seed: int = 7,
         by_type_top: int = 5) -> dict[str, Any]:
    """The ``top`` entities by ``metric``, optionally only of one ``type``, each with the edges it rests on.

    - ``degree``: distinct counterparties.
    - ``pagerank``: weighted PageRank (``weighted_pagerank``); weights are ``strength`` of amounts
      (1 + log10(amount / $1M), floor 1, so an edge with no amount weighs as a $1M one).
    - ``betweenness``: share of shortest paths (in hops) through the entity, normalised; exact up to
      ``EXACT_BETWEENNESS_NODES`` nodes, else estimated from ``k`` sampled sources (default 100, fixed seed).

    ``scope='all'`` ranks on every relation (undirected); ``'money'`` on the money-flow digraph
    (PageRank then measures where money ends up). Scores are computed on the whole graph and then
    filtered by ``type``; ``by_type`` lists the leaders of every type.
    """
    if metric not in METRICS:
        raise InvalidQuery(f"metric must be one of {', '.join(METRICS)}", metric=metric)
    if not 1 <= top <= 1000:
        raise InvalidQuery("top must be between 1 and 1000", top=top)
    if type is not None:
        try:
            type = EntityType(type)
        except ValueError:
            raise InvalidQuery(f"unknown entity type {type!r}", type=type) from None
    if k is not None and k < 1:
        raise InvalidQuery("k must be at least 1", k=k)
    g = collapse(graph, scope, relations, since, until)
    n = g.number_of_nodes()
    approx_k = None
    if metric == "degree":
        scores: dict[str, float] = {v: float(len(set(g.predecessors(v)) | set(g.successors(v)))) for v in g} \
            if g.is_directed() else {v: float(len(g.adj[v])) for v in g}
    elif metric == "pagerank":
        scores = weighted_pagerank(g)
    else:
        if k is not None and k < n:
            approx_k = k
        elif k is None and n > EXACT_BETWEENNESS_NODES:
            approx_k = DEFAULT_K
        scores = nx.betweenness_centrality(g, k=approx_k, seed=seed, normalized=True)
    types = {node: graph.nodes[node].get("type") for node in graph}
    ordered = sorted(scores, key=lambda v: (-scores[v], v))
    chosen = [v for v in ordered if type is None or types.get(v) == type.value][:top]
    items = []
    for i, v in enumerate(chosen, 1):
        items.append(entity_ref(graph, v) | {"rank": i, "score": scores[v],
                                              "degree": graph.degree(v), "evidence": _evidence(graph, v)})
    by_type: dict[str, list[dict[str, Any]]] = {}
    for v in ordered:
        t = types.get(v) or "unknown"
        bucket = by_type.setdefault(t, [])
        if len(bucket) < by_type_top:
            bucket.append({"id": v, "name": graph.nodes[v].get("name", v), "score": scores[v]})
    return {
        "metric": metric, "scope": scope, "type": type.value if type else None,
        "nodes": n, "edges": g.number_of_edges(),
        "approximate": approx_k is not None, "k": approx_k,
        "weighting": "1 + log10(amount / 1e6), floor 1 (no amount = 1)" if metric == "pagerank" else None,
        "items": items,
        "by_type": dict(sorted(by_type.items())),
    }
