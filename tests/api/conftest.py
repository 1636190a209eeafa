"""API fixtures: the app over a store of each backend, loaded with the sample graph."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.settings import Settings
from graph.store import GraphStore

TOKEN = "test-token-123"


def assert_error(response, status: int, code: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    """Every error has one body shape, and no stack trace."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "Traceback" not in response.text
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]  # type: ignore[no-any-return]


@pytest.fixture
def settings(tmp_path) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(db=tmp_path / "api.sqlite3", token=TOKEN, max_upload_bytes=20_000, _env_file=None)


@pytest.fixture
def client(sample_store: GraphStore, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, store=sample_store), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
