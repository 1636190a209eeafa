"""What only the embedded store promises: durability in its SQLite file across reopen and upgrades."""

from __future__ import annotations

import gc
import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graph.embedded import SCHEMA_VERSION, EmbeddedStore
from graph.errors import BackendUnavailable, GraphError
from graph.ingest import load
from graph.model import Batch, Entity, EntityType, Fact, RawBatch, RawFact, Source
from graph.store import FactQuery
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


_VERSION_1_SCHEMA = """
CREATE TABLE entities (id TEXT PRIMARY KEY, type TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE sources  (id TEXT PRIMARY KEY, data TEXT NOT NULL, origin TEXT, loaded_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE facts    (id TEXT PRIMARY KEY, subject TEXT NOT NULL, relation TEXT NOT NULL,
                       object TEXT NOT NULL, source_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX facts_subject ON facts(subject);
CREATE INDEX facts_object ON facts(object);
CREATE TABLE review   (id TEXT PRIMARY KEY, state TEXT NOT NULL, data TEXT NOT NULL,
                       created_at TEXT DEFAULT CURRENT_TIMESTAMP);
"""


def _write_version_1_file(path: Path, store: EmbeddedStore) -> None:
    """A file as version 1 wrote it (facts with their own columns, nulls kept in the JSON)."""
    db = sqlite3.connect(path)
    db.executescript(_VERSION_1_SCHEMA)
    db.executemany("INSERT INTO entities VALUES (?, ?, ?)",
                   [(e.id, e.type.value, e.model_dump_json()) for e in store.entities()])
    db.executemany("INSERT INTO sources(id, data, origin) VALUES (?, ?, 'v1')",
                   [(s.id, s.model_dump_json()) for s in store.sources()])
    db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?)",
                   [(f.id, f.subject, f.relation.value, f.object, f.source_id, f.model_dump_json())
                    for f in store.facts(FactQuery(limit=None))])
    db.commit()
    db.close()


def test_a_version_1_file_is_migrated_on_open_and_keeps_every_claim(tmp_path: Path) -> None:
    reference = EmbeddedStore(":memory:")
    load(reference, read_fact_file(DATA / "sample.yaml"))
    path = tmp_path / "old.sqlite3"
    _write_version_1_file(path, reference)

    store = EmbeddedStore(path)
    assert store.stats() == reference.stats()
    assert load(store, read_fact_file(DATA / "sample.yaml")).added == 0  # the same ids as before
    store.close()
    _assert_current_layout(path, claims=reference.stats()["facts"])


def _assert_current_layout(path: Path, claims: int) -> None:
    """The file has today's tables: claims as a log of (id, data) with no index, each claim once."""
    db = sqlite3.connect(path)
    try:
        assert [row[1] for row in db.execute("PRAGMA table_info(facts)")] == ["id", "data"]
        assert db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'facts'").fetchall() == []
        assert db.execute("SELECT count(*), count(DISTINCT id) FROM facts").fetchone() == (claims, claims)
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    finally:
        db.close()


def test_a_version_2_file_is_migrated_on_open_and_keeps_every_claim_in_order(tmp_path: Path) -> None:
    reference = EmbeddedStore(":memory:")
    load(reference, read_fact_file(DATA / "sample.yaml"))
    path = tmp_path / "v2.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(_VERSION_1_SCHEMA.replace(
        """facts    (id TEXT PRIMARY KEY, subject TEXT NOT NULL, relation TEXT NOT NULL,
                       object TEXT NOT NULL, source_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX facts_subject ON facts(subject);
CREATE INDEX facts_object ON facts(object);""", "facts (id TEXT PRIMARY KEY, data TEXT NOT NULL);"))
    db.executemany("INSERT INTO entities VALUES (?, ?, ?)",
                   [(e.id, e.type.value, e.model_dump_json()) for e in reference.entities()])
    db.executemany("INSERT INTO sources(id, data, origin) VALUES (?, ?, 'v2')",
                   [(s.id, s.model_dump_json()) for s in reference.sources()])
    claims = reference.facts(FactQuery(limit=None))
    db.executemany("INSERT INTO facts VALUES (?, ?)", [(f.id, f.model_dump_json(exclude_none=True)) for f in claims])
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()

    store = EmbeddedStore(path)
    assert store.stats() == reference.stats()
    assert load(store, read_fact_file(DATA / "sample.yaml")).added == 0
    store.close()
    _assert_current_layout(path, claims=len(claims))
    db = sqlite3.connect(path)
    assert [row[0] for row in db.execute("SELECT id FROM facts ORDER BY rowid")] == [f.id for f in claims]
    db.close()


