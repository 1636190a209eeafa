"""Analytics: money flows, circular deals, rankings, dependence, communities, time, conflicts.

Every answer cites the claims (ids) and sources (ids, with ``source_url`` and a ``source_index``) it
rests on; answers the graph viewer can show carry a ``viz_url``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import AfterValidator

from graph import analytics as A
from graph.analytics.cycles import MAX_LENGTH, MAX_LIMIT
from graph.model import EntityType
from graph.queries import find_entity
from graph.store import GraphStore

from ..deps import StoreDep
from ..params import AsOf, Relations, Since, Until, _day

router = APIRouter(prefix="/analytics", tags=["analytics"])

Entity = Annotated[str, Query(description="Entity id, name or alias", examples=["openai"])]
CommittedOnly = Annotated[bool, Query(description="Leave out contingent deals: \"up to\" amounts, rumours, talks")]
Day = Annotated[str, Query(description="A day (YYYY-MM-DD)"), AfterValidator(_day)]


def _answer(store: GraphStore, result: dict[str, Any]) -> dict[str, Any]:
    return A.cite(result, store)


@router.get("/flows")
def get_flows(store: StoreDep, entity: Entity, since: Since = None, until: Until = None,
              relation: Relations = None, as_of: AsOf = None) -> dict[str, Any]:
    """Money into and out of an entity: totals by counterparty and by year, committed apart from
    contingent ("up to", rumoured, in talks), every deal with its claims and sources."""
    entity_id = find_entity(store, entity)
    return _answer(store, A.flows(store.projection(as_of=as_of), entity_id, since=since, until=until,
                                  relations=relation))


@router.get("/cycles")
def get_cycles(store: StoreDep,
               min_amount_usd: Annotated[float | None, Query(ge=0, description="Every step of the loop moves at "
                                                             "least this many US dollars")] = None,
               min_length: Annotated[int, Query(ge=2, le=MAX_LENGTH)] = 2,
               max_length: Annotated[int, Query(ge=2, le=MAX_LENGTH)] = MAX_LENGTH,
               since: Since = None, until: Until = None, relation: Relations = None,
               committed_only: CommittedOnly = False,
               through: Annotated[list[str] | None, Query(description="Only loops through every one of these "
                                                          "entities (repeatable)")] = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50, as_of: AsOf = None) -> dict[str, Any]:
    """Closed loops of money flow (2 to 6 steps), biggest bottleneck first: each with its steps, the
    edges, amounts, dates, claims and sources behind every step, and a ``viz_url``. Bounded in count
    and time; ``complete`` says whether the ranking is exact."""
    ids = [find_entity(store, t) for t in through or []]
    result = A.cycles(store.projection(as_of=as_of), min_length=min_length, max_length=max_length, since=since,
                      until=until, relations=relation, min_amount_usd=min_amount_usd,
                      committed_only=committed_only, through=ids, limit=limit, max_cycles=200_000,
                      time_budget_s=10.0)
    return _answer(store, result)


@router.get("/cycles/{cycle_id}")
def get_cycle(store: StoreDep,
              cycle_id: Annotated[str, Path(description="A loop id from /analytics/cycles, e.g. "
                                            "nvidia.openai.oracle")],
              since: Since = None, until: Until = None, relation: Relations = None,
              committed_only: CommittedOnly = False, as_of: AsOf = None) -> dict[str, Any]:
    """One loop by id (what a viewer link ``highlight=cycle:<id>`` names), with its evidence."""
    return _answer(store, A.cycle(store.projection(as_of=as_of), cycle_id, since=since, until=until,
                                  relations=relation, committed_only=committed_only))


@router.get("/rank")
def get_rank(store: StoreDep, metric: Literal["degree", "pagerank", "betweenness"] = "pagerank",
             type: Annotated[EntityType | None, Query(description="Only entities of this type")] = None,
             top: Annotated[int, Query(ge=1, le=500)] = 20,
             scope: Annotated[Literal["all", "money"], Query(description="all relations, or the money-flow "
                                                             "digraph")] = "all",
             relation: Relations = None, since: Since = None, until: Until = None,
             k: Annotated[int | None, Query(ge=1, le=1000, description="Betweenness: sampled sources")] = None,
             as_of: AsOf = None) -> dict[str, Any]:
    """Entities ranked by degree, weighted PageRank or betweenness, each with the edges it rests on;
    ``by_type`` gives the leaders of every entity type."""
    return _answer(store, A.rank(store.projection(as_of=as_of), metric=metric, type=type, top=top, scope=scope,
                                 relations=relation, since=since, until=until, k=k))


@router.get("/exposure")
def get_exposure(store: StoreDep, entity: Entity, k: Annotated[int, Query(ge=1, le=4)] = 2,
                 committed_only: CommittedOnly = False,
                 min_share: Annotated[float, Query(ge=0, le=1)] = 0.0,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 200,
                 since: Since = None, until: Until = None, as_of: AsOf = None) -> dict[str, Any]:
    """Who depends on an entity for funding, revenue or supply, directly and within k hops, with the
    share of their known inflows or supply it represents."""
    entity_id = find_entity(store, entity)
    return _answer(store, A.exposure(store.projection(as_of=as_of), entity_id, k=k, committed_only=committed_only,
                                     since=since, until=until, min_share=min_share, limit=limit))


@router.get("/concentration")
def get_concentration(store: StoreDep, entity: Entity,
                      side: Literal["suppliers", "funders", "customers", "all"] = "all",
                      committed_only: CommittedOnly = False, since: Since = None, until: Until = None,
                      as_of: AsOf = None) -> dict[str, Any]:
    """How concentrated an entity's suppliers, funders or customers are (Herfindahl index), with inputs."""
    entity_id = find_entity(store, entity)
    return _answer(store, A.concentration(store.projection(as_of=as_of), entity_id, side=side,
                                          committed_only=committed_only, since=since, until=until))


