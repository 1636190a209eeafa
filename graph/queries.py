"""Graph queries written once over the store contract: edges around an entity, paths, neighbourhoods."""

from __future__ import annotations

from collections import defaultdict
from itertools import islice
from typing import Any, Literal

import networkx as nx

from .errors import InvalidQuery, NoPath
from .model import RELATIONS, Edge, Fact, Relation, Status
from .store import FactQuery, GraphStore, fact_matches

__all__ = ["edges_around", "group_claims", "find_paths", "neighborhood", "edge_to_dict", "node_to_dict",
           "find_entity", "format_money"]

Direction = Literal["in", "out", "both"]


def group_claims(facts: list[Fact]) -> list[Edge]:
    """Claims gathered into one ``Edge`` per (subject, relation, object), biggest money first."""
    groups: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[fact.key].append(fact)
    edges = [Edge(subject=s, relation=Relation(r), object=o, claims=claims) for (s, r, o), claims in groups.items()]

    def order(edge: Edge) -> tuple[float, str, str]:
        summary = edge.summary()
        return (-(summary["amount_usd"] or 0), edge.relation.value, edge.object + edge.subject)

    return sorted(edges, key=order)


def edges_around(store: GraphStore, entity_id: str, direction: Direction = "both", **filters: Any) -> list[Edge]:
    """The edges touching an entity, each with all its claims; ``filters`` are ``FactQuery`` fields.

    ``direction='out'`` keeps edges the entity is the subject of (symmetric relations count both ways).
    """
    store.entity(entity_id)  # raises EntityNotFound with suggestions
    facts = store.facts(FactQuery(entity=entity_id, **filters))
    if direction != "both":
        want_subject = direction == "out"
        facts = [f for f in facts if f.symmetric or (f.subject == entity_id) == want_subject]
    return group_claims(facts)


def _filtered_projection(store: GraphStore, as_of: str | None, relations: list[Relation] | None,
                         min_amount_usd: float | None = None, status: list[Status] | None = None) -> nx.MultiDiGraph:
    graph = store.projection(as_of=as_of)
    if not (relations or min_amount_usd is not None or status):
        return graph
    q = FactQuery(relations=relations, min_amount_usd=min_amount_usd, status=status)
    for s, o, r, data in list(graph.edges(keys=True, data=True)):
        claims = [c for c in data["claims"] if fact_matches(c, q)]
        if claims:
            data["claims"] = claims
        else:
            graph.remove_edge(s, o, key=r)
    return graph


def _edges_between(graph: nx.MultiDiGraph, a: str, b: str) -> list[Edge]:
    out = []
    for s, o in ((a, b), (b, a)):
        for r, data in (graph.get_edge_data(s, o) or {}).items():
            out.append(Edge(subject=s, relation=Relation(r), object=o, claims=data["claims"]))
    return out


def find_paths(store: GraphStore, source: str, target: str, max_hops: int = 4, k: int = 3,
               relations: list[Relation] | None = None, as_of: str | None = None) -> list[list[Edge]]:
    """Up to ``k`` shortest chains of alliances linking two entities (any direction), each step with
    every edge between its two ends and their claims. ``NoPath`` if none within ``max_hops``.
    """
    if not 1 <= max_hops <= 8:
        raise InvalidQuery("max_hops must be between 1 and 8", max_hops=max_hops)
    if not 1 <= k <= 20:
        raise InvalidQuery("k must be between 1 and 20", k=k)
    store.entity(source)
    store.entity(target)
    if source == target:
        raise InvalidQuery("source and target are the same entity", source=source)
    graph = _filtered_projection(store, as_of, relations)
    simple = nx.Graph(graph.to_undirected(as_view=True))
    try:
        candidates = nx.shortest_simple_paths(simple, source, target)
        nodes_paths = [p for p in islice(candidates, k) if len(p) - 1 <= max_hops]
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        nodes_paths = []
    if not nodes_paths:
        raise NoPath(f"no chain of at most {max_hops} alliances links {source!r} and {target!r}",
                     source=source, target=target, max_hops=max_hops)
    return [[_step(graph, a, b) for a, b in zip(p, p[1:], strict=False)] for p in nodes_paths]


def _step(graph: nx.MultiDiGraph, a: str, b: str) -> Edge:
    """The strongest edge between two neighbours (the others are still reachable from either end)."""
    edges = _edges_between(graph, a, b)
    return max(edges, key=lambda e: (e.summary()["amount_usd"] or 0, len(e.claims)))


def node_to_dict(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    data = dict(graph.nodes[node])
    return {"id": node, "name": data.pop("name", node), "type": data.pop("type", None), "attributes": data,
            "degree": graph.degree(node)}


def edge_to_dict(edge: Edge, with_claims: bool = False) -> dict[str, Any]:
    out = edge.summary()
    out["directed"] = not RELATIONS[edge.relation].symmetric
    out["sources"] = sorted({c.source_id for c in edge.claims})
    if with_claims:
        out["claims"] = [c.model_dump(mode="json") | {"id": c.id} for c in edge.claims]
    return out


def neighborhood(store: GraphStore, center: str, depth: int = 1, limit: int = 200,
                 relations: list[Relation] | None = None, as_of: str | None = None,
                 min_amount_usd: float | None = None, status: list[Status] | None = None,
                 with_claims: bool = False) -> dict[str, Any]:
    """A subgraph around ``center`` as node-link data, at most ``limit`` nodes (closest first)."""
    if not 1 <= depth <= 3:
        raise InvalidQuery("depth must be 1, 2 or 3", depth=depth)
    if limit < 1:
        raise InvalidQuery("limit must be at least 1", limit=limit)
    store.entity(center)
    graph = _filtered_projection(store, as_of, relations, min_amount_usd, status)
    undirected = graph.to_undirected(as_view=True)
    distances = nx.single_source_shortest_path_length(undirected, center, cutoff=depth) if center in graph else {}
    ranked = sorted(distances, key=lambda n: (distances[n], -graph.degree(n), n))
    keep = ranked[:limit]
    sub = graph.subgraph(keep)
    edges = [Edge(subject=s, relation=Relation(r), object=o, claims=d["claims"])
             for s, o, r, d in sub.edges(keys=True, data=True)]
    return {
        "center": center,
        "depth": depth,
        "nodes": [node_to_dict(graph, n) | {"distance": distances[n]} for n in keep],
        "edges": [edge_to_dict(e, with_claims) for e in group_claims([c for e in edges for c in e.claims])],
        "truncated": len(ranked) > limit,
        "total_nodes": len(ranked),
    }


def find_entity(store: GraphStore, name: str) -> str:
    """The id of the entity a user means by ``name`` (id, name or alias; exact after normalisation).

    Raises ``EntityNotFound`` with the closest names as suggestions; never guesses.
    """
    if store.has_entity(name):
        return name
    ids = store.alias_table().lookup(name)
    if len(ids) == 1:
        return ids.pop()
    from .errors import EntityNotFound

    suggestions = sorted(ids) or [e.id for e, _ in store.search(name, limit=5)]
    raise EntityNotFound(name, suggestions)


def format_money(amount: float | None, currency: str = "USD") -> str:
    """``100e9`` -> ``'$100B'``; ``6.3e9`` -> ``'$6.3B'``; other currencies keep their code."""
    if amount is None:
        return ""
    for div, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if amount >= div:
            text = f"{amount / div:.2f}".rstrip("0").rstrip(".") + unit
            break
    else:
        text = f"{amount:,.0f}"
    return f"${text}" if currency == "USD" else f"{currency} {text}"
