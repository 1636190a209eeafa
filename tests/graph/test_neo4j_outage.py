"""A Neo4j server that goes away: stores raise ``BackendUnavailable`` within seconds (never hang), and
serve again by themselves, with the same store object and driver, once the server is back."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.errors import BackendUnavailable
from graph.ingest import load
from graph.model import Batch, Entity, EntityType
from graph.neo4j_store import Neo4jStore
from loaders import read_fact_file
from tests.conftest import DATA
from tests.neo4j_fixtures import Neo4jTestServer

#: What "quickly" means here: connection refused, then the driver's short retry budget (2 s, then one last try).
QUICK_S = 8.0


@pytest.fixture
def local_server(neo4j_server: Neo4jTestServer) -> Neo4jTestServer:
    if neo4j_server.external:
        pytest.skip("the tests use an external Neo4j server (ALLIANCES_TEST_NEO4J_URI): it cannot be stopped")
    return neo4j_server


def _calls(store: Neo4jStore) -> dict[str, Callable[[], object]]:
    return {
        "stats": store.stats,
        "apply": lambda: store.apply(Batch(origin="x", entities=[Entity(id="x", name="X",
                                                                        type=EntityType.company)])),
        "cypher": lambda: store.run_read_cypher("RETURN 1"),
    }


def test_a_stopped_server_raises_backend_unavailable_quickly_then_service_resumes(
        local_server: Neo4jTestServer, neo4j_store_factory: Callable[[], Neo4jStore]) -> None:
    store = neo4j_store_factory()
    load(store, read_fact_file(DATA / "sample.yaml"))
    before = store.stats()
    local_server.stop()
    try:
        for name, call in _calls(store).items():
            started = time.monotonic()
            with pytest.raises(BackendUnavailable) as info:
                call()
            elapsed = time.monotonic() - started
            assert elapsed < QUICK_S, f"{name} took {elapsed:.1f} s to fail"
            assert "Neo4j server at neo4j://127.0.0.1:" in info.value.message and "unavailable" in info.value.message
            assert info.value.code == "backend_unavailable"
        # the command line says so in one line, and exits 1
        started = time.monotonic()
        result = CliRunner().invoke(app, ["stats"], env=local_server.env())
        assert result.exit_code == 1 and "unavailable" in result.stderr and "Traceback" not in result.stderr
        assert time.monotonic() - started < QUICK_S
        # a store opened while the server is down opens (no hang) and says so on first use
        driver = local_server.driver()
        try:
            started = time.monotonic()
            late = Neo4jStore(driver, close_driver=False)
            with pytest.raises(BackendUnavailable):
                late.has_entity("nvidia")
            assert time.monotonic() - started < 2 * QUICK_S
        finally:
            driver.close()
    finally:
        local_server.start()
    assert store.stats() == before  # the same store and driver: reconnected by themselves
    load(store, read_fact_file(DATA / "sample.yaml"))
    assert store.stats() == before


def test_a_crashed_server_keeps_committed_data(local_server: Neo4jTestServer,
                                               neo4j_store_factory: Callable[[], Neo4jStore]) -> None:
    store = neo4j_store_factory()
    load(store, read_fact_file(DATA / "sample.yaml"))
    before = store.stats()
    local_server.kill()
    try:
        with pytest.raises(BackendUnavailable):
            store.stats()
    finally:
        local_server.start()
    assert store.stats() == before
