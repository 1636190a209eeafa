"""Every setting the program reads, in one place: ``ALLIANCES_*`` environment variables or a ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings", "default_db_path"]


def default_db_path() -> Path:
    """A per-user data file: ``$XDG_DATA_HOME/alliancegraph/graph.sqlite3`` (``~/.local/share/...``)."""
    import os

    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "alliancegraph" / "graph.sqlite3"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ALLIANCES_", env_file=".env", extra="ignore")

    backend: Literal["embedded", "neo4j"] = "embedded"
    db: Path = Field(default_factory=default_db_path, description="SQLite file of the embedded store")
    token: SecretStr | None = Field(default=None, description="Bearer token required for writes")

    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    neo4j_retry_seconds: float = Field(default=2.0, ge=0, le=600, description=(
        "How long a Neo4j read or write retries transient failures (a cluster electing a leader) before failing"))
    neo4j_connect_timeout: float = Field(default=3.0, gt=0, le=600, description=(
        "Seconds to reach the Neo4j server and complete the Bolt handshake"))

    review_threshold: float = Field(default=0.6, ge=0, le=1,
                                    description="Extracted facts below this confidence go to the review queue")
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    max_page_size: int = Field(default=500, gt=0)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, gt=0, lt=65536)

    @model_validator(mode="after")
    def _check_backend(self) -> Settings:
        if self.backend == "neo4j" and not self.neo4j_uri:
            raise ValueError("ALLIANCES_BACKEND=neo4j needs ALLIANCES_NEO4J_URI (e.g. neo4j://localhost:7687)")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
