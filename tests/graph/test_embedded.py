"""What only the embedded store promises: durability in its SQLite file across reopen."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.errors import GraphError
from graph.ingest import load
from loaders import read_fact_file
from tests.conftest import DATA


def test_a_store_reopened_from_disk_has_the_same_graph(tmp_path: Path) -> None:
    first = EmbeddedStore(tmp_path / "g.sqlite3")
    load(first, read_fact_file(DATA / "sample.yaml"))
    before = first.stats()
    first.close()
    again = EmbeddedStore(tmp_path / "g.sqlite3")
    assert again.stats() == before
    assert again.projection().number_of_edges() == before["edges"]
    again.close()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(GraphError, match="cannot open the store"):
        EmbeddedStore(path)
