"""The embedded store: networkx in memory, durable in one SQLite file.

SQLite is the truth; the networkx graph is rebuilt from it at start-up and updated
only after a write has committed, so a failed or killed load leaves both unchanged.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from .errors import AlreadyDecided, BackendUnavailable, EntityNotFound, GraphError, ReviewItemNotFound, SourceNotFound
from .gcpause import collector_paused
from .model import Batch, Entity, EntityType, Fact, LoadReport, Source
from .resolve import AliasTable, suggest
from .search import rank_entities
from .store import FactQuery, ReviewItem, count_facts, fact_sort_key, merge_entities, select_facts

__all__ = ["EmbeddedStore"]

#: Bumped whenever the tables change; ``_migrate`` brings older files up to date on open.
SCHEMA_VERSION = 3

#: ``facts`` is an append-only log of claims, read in rowid order at start-up; reads are served from
#: memory, so it has no index at all. A claim's id is unique because every write compares its batch with
#: what is stored while it holds the file's write lock (``apply``), and reading skips an id seen before,
#: so a row repeated by hand (the sqlite3 shell) is harmless. An index on the id would only cost a
#: B-tree insert per claim (a tenth of a big load). ``data ->> 'subject'`` finds any field from the shell.
SCHEMA = """
CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, type TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources  (id TEXT PRIMARY KEY, data TEXT NOT NULL, origin TEXT,
                                     loaded_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS facts    (id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS review   (id TEXT PRIMARY KEY, state TEXT NOT NULL, data TEXT NOT NULL,
                                     created_at TEXT DEFAULT CURRENT_TIMESTAMP);
"""

#: Version 1 kept subject, relation, object and source_id in columns of their own, with two indexes;
#: version 2 kept only the id and the JSON, with the id as primary key. Both become version 3's log,
#: in the order the claims were stored.
_MIGRATE_TO_3 = """
CREATE TABLE facts_v3 (id TEXT NOT NULL, data TEXT NOT NULL);
INSERT INTO facts_v3(id, data) SELECT id, data FROM facts ORDER BY rowid;
DROP TABLE facts;
ALTER TABLE facts_v3 RENAME TO facts;
"""

_INSERT_FACT = "INSERT INTO facts(id, data) VALUES (?, ?)"


_FACT_SERIALIZER = Fact.__pydantic_serializer__


def _fact_json(fact: Fact) -> str:
    """A claim as stored: unset optional fields are left out (they read back as None)."""
    return _FACT_SERIALIZER.to_json(fact, exclude_none=True).decode()


def _share_fields_set(fact: Fact, pool: dict[frozenset[str], set[str]]) -> None:
    """Give a claim the pool's copy of its set of fields set, one object for all claims with the same fields.

    Pydantic keeps that set on every instance; on claims read back it is ~700 bytes, two fifths of what a
    claim holds in memory, while a store has only a handful of different ones. Sharing is safe on a frozen
    model: pydantic changes the set only on assignment (refused) and copies it before ``model_copy`` updates it.
    """
    names = fact.__pydantic_fields_set__
    shared = pool.setdefault(frozenset(names), names)
    if shared is not names:
        object.__setattr__(fact, "__pydantic_fields_set__", shared)


_R = TypeVar("_R")


def _synced(method: Callable[..., _R]) -> Callable[..., _R]:
    """A read: under the store's lock (a load in another thread never changes the maps mid-read), after
    catching up with commits from other processes (a server sees what ``alliances load`` added)."""
    @functools.wraps(method)
    def read(self: EmbeddedStore, *args: Any, **kwargs: Any) -> _R:
        with self._lock:
            self._sync()
            return method(self, *args, **kwargs)

    return read


class EmbeddedStore:
    """A ``GraphStore`` held in memory and persisted to SQLite (``path`` or ``":memory:"``)."""

    backend = "embedded"

    def __init__(self, path: str | Path, busy_timeout: float = 5.0) -> None:
        """Open (creating or migrating) the store at ``path``; a write waits up to ``busy_timeout``
        seconds for another process's write to finish."""
        self.path = str(path)
        self._busy_timeout = busy_timeout
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, timeout=busy_timeout, check_same_thread=False,
                                       isolation_level=None)
            version = self._schema_version()
            self._enable_wal()
            self._db.execute("PRAGMA synchronous=FULL")
            # Claim ids are hashes, so inserts land all over the primary-key B-tree; a 64 MiB page
            # cache keeps a 100k-claim load from spilling pages to the WAL before its commit.
            self._db.execute("PRAGMA cache_size=-65536")
            self._migrate(version)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise GraphError(f"cannot open the store at {self.path}: {exc}", path=self.path) from exc
        self._lock = threading.RLock()
        self._entities: dict[str, Entity] = {}
        self._sources: dict[str, Source] = {}
        self._facts: dict[str, Fact] = {}
        #: (subject, relation, object) -> its claims (each once: ``_facts`` is checked before
        #: indexing), and entity -> the edges touching it (each once: added when the edge is made).
        self._edges: dict[tuple[str, str, str], list[Fact]] = {}
        self._incident: dict[str, list[tuple[str, str, str]]] = {}
        self._table = AliasTable()
        #: The last row of each table read into memory, and SQLite's counter of commits made by
        #: other connections (other processes, or other stores on the same file): see ``_sync``.
        self._seen = {"entities": 0, "sources": 0, "facts": 0}
        (self._data_version,) = self._db.execute("PRAGMA data_version").fetchone()
        self._catch_up()

    # ----------------------------------------------------------------- start-up
    def _schema_version(self) -> int:
        """The file's schema version; a file from a newer alliancegraph is refused before anything writes to it."""
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:
            self._db.close()
            raise GraphError(f"the store at {self.path} was written by a newer alliancegraph (schema {version}, "
                             f"this version reads up to {SCHEMA_VERSION}); upgrade alliancegraph", path=self.path)
        return int(version)

    def _enable_wal(self, patience: float = 10.0) -> None:
        """Switch the file to write-ahead logging (a no-op once it is).

        The switch needs the file to itself, and SQLite answers "database is locked" at once instead of
        waiting when another process is opening or migrating it at the same moment: try again until then.
        """
        deadline = time.monotonic() + patience
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _migrate(self, version: int) -> None:
        """Create the tables, or bring a file written by an older version up to ``SCHEMA_VERSION``."""
        if version == SCHEMA_VERSION:
            return
        db = self._db
        with self._transaction():
            # Looked at again under the write lock: another process may have migrated the file meanwhile.
            (version,) = db.execute("PRAGMA user_version").fetchone()
            has_facts = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'facts'").fetchone()
            if version < 3 and has_facts:
                for statement in _MIGRATE_TO_3.split(";"):
                    if statement.strip():
                        db.execute(statement)
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @collector_paused(long_lived=True)
    def _catch_up(self) -> None:
        """Read into memory the rows committed since this store last looked: all of them at start-up.

        Rows are only ever appended (an entity declared again is replaced by a new row), so what is new
        is what lies past the last rowid seen. Claims already in memory (this store's own) are skipped.
        """
        db, seen = self._db, self._seen
        for rowid, data in db.execute("SELECT rowid, data FROM entities WHERE rowid > ? ORDER BY rowid",
                                      (seen["entities"],)):
            self._add_entity(Entity.model_validate_json(data))
            seen["entities"] = rowid
        for rowid, data in db.execute("SELECT rowid, data FROM sources WHERE rowid > ? ORDER BY rowid",
                                      (seen["sources"],)):
            source = Source.model_validate_json(data)
            self._sources[source.id] = source
            seen["sources"] = rowid
        new: dict[str, Fact] = {}
        field_sets: dict[frozenset[str], set[str]] = {}
        for rowid, data in db.execute("SELECT rowid, data FROM facts WHERE rowid > ? ORDER BY rowid",
                                      (seen["facts"],)):
            fact = Fact.model_validate_json(data)
            if fact.id not in self._facts:
                _share_fields_set(fact, field_sets)
                new[fact.id] = fact
            seen["facts"] = rowid
        self._index_facts(new)

    def _sync(self) -> None:
        """Catch up with what other connections committed (cheap when nothing was: one pragma)."""
        (version,) = self._db.execute("PRAGMA data_version").fetchone()
        if version != self._data_version:
            self._data_version = version
            self._catch_up()

    def _last_rowids(self) -> dict[str, int]:
        return {table: self._db.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
                for table in self._seen}

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write, all or nothing, holding the file's write lock; SQLite's failures (another process
        writing for longer than the busy timeout, a full disk, a read-only file) become one clear
        ``BackendUnavailable``."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise BackendUnavailable(f"the store at {self.path} is busy: another process has been writing "
                                         f"to it for over {self._busy_timeout:g} s; try again", path=self.path) from exc
            raise BackendUnavailable(f"cannot write to the store at {self.path}: {exc}; nothing was changed",
                                     path=self.path) from exc
        try:
            yield
            db.execute("COMMIT")
        except BaseException as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise BackendUnavailable(f"cannot write to the store at {self.path}: {exc}; nothing was changed",
                                         path=self.path) from exc
            raise

    def _add_entity(self, entity: Entity) -> None:
        self._entities[entity.id] = entity
        self._table.add_entity(entity)

    def _index_facts(self, facts: dict[str, Fact]) -> None:
        """Put committed claims (by id), none of them indexed yet, into the in-memory maps.

        One tight loop: it runs once per claim on every load and at every start-up.
        """
        self._facts.update(facts)
        edges, incident = self._edges, self._incident
        for fact in facts.values():
            key = fact.key
            claims = edges.get(key)
            if claims is not None:
                claims.append(fact)
                continue
            edges[key] = [fact]
            for end in (key[0], key[2]):  # two different entities: a claim never links one to itself
                touching = incident.get(end)
                if touching is None:
                    incident[end] = [key]
                else:
                    touching.append(key)

    # ------------------------------------------------------------------ writes
    def apply(self, batch: Batch) -> LoadReport:
        with self._lock, collector_paused(long_lived=True):
            with self._transaction():
                # Under the write lock nobody else can commit: what we compare against is what is stored.
                self._sync()
                report = LoadReport(origin=batch.origin)
                new_sources = self._diff_sources(batch.sources, report)
                new_entities = merge_entities(self._entities, batch.entities, report)
                new_facts = self._new_claims(batch.facts)
                report.facts_added = len(new_facts)
                report.facts_unchanged = len(batch.facts) - len(new_facts)
                review = [f for f in batch.review if f.id not in self._facts]
                report.queued_for_review = self._insert(batch.origin, new_sources, new_entities, new_facts, review)
                last = self._last_rowids()
            # Committed: memory follows.
            self._seen = last
            for entity in new_entities:
                self._add_entity(entity)
            for source in new_sources:
                self._sources[source.id] = source
            self._index_facts(new_facts)
            return report

    def _new_claims(self, facts: list[Fact]) -> dict[str, Fact]:
        """The claims not yet stored, by id, each once."""
        known = self._facts
        new: dict[str, Fact] = {}
        for fact in facts:
            fact_id = fact.id
            if fact_id not in known and fact_id not in new:
                new[fact_id] = fact
        return new

    def _diff_sources(self, sources: Iterable[Source], report: LoadReport) -> list[Source]:
        new = []
        for source in sources:
            old = self._sources.get(source.id)
            if old is None:
                new.append(source)
                report.sources_added += 1
            else:
                report.sources_unchanged += 1
        return new

    def _insert(self, origin: str, sources: list[Source], entities: list[Entity],
                facts: dict[str, Fact], review: list[Fact]) -> int:
        """Write a batch's new rows inside the caller's transaction; how many review items were new."""
        db = self._db
        db.executemany("INSERT INTO sources(id, data, origin) VALUES (?, ?, ?)",
                       [(s.id, s.model_dump_json(), origin) for s in sources])
        db.executemany("INSERT OR REPLACE INTO entities(id, type, data) VALUES (?, ?, ?)",
                       [(e.id, e.type.value, e.model_dump_json()) for e in entities])
        # Rows made as SQLite takes them: none of them waits in a list of 100k.
        db.executemany(_INSERT_FACT, ((fact_id, _fact_json(fact)) for fact_id, fact in facts.items()))
        before = db.total_changes
        db.executemany("INSERT OR IGNORE INTO review(id, state, data) VALUES (?, 'pending', ?)",
                       [(f.id, _fact_json(f)) for f in review])
        return db.total_changes - before

    # ------------------------------------------------------------------ reads
    @_synced
    def entities(self, type: EntityType | None = None) -> list[Entity]:
        items = self._entities.values()
        return sorted((e for e in items if type is None or e.type == type), key=lambda e: e.id)

    @_synced
    def entity(self, entity_id: str) -> Entity:
        try:
            return self._entities[entity_id]
        except KeyError:
            raise EntityNotFound(entity_id, self._table.suggestions(entity_id)) from None

    @_synced
    def has_entity(self, entity_id: str) -> bool:
        return entity_id in self._entities

    @_synced
    def alias_table(self) -> AliasTable:
        return AliasTable.from_entities(self._entities.values())

    @_synced
    def search(self, q: str, type: EntityType | None = None, limit: int = 20,
               offset: int = 0) -> list[tuple[Entity, float]]:
        return rank_entities(self._entities.values(), q, type)[offset: offset + limit]

    def _candidate_facts(self, q: FactQuery) -> Iterable[Fact]:
        anchor = q.entity or q.subject or q.object
        if anchor is None:
            return self._facts.values()
        return [f for key in self._incident.get(anchor, ()) for f in self._edges[key]]

    @_synced
    def facts(self, query: FactQuery) -> list[Fact]:
        return select_facts(self._candidate_facts(query), query)

    @_synced
    def count_facts(self, query: FactQuery) -> int:
        return count_facts(self._candidate_facts(query), query)

    @_synced
    def sources(self, limit: int | None = None, offset: int = 0) -> list[Source]:
        items = sorted(self._sources.values(), key=lambda s: (s.published or "", s.id), reverse=True)
        return items[offset: None if limit is None else offset + limit]

    @_synced
    def source(self, source_id: str) -> Source:
        try:
            return self._sources[source_id]
        except KeyError:
            raise SourceNotFound(source_id, suggest(source_id, list(self._sources), limit=3)) from None

    @_synced
    def has_source(self, source_id: str) -> bool:
        return source_id in self._sources

    @_synced
    def projection(self, as_of: str | None = None) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        graph.add_nodes_from((e.id, {"name": e.name, "type": e.type.value, **e.attributes})
                             for e in self._entities.values())
        for (s, r, o), all_claims in self._edges.items():
            claims = [f for f in all_claims if as_of is None or (f.date is not None and f.date <= as_of)]
            if claims:
                graph.add_edge(s, o, key=r, relation=r, claims=sorted(claims, key=fact_sort_key))
        return graph

    @_synced
    def stats(self) -> dict[str, Any]:
        by_type: dict[str, int] = {}
        for e in self._entities.values():
            by_type[e.type.value] = by_type.get(e.type.value, 0) + 1
        by_relation: dict[str, int] = {}
        for f in self._facts.values():
            by_relation[f.relation.value] = by_relation.get(f.relation.value, 0) + 1
        (pending,) = self._db.execute("SELECT count(*) FROM review WHERE state='pending'").fetchone()
        return {"backend": self.backend, "entities": len(self._entities), "sources": len(self._sources),
                "facts": len(self._facts), "edges": len(self._edges),
                "entities_by_type": dict(sorted(by_type.items())),
                "facts_by_relation": dict(sorted(by_relation.items())), "pending_review": pending}

    # ------------------------------------------------------------------ review
    @_synced
    def review_items(self, state: str = "pending") -> list[ReviewItem]:
        rows = self._db.execute("SELECT id, state, data FROM review WHERE state = ? ORDER BY created_at, id",
                                (state,)).fetchall()
        return [self._review_item(*row) for row in rows]

    def _review_item(self, item_id: str, state: str, data: str) -> ReviewItem:
        fact = Fact.model_validate_json(data)
        return ReviewItem.model_validate({"id": item_id, "fact": fact, "source": self._sources.get(fact.source_id),
                                          "state": state})

    def decide_review(self, item_id: str, accept: bool) -> ReviewItem:
        with self._lock:
            db = self._db
            with self._transaction():
                self._sync()
                row = db.execute("SELECT id, state, data FROM review WHERE id = ?", (item_id,)).fetchone()
                if row is None:
                    raise ReviewItemNotFound(f"no review item {item_id!r}", item=item_id)
                item = self._review_item(*row)
                if item.state != "pending":
                    raise AlreadyDecided(f"review item {item_id!r} was already {item.state}", item=item_id)
                state = "accepted" if accept else "rejected"
                adds_fact = accept and item.fact.id not in self._facts
                db.execute("UPDATE review SET state = ? WHERE id = ?", (state, item_id))
                if adds_fact:
                    db.execute(_INSERT_FACT, (item.fact.id, _fact_json(item.fact)))
                last = self._last_rowids()
            self._seen = last
            if adds_fact:
                self._index_facts({item.fact.id: item.fact})
            return item.model_copy(update={"state": state})

    def close(self) -> None:
        self._db.close()

    def __repr__(self) -> str:
        return f"EmbeddedStore({self.path!r})"