def test_each_claim_is_stored_once_however_often_it_is_loaded(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    first, second = EmbeddedStore(path), EmbeddedStore(path)
    for store in (first, second, first):
        load(store, read_fact_file(DATA / "sample.yaml"))
    first.close()
    second.close()
    _assert_current_layout(path, claims=9)


def test_a_claim_row_repeated_by_hand_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    store = EmbeddedStore(path)
    load(store, read_fact_file(DATA / "sample.yaml"))
    before = store.stats()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO facts(id, data) SELECT id, data FROM facts")  # every claim twice
    db.commit()
    db.close()
    assert store.stats() == before  # seen by the open store as a commit by someone else
    reopened = EmbeddedStore(path)
    assert reopened.stats() == before
    assert len(reopened.facts(FactQuery(limit=None))) == before["facts"]
    assert load(reopened, read_fact_file(DATA / "sample.yaml")).added == 0


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(GraphError, match="newer alliancegraph"):
        EmbeddedStore(path)
    assert path.read_bytes() == before


def test_a_load_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite3")
    assert gc.isenabled()
    load(store, read_fact_file(DATA / "sample.yaml"))
    assert gc.isenabled()
    gc.disable()
    try:
        load(store, read_fact_file(DATA / "sample.yaml"))
        assert not gc.isenabled()
    finally:
        gc.enable()


_OPEN = "store = EmbeddedStore(sys.argv[1])"
_OPEN_AND_LOAD = ("store = EmbeddedStore(sys.argv[1]); from graph.ingest import load; from loaders import read_fact_file; "
                  "load(store, read_fact_file('tests/data/sample.yaml'))")


def _open_at_once(path: Path, processes: int = 3, work: str = _OPEN) -> list[dict[str, object]]:
    """The stats each of several processes sees after opening ``path`` (and doing ``work``) at the same moment."""
    # Each process imports first, then waits for the same instant to open the file.
    code = ("import json, sys, time; from graph.embedded import EmbeddedStore; "
            f"time.sleep(max(0.0, float(sys.argv[2]) - time.time())); {work}; "
            "print(json.dumps(store.stats()))")
    root = Path(__file__).resolve().parents[2]
    start = str(time.time() + 3.0)
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path), start], cwd=root, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(processes)]
    seen = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        seen.append(json.loads(out))
    return seen


def test_processes_opening_a_version_1_file_at_once_all_see_every_claim(tmp_path: Path) -> None:
    reference = EmbeddedStore(":memory:")
    load(reference, read_fact_file(DATA / "sample.yaml"))
    path = tmp_path / "old.sqlite3"
    _write_version_1_file(path, reference)
    assert _open_at_once(path) == [reference.stats()] * 3


def test_processes_creating_the_same_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    seen = _open_at_once(tmp_path / "new.sqlite3")
    assert [s["facts"] for s in seen] == [0, 0, 0]


