"""Exports: GraphML and GEXF (for Gephi and friends), JSON (a loadable fact file) and CSV (one claim a row).

GraphML/GEXF carry one edge per (subject, relation, object) with flat, typed attributes
(no nested values, so Gephi opens them); JSON and CSV carry every claim and re-load with
``alliances load`` into either backend with nothing lost.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import networkx as nx

from .model import RELATIONS, Fact, Relation
from .store import GraphStore

__all__ = ["EXPORT_FORMATS", "export_stream", "flat_graph", "to_fact_document", "CSV_COLUMNS"]

EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")
CSV_COLUMNS = ["subject", "subject_type", "relation", "object", "object_type", "amount_usd", "amount", "currency",
               "amount_text", "power_gw", "equity_pct", "date", "status", "qualifier", "role", "evidence",
               "extractor", "confidence", "source_id", "source_url", "source_title", "source_publisher",
               "source_published"]


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose node and edge attributes are all scalars (str, float, int), missing ones omitted."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: str(v) for k, v in data.items() if v is not None})
    for s, o, r, data in graph.edges(keys=True, data=True):
        claims: list[Fact] = data["claims"]
        amounts = [c.amount_usd for c in claims if c.amount_usd is not None]
        dates = sorted(c.date for c in claims if c.date)
        attrs: dict[str, Any] = {
            "relation": r,
            "directed": str(not RELATIONS[Relation(r)].symmetric).lower(),
            "claim_count": len(claims),
            "sources": ";".join(sorted({c.source_id for c in claims})),
        }
        if amounts:
            attrs["amount_usd"] = float(max(amounts))
        if dates:
            attrs["first_date"], attrs["last_date"] = dates[0], dates[-1]
        power = [c.power_gw for c in claims if c.power_gw is not None]
        if power:
            attrs["power_gw"] = float(max(power))
        roles = sorted({c.role for c in claims if c.role})
        if roles:
            attrs["role"] = ";".join(roles)
        statuses = [c.status.value for c in claims if c.status]
        if statuses:
            attrs["status"] = statuses[-1]
        flat.add_edge(s, o, key=r, **attrs)
    return flat


def to_fact_document(store: GraphStore, graph: nx.MultiDiGraph) -> dict[str, Any]:
    """A fact-file document (sources, entities, facts) holding everything in ``graph``."""
    facts: list[Fact] = [c for _, _, d in graph.edges(data=True) for c in d["claims"]]
    source_ids = sorted({f.source_id for f in facts})
    entities = [store.entity(n) for n in sorted(graph.nodes)]
    return {
        "sources": [store.source(s).model_dump(mode="json", exclude_none=True) for s in source_ids],
        "entities": [_entity_row(e) for e in entities],
        "facts": [_fact_row(f) for f in sorted(facts, key=lambda f: f.id)],
    }


def _entity_row(entity: Any) -> dict[str, Any]:
    row = entity.model_dump(mode="json", exclude_none=True)
    row["aliases"] = list(row.get("aliases", []))
    return row


def _fact_row(fact: Fact) -> dict[str, Any]:
    row = fact.model_dump(mode="json", exclude_none=True)
    row["source"] = row.pop("source_id")
    return row


def _csv_rows(store: GraphStore, graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for s, o, _r, data in graph.edges(keys=True, data=True):
        for fact in data["claims"]:
            source = store.source(fact.source_id)
            row = {k: v for k, v in fact.model_dump(mode="json").items() if k in CSV_COLUMNS}
            row.update(subject_type=graph.nodes[s].get("type"), object_type=graph.nodes[o].get("type"),
                       source_url=source.url, source_title=source.title, source_publisher=source.publisher,
                       source_published=source.published)
            yield row


def export_stream(store: GraphStore, graph: nx.MultiDiGraph, fmt: str) -> Iterator[str]:
    """The export of ``graph`` in ``fmt`` as text chunks (so HTTP can stream it)."""
    if fmt == "graphml":
        yield from nx.generate_graphml(flat_graph(graph), named_key_ids=True)
    elif fmt == "gexf":
        for line in nx.generate_gexf(flat_graph(graph)):
            yield line + "\n"
    elif fmt == "json":
        yield json.dumps(to_fact_document(store, graph), indent=1, ensure_ascii=False)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for i, row in enumerate(_csv_rows(store, graph)):
            writer.writerow(row)
            if i % 500 == 499:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
    else:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
