"""The Neo4j backend: the same ``GraphStore`` contract as the embedded store, on a Neo4j 5 server, cluster or Aura.

- The driver is made by ``connect(settings)`` (or by the caller) and passed in; the store never creates one.
- Writes: one managed write transaction per batch (all or nothing), ``UNWIND $rows ... MERGE`` on stable ids,
  in chunks of ``CHUNK_ROWS`` rows. Reads: managed read transactions (routed to readers in a cluster).
- Behaviour equals ``EmbeddedStore``'s: the same counts, ordering, ranking (``rank_entities``), filtering
  (``fact_matches`` on candidates fetched by entity and relation), errors and projection. Things keep their
  insertion order through a ``seq`` number, as the embedded store's dicts do.
- Every Cypher statement comes from ``graph.cypher`` (parameters only; labels and types from the vocabulary).
- A server that is down raises ``BackendUnavailable`` within seconds; the driver reconnects when it is back.
"""

from __future__ import annotations

import base64
import itertools
import logging
import math
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
import networkx as nx
from neo4j import GraphDatabase, unit_of_work
from neo4j import exceptions as neo4j_errors

from . import cypher
from .errors import (
    AlreadyDecided,
    BackendUnavailable,
    ConfigurationError,
    EntityNotFound,
    GraphError,
    InvalidQuery,
    ReviewItemNotFound,
    SourceNotFound,
)
from .model import ENTITY_ATTRIBUTES, Batch, Entity, EntityType, Fact, LoadReport, Relation, Source
from .resolve import AliasTable, suggest
from .search import rank_entities
from .settings import Settings
from .store import FactQuery, ReviewItem, count_facts, fact_sort_key, merge_entities, select_facts

__all__ = ["CHUNK_ROWS", "DRIVER_DEFAULTS", "Neo4jStore", "connect"]

T = TypeVar("T")

#: Rows per ``UNWIND`` statement (a batch larger than this is still one transaction).
CHUNK_ROWS = 2000
#: Driver settings that make an unreachable server fail fast instead of hanging. The connection timeout
#: and the retry budget come from settings (``ALLIANCES_NEO4J_CONNECT_TIMEOUT``, ``_RETRY_SECONDS``).
DRIVER_DEFAULTS: dict[str, Any] = {
    "keep_alive": True,
    "user_agent": "alliancegraph",
}
_FACT_FIELDS = [name for name in Fact.model_fields if name not in ("subject", "relation", "object")]
_SOURCE_FIELDS = list(Source.model_fields)
# The driver logs each retry as a warning; with no logging configured Python would print them to stderr.
# Failures reach the user once, as BackendUnavailable; configure the "neo4j" logger to see the retries.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
_ADDRESSES: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def connect(settings: Settings, **config: Any) -> neo4j.Driver:
    """A driver for ``settings.neo4j_uri`` (``neo4j://`` routes reads and writes in a cluster or on Aura;
    ``neo4j+s://`` adds TLS). ``config`` overrides ``DRIVER_DEFAULTS``. Nothing is contacted yet."""
    uri = settings.neo4j_uri
    if not uri:
        raise ConfigurationError("the Neo4j backend needs ALLIANCES_NEO4J_URI (e.g. neo4j://localhost:7687)")
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in _SCHEMES:
        raise ConfigurationError(f"bad ALLIANCES_NEO4J_URI {uri!r}: use a Bolt URI, {', '.join(_SCHEMES)}://host:port"
                                 " (neo4j:// routes reads and writes in a cluster or on Aura)", uri=uri)
    auth = None
    if settings.neo4j_password is not None:
        auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    timeouts = {
        "connection_timeout": settings.neo4j_connect_timeout,  # TCP connect + Bolt handshake
        # Waiting for a pooled connection includes opening one.
        "connection_acquisition_timeout": 2 * settings.neo4j_connect_timeout,
        "max_transaction_retry_time": settings.neo4j_retry_seconds,  # managed transactions retry this long
    }
    try:
        driver = GraphDatabase.driver(uri, auth=auth, **{**DRIVER_DEFAULTS, **timeouts, **config})
    except (ValueError, neo4j_errors.ConfigurationError) as exc:
        raise ConfigurationError(f"bad ALLIANCES_NEO4J_URI {uri!r}: {exc}", uri=uri) from None
    _ADDRESSES[driver] = uri
    return driver


