"""The embedded store: networkx in memory, durable in one SQLite file.

SQLite is the truth; the networkx graph is rebuilt from it at start-up and updated
only after a write has committed, so a failed or killed load leaves both unchanged.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import AlreadyDecided, EntityNotFound, GraphError, ReviewItemNotFound, SourceNotFound
from .model import Batch, Entity, EntityType, Fact, LoadReport, Source
from .resolve import AliasTable, suggest
from .search import rank_entities
from .store import FactQuery, ReviewItem, count_facts, fact_sort_key, merge_entities, select_facts

__all__ = ["EmbeddedStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, type TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources  (id TEXT PRIMARY KEY, data TEXT NOT NULL, origin TEXT,
                                     loaded_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS facts    (id TEXT PRIMARY KEY, subject TEXT NOT NULL, relation TEXT NOT NULL,
                                     object TEXT NOT NULL, source_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facts_subject ON facts(subject);
CREATE INDEX IF NOT EXISTS facts_object ON facts(object);
CREATE TABLE IF NOT EXISTS review   (id TEXT PRIMARY KEY, state TEXT NOT NULL, data TEXT NOT NULL,
                                     created_at TEXT DEFAULT CURRENT_TIMESTAMP);
"""



class EmbeddedStore:
    """A ``GraphStore`` held in memory and persisted to SQLite (``path`` or ``":memory:"``)."""

    backend = "embedded"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise GraphError(f"cannot open the store at {self.path}: {exc}", path=self.path) from exc
        self._lock = threading.RLock()
        self._entities: dict[str, Entity] = {}
        self._sources: dict[str, Source] = {}
        self._facts: dict[str, Fact] = {}
        #: (subject, relation, object) -> {fact id: claim}, and entity -> the edges touching it.
        self._edges: dict[tuple[str, str, str], dict[str, Fact]] = {}
        self._incident: dict[str, set[tuple[str, str, str]]] = {}
        self._table = AliasTable()
        self._rebuild()

    # ----------------------------------------------------------------- start-up
    def _rebuild(self) -> None:
        for (data,) in self._db.execute("SELECT data FROM entities"):
            self._add_entity(Entity.model_validate_json(data))
        for (data,) in self._db.execute("SELECT data FROM sources"):
            source = Source.model_validate_json(data)
            self._sources[source.id] = source
        for (data,) in self._db.execute("SELECT data FROM facts"):
            self._add_fact(Fact.model_validate_json(data))

    def _add_entity(self, entity: Entity) -> None:
        self._entities[entity.id] = entity
        self._table.add_entity(entity)

    def _add_fact(self, fact: Fact) -> None:
        self._facts[fact.id] = fact
        key = fact.key
        claims = self._edges.get(key)
        if claims is None:
            claims = self._edges[key] = {}
            self._incident.setdefault(key[0], set()).add(key)
            self._incident.setdefault(key[2], set()).add(key)
        claims[fact.id] = fact

    # ------------------------------------------------------------------ writes
    def apply(self, batch: Batch) -> LoadReport:
        with self._lock:
            report = LoadReport(origin=batch.origin)
            new_sources = self._diff_sources(batch.sources, report)
            new_entities = merge_entities(self._entities, batch.entities, report)
            new_facts = {f.id: f for f in batch.facts if f.id not in self._facts}
            report.facts_added = len(new_facts)
            report.facts_unchanged = len(batch.facts) - len(new_facts)
            review = [f for f in batch.review if f.id not in self._facts]
            self._write(batch.origin, new_sources, new_entities, list(new_facts.values()), review)
            for entity in new_entities:
                self._add_entity(entity)
            for source in new_sources:
                self._sources[source.id] = source
            for fact in new_facts.values():
                self._add_fact(fact)
            report.queued_for_review = self._last_review_inserted
            return report

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

    def _write(self, origin: str, sources: list[Source], entities: list[Entity], facts: list[Fact],
               review: list[Fact]) -> None:
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT INTO sources(id, data, origin) VALUES (?, ?, ?)",
                           [(s.id, s.model_dump_json(), origin) for s in sources])
            db.executemany("INSERT OR REPLACE INTO entities(id, type, data) VALUES (?, ?, ?)",
                           [(e.id, e.type.value, e.model_dump_json()) for e in entities])
            db.executemany("INSERT INTO facts(id, subject, relation, object, source_id, data) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           [(f.id, f.subject, f.relation.value, f.object, f.source_id, f.model_dump_json())
                            for f in facts])
            before = db.total_changes
            db.executemany("INSERT OR IGNORE INTO review(id, state, data) VALUES (?, 'pending', ?)",
                           [(f.id, f.model_dump_json()) for f in review])
            self._last_review_inserted = db.total_changes - before
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    _last_review_inserted = 0

    # ------------------------------------------------------------------ reads
    def entities(self, type: EntityType | None = None) -> list[Entity]:
        items = self._entities.values()
        return sorted((e for e in items if type is None or e.type == type), key=lambda e: e.id)

    def entity(self, entity_id: str) -> Entity:
        try:
            return self._entities[entity_id]
        except KeyError:
            raise EntityNotFound(entity_id, self._table.suggestions(entity_id)) from None

    def has_entity(self, entity_id: str) -> bool:
        return entity_id in self._entities

    def alias_table(self) -> AliasTable:
        return AliasTable.from_entities(self._entities.values())

    def search(self, q: str, type: EntityType | None = None, limit: int = 20,
               offset: int = 0) -> list[tuple[Entity, float]]:
        return rank_entities(self._entities.values(), q, type)[offset: offset + limit]

    def _candidate_facts(self, q: FactQuery) -> Iterable[Fact]:
        anchor = q.entity or q.subject or q.object
        if anchor is None:
            return self._facts.values()
        return [f for key in self._incident.get(anchor, ()) for f in self._edges[key].values()]

    def facts(self, query: FactQuery) -> list[Fact]:
        return select_facts(self._candidate_facts(query), query)

    def count_facts(self, query: FactQuery) -> int:
        return count_facts(self._candidate_facts(query), query)

    def sources(self, limit: int | None = None, offset: int = 0) -> list[Source]:
        items = sorted(self._sources.values(), key=lambda s: (s.published or "", s.id), reverse=True)
        return items[offset: None if limit is None else offset + limit]

    def source(self, source_id: str) -> Source:
        try:
            return self._sources[source_id]
        except KeyError:
            raise SourceNotFound(source_id, suggest(source_id, list(self._sources), limit=3)) from None

    def has_source(self, source_id: str) -> bool:
        return source_id in self._sources

    def projection(self, as_of: str | None = None) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        graph.add_nodes_from((e.id, {"name": e.name, "type": e.type.value, **e.attributes})
                             for e in self._entities.values())
        for (s, r, o), by_id in self._edges.items():
            claims = [f for f in by_id.values() if as_of is None or (f.date is not None and f.date <= as_of)]
            if claims:
                graph.add_edge(s, o, key=r, relation=r, claims=sorted(claims, key=fact_sort_key))
        return graph

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
            row = self._db.execute("SELECT id, state, data FROM review WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                raise ReviewItemNotFound(f"no review item {item_id!r}", item=item_id)
            item = self._review_item(*row)
            if item.state != "pending":
                raise AlreadyDecided(f"review item {item_id!r} was already {item.state}", item=item_id)
            state = "accepted" if accept else "rejected"
            db = self._db
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute("UPDATE review SET state = ? WHERE id = ?", (state, item_id))
                if accept and item.fact.id not in self._facts:
                    f = item.fact
                    db.execute("INSERT INTO facts(id, subject, relation, object, source_id, data) "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                               (f.id, f.subject, f.relation.value, f.object, f.source_id, f.model_dump_json()))
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            if accept:
                self._add_fact(item.fact)
            return item.model_copy(update={"state": state})

    def close(self) -> None:
        self._db.close()

    def __repr__(self) -> str:
        return f"EmbeddedStore({self.path!r})"
