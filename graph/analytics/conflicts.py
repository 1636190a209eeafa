"""Conflicts: the edges whose sources disagree, across the graph, with the claims side by side."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..errors import InvalidQuery
from ..model import Edge, Relation
from ._common import check_entity, check_relations, claim_ref, edge_key, gc_paused, viz_url

__all__ = ["FIELDS", "conflicts"]

FIELDS = ("amount_usd", "status", "power_gw", "date")


@gc_paused
def conflicts(graph: nx.MultiDiGraph, entity: str | None = None, field: str | None = None,
              relations: Iterable[Relation | str] | None = None, limit: int = 500) -> dict[str, Any]:
    """Every edge on which sources disagree (``Edge.conflicts``): amounts more than 2% apart or different
    statuses for the same deal, or the same amount reported on different dates.

    Each row has the edge, and per disagreement the field, the values and the claims that state them
    (id, source, date, amount, status ...) side by side. Edges with the widest amount gap first.
    """
    if field is not None and field not in FIELDS:
        raise InvalidQuery(f"field must be one of {', '.join(FIELDS)}", field=field)
    if limit < 1:
        raise InvalidQuery("limit must be at least 1", limit=limit)
    rels = {r.value for r in check_relations(relations) or []} or None
    if entity is not None:
        check_entity(graph, entity)
        items: Iterable[Any] = list(graph.out_edges(entity, keys=True, data=True)) + \
            list(graph.in_edges(entity, keys=True, data=True))
    else:
        items = graph.edges(keys=True, data=True)
    rows = []
    for s, o, r, data in items:
        claims = data["claims"]
        if (rels and r not in rels) or len(claims) < 2 or len({c.source_id for c in claims}) < 2:
            continue
        found = Edge(subject=s, relation=Relation(r), object=o, claims=claims).conflicts
        if field:
            found = [c for c in found if c["field"] == field]
        if not found:
            continue
        by_id = {c.id: c for c in claims}
        disagreements = []
        for c in found:
            side = [claim_ref(by_id[i]) for i in c["claims"]]
            values = [v for v in c["values"] if isinstance(v, (int, float))]
            spread = (max(values) / min(values)) if len(values) > 1 and min(values) > 0 else None
            disagreements.append({"field": c["field"], "values": c["values"], "spread": spread, "claims": side,
                                  "sources": sorted({x["source_id"] for x in side})})
        rows.append({
            "key": edge_key(s, r, o), "subject": s, "relation": r, "object": o,
            "subject_name": graph.nodes[s].get("name", s), "object_name": graph.nodes[o].get("name", o),
            "conflicts": disagreements,
            "claims": [c.id for c in claims],
            "sources": sorted({c.source_id for c in claims}),
            "viz_url": viz_url(center=s, depth=1, highlight_edges=[edge_key(s, r, o)]),
        })

    def order(row: dict[str, Any]) -> tuple[float, str]:
        spreads = [d["spread"] for d in row["conflicts"] if d["spread"]]
        return (-(max(spreads) if spreads else 0.0), row["key"])

    rows.sort(key=order)
    return {
        "entity": entity, "field": field, "total": len(rows), "truncated": len(rows) > limit,
        "by_field": dict(sorted(Counter(d["field"] for r in rows for d in r["conflicts"]).items())),
        "edges": rows[:limit],
    }