def _chunks(rows: Sequence[T], size: int = CHUNK_ROWS) -> Iterator[Sequence[T]]:
    for i in range(0, len(rows), size):
        yield rows[i: i + size]



# ------------------------------------------------------------------------------------ model <-> properties
def _entity_props(entity: Entity) -> dict[str, Any]:
    """Node properties; attributes a property each (``None`` removes one), their order kept in attribute_keys."""
    props: dict[str, Any] = {"name": entity.name, "type": entity.type.value, "aliases": list(entity.aliases),
                             "attribute_keys": list(entity.attributes)}
    for key in ENTITY_ATTRIBUTES:
        props[key] = entity.attributes.get(key)
    return props


def _entity(props: dict[str, Any]) -> Entity:
    keys = props.get("attribute_keys") or [k for k in ENTITY_ATTRIBUTES if k in props]
    return Entity(id=props["id"], name=props["name"], type=props["type"], aliases=tuple(props.get("aliases") or ()),
                  attributes={k: props[k] for k in keys if props.get(k) is not None})


def _source_props(source: Source) -> dict[str, Any]:
    return {k: v for k, v in source.model_dump(mode="json").items() if k != "id" and v is not None}


def _source(props: dict[str, Any]) -> Source:
    return Source(**{k: props[k] for k in _SOURCE_FIELDS if props.get(k) is not None})


def _claim_row(fact: Fact, seq: int) -> dict[str, Any]:
    data = fact.model_dump(mode="json")
    props = {k: data[k] for k in _FACT_FIELDS if data.get(k) is not None}
    return {"id": fact.id, "subject": fact.subject, "object": fact.object, "seq": seq, "props": props}


def _fact(record: Any) -> Fact:
    props = record["props"]
    fields = {k: props[k] for k in _FACT_FIELDS if props.get(k) is not None}
    return Fact(subject=record["subject"], relation=cypher.relation_of_type(record["type"]), object=record["object"],
                **fields)


def _review_item(item: dict[str, Any], source: dict[str, Any] | None) -> ReviewItem:
    return ReviewItem(id=item["id"], fact=Fact.model_validate_json(item["fact"]),
                      source=_source(source) if source else None, state=item["state"])


