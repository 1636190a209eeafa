"""Shared fixtures: a fresh store per test on every backend (the contract suite runs against each)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.ingest import load
from graph.store import GraphStore
from loaders import read_fact_file

DATA = Path(__file__).parent / "data"
BACKENDS = ["embedded"]
try:  # the Neo4j backend's fixtures (a real server started for the session) join the suite when present
    from tests.neo4j_fixtures import *  # noqa: F401,F403

    BACKENDS.append("neo4j")
except ImportError as exc:  # pragma: no cover - only before that backend exists
    if "neo4j_fixtures" not in str(exc):
        raise


def _make_embedded(tmp_path: Path) -> Callable[[], GraphStore]:
    counter = iter(range(1000))
    return lambda: EmbeddedStore(tmp_path / f"store-{next(counter)}.sqlite3")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def opened_stores() -> Iterator[list[GraphStore]]:
    """Every store a test opens through the fixtures below; all are closed after the test."""
    opened: list[GraphStore] = []
    yield opened
    for store in opened:
        store.close()


@pytest.fixture
def make_store(backend: str, tmp_path: Path, request: pytest.FixtureRequest,
               opened_stores: list[GraphStore]) -> Callable[[], GraphStore]:
    """A factory of empty stores of the parametrised backend."""
    factory = _make_embedded(tmp_path) if backend == "embedded" else request.getfixturevalue("neo4j_store_factory")

    def make() -> GraphStore:
        opened_stores.append(factory())
        return opened_stores[-1]

    return make


@pytest.fixture
def open_again(backend: str, request: pytest.FixtureRequest,
               opened_stores: list[GraphStore]) -> Callable[[GraphStore], GraphStore]:
    """Opens another store on the same data as a given one, as a second process would (its own SQLite
    connection, or its own Neo4j driver)."""
    def again(store: GraphStore) -> GraphStore:
        if backend == "embedded":
            opened_stores.append(EmbeddedStore(store.path))  # type: ignore[attr-defined]
        else:
            from graph.neo4j_store import Neo4jStore, connect

            server = request.getfixturevalue("neo4j_server")
            opened_stores.append(Neo4jStore(connect(server.settings()), database=server.database))
        return opened_stores[-1]

    return again


@pytest.fixture
def store(make_store: Callable[[], GraphStore]) -> GraphStore:
    return make_store()


@pytest.fixture
def sample_store(store: GraphStore) -> GraphStore:
    load(store, read_fact_file(DATA / "sample.yaml"))
    return store