@router.get("/communities")
def get_communities(store: StoreDep, relation: Relations = None,
                    resolution: Annotated[float, Query(gt=0, le=10)] = 1.0,
                    seed: int = 42, min_size: Annotated[int, Query(ge=1)] = 2,
                    limit: Annotated[int, Query(ge=1, le=500)] = 50,
                    since: Since = None, until: Until = None, as_of: AsOf = None) -> dict[str, Any]:
    """Blocs of closely allied entities (Louvain, fixed seed), labelled by their strongest members."""
    return _answer(store, A.communities(store.projection(as_of=as_of), relations=relation, resolution=resolution,
                                        seed=seed, min_size=min_size, limit=limit, since=since, until=until))


@router.get("/timeline")
def get_timeline(store: StoreDep,
                 entity: Annotated[str | None, Query(description="Entity id, name or alias (default: all)")] = None,
                 since: Since = None, until: Until = None, relation: Relations = None,
                 limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> dict[str, Any]:
    """The dated claims about an entity (or the whole graph) in date order, each with its source."""
    entity_id = find_entity(store, entity) if entity else None
    return _answer(store, A.timeline(store.projection(), entity_id, since=since, until=until, relations=relation,
                                     limit=limit))


@router.get("/snapshot")
def get_snapshot(store: StoreDep, as_of: Day,
                 top: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    """The graph as known on a day: entities and edges counted, the largest deals with their sources."""
    result = {"as_of": as_of, **A.summary(A.snapshot(store, as_of), top=top),
              "viz_url": f"/viz?as_of={as_of}"}
    return _answer(store, result)


@router.get("/diff")
def get_diff(store: StoreDep,
             from_: Annotated[str, Query(alias="from", description="The earlier day (YYYY-MM-DD)",
                                         examples=["2025-06-30"]), AfterValidator(_day)],
             to: Annotated[str, Query(description="The later day (YYYY-MM-DD)", examples=["2025-12-31"]),
                           AfterValidator(_day)],
             entity: Annotated[str | None, Query(description="Only edges touching this entity")] = None,
             ) -> dict[str, Any]:
    """What changed between two days: entities and edges added or removed, edges whose amount or status
    changed, each with its claims and sources, and a viewer link showing the change."""
    entity_id = find_entity(store, entity) if entity else None
    return _answer(store, A.diff(store, from_, to, entity=entity_id))


@router.get("/conflicts")
def get_conflicts(store: StoreDep,
                  entity: Annotated[str | None, Query(description="Only edges touching this entity")] = None,
                  field: Literal["amount_usd", "status", "power_gw", "date"] | None = None,
                  relation: Relations = None, limit: Annotated[int, Query(ge=1, le=5000)] = 500,
                  as_of: AsOf = None) -> dict[str, Any]:
    """Edges whose sources disagree, with the disagreeing claims side by side."""
    entity_id = find_entity(store, entity) if entity else None
    return _answer(store, A.conflicts(store.projection(as_of=as_of), entity=entity_id, field=field,
                                      relations=relation, limit=limit))