# ------------------------------------------------------------------------------------------ the store
class Neo4jStore:
    """A ``GraphStore`` on a Neo4j 5 database, reached through a driver the caller made (``connect``).

    ``close_driver``: whether ``close()`` closes the driver too (the default: the store owns it).
    """

    backend = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str = "neo4j", *, close_driver: bool = True,
                 ensure_schema: bool = True) -> None:
        self._driver = driver
        self.database = database
        self._close_driver = close_driver
        self._bookmarks = GraphDatabase.bookmark_manager()  # read-your-writes across sessions (clusters)
        self._schema_ready = False
        self._schema_lock = threading.Lock()
        if ensure_schema:
            try:
                self.ensure_schema()
            except BackendUnavailable:
                pass  # not reachable now: tried again before the next write; reads say so themselves

    @property
    def address(self) -> str:
        return _ADDRESSES.get(self._driver) or \
            ", ".join(str(a) for a in getattr(self._driver, "initial_addresses", ())) or "the configured address"

    def __repr__(self) -> str:
        return f"Neo4jStore({self.address!r}, database={self.database!r})"

    # ------------------------------------------------------------------------------ driver plumbing
    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Driver errors as domain errors: unreachable -> BackendUnavailable, bad credentials/database ->
        ConfigurationError."""
        try:
            yield
        except GraphError:
            raise
        except neo4j_errors.AuthError as exc:
            raise ConfigurationError(
                f"Neo4j at {self.address} refused the credentials (ALLIANCES_NEO4J_USER, ALLIANCES_NEO4J_PASSWORD):"
                f" {exc.message}", backend="neo4j", address=self.address) from None
        except neo4j_errors.ClientError as exc:
            if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise ConfigurationError(f"Neo4j at {self.address} has no database {self.database!r} "
                                         "(ALLIANCES_NEO4J_DATABASE)", backend="neo4j", database=self.database) \
                    from None
            raise
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, neo4j_errors.ConnectionPoolError,
                neo4j_errors.TransientError, OSError) as exc:
            message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            raise BackendUnavailable(f"the Neo4j server at {self.address} is unavailable: {message}",
                                     backend="neo4j", address=self.address) from None

    def _session(self, access_mode: str) -> neo4j.Session:
        return self._driver.session(database=self.database, default_access_mode=access_mode,
                                    bookmark_manager=self._bookmarks)

    def _read(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        with self._guard(), self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(work)

    def _write(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        self._ensure_schema_before_write()
        with self._guard(), self._session(neo4j.WRITE_ACCESS) as session:
            return session.execute_write(work)

    def _rows(self, query: str, **params: Any) -> list[neo4j.Record]:
        return self._read(lambda tx: list(tx.run(query, params)))

    # ----------------------------------------------------------------------------------- schema
    def ensure_schema(self) -> None:
        """Create the constraints and indexes (``graph.cypher.schema_statements``) that are missing.

        Auto-commit statements without retries: with the server down this fails at once (the store still
        opens; the schema is checked again before the next write)."""
        with self._schema_lock:
            if self._schema_ready:
                return
            with self._guard():
                with self._session(neo4j.READ_ACCESS) as session:
                    present = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name RETURN name")}
                    present |= {r["name"] for r in session.run(
                        "SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name")}
                if not set(cypher.schema_names()) <= present:
                    with self._session(neo4j.WRITE_ACCESS) as session:
                        for stmt in cypher.schema_statements():
                            try:
                                session.run(stmt).consume()
                            except neo4j_errors.ClientError as exc:  # another process created it meanwhile
                                if "AlreadyExists" not in (exc.code or ""):
                                    raise
                        session.run(cypher.AWAIT_INDEXES, seconds=120).consume()
            self._schema_ready = True

    def _ensure_schema_before_write(self) -> None:
        if not self._schema_ready:
            self.ensure_schema()

    # ------------------------------------------------------------------------------------ writes
    def apply(self, batch: Batch) -> LoadReport:
        return self._write(lambda tx: self._apply(tx, batch))

    def _apply(self, tx: neo4j.ManagedTransaction, batch: Batch) -> LoadReport:
        report = LoadReport(origin=batch.origin)
        size = len(batch.sources) + len(batch.entities) + len(batch.facts) + len(batch.review)
        base = tx.run(cypher.next_sequence(), n=size).single(strict=True)["base"]  # also the writers' lock
        seq = itertools.count(base)

        # sources: added once, never rewritten
        known_sources = {r["id"] for r in tx.run(cypher.existing_source_ids(), ids=[s.id for s in batch.sources])}
        new_sources = []
        for source in batch.sources:
            if source.id in known_sources:
                report.sources_unchanged += 1
            else:
                new_sources.append(source)
                report.sources_added += 1

        # entities: merged with what is there (aliases and missing attributes); a type change raises ValueError
        old_entities = {r["e"]["id"]: _entity(r["e"]) for r in
                        tx.run(cypher.existing_entities(), ids=[e.id for e in batch.entities])}
        changed = merge_entities(old_entities, batch.entities, report)

        # facts: a claim whose id is there already is not added again
        ids_by_relation: dict[Relation, list[str]] = {}
        for fact in (*batch.facts, *batch.review):
            ids_by_relation.setdefault(fact.relation, []).append(fact.id)
        known_claims: set[str] = set()
        for relation, ids in ids_by_relation.items():
            for id_chunk in _chunks(ids):
                known_claims |= {r["id"] for r in tx.run(cypher.existing_claim_ids(relation), ids=list(id_chunk))}
        new_facts = {f.id: f for f in batch.facts if f.id not in known_claims}
        report.facts_added = len(new_facts)
        report.facts_unchanged = len(batch.facts) - len(new_facts)
        review = [f for f in batch.review if f.id not in known_claims]

        for chunk in _chunks([{"id": s.id, "seq": next(seq), "props": _source_props(s)} for s in new_sources]):
            tx.run(cypher.merge_sources(), rows=list(chunk), origin=batch.origin).consume()
        by_type: dict[EntityType, list[dict[str, Any]]] = {}
        for entity in changed:
            by_type.setdefault(entity.type, []).append({"id": entity.id, "seq": next(seq),
                                                        "props": _entity_props(entity)})
        for entity_type, rows in by_type.items():
            for chunk in _chunks(rows):
                tx.run(cypher.merge_entities(entity_type), rows=list(chunk)).consume()
        self._merge_claims(tx, [(f, next(seq)) for f in new_facts.values()])
        review_rows = [{"id": f.id, "seq": next(seq),
                        "props": {"fact": f.model_dump_json(), "subject": f.subject, "relation": f.relation.value,
                                  "object": f.object, "source_id": f.source_id}} for f in review]
        for chunk in _chunks(review_rows):
            report.queued_for_review += tx.run(cypher.merge_review_items(), rows=list(chunk)).consume() \
                .counters.nodes_created
        return report

    @staticmethod
    def _merge_claims(tx: neo4j.ManagedTransaction, facts: Iterable[tuple[Fact, int]]) -> None:
        by_relation: dict[Relation, list[dict[str, Any]]] = {}
        for fact, seq in facts:
            by_relation.setdefault(fact.relation, []).append(_claim_row(fact, seq))
        for relation, rows in by_relation.items():
            for chunk in _chunks(rows):
                found = tx.run(cypher.merge_claims(relation), rows=list(chunk)).single(strict=True)["n"]
                if found != len(chunk):
                    ends = sorted({r["subject"] for r in chunk} | {r["object"] for r in chunk})
                    raise GraphError(f"{len(chunk) - found} claim(s) name an entity that is not in the store "
                                     f"(among {', '.join(ends[:10])}); nothing loaded", relation=relation.value)

    def clear(self) -> None:
        """Delete every entity, source, claim and review item (the schema stays). For tests and ``copy``."""
        self._write(lambda tx: tx.run(cypher.wipe()).consume())

    # ------------------------------------------------------------------------------------- reads
    def _all_entities(self, type: EntityType | None = None) -> list[Entity]:
        """In insertion order, as the embedded store iterates them (ties in rankings keep that order)."""
        return [_entity(r["e"]) for r in self._rows(cypher.all_entities(type))]

    def entities(self, type: EntityType | None = None) -> list[Entity]:
        return sorted(self._all_entities(type), key=lambda e: e.id)

    def entity(self, entity_id: str) -> Entity:
        rows = self._rows(cypher.entity_by_id(), id=entity_id)
        if not rows:
            raise EntityNotFound(entity_id, self.alias_table().suggestions(entity_id))
        return _entity(rows[0]["e"])

    def has_entity(self, entity_id: str) -> bool:
        return bool(self._rows(cypher.entity_exists(), id=entity_id)[0]["found"])

    def alias_table(self) -> AliasTable:
        return AliasTable.from_entities(self._all_entities())

    def search(self, q: str, type: EntityType | None = None, limit: int = 20,
               offset: int = 0) -> list[tuple[Entity, float]]:
        return rank_entities(self._all_entities(type), q, type)[offset: offset + limit]

    def _candidate_facts(self, q: FactQuery) -> list[Fact]:
        """Claims fetched by entity (either end) and relation; ``fact_matches`` does the rest, as embedded."""
        anchor = q.entity or q.subject or q.object
        relations = q.relations or None
        if anchor is None:
            rows = self._rows(cypher.claims(relations))
        else:
            rows = self._rows(cypher.claims_around(relations), id=anchor)
        return [_fact(r) for r in rows]

    def facts(self, query: FactQuery) -> list[Fact]:
        return select_facts(self._candidate_facts(query), query)

    def count_facts(self, query: FactQuery) -> int:
        return count_facts(self._candidate_facts(query), query)

    def _all_sources(self) -> list[Source]:
        return [_source(r["s"]) for r in self._rows(cypher.all_sources())]

    def sources(self, limit: int | None = None, offset: int = 0) -> list[Source]:
        items = sorted(self._all_sources(), key=lambda s: (s.published or "", s.id), reverse=True)
        return items[offset: None if limit is None else offset + limit]

    def source(self, source_id: str) -> Source:
        rows = self._rows(cypher.source_by_id(), id=source_id)
        if not rows:
            raise SourceNotFound(source_id, suggest(source_id, [s.id for s in self._all_sources()], limit=3))
        return _source(rows[0]["s"])

    def has_source(self, source_id: str) -> bool:
        return bool(self._rows(cypher.source_exists(), id=source_id)[0]["found"])

    def projection(self, as_of: str | None = None) -> nx.MultiDiGraph:
        def work(tx: neo4j.ManagedTransaction) -> tuple[list[Any], list[Any]]:
            return list(tx.run(cypher.all_entities())), list(tx.run(cypher.claims()))

        entity_rows, claim_rows = self._read(work)  # one transaction: a consistent snapshot
        graph = nx.MultiDiGraph()
        entities = [_entity(r["e"]) for r in entity_rows]
        graph.add_nodes_from((e.id, {"name": e.name, "type": e.type.value, **e.attributes}) for e in entities)
        edges: dict[tuple[str, str, str], list[Fact]] = {}
        for row in claim_rows:  # in insertion order: edges come in the order of their first claim
            fact = _fact(row)
            edges.setdefault(fact.key, []).append(fact)
        for (s, r, o), facts in edges.items():
            claims = [f for f in facts if as_of is None or (f.date is not None and f.date <= as_of)]
            if claims:
                graph.add_edge(s, o, key=r, relation=r, claims=sorted(claims, key=fact_sort_key))
        return graph

    def stats(self) -> dict[str, Any]:
        def work(tx: neo4j.ManagedTransaction) -> list[Any]:
            return [tx.run(q, symmetric=cypher.SYMMETRIC_TYPES).single(strict=True) for q in cypher.stats()]

        by_type_row, sources_row, by_rel_row, edges_row, pending_row = self._read(work)
        by_type = {t: n for t, n in by_type_row["entities_by_type"]}
        by_relation = {cypher.relation_of_type(t).value: n for t, n in by_rel_row["facts_by_type"]}
        return {"backend": self.backend, "entities": sum(by_type.values()), "sources": sources_row["sources"],
                "facts": sum(by_relation.values()), "edges": edges_row["edges"],
                "entities_by_type": dict(sorted(by_type.items())),
                "facts_by_relation": dict(sorted(by_relation.items())),
                "pending_review": pending_row["pending_review"]}

    # ------------------------------------------------------------------------------------ review
    def review_items(self, state: str = "pending") -> list[ReviewItem]:
        rows = self._rows(cypher.review_items(), state=state)
        rows.sort(key=lambda r: (r["item"]["created_at"], r["item"]["id"]))
        return [_review_item(r["item"], r["source"]) for r in rows]

    def decide_review(self, item_id: str, accept: bool) -> ReviewItem:
        return self._write(lambda tx: self._decide(tx, item_id, accept))

    def _decide(self, tx: neo4j.ManagedTransaction, item_id: str, accept: bool) -> ReviewItem:
        base = tx.run(cypher.next_sequence(), n=1).single(strict=True)["base"]  # the writers' lock first
        row = tx.run(cypher.review_item(), id=item_id).single()
        if row is None:
            raise ReviewItemNotFound(f"no review item {item_id!r}", item=item_id)
        item = _review_item(row["item"], row["source"])
        if item.state != "pending":
            raise AlreadyDecided(f"review item {item_id!r} was already {item.state}", item=item_id)
        state = "accepted" if accept else "rejected"
        tx.run(cypher.set_review_state(), id=item_id, state=state).consume()
        if accept:
            fact = item.fact
            present = tx.run(cypher.existing_claim_ids(fact.relation), ids=[fact.id]).single()
            if present is None:
                self._merge_claims(tx, [(fact, base)])
        return item.model_copy(update={"state": state})

    # ------------------------------------------------------------------------ read-only Cypher
    def run_read_cypher(self, query: str, params: dict[str, Any] | None = None, timeout_s: float = 10.0,
                        row_cap: int = 1000) -> dict[str, Any]:
        """Run a power user's Cypher in a read transaction: ``{columns, rows, row_count, truncated}``.

        Refused up front (``InvalidQuery``) if it writes, even inside ``CALL { }``, or uses ``LOAD CSV``; the
        server's read access mode refuses writes too. At most ``row_cap`` rows; the server ends the
        transaction after ``timeout_s`` seconds. Values come back as JSON-ready data (nodes, relationships
        and paths as dicts).
        """
        cypher.check_read_only(query)
        if not 0 < timeout_s <= 600:
            raise InvalidQuery("timeout_s must be between 0 and 600 seconds", timeout_s=timeout_s)
        if row_cap < 1:
            raise InvalidQuery("row_cap must be at least 1", row_cap=row_cap)
        if params is not None and not isinstance(params, dict):
            raise InvalidQuery("params must be an object of parameter names to values")

        @unit_of_work(timeout=timeout_s)
        def work(tx: neo4j.ManagedTransaction) -> dict[str, Any]:
            result = tx.run(query, params or {})
            columns = list(result.keys())
            rows: list[list[Any]] = []
            truncated = False
            for record in result:
                if len(rows) == row_cap:
                    truncated = True
                    break
                rows.append([_jsonable(v) for v in record.values()])
            return {"columns": columns, "rows": rows, "row_count": len(rows), "truncated": truncated,
                    "row_cap": row_cap}

        try:
            return self._read(work)
        except neo4j_errors.ClientError as exc:
            code = exc.code or ""
            if "TransactionTimedOut" in code or "TransactionTerminated" in code:
                raise InvalidQuery(f"the query ran longer than {timeout_s:g} s and was stopped",
                                   reason="timeout", timeout_s=timeout_s) from None
            if code.endswith("AccessMode") or "ForbiddenOnReadOnlyDatabase" in code:
                raise InvalidQuery(f"read-only Cypher: the server refused a write ({exc.message})",
                                   reason="write") from None
            raise InvalidQuery(f"Cypher error: {exc.message}", reason="cypher", code=code) from None

    def close(self) -> None:
        if self._close_driver:
            self._driver.close()


def _jsonable(value: Any) -> Any:
    """A driver value as JSON-ready data."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, neo4j.graph.Node):
        return {"element_id": value.element_id, "labels": sorted(value.labels),
                "properties": {k: _jsonable(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"element_id": value.element_id, "type": value.type,
                "start": value.start_node.element_id if value.start_node is not None else None,
                "end": value.end_node.element_id if value.end_node is not None else None,
                "properties": {k: _jsonable(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_jsonable(n) for n in value.nodes],
                "relationships": [_jsonable(r) for r in value.relationships]}
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, neo4j.spatial.Point):
        return {"srid": value.srid, "coordinates": list(value)}
    return str(value)