def test_processes_loading_the_same_file_at_once_store_each_claim_once(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    seen = _open_at_once(path, work=_OPEN_AND_LOAD)
    assert [s["facts"] for s in seen] == [9, 9, 9]
    _assert_current_layout(path, claims=9)


def test_reads_in_other_threads_never_see_a_load_half_done(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite3")
    problems: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                stats = store.stats()
                # Every batch below adds 200 claims on 200 new edges: a reader sees all of one or none.
                if stats["facts"] != stats["edges"] or stats["facts"] % 200:
                    problems.append(f"half a load seen: {stats['facts']} claims, {stats['edges']} edges")
                store.projection()
            except Exception as exc:  # any failure in a reader is the finding
                problems.append(repr(exc))

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        for batch in range(15):
            source = Source(id=f"s{batch}", url=f"https://example.org/{batch}")
            entities = [Entity(id=f"org-{batch}-{i}", name=f"Org {batch} {i}", type=EntityType.company)
                        for i in range(201)]
            facts = [Fact(subject=f"org-{batch}-{i}", relation="invests_in", object=f"org-{batch}-{i + 1}",
                          source_id=source.id) for i in range(200)]
            store.apply(Batch(origin="t", sources=[source], entities=entities, facts=facts))
    finally:
        done.set()
        for thread in readers:
            thread.join()
    assert problems == []
    assert store.stats()["facts"] == 15 * 200


def test_a_write_sqlite_refuses_is_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite3")
    load(store, read_fact_file(DATA / "sample.yaml"))
    before = store.stats()
    store._db.execute("PRAGMA query_only = ON")  # stands for a full disk or a read-only file (root ignores modes)
    extra = RawBatch(origin="x", sources=[Source(id="x1", url="https://example.org/x1")],
                     facts=[RawFact(subject="Oracle", object="Broadcom", object_type=EntityType.company,
                                    fields={"relation": "partners_with", "source_id": "x1"})])
    with pytest.raises(BackendUnavailable, match="cannot write to the store .*nothing was changed"):
        load(store, extra)
    store._db.execute("PRAGMA query_only = OFF")
    assert store.stats() == before
    assert load(store, extra).facts_added == 1  # the store still works


def test_a_writer_kept_waiting_by_another_process_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    store = EmbeddedStore(path, busy_timeout=0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    try:
        with pytest.raises(BackendUnavailable, match="is busy: another process"):
            load(store, read_fact_file(DATA / "sample.yaml"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert load(store, read_fact_file(DATA / "sample.yaml")).facts_added == 9


def test_a_write_failing_halfway_rolls_back_and_says_so(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite3")
    before = store.stats()

    def no_claims(action: int, table: str | None, *_: object) -> int:  # sources go in, then the claims fail
        return sqlite3.SQLITE_DENY if action == sqlite3.SQLITE_INSERT and table == "facts" else sqlite3.SQLITE_OK

    store._db.set_authorizer(no_claims)
    with pytest.raises(BackendUnavailable, match="nothing was changed"):
        load(store, read_fact_file(DATA / "sample.yaml"))
    store._db.set_authorizer(None)
    assert store.stats() == before
    reopened = EmbeddedStore(tmp_path / "g.sqlite3")
    assert reopened.stats() == before
    assert load(store, read_fact_file(DATA / "sample.yaml")).facts_added == 9


def test_claims_read_back_share_their_sets_of_fields_and_stay_independent(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    load(EmbeddedStore(path), read_fact_file(DATA / "sample.yaml"))
    claims = EmbeddedStore(path).facts(FactQuery(limit=None))
    distinct = {id(c.model_fields_set): c.model_fields_set for c in claims}
    assert len(distinct) < len(claims)  # one object per different set of fields, not one per claim
    for claim in claims:  # each claim still reports exactly the fields its row holds
        assert claim.model_fields_set == set(json.loads(claim.model_dump_json(exclude_none=True)))
    first = claims[0]
    partners = [c for c in claims[1:] if c.model_fields_set is first.model_fields_set]
    assert partners, "the sample has claims with the same fields"
    before = set(partners[0].model_fields_set)
    unset = next(name for name in ("qualifier", "role", "power_gw", "equity_pct") if name not in before)
    changed = first.model_copy(update={unset: None})
    assert unset in changed.model_fields_set
    assert partners[0].model_fields_set == before and first.model_fields_set == before
    with pytest.raises(ValueError, match="frozen"):
        first.qualifier = "at least"  # type: ignore[misc]
    assert partners[0].model_fields_set == before
