"""Communities: blocs of closely allied entities (Louvain on the weighted alliance graph)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..errors import InvalidQuery
from ..model import Relation
from ._common import check_relations, entity_ref, gc_paused, strongest_edges, viz_url
from .influence import collapse

__all__ = ["DEFAULT_RELATIONS", "communities"]

#: Alliances only: competing is not being allied.
DEFAULT_RELATIONS = tuple(r for r in Relation if r != Relation.competes_with)
MAX_HIGHLIGHT = 100


def _key_edges(graph: nx.MultiDiGraph, members: set[str], relations: set[str], top: int) -> tuple[int, list[Any]]:
    inside = [(s, o, r, d) for s in members for _, o, r, d in graph.out_edges(s, keys=True, data=True)
              if o in members and r in relations]
    return len(inside), strongest_edges(inside, top)


@gc_paused
def communities(graph: nx.MultiDiGraph, relations: Iterable[Relation | str] | None = None,
                since: str | None = None, until: str | None = None, resolution: float = 1.0, seed: int = 42,
                min_size: int = 2, limit: int = 50, key_edges: int = 5) -> dict[str, Any]:
    """Blocs of closely allied entities: ``nx.community.louvain_communities`` with a fixed ``seed``.

    Runs on the undirected graph of ``relations`` (default: every relation but competes_with), each
    pair weighted like the influence rankings (``1 + log10(amount / $1M)``, floor 1, summed over the
    relations linking them). Entities with no edge are left out. Each bloc is labelled by its three
    strongest members (weighted degree), lists its members, its strongest inner edges with their
    claims and sources, and a viewer link centred on its strongest member. Larger blocs first.
    """
    if resolution <= 0:
        raise InvalidQuery("resolution must be positive", resolution=resolution)
    if min_size < 1 or limit < 1:
        raise InvalidQuery("min_size and limit must be at least 1", min_size=min_size, limit=limit)
    rels = check_relations(relations) or list(DEFAULT_RELATIONS)
    g = collapse(graph, "all", rels, since, until)
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    if g.number_of_nodes() == 0:
        parts: list[set[str]] = []
    else:
        parts = nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
    modularity = nx.community.modularity(g, parts, weight="weight") if parts else None
    strength = dict(g.degree(weight="weight"))
    rel_names = {r.value for r in rels}
    blocs: list[dict[str, Any]] = []
    for members in parts:
        if len(members) < min_size:
            continue
        ordered = sorted(members, key=lambda n: (-strength[n], n))
        inner, edges = _key_edges(graph, set(members), rel_names, key_edges)
        names = [graph.nodes[n].get("name", n) for n in ordered[:3]]
        blocs.append({
            "label": " / ".join(names),
            "size": len(members),
            "members": [entity_ref(graph, n) | {"strength": strength[n]} for n in ordered],
            "internal_edges": inner,
            "key_edges": edges,
            "claims": sorted({c for e in edges for c in e["claims"]}),
            "sources": sorted({s for e in edges for s in e["sources"]}),
            "viz_url": viz_url(center=ordered[0], depth=1, highlight_nodes=ordered[:MAX_HIGHLIGHT]),
        })
    blocs.sort(key=lambda b: (-b["size"], -b["members"][0]["strength"], b["members"][0]["id"]))
    for i, b in enumerate(blocs, 1):
        b["id"] = f"bloc-{i}"
    return {
        "relations": sorted(rel_names), "resolution": resolution, "seed": seed,
        "modularity": modularity, "entities": g.number_of_nodes(),
        "total": len(blocs), "communities": [dict(id=b.pop("id"), **b) for b in blocs[:limit]],
    }
