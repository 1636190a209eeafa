"""Fixtures for the Neo4j backend: one real Neo4j Community server per test session.

``tests/conftest.py`` star-imports this module; when it imports, "neo4j" joins the backends every
store-contract test runs on.

- ``neo4j_server`` (session): starts a server from cached Maven Central jars (``cli/neo4j_server.py``) on a free
  loopback port, with auth on and its own temporary data folder; stops it at the end of the session, also when
  tests fail (and, through PR_SET_PDEATHSIG, when the test process is killed). Yields a ``Neo4jTestServer``:
  ``uri``, ``user``, ``password``, ``database``, ``settings()``, ``env()``, ``driver()``, and ``stop()`` /
  ``start()`` / ``restart()`` / ``kill()`` for outage tests (the API's 503 test uses these).
- ``neo4j_driver`` (session): one driver shared by the stores the tests make.
- ``neo4j_store_factory``: a zero-argument factory of EMPTY ``Neo4jStore``s. Community has one user database,
  so each call empties it (stores made in the same test share it).

If the server cannot start, the Neo4j tests are skipped with the reason, except under CI (``CI=true``) where
they fail loudly. ``ALLIANCES_TEST_NEO4J_URI`` (+ ``_USER``, ``_PASSWORD``, ``_DATABASE``) runs them against an
existing server instead; its database is wiped.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from cli.neo4j_server import Neo4jServer, Neo4jServerError
from graph.neo4j_store import Neo4jStore, connect
from graph.settings import Settings

__all__ = ["Neo4jTestServer", "in_ci", "neo4j_driver", "neo4j_server", "neo4j_store_factory"]

TEST_PASSWORD = "alliances-test-pw"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


class Neo4jTestServer:
    """What the ``neo4j_server`` fixture yields: how to connect, and how to stop and start the server."""

    def __init__(self, server: Neo4jServer | None, uri: str, user: str, password: str | None,
                 database: str = "neo4j") -> None:
        self.server = server
        self.uri = uri
        self.user = user
        self.password = password
        self.database = database

    @property
    def external(self) -> bool:
        """True when the tests use a server they did not start (it cannot be stopped from here)."""
        return self.server is None

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.user, self.password) if self.password else None

    def settings(self, **overrides: Any) -> Settings:
        """Settings selecting this server (``ALLIANCES_BACKEND=neo4j``)."""
        values: dict[str, Any] = {"backend": "neo4j", "neo4j_uri": self.uri, "neo4j_user": self.user,
                                  "neo4j_password": self.password, "neo4j_database": self.database}
        return Settings(**{**values, **overrides})

    def env(self) -> dict[str, str]:
        """The ``ALLIANCES_*`` environment variables selecting this server (for subprocesses, monkeypatch)."""
        env = {"ALLIANCES_BACKEND": "neo4j", "ALLIANCES_NEO4J_URI": self.uri, "ALLIANCES_NEO4J_USER": self.user,
               "ALLIANCES_NEO4J_DATABASE": self.database}
        if self.password:
            env["ALLIANCES_NEO4J_PASSWORD"] = self.password
        return env

    def driver(self, **config: Any) -> neo4j.Driver:
        """A new driver (made by ``graph.neo4j_store.connect``); the caller closes it."""
        return connect(self.settings(), **config)

    def _local(self) -> Neo4jServer:
        if self.server is None:
            pytest.skip("the tests use an external Neo4j server (ALLIANCES_TEST_NEO4J_URI): it cannot be stopped")
        return self.server

    def stop(self) -> None:
        """Stop the server (SIGTERM): until ``start()``, stores raise ``BackendUnavailable``."""
        self._local().stop()

    def kill(self) -> None:
        """Kill the server (SIGKILL), as a crash would."""
        self._local().kill()

    def start(self) -> None:
        """Start it again on the same port with the same data (no-op when running)."""
        self._local().start()

    def restart(self) -> None:
        self._local().restart()

    def is_running(self) -> bool:
        return self.server is None or self.server.is_running()

    @property
    def start_seconds(self) -> float | None:
        return self.server.start_seconds if self.server else None


def _external() -> Neo4jTestServer | None:
    uri = os.environ.get("ALLIANCES_TEST_NEO4J_URI")
    if not uri:
        return None
    return Neo4jTestServer(None, uri, os.environ.get("ALLIANCES_TEST_NEO4J_USER", "neo4j"),
                           os.environ.get("ALLIANCES_TEST_NEO4J_PASSWORD"),
                           os.environ.get("ALLIANCES_TEST_NEO4J_DATABASE", "neo4j"))


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jTestServer]:
    external = _external()
    if external is not None:
        yield external
        return
    home = Path(tempfile.mkdtemp(prefix="alliances-neo4j-test-"))
    server = Neo4jServer(home, password=TEST_PASSWORD, attached=True, fast_start=True)
    try:
        try:
            server.start()
        except (Neo4jServerError, OSError) as exc:
            message = f"could not start a Neo4j server for the tests: {exc}"
            if in_ci():
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
        yield Neo4jTestServer(server, server.uri, server.user, server.password)
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Neo4jTestServer) -> Iterator[neo4j.Driver]:
    driver = neo4j_server.driver()
    yield driver
    driver.close()


@pytest.fixture
def neo4j_store_factory(neo4j_server: Neo4jTestServer, neo4j_driver: neo4j.Driver) -> Callable[[], Neo4jStore]:
    """Empty stores on the session's server (each call empties its one database)."""
    if not neo4j_server.is_running():  # a previous test stopped it and failed before starting it again
        neo4j_server.start()

    def make() -> Neo4jStore:
        store = Neo4jStore(neo4j_driver, database=neo4j_server.database, close_driver=False)
        store.clear()
        return store

    return make
