"""Network data for the viewer: the neighbourhood query drawn with pyvis's data model.

Colours and shapes by entity type, edge colours by relation, widths by amount (log scale),
arrows for directed relations, a precomputed layout for large views. The page itself is our own
template (api/viewer/templates/viewer.html): pyvis's template loads assets from CDNs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from pyvis.network import Network

from graph.errors import InvalidQuery
from graph.model import RELATIONS, Edge, Relation, Status
from graph.queries import edge_to_dict, group_claims, neighborhood, node_to_dict
from graph.store import GraphStore

__all__ = ["ViewQuery", "network_data", "NODE_STYLE", "EDGE_COLOR", "LAYOUT_THRESHOLD"]

NODE_STYLE: dict[str, dict[str, str]] = {
    "company": {"color": "#4e79a7", "shape": "dot"},
    "person": {"color": "#f28e2b", "shape": "diamond"},
    "project": {"color": "#59a14f", "shape": "square"},
    "product": {"color": "#b07aa1", "shape": "triangle"},
    "fund": {"color": "#edc948", "shape": "star"},
    "government": {"color": "#e15759", "shape": "hexagon"},
}
EDGE_COLOR: dict[str, str] = {
    "invests_in": "#2ca02c", "supplies": "#1f77b4", "partners_with": "#9467bd", "acquires": "#d62728",
    "leads": "#ff7f0e", "member_of": "#8c564b", "competes_with": "#7f7f7f", "develops": "#17becf",
}
HIGHLIGHT, ADDED, REMOVED, CHANGED = "#ff00aa", "#00b050", "#e00000", "#ff8c00"
#: Above this many nodes the layout is computed on the server and physics stays off.
LAYOUT_THRESHOLD = 150


@dataclass
class ViewQuery:
    center: str | None
    depth: int = 1
    relations: list[Relation] | None = None
    as_of: str | None = None
    min_amount_usd: float | None = None
    status: list[Status] | None = None
    limit: int = 300
    highlight_nodes: set[str] = field(default_factory=set)
    highlight_edges: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)


def edge_width(amount_usd: float | None) -> float:
    """1 for no amount, growing with log10 of the amount: $10M -> 1.5, $1B -> 3.5, $100B -> 5.5."""
    if not amount_usd:
        return 1.0
    return round(1.0 + max(0.0, math.log10(amount_usd / 1e6)) * 0.5 + 0.5, 2)


def node_size(degree: int) -> float:
    return round(12 + 5 * math.sqrt(degree), 1)


def _edge_key(edge: dict[str, Any]) -> str:
    return f"{edge['subject']}|{edge['relation']}|{edge['object']}"


def _removed_edges(store: GraphStore, keys: set[str], present: set[str]) -> list[dict[str, Any]]:
    """Edges named in a diff's ``removed`` list, taken from the whole graph (they are gone at ``as_of``)."""
    graph = store.projection()
    out = []
    for key in sorted(keys - present):
        parts = key.split("|")
        if len(parts) != 3 or parts[1] not in EDGE_COLOR:
            continue
        s, r, o = parts
        data = graph.get_edge_data(s, o, key=r)
        if data:
            out.append(edge_to_dict(Edge(subject=s, relation=Relation(r), object=o, claims=data["claims"]), True))
    return out


def _parse_key(key: str) -> tuple[str, str, str] | None:
    parts = key.split("|")
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 and parts[1] in EDGE_COLOR else None


def keyed_subgraph(store: GraphStore, q: ViewQuery) -> dict[str, Any]:
    """Without a center: the entities named by the highlighted, added, removed or changed edges (and nodes),
    with the edges among them, in the same shape as ``neighborhood``."""
    keys = q.highlight_edges | q.added | q.removed | q.changed
    ids = {end for key in keys if (k := _parse_key(key)) for end in (k[0], k[2])} | q.highlight_nodes
    ids = {i for i in ids if store.has_entity(i)}
    if not ids:
        raise InvalidQuery("give a center, or edges (highlight_edges, added, removed, changed) or nodes to show")
    graph = store.projection(as_of=q.as_of)
    keep = sorted(ids, key=lambda n: (-graph.degree(n) if n in graph else 0, n))[: q.limit]
    sub = graph.subgraph(keep)
    edges = [Edge(subject=s, relation=Relation(r), object=o, claims=d["claims"])
             for s, o, r, d in sub.edges(keys=True, data=True)]
    return {"center": None, "depth": 0,
            "nodes": [node_to_dict(graph, n) | {"distance": None} for n in keep],
            "edges": [edge_to_dict(e, True) for e in group_claims([c for e in edges for c in e.claims])],
            "truncated": len(ids) > q.limit, "total_nodes": len(ids)}


