"""The store contract: what the rest of the code may ask of storage, whatever the backend."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, Protocol, runtime_checkable

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from .model import Batch, Entity, EntityType, Fact, LoadReport, Relation, Source, Status
from .resolve import AliasTable

__all__ = ["GraphStore", "FactQuery", "ReviewItem", "fact_matches", "fact_sort_key", "select_facts", "count_facts",
           "merge_entities"]


class FactQuery(BaseModel):
    """A filter over claims. ``entity`` matches either end; dates compare as YYYY[-MM[-DD]] strings."""

    model_config = ConfigDict(extra="forbid")

    entity: str | None = None
    subject: str | None = None
    object: str | None = None
    relations: list[Relation] | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    as_of: str | None = None
    min_amount_usd: float | None = None
    status: list[Status] | None = None
    extractor: str | None = None
    limit: int | None = Field(default=None, ge=0)
    offset: int = Field(default=0, ge=0)


def fact_matches(fact: Fact, q: FactQuery) -> bool:
    """Whether a claim passes a query's filters (ignores paging). Both backends agree on these semantics."""
    if q.entity and q.entity not in (fact.subject, fact.object):
        return False
    if fact.symmetric:
        ends = {fact.subject, fact.object}
        if (q.subject and q.subject not in ends) or (q.object and q.object not in ends):
            return False
        if q.subject and q.object and ends != {q.subject, q.object}:
            return False
    else:
        if q.subject and fact.subject != q.subject:
            return False
        if q.object and fact.object != q.object:
            return False
    if q.relations and fact.relation not in q.relations:
        return False
    if q.source and fact.source_id != q.source:
        return False
    if q.extractor and fact.extractor != q.extractor:
        return False
    if q.since and (fact.date is None or fact.date < q.since[: len(fact.date)]):
        return False
    if q.until and (fact.date is None or fact.date[: len(q.until)] > q.until):
        return False
    if q.as_of and (fact.date is None or fact.date > q.as_of):
        return False
    if q.min_amount_usd is not None and (fact.amount_usd is None or fact.amount_usd < q.min_amount_usd):
        return False
    if q.status and fact.status not in q.status:
        return False
    return True


def fact_sort_key(fact: Fact) -> tuple[int, str, str]:
    """Claims in date order, undated last, then by id: the order every backend returns."""
    return (fact.date is None, fact.date or "", fact.id)


def select_facts(candidates: Iterable[Fact], query: FactQuery) -> list[Fact]:
    """The candidates passing ``query``, in ``fact_sort_key`` order, paged by its offset and limit."""
    found = sorted((f for f in candidates if fact_matches(f, query)), key=fact_sort_key)
    end = None if query.limit is None else query.offset + query.limit
    return found[query.offset: end]


def count_facts(candidates: Iterable[Fact], query: FactQuery) -> int:
    return sum(1 for f in candidates if fact_matches(f, query))


def merge_entities(existing: dict[str, Entity], incoming: list[Entity], report: LoadReport) -> list[Entity]:
    """The entities a batch adds or changes (merged with what a store holds), counted in ``report``.

    Both backends use it so they count the same; a type change raises ``ValueError``.
    """
    changed = []
    for entity in incoming:
        old = existing.get(entity.id)
        merged = old.merged_with(entity) if old else entity
        if old is None:
            report.entities_added += 1
        elif merged != old:
            report.entities_updated += 1
        else:
            report.entities_unchanged += 1
            continue
        changed.append(merged)
    return changed


class ReviewItem(BaseModel):
    """An extracted claim held back for a person to accept or reject."""

    id: str
    fact: Fact
    source: Source | None
    state: Literal["pending", "accepted", "rejected"] = "pending"


@runtime_checkable
class GraphStore(Protocol):
    """Storage for entities, sources and claims. Implemented by ``EmbeddedStore`` and ``Neo4jStore``."""

    backend: str

    def apply(self, batch: Batch) -> LoadReport:
        """Write a batch in one transaction: all of it or nothing; what is already there is not added again."""
        ...

    def entities(self, type: EntityType | None = None) -> list[Entity]: ...

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id; ``EntityNotFound`` (with suggestions) otherwise."""
        ...

    def has_entity(self, entity_id: str) -> bool: ...

    def alias_table(self) -> AliasTable:
        """A fresh alias table of every entity (callers may extend it)."""
        ...

    def search(self, q: str, type: EntityType | None = None, limit: int = 20,
               offset: int = 0) -> list[tuple[Entity, float]]:
        """Entities by name or alias, typo- and accent-tolerant, best first, with a 0-100 score."""
        ...

    def facts(self, query: FactQuery) -> list[Fact]:
        """Claims passing the query, ordered by date (undated last) then id."""
        ...

    def count_facts(self, query: FactQuery) -> int: ...

    def sources(self, limit: int | None = None, offset: int = 0) -> list[Source]: ...

    def source(self, source_id: str) -> Source: ...

    def has_source(self, source_id: str) -> bool: ...

    def projection(self, as_of: str | None = None) -> nx.MultiDiGraph:
        """The graph as networkx: nodes are entity ids (attrs: name, type, ...), one edge per
        (subject, relation, object) keyed by relation with its ``claims``. Analytics run on it."""
        ...

    def stats(self) -> dict[str, Any]: ...

    def review_items(self, state: str = "pending") -> list[ReviewItem]: ...

    def decide_review(self, item_id: str, accept: bool) -> ReviewItem:
        """Accept (the claim joins the graph) or reject a held-back claim."""
        ...

    def close(self) -> None: ...
