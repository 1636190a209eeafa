"""The command line on the Neo4j backend: load, copy between backends with nothing lost, and
``alliances neo4j start|status|stop`` for a local server."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from cli.neo4j_server import Neo4jServer
from graph.embedded import EmbeddedStore
from graph.ingest import load
from graph.model import Entity, EntityType, RawBatch, RawFact, Source
from graph.neo4j_store import Neo4jStore
from graph.store import FactQuery, GraphStore
from loaders import read_fact_file
from tests.conftest import DATA
from tests.neo4j_fixtures import Neo4jTestServer


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def neo4j_env(neo4j_server: Neo4jTestServer, neo4j_store_factory: Callable[[], Neo4jStore],
              monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Neo4jStore:
    """The settings select the session's (emptied) server; ALLIANCES_DB points at a fresh SQLite file."""
    store = neo4j_store_factory()
    for key, value in neo4j_server.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ALLIANCES_DB", str(tmp_path / "cli.sqlite3"))
    return store


def snapshot(store: GraphStore) -> dict[str, object]:
    graph = store.projection()
    return {
        "stats": {**store.stats(), "backend": "-"},
        "entities": store.entities(),
        "sources": store.sources(),
        "facts": store.facts(FactQuery()),
        "pending": [(item.id, item.fact) for item in store.review_items()],
        "nodes": sorted(graph.nodes(data=True)),
        "edges": sorted((s, o, k, [c.id for c in d["claims"]]) for s, o, k, d in graph.edges(keys=True, data=True)),
    }


def test_load_bundled_if_empty_on_neo4j(neo4j_env: Neo4jStore) -> None:
    code, out, _ = run("load", str(DATA / "sample.yaml"), "--json")
    assert code == 0 and json.loads(out)["facts_added"] == 9
    code, out, _ = run("load", "--bundled", "--if-empty")
    assert code == 0 and "nothing loaded" in out
    code, out, _ = run("stats", "--json")
    assert code == 0 and json.loads(out) | {"backend": "neo4j"} == neo4j_env.stats()
    assert json.loads(out)["backend"] == "neo4j"


def test_copy_embedded_to_neo4j_and_back_loses_nothing(neo4j_env: Neo4jStore, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    first = tmp_path / "first.sqlite3"
    original = EmbeddedStore(first)
    load(original, read_fact_file(DATA / "sample.yaml"))
    load(original, RawBatch(origin="lonely", sources=[Source(id="uncited", url="https://example.org/u")],
                            entities=[Entity(id="acme", name="Acme", type=EntityType.fund, aliases=("ACME Fund",),
                                             attributes={"country": "FR", "website": "https://acme.example"})]))
    load(original, RawBatch(origin="article", sources=[Source(id="a1", url="https://example.org/a1")],
                            facts=[RawFact(subject="Oracle", object="CoreWeave",
                                           fields={"relation": "partners_with", "source_id": "a1",
                                                   "extractor": "rules", "confidence": 0.3})]),
         review_threshold=0.6)
    expected = snapshot(original)
    original.close()
    assert expected["pending"] and expected["stats"]["sources"] == 5  # type: ignore[index]

    monkeypatch.setenv("ALLIANCES_DB", str(first))
    code, out, err = run("copy", "--from", "embedded", "--to", "neo4j", "--json")
    assert code == 0, err
    assert json.loads(out)["facts_added"] == 9 and json.loads(out)["queued_for_review"] == 1
    assert snapshot(neo4j_env) == expected

    code, out, err = run("copy", "--from", "embedded", "--to", "neo4j", "--json")  # again: nothing new
    report = json.loads(out)
    assert code == 0 and report["facts_added"] == report["sources_added"] == report["entities_added"] == 0

    second = tmp_path / "second.sqlite3"
    monkeypatch.setenv("ALLIANCES_DB", str(second))
    code, out, err = run("copy", "--from", "neo4j", "--to", "embedded")
    assert code == 0 and "9 claim(s) added" in out, err
    back = EmbeddedStore(second)
    try:
        assert snapshot(back) == expected
    finally:
        back.close()


def test_copy_refuses_the_same_backend_and_bad_settings(neo4j_env: Neo4jStore,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run("copy", "--from", "neo4j", "--to", "neo4j")
    assert code == 1 and "same backend" in err
    monkeypatch.delenv("ALLIANCES_NEO4J_URI")
    code, _, err = run("copy", "--from", "embedded", "--to", "neo4j")
    assert code == 1 and "ALLIANCES_NEO4J_URI" in err


def test_neo4j_start_status_stop(neo4j_server: Neo4jTestServer, tmp_path: Path) -> None:
    if neo4j_server.external:
        pytest.skip("no local server is started when the tests use an external one")
    home = tmp_path / "local-neo4j"
    try:
        code, out, err = run("neo4j", "start", "--home", str(home), "--port", "0", "--password", "local-secret-1",
                             "--heap", "256m", "--pagecache", "32m")
        assert code == 0, err
        assert "started" in out and "export ALLIANCES_BACKEND=neo4j ALLIANCES_NEO4J_URI=neo4j://127.0.0.1:" in out
        code, out, _ = run("neo4j", "status", "--home", str(home), "--json")
        status = json.loads(out)
        assert code == 0 and status["running"] and status["answers"]
        assert status["env"]["ALLIANCES_NEO4J_PASSWORD"] == "local-secret-1"
        code, out, _ = run("neo4j", "start", "--home", str(home))
        assert code == 0 and "already running" in out
        code, out, _ = run("neo4j", "stop", "--home", str(home))
        assert code == 0 and "stopped" in out
        code, out, _ = run("neo4j", "status", "--home", str(home))
        assert code == 1 and "no local Neo4j server is running" in out
        assert (home / "data" / "databases").is_dir() and (home / "logs").is_dir()
    finally:
        server = Neo4jServer.from_state(home)
        if server is not None:
            server.stop()
