"""Entities: search, one entity, the edges around it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from graph.model import EntityType
from graph.queries import edges_around, find_entity
from graph.store import FactQuery

from ..deps import PageDep, StoreDep
from ..params import AsOf, MinAmount, Relations, Since, Statuses, Until
from ..schemas import EdgeOut, EntityDetail, EntityOut, Page, edge_out, entity_out

router = APIRouter(prefix="/entities", tags=["entities"])


@router.get("", response_model=Page[EntityOut])
def search_entities(store: StoreDep, page: PageDep,
                    q: Annotated[str, Query(max_length=200, description="Name or alias; typos and accents are fine",
                                            examples=["nvdia"])] = "",
                    type: Annotated[EntityType | None, Query(description="Only this entity type")] = None,
                    ) -> Page[EntityOut]:
    """Search entities by name and alias, best match first."""
    ranked = store.search(q, type=type, limit=10_000)
    items = [entity_out(e, s if q else None) for e, s in ranked[page.offset: page.offset + page.limit]]
    return Page(items=items, total=len(ranked), limit=page.limit, offset=page.offset)


@router.get("/{entity_id}", response_model=EntityDetail)
def get_entity(entity_id: str, store: StoreDep) -> EntityDetail:
    """One entity: attributes, aliases, and its edges counted by relation and direction."""
    entity = store.entity(find_entity(store, entity_id))
    counts: dict[str, dict[str, int]] = {}
    for edge in edges_around(store, entity.id):
        way = "both" if edge.claims[0].symmetric else ("out" if edge.subject == entity.id else "in")
        counts.setdefault(edge.relation.value, {}).setdefault(way, 0)
        counts[edge.relation.value][way] += 1
    fact_count = store.count_facts(FactQuery(entity=entity.id))
    return EntityDetail(**entity_out(entity).model_dump(), counts_by_relation=counts, fact_count=fact_count)


@router.get("/{entity_id}/relations", response_model=Page[EdgeOut])
def get_entity_relations(entity_id: str, store: StoreDep, page: PageDep, relation: Relations = None,
                         direction: Literal["in", "out", "both"] = "both", since: Since = None,
                         until: Until = None, as_of: AsOf = None, min_amount_usd: MinAmount = None,
                         status: Statuses = None) -> Page[EdgeOut]:
    """The edges around an entity, each with its claims and their sources."""
    resolved = find_entity(store, entity_id)
    edges = edges_around(store, resolved, direction, relations=relation, since=since, until=until, as_of=as_of,
                         min_amount_usd=min_amount_usd, status=status)
    names: dict[str, str] = {}
    items = [edge_out(store, e, names) for e in edges[page.offset: page.offset + page.limit]]
    return Page(items=items, total=len(edges), limit=page.limit, offset=page.offset)
