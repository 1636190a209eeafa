"""Subgraphs and paths."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from graph.queries import find_entity, find_paths, neighborhood

from ..deps import StoreDep
from ..params import AsOf, MinAmount, Relations, Statuses
from ..schemas import EdgeOut, edge_out

router = APIRouter(tags=["graph"])


@router.get("/graph/neighborhood")
def get_neighborhood(store: StoreDep,
                     center: Annotated[str, Query(description="Entity id, name or alias", examples=["openai"])],
                     depth: Annotated[int, Query(ge=1, le=3)] = 1, relation: Relations = None, as_of: AsOf = None,
                     min_amount_usd: MinAmount = None, status: Statuses = None,
                     limit: Annotated[int, Query(ge=1, le=2000, description="Most nodes returned")] = 200,
                     ) -> dict[str, Any]:
    """A subgraph around an entity as node-link JSON, capped by ``limit`` (``truncated`` says so)."""
    return neighborhood(store, find_entity(store, center), depth=depth, limit=limit, relations=relation,
                        as_of=as_of, min_amount_usd=min_amount_usd, status=status)


@router.get("/paths", response_model=list[list[EdgeOut]])
def get_paths(store: StoreDep,
              source: Annotated[str, Query(description="From this entity", examples=["nvidia"])],
              target: Annotated[str, Query(description="To this entity", examples=["coreweave"])],
              max_hops: Annotated[int, Query(ge=1, le=8)] = 4, k: Annotated[int, Query(ge=1, le=20)] = 3,
              relation: Relations = None, as_of: AsOf = None) -> list[list[EdgeOut]]:
    """Up to k shortest chains of alliances between two entities, each step with its claims."""
    a, b = find_entity(store, source), find_entity(store, target)
    names: dict[str, str] = {}
    return [[edge_out(store, e, names) for e in path]
            for path in find_paths(store, a, b, max_hops=max_hops, k=k, relations=relation, as_of=as_of)]
