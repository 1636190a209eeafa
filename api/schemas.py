"""Response models (they document the API in OpenAPI) and the functions that fill them."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from graph.model import Edge, Entity, Fact, Source
from graph.queries import edge_to_dict
from graph.store import GraphStore

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class EntityOut(BaseModel):
    id: str = Field(examples=["nvidia"])
    name: str = Field(examples=["NVIDIA"])
    type: str = Field(examples=["company"])
    aliases: list[str] = []
    attributes: dict[str, str] = {}
    score: float | None = Field(default=None, description="Search score, 0-100")


class EntityDetail(EntityOut):
    counts_by_relation: dict[str, dict[str, int]] = Field(
        description="Edges by relation and direction (out: the entity is the subject)")
    fact_count: int


class SourceOut(BaseModel):
    id: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    kind: str = "web"


class ClaimOut(BaseModel):
    id: str
    subject: str
    relation: str
    object: str
    amount_usd: float | None = None
    amount: float | None = None
    currency: str | None = None
    amount_text: str | None = None
    power_gw: float | None = None
    equity_pct: float | None = None
    date: str | None = None
    date_precision: str | None = None
    status: str | None = None
    qualifier: str | None = None
    role: str | None = None
    evidence: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    extractor: str
    confidence: float
    source: SourceOut | None


class EdgeOut(BaseModel):
    subject: str
    subject_name: str
    relation: str
    object: str
    object_name: str
    directed: bool
    amount_usd: float | None = None
    qualifier: str | None = None
    power_gw: float | None = None
    first_date: str | None = None
    last_date: str | None = None
    status: str | None = None
    roles: list[str] = []
    claim_count: int
    source_count: int
    conflicts: list[dict[str, Any]] = []
    claims: list[ClaimOut] = []


class SourceDetail(SourceOut):
    facts: list[ClaimOut]


def entity_out(entity: Entity, score: float | None = None) -> EntityOut:
    return EntityOut(id=entity.id, name=entity.name, type=entity.type.value, aliases=list(entity.aliases),
                     attributes=entity.attributes, score=score)


def source_out(source: Source) -> SourceOut:
    return SourceOut(**source.model_dump())


def claim_out(store: GraphStore, fact: Fact) -> ClaimOut:
    source = store.source(fact.source_id) if store.has_source(fact.source_id) else None
    data = fact.model_dump(mode="json", exclude={"source_id"})
    return ClaimOut(id=fact.id, date_precision=fact.date_precision, source=source_out(source) if source else None,
                    **data)


def edge_out(store: GraphStore, edge: Edge, names: dict[str, str] | None = None) -> EdgeOut:
    names = names or {}
    data = edge_to_dict(edge)
    data.pop("sources", None)

    def name(entity_id: str) -> str:
        if entity_id not in names:
            names[entity_id] = store.entity(entity_id).name
        return names[entity_id]

    return EdgeOut(**data, subject_name=name(edge.subject), object_name=name(edge.object),
                   claims=[claim_out(store, c) for c in edge.claims])