def network_data(store: GraphStore, q: ViewQuery) -> dict[str, Any]:
    """Nodes and edges (vis-network options, built with pyvis) around ``q.center`` (or the entities of the
    highlighted edges when there is no center), with every claim behind each edge."""
    if q.center is None:
        sub = keyed_subgraph(store, q)
    else:
        sub = neighborhood(store, q.center, depth=q.depth, limit=q.limit, relations=q.relations, as_of=q.as_of,
                           min_amount_usd=q.min_amount_usd, status=q.status, with_claims=True)
    edges = sub["edges"]
    present = {_edge_key(e) for e in edges}
    extra = _removed_edges(store, q.removed, present) if q.removed else []
    nodes = {n["id"]: n for n in sub["nodes"]}
    for e in extra:
        for end in (e["subject"], e["object"]):
            if end not in nodes and store.has_entity(end):  # an end that is gone at as_of
                entity = store.entity(end)
                nodes[end] = {"id": end, "name": entity.name, "type": entity.type.value,
                              "attributes": entity.attributes, "degree": 0, "distance": None}
    sources: dict[str, dict[str, Any]] = {}
    for edge in edges + extra:
        for claim in edge["claims"]:
            sid = claim["source_id"]
            if sid not in sources:
                sources[sid] = store.source(sid).model_dump(mode="json") if store.has_source(sid) else {"id": sid}
            claim["source"] = sources[sid]
    net = Network(directed=True)
    for node in nodes.values():
        style = NODE_STYLE.get(node["type"] or "company", NODE_STYLE["company"])
        highlighted = node["id"] in q.highlight_nodes
        net.add_node(node["id"], label=node["name"], shape=style["shape"], size=node_size(node["degree"]),
                     color={"background": style["color"], "border": HIGHLIGHT if highlighted else "#333333"},
                     borderWidth=5 if highlighted else (3 if sub["center"] and node["id"] == sub["center"] else 1),
                     entity_type=node["type"], attributes=node["attributes"], degree=node["degree"])
    for edge in edges + extra:
        key = _edge_key(edge)
        color = EDGE_COLOR[edge["relation"]]
        if key in q.removed:
            color = REMOVED
        elif key in q.added:
            color = ADDED
        elif key in q.changed:
            color = CHANGED
        elif key in q.highlight_edges:
            color = HIGHLIGHT
        emphasised = key in q.removed or key in q.added or key in q.changed or key in q.highlight_edges
        net.add_edge(edge["subject"], edge["object"], id=key, relation=edge["relation"], color=color,
                     width=edge_width(edge["amount_usd"]) + (3 if emphasised else 0),
                     arrows="" if RELATIONS[Relation(edge["relation"])].symmetric else "to",
                     dashes=edge["relation"] == "competes_with" or key in q.removed,
                     summary={k: edge[k] for k in ("amount_usd", "qualifier", "power_gw", "first_date",
                                                   "last_date", "status", "roles", "claim_count", "conflicts")},
                     claims=edge["claims"], diff="removed" if key in q.removed else
                     "added" if key in q.added else "changed" if key in q.changed else None)
    node_list, edge_list = net.get_network_data()[:2]
    physics = len(node_list) <= LAYOUT_THRESHOLD
    if not physics:
        _precompute_layout(node_list, edge_list)
    return {"center": sub["center"], "nodes": node_list, "edges": edge_list, "truncated": sub["truncated"],
            "total_nodes": sub["total_nodes"], "physics": physics}


def _precompute_layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in nodes)
    graph.add_edges_from((e["from"], e["to"]) for e in edges)
    scale = 120 * math.sqrt(len(nodes))
    positions = nx.spring_layout(graph, seed=7, iterations=40, scale=scale)
    for node in nodes:
        x, y = positions[node["id"]]
        node["x"], node["y"] = float(x), float(y)
