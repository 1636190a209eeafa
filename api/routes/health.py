"""Health and counts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..deps import StoreDep

router = APIRouter(tags=["health"])


@router.get("/health")
def get_health(store: StoreDep) -> dict[str, Any]:
    """The backend, its state and its counts."""
    stats = store.stats()
    return {"status": "ok", "backend": store.backend,
            "counts": {k: stats[k] for k in ("entities", "sources", "facts", "edges")}}


@router.get("/stats")
def get_stats(store: StoreDep) -> dict[str, Any]:
    """Counts of entities, sources, facts and edges, by entity type and by relation."""
    return store.stats()
