"""Time: an entity's dated claims in order, the graph as of a date, and what changed between two dates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..errors import InvalidQuery
from ..model import Fact, Relation
from ._common import (
    check_date,
    check_entity,
    claim_filter,
    claim_ref,
    edge_key,
    entity_ref,
    gc_paused,
    viz_url,
)

__all__ = ["MAX_URL_KEYS", "diff", "snapshot", "summary", "timeline"]

#: Viewer links list at most this many edge keys per parameter (results still list every edge).
MAX_URL_KEYS = 200


@gc_paused
def timeline(graph: nx.MultiDiGraph, entity: str | None = None, since: str | None = None, until: str | None = None,
             relations: Iterable[Relation | str] | None = None, limit: int = 1000) -> dict[str, Any]:
    """The dated claims about ``entity`` (or the whole graph) in date order, oldest first.

    Dates keep their precision ("2025", "2025-09", "2025-09-22"); a coarser date sorts before the
    finer dates it contains. Undated claims cannot be placed: they are counted in ``undated``.
    """
    if limit < 1:
        raise InvalidQuery("limit must be at least 1", limit=limit)
    keep = claim_filter(since, until, relations)
    if entity is not None:
        check_entity(graph, entity)
        edges: Iterable[tuple[str, str, str, dict[str, Any]]] = \
            list(graph.out_edges(entity, keys=True, data=True)) + list(graph.in_edges(entity, keys=True, data=True))
    else:
        edges = graph.edges(keys=True, data=True)
    dated: list[Fact] = []
    undated: list[str] = []
    for _, _, _, data in edges:
        for c in data["claims"]:
            if c.date is None:
                if since is None and until is None and keep(c):
                    undated.append(c.id)
            elif keep(c):
                dated.append(c)
    dated.sort(key=lambda c: (c.date, c.id))
    names = {n: graph.nodes[n].get("name", n) for c in dated for n in (c.subject, c.object)}
    events = [claim_ref(c) | {"key": edge_key(*c.key), "subject_name": names[c.subject],
                              "object_name": names[c.object]} for c in dated[:limit]]
    return {
        "entity": entity_ref(graph, entity) if entity else None,
        "events": events,
        "total": len(dated),
        "truncated": len(dated) > limit,
        "by_year": dict(sorted(Counter(c.date[:4] for c in dated if c.date).items())),
        "undated": len(undated),
        "undated_claims": sorted(undated),
        "sources": sorted({e["source_id"] for e in events}),
        "viz_url": viz_url(center=entity, depth=1) if entity else None,
    }


@gc_paused
def snapshot(store_or_graph: Any, as_of: str) -> nx.MultiDiGraph:
    """The graph as known on ``as_of``: only claims dated on or before it (undated claims are out).

    Given a store, this is ``store.projection(as_of=as_of)``; given a projection, a filtered copy with
    the same semantics (entities are all kept; edges left with no claim are dropped).
    """
    as_of = check_date(as_of, "as_of")  # type: ignore[assignment]
    if as_of is None:
        raise InvalidQuery("as_of is required")
    if hasattr(store_or_graph, "projection"):
        return store_or_graph.projection(as_of=as_of)  # type: ignore[no-any-return]
    graph: nx.MultiDiGraph = store_or_graph
    out = nx.MultiDiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    for s, o, r, data in graph.edges(keys=True, data=True):
        claims = [c for c in data["claims"] if c.date is not None and c.date <= as_of]
        if claims:
            out.add_edge(s, o, key=r, **{**data, "claims": claims})
    return out


@gc_paused
def summary(graph: nx.MultiDiGraph, top: int = 10) -> dict[str, Any]:
    """Counts of a (snapshot) graph: entities with an edge, edges and claims by relation, largest deals."""
    by_relation: Counter[str] = Counter()
    claims = 0
    biggest: list[tuple[float, str, list[str], list[str]]] = []
    for s, o, r, data in graph.edges(keys=True, data=True):
        by_relation[r] += 1
        claims += len(data["claims"])
        amounts = [c.amount_usd for c in data["claims"] if c.amount_usd is not None]
        if amounts:
            biggest.append((max(amounts), edge_key(s, r, o), [c.id for c in data["claims"]],
                            sorted({c.source_id for c in data["claims"]})))
    biggest.sort(key=lambda x: (-x[0], x[1]))
    active = [n for n in graph if graph.degree(n)]
    return {
        "entities": len(active),
        "entities_by_type": dict(sorted(Counter(graph.nodes[n].get("type") or "unknown" for n in active).items())),
        "edges": graph.number_of_edges(),
        "claims": claims,
        "edges_by_relation": dict(sorted(by_relation.items())),
        "largest": [{"key": k, "amount_usd": a, "claims": c, "sources": s} for a, k, c, s in biggest[:top]],
    }


def _headline(claims: list[Fact]) -> dict[str, Any]:
    """What an edge says at one moment: its largest amount (with qualifier) and latest status."""
    amounts = [c for c in claims if c.amount_usd is not None]
    top = max(amounts, key=lambda c: c.amount_usd) if amounts else None  # type: ignore[arg-type,return-value]
    statuses = [c.status for c in claims if c.status]
    return {"amount_usd": top.amount_usd if top else None, "qualifier": top.qualifier if top else None,
            "status": statuses[-1].value if statuses else None, "claim_count": len(claims)}


def _edge_row(graph: nx.MultiDiGraph, s: str, r: str, o: str, claims: list[Fact]) -> dict[str, Any]:
    return {"key": edge_key(s, r, o), "subject": s, "relation": r, "object": o,
            "subject_name": graph.nodes[s].get("name", s) if s in graph else s,
            "object_name": graph.nodes[o].get("name", o) if o in graph else o,
            **_headline(claims), "claims": [claim_ref(c) for c in claims],
            "sources": sorted({c.source_id for c in claims})}


def _edges(graph: nx.MultiDiGraph, entity: str | None) -> dict[tuple[str, str, str], list[Fact]]:
    if entity is None:
        items: Iterable[Any] = graph.edges(keys=True, data=True)
    elif entity in graph:
        items = list(graph.out_edges(entity, keys=True, data=True)) + list(graph.in_edges(entity, keys=True, data=True))
    else:
        items = []
    return {(s, r, o): data["claims"] for s, o, r, data in items}


@gc_paused
def diff(graph_or_store: Any, to_or_from: Any, to: str | None = None, entity: str | None = None,
         from_label: str | None = None, to_label: str | None = None) -> dict[str, Any]:
    """What changed between two states of the graph: ``diff(graph_from, graph_to)`` or ``diff(store, from, to)``.

    Entities *added* have an edge in the later graph and none in the earlier one (*removed*: the
    reverse). Edges are *added* or *removed* by (subject, relation, object); an edge in both has
    *changed* when its headline amount or its latest status differs (``before``/``after``), with
    the claims that are new. Every row carries its claims and sources. ``entity`` narrows the diff
    to the edges touching it. Between two dates of one store the earlier graph holds claims dated on
    or before ``from`` and the later one those on or before ``to``.
    """
    if isinstance(graph_or_store, nx.Graph):
        if not isinstance(to_or_from, nx.Graph):
            raise InvalidQuery("diff(graph_from, graph_to): both must be graphs")
        before, after = graph_or_store, to_or_from
        start, end = from_label, to_label
    else:
        start, end = check_date(to_or_from, "from"), check_date(to, "to")
        if start is None or end is None:
            raise InvalidQuery("diff(store, from, to) needs both dates")
        if start > end:
            raise InvalidQuery("from must not be after to", **{"from": start, "to": end})
        before = graph_or_store.projection(as_of=start)
        after = graph_or_store.projection(as_of=end)
    if entity is not None and entity not in before and entity not in after:
        check_entity(after, entity)
    old, new = _edges(before, entity), _edges(after, entity)
    added = [_edge_row(after, *k, new[k]) for k in sorted(new.keys() - old.keys())]
    removed = [_edge_row(before, *k, old[k]) for k in sorted(old.keys() - new.keys())]
    changed = []
    for k in sorted(new.keys() & old.keys()):
        was, now = _headline(old[k]), _headline(new[k])
        fields = [f for f in ("amount_usd", "status") if was[f] != now[f]]
        if not fields:
            continue
        known = {c.id for c in old[k]}
        fresh = [c for c in new[k] if c.id not in known]
        row = _edge_row(after, *k, new[k])
        row.update(changes=fields, before=was, after=now, new_claims=[c.id for c in fresh],
                   sources=sorted({c.source_id for c in fresh}) or row["sources"])
        changed.append(row)

    def active(graph: nx.MultiDiGraph, edges: dict[tuple[str, str, str], list[Fact]]) -> set[str]:
        if entity is None:
            return {n for n in graph if graph.degree(n)}
        return {n for (s, _, o) in edges for n in (s, o)}

    was_active, is_active = active(before, old), active(after, new)

    def entity_rows(graph: nx.MultiDiGraph, ids: set[str], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for n in sorted(ids):
            via = [r for r in rows if n in (r["subject"], r["object"])]
            out.append(entity_ref(graph, n) | {"edges": [r["key"] for r in via],
                                               "sources": sorted({s for r in via for s in r["sources"]})})
        return out

    added_keys = [r["key"] for r in added]
    removed_keys = [r["key"] for r in removed]
    changed_keys = [r["key"] for r in changed]
    return {
        "from": start, "to": end, "entity": entity,
        "entities": {"added": entity_rows(after, is_active - was_active, added),
                     "removed": entity_rows(before, was_active - is_active, removed)},
        "edges": {"added": added, "removed": removed, "changed": changed},
        "counts": {"entities_added": len(is_active - was_active), "entities_removed": len(was_active - is_active),
                   "edges_added": len(added), "edges_removed": len(removed), "edges_changed": len(changed)},
        "sources": sorted({s for r in added + removed + changed for s in r["sources"]}),
        "viz_url": viz_url(center=entity, as_of=end, added=added_keys[:MAX_URL_KEYS],
                           removed=removed_keys[:MAX_URL_KEYS], changed=changed_keys[:MAX_URL_KEYS] or None),
        "viz_url_truncated": max(len(added_keys), len(removed_keys), len(changed_keys)) > MAX_URL_KEYS,
    }
