"""Read-only Cypher for power users (Neo4j backend only)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from graph.errors import InvalidQuery

from ..deps import StoreDep

router = APIRouter(tags=["cypher"])


class CypherQuery(BaseModel):
    query: str = Field(min_length=1, max_length=20_000,
                       examples=["MATCH (a:Entity {id: $id})-[r]->(b:Entity) RETURN b.name, type(r) LIMIT 10"])
    params: dict[str, Any] = Field(default_factory=dict, examples=[{"id": "nvidia"}])
    timeout_s: float = Field(default=10.0, gt=0, le=60)
    row_cap: int = Field(default=1000, ge=1, le=10_000)


@router.post("/cypher")
async def run_cypher(body: CypherQuery, store: StoreDep) -> dict[str, Any]:
    """Run a read-only Cypher query with parameters (writes, CALL {} writes and LOAD CSV are refused)."""
    runner = getattr(store, "run_read_cypher", None)
    if runner is None:
        raise InvalidQuery(f"Cypher queries need the Neo4j backend; this server runs the {store.backend} backend",
                           backend=store.backend)
    return await run_in_threadpool(runner, body.query, body.params, body.timeout_s, body.row_cap)  # type: ignore[no-any-return]
