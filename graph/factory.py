"""The one place that chooses a backend from settings."""

from __future__ import annotations

from .settings import Settings, get_settings
from .store import GraphStore

__all__ = ["open_store"]


def open_store(settings: Settings | None = None) -> GraphStore:
    """Open the configured store: the embedded SQLite file, or a Neo4j server or cluster."""
    settings = settings or get_settings()
    if settings.backend == "neo4j":
        from .neo4j_store import Neo4jStore, connect

        return Neo4jStore(connect(settings), database=settings.neo4j_database)
    from .embedded import EmbeddedStore

    return EmbeddedStore(settings.db)
