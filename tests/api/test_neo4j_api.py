"""The API on a real Neo4j: read-only Cypher, and 503 while the server is away, then recovery by itself."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.ingest import load
from loaders import read_fact_file
from tests.api.conftest import assert_error
from tests.conftest import BACKENDS, DATA

pytestmark = pytest.mark.skipif("neo4j" not in BACKENDS, reason="the Neo4j backend is not in this build")


@pytest.fixture
def neo4j_client(neo4j_server, neo4j_store_factory, tmp_path) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    store = neo4j_store_factory()
    load(store, read_fact_file(DATA / "sample.yaml"))
    settings = neo4j_server.settings(token="t0k", db=tmp_path / "unused.sqlite3")
    with TestClient(create_app(settings, store=store), raise_server_exceptions=False) as client:
        yield client
    store.close()


def test_read_only_cypher_with_parameters(neo4j_client: TestClient) -> None:
    response = neo4j_client.post("/api/cypher", json={
        "query": "MATCH (e:Entity {id: $id}) RETURN e.name AS name", "params": {"id": "nvidia"}})
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [["NVIDIA"]]


@pytest.mark.parametrize("query", [
    "CREATE (n:Entity {id: 'x'})",
    "MATCH (n) CALL { WITH n DETACH DELETE n } RETURN 1",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "MATCH (n:Entity) SET n.name = 'pwned' RETURN n",
])
def test_cypher_writes_are_refused(neo4j_client: TestClient, query: str) -> None:
    assert_error(neo4j_client.post("/api/cypher", json={"query": query}), 422, "invalid_query")
    assert neo4j_client.get("/api/entities/nvidia").json()["name"] == "NVIDIA"


def test_cypher_row_cap(neo4j_client: TestClient) -> None:
    body = neo4j_client.post("/api/cypher", json={"query": "UNWIND range(1, 50) AS i RETURN i", "row_cap": 10}).json()
    assert body["row_count"] == 10 and body["truncated"] is True


def test_cypher_is_refused_on_the_embedded_backend(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from graph.embedded import EmbeddedStore
    from graph.settings import Settings

    store = EmbeddedStore(tmp_path / "e.sqlite3")
    with TestClient(create_app(Settings(db=tmp_path / "e.sqlite3", _env_file=None), store=store)) as client:
        error = assert_error(client.post("/api/cypher", json={"query": "RETURN 1"}), 422, "invalid_query")
    assert "Neo4j backend" in error["message"]
    store.close()


def test_a_neo4j_that_goes_away_answers_503_and_service_resumes(neo4j_client: TestClient, neo4j_server) -> None:  # type: ignore[no-untyped-def]
    assert neo4j_client.get("/api/entities/nvidia").status_code == 200
    neo4j_server.stop()
    try:
        started = time.monotonic()
        error = assert_error(neo4j_client.get("/api/entities/openai/relations"), 503, "backend_unavailable")
        assert time.monotonic() - started < 30, "the 503 must come quickly, not after a hang"
        assert "neo4j" in error["message"].lower()
        assert_error(neo4j_client.get("/api/stats"), 503, "backend_unavailable")
    finally:
        neo4j_server.start()
    deadline = time.monotonic() + 60
    while True:
        response = neo4j_client.get("/api/entities/nvidia")
        if response.status_code == 200:
            break
        assert time.monotonic() < deadline, response.text
        time.sleep(0.5)
    assert response.json()["name"] == "NVIDIA"
