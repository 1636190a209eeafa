"""Every Cypher statement of the Neo4j backend, built by small functions.

Rules kept here once:
- values always travel as parameters (``$rows``, ``$id`` ...), never inside the text;
- labels and relationship types come only from the closed vocabulary of ``graph.model``
  (``ENTITY_LABELS``, ``RELATIONSHIP_TYPES``): a builder given anything else raises ``ValueError``;
- writes are ``UNWIND $rows AS row ... MERGE`` on stable ids (entity id, source id, claim id, review id).

The graph in Neo4j (see docs/neo4j.md):
    (:Entity:Company {id, name, type, aliases, country, ticker, ...})   one label per EntityType
    (:Source {id, url, title, publisher, published, kind})
    (subject)-[:INVESTS_IN {claim_id, source_id, amount_usd, date, status, evidence, ...}]->(object)
        one relationship per claim (parallel relationships when several sources speak of the same edge)
    (:ReviewItem {id, state, fact, subject, relation, object, source_id, created_at})
    (:AlliancegraphMeta {key: 'sequence', value})  a counter giving things their insertion order
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import InvalidQuery
from .model import RELATIONS, EntityType, Relation

__all__ = [
    "ENTITY_LABELS",
    "FULLTEXT_INDEX",
    "RELATIONSHIP_TYPES",
    "SYMMETRIC_TYPES",
    "all_entities",
    "all_sources",
    "check_read_only",
    "claim_pattern_types",
    "claims",
    "claims_around",
    "entity_by_id",
    "entity_exists",
    "entity_label",
    "existing_claim_ids",
    "existing_entities",
    "existing_source_ids",
    "merge_claims",
    "merge_entities",
    "merge_review_items",
    "merge_sources",
    "next_sequence",
    "relation_of_type",
    "relationship_type",
    "review_item",
    "review_items",
    "schema_names",
    "schema_statements",
    "set_review_state",
    "source_by_id",
    "source_exists",
    "stats",
    "wipe",
]

#: EntityType -> node label (every entity also has the label ``Entity``).
ENTITY_LABELS: dict[EntityType, str] = {t: t.value.capitalize() for t in EntityType}
#: Relation -> relationship type, Neo4j style (``invests_in`` -> ``INVESTS_IN``).
RELATIONSHIP_TYPES: dict[Relation, str] = {r: r.value.upper() for r in Relation}
SYMMETRIC_TYPES: list[str] = [RELATIONSHIP_TYPES[r] for r, spec in RELATIONS.items() if spec.symmetric]
_TYPE_TO_RELATION = {v: k for k, v in RELATIONSHIP_TYPES.items()}
_IDENT = re.compile(r"^[A-Za-z][A-Za-z_]*$")

FULLTEXT_INDEX = "entity_names"
META_LABEL = "AlliancegraphMeta"


def entity_label(entity_type: EntityType | str) -> str:
    """The node label of an entity type; only the closed vocabulary is accepted."""
    label = ENTITY_LABELS[EntityType(entity_type)]
    assert _IDENT.match(label)
    return label


def relationship_type(relation: Relation | str) -> str:
    """The relationship type of a relation; only the closed vocabulary is accepted."""
    rel_type = RELATIONSHIP_TYPES[Relation(relation)]
    assert _IDENT.match(rel_type)
    return rel_type


def relation_of_type(rel_type: str) -> Relation:
    return _TYPE_TO_RELATION[rel_type]


def claim_pattern_types(relations: Iterable[Relation] | None = None) -> str:
    """``INVESTS_IN|SUPPLIES|...``: the claim relationship types (all of them, or those of ``relations``)."""
    chosen = sorted({relationship_type(r) for r in (relations or Relation)})
    return "|".join(chosen)


# ------------------------------------------------------------------------------------------------ schema
def _claim_constraint_name(rel_type: str) -> str:
    return f"claim_id_{rel_type.lower()}"


def schema_statements() -> list[str]:
    """Constraints and indexes, all ``IF NOT EXISTS`` (safe to run at every start)."""
    stmts = [
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
        "CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE",
        "CREATE CONSTRAINT review_item_id IF NOT EXISTS FOR (r:ReviewItem) REQUIRE r.id IS UNIQUE",
        f"CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:{META_LABEL}) REQUIRE m.key IS UNIQUE",
    ]
    for rel_type in RELATIONSHIP_TYPES.values():
        stmts.append(f"CREATE CONSTRAINT {_claim_constraint_name(rel_type)} IF NOT EXISTS "
                     f"FOR ()-[r:{rel_type}]-() REQUIRE r.claim_id IS UNIQUE")
    stmts += [
        "CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
        "CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type)",
        "CREATE INDEX source_published IF NOT EXISTS FOR (s:Source) ON (s.published)",
        "CREATE INDEX review_item_state IF NOT EXISTS FOR (r:ReviewItem) ON (r.state)",
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliases]",
    ]
    return stmts


def schema_names() -> list[str]:
    """The names of everything ``schema_statements`` creates (to see whether it is all there)."""
    names = []
    for stmt in schema_statements():
        m = re.match(r"CREATE (?:FULLTEXT )?(?:CONSTRAINT|INDEX) (\w+)", stmt)
        assert m
        names.append(m[1])
    return names


SHOW_SCHEMA = ("SHOW CONSTRAINTS YIELD name RETURN name UNION "
               "SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name")
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"


# ------------------------------------------------------------------------------------------------ writes
def next_sequence() -> str:
    """Reserve ``$n`` consecutive sequence numbers; also serialises concurrent writers (a lock on one node)."""
    return (f"MERGE (m:{META_LABEL} {{key: 'sequence'}}) ON CREATE SET m.value = 0 "
            "SET m.value = m.value + $n RETURN m.value - $n AS base")


def existing_entities() -> str:
    return "UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN properties(e) AS e"


def existing_source_ids() -> str:
    return "UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s.id AS id"


def existing_claim_ids(relation: Relation) -> str:
    """Which of ``$ids`` are already claims of this relation (a seek on the claim-id constraint's index)."""
    return (f"UNWIND $ids AS id MATCH ()-[r:{relationship_type(relation)} {{claim_id: id}}]->() "
            "RETURN r.claim_id AS id")


def merge_entities(entity_type: EntityType) -> str:
    """Create or update entities of one type: ``$rows`` of {id, seq, props}."""
    return (f"UNWIND $rows AS row MERGE (e:Entity {{id: row.id}}) ON CREATE SET e.seq = row.seq "
            f"SET e:{entity_label(entity_type)}, e += row.props RETURN count(e) AS n")


def merge_sources() -> str:
    """Create sources not yet there (a source is never rewritten): ``$rows`` of {id, seq, props}."""
    return ("UNWIND $rows AS row MERGE (s:Source {id: row.id}) "
            "ON CREATE SET s += row.props, s.seq = row.seq, s.origin = $origin, s.loaded_at = datetime() "
            "RETURN count(s) AS n")


def merge_claims(relation: Relation) -> str:
    """One relationship per claim, keyed by claim id: ``$rows`` of {id, subject, object, seq, props}.

    The source's url and title are copied onto the claim so that Neo4j Browser shows each claim with its source.
    Returns how many rows found both ends (the caller checks that none was lost).
    """
    return (f"UNWIND $rows AS row MATCH (s:Entity {{id: row.subject}}) MATCH (o:Entity {{id: row.object}}) "
            f"MERGE (s)-[r:{relationship_type(relation)} {{claim_id: row.id}}]->(o) "
            "ON CREATE SET r += row.props, r.seq = row.seq "
            "WITH r, row OPTIONAL MATCH (src:Source {id: row.props.source_id}) "
            "SET r.source_url = src.url, r.source_title = src.title "
            "RETURN count(r) AS n")


def merge_review_items() -> str:
    """Queue claims for review unless already queued (any state): ``$rows`` of {id, seq, props}."""
    return ("UNWIND $rows AS row MERGE (r:ReviewItem {id: row.id}) "
            "ON CREATE SET r += row.props, r.seq = row.seq, r.state = 'pending', r.created_at = timestamp() / 1000")


# ------------------------------------------------------------------------------------------------- reads
def all_entities(entity_type: EntityType | None = None) -> str:
    label = f":{entity_label(entity_type)}" if entity_type is not None else ""
    return f"MATCH (e:Entity{label}) RETURN properties(e) AS e ORDER BY e.seq"


def entity_by_id() -> str:
    return "MATCH (e:Entity {id: $id}) RETURN properties(e) AS e"


def entity_exists() -> str:
    return "OPTIONAL MATCH (e:Entity {id: $id}) RETURN e IS NOT NULL AS found"


def all_sources() -> str:
    return "MATCH (s:Source) RETURN properties(s) AS s ORDER BY s.seq"


def source_by_id() -> str:
    return "MATCH (s:Source {id: $id}) RETURN properties(s) AS s"


def source_exists() -> str:
    return "OPTIONAL MATCH (s:Source {id: $id}) RETURN s IS NOT NULL AS found"


_CLAIM_RETURN = ("RETURN startNode(r).id AS subject, type(r) AS type, endNode(r).id AS object, "
                 "properties(r) AS props ORDER BY r.seq")


def claims(relations: Iterable[Relation] | None = None) -> str:
    """Every claim (of some relations)."""
    return f"MATCH (:Entity)-[r:{claim_pattern_types(relations)}]->(:Entity) {_CLAIM_RETURN}"


def claims_around(relations: Iterable[Relation] | None = None) -> str:
    """The claims touching entity ``$id`` either way (of some relations)."""
    return f"MATCH (:Entity {{id: $id}})-[r:{claim_pattern_types(relations)}]-(:Entity) {_CLAIM_RETURN}"


def stats() -> list[str]:
    """Statements for ``stats()``, each returning one row."""
    types = claim_pattern_types()
    return [
        ("MATCH (e:Entity) WITH e.type AS type, count(*) AS n ORDER BY type "
         "RETURN collect([type, n]) AS entities_by_type"),
        "MATCH (s:Source) RETURN count(s) AS sources",
        (f"MATCH (:Entity)-[r:{types}]->(:Entity) WITH type(r) AS type, count(*) AS n ORDER BY type "
         "RETURN collect([type, n]) AS facts_by_type"),
        (f"MATCH (s:Entity)-[r:{types}]->(o:Entity) "
         "WITH CASE WHEN type(r) IN $symmetric AND o.id < s.id THEN [o.id, type(r), s.id] "
         "ELSE [s.id, type(r), o.id] END AS key RETURN count(DISTINCT key) AS edges"),
        "MATCH (r:ReviewItem {state: 'pending'}) RETURN count(r) AS pending_review",
    ]


def review_items() -> str:
    return ("MATCH (r:ReviewItem {state: $state}) OPTIONAL MATCH (s:Source {id: r.source_id}) "
            "RETURN properties(r) AS item, properties(s) AS source")


def review_item() -> str:
    return ("MATCH (r:ReviewItem {id: $id}) OPTIONAL MATCH (s:Source {id: r.source_id}) "
            "RETURN properties(r) AS item, properties(s) AS source")


def set_review_state() -> str:
    return "MATCH (r:ReviewItem {id: $id}) SET r.state = $state RETURN r.id AS id"


def wipe() -> str:
    """Delete every node and relationship (the schema stays); for tests and small graphs (one transaction)."""
    return "MATCH (n) DETACH DELETE n"


# --------------------------------------------------------------------------------- read-only checking
#: Clauses and commands that write (or reach outside the database): refused in read-only Cypher.
_WRITE_WORDS = {
    "CREATE": "the CREATE clause writes", "MERGE": "the MERGE clause writes", "DELETE": "DELETE writes",
    "DETACH": "DETACH DELETE writes", "SET": "the SET clause writes", "REMOVE": "the REMOVE clause writes",
    "FOREACH": "FOREACH is only used to write", "DROP": "DROP changes the schema",
    "ALTER": "ALTER is an administration command", "GRANT": "GRANT is an administration command",
    "DENY": "DENY is an administration command", "REVOKE": "REVOKE is an administration command",
    "RENAME": "RENAME is an administration command", "START": "START DATABASE is an administration command",
    "STOP": "STOP DATABASE is an administration command", "TERMINATE": "TERMINATE is an administration command",
    "ENABLE": "ENABLE is an administration command", "DEALLOCATE": "DEALLOCATE is an administration command",
    "REALLOCATE": "REALLOCATE is an administration command", "USE": "USE would leave the configured database",
}
_WRITE_PHRASES = [
    (re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE), "LOAD CSV reads files or URLs from the server"),
    (re.compile(r"\bIN\s+(?:\d+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b", re.IGNORECASE),
     "CALL { ... } IN TRANSACTIONS writes"),
]
#: What ``SHOW`` may list (the rest - users, roles, privileges, transactions, settings, servers - administers).
_SHOWABLE = {"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "PROCEDURE", "PROCEDURES", "FUNCTION", "FUNCTIONS"}
#: Procedures that write, change the schema, reach outside, or administer.
_WRITE_PROCEDURE = re.compile(
    r"^(?:dbms\.|db\.create|db\.index\.fulltext\.(?:create|drop)|db\.clearQueryCaches|tx\.|apoc\..*"
    r"(?:create|merge|delete|refactor|periodic|load|import|export|trigger|drop|set|remove|nodes\.link|"
    r"cypher\.(?:run)?(?:write|doit|parallel|runMany|runFile|runSchema)|schema\.assert|lock))", re.IGNORECASE)

_TOKEN = re.compile(
    r"""
    (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<other>\S)
    """, re.DOTALL | re.VERBOSE)


def _tokens(query: str) -> list[tuple[str, str]]:
    out = []
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup or "other"
        if kind != "comment":
            out.append((kind, m.group()))
    return out


def check_read_only(query: str) -> None:
    """Refuse, with a clear ``InvalidQuery``, Cypher that writes or administers (also inside ``CALL { }``).

    Strings, comments and back-quoted names are skipped, and so are property keys (``n.set``), labels
    (``:Create``), map keys (``{create: 1}``) and parameters (``$merge``). The server enforces the same in
    its read access mode; this check only gives a better message, earlier.
    """
    if not query or not query.strip():
        raise InvalidQuery("empty Cypher query")
    for pattern, why in _WRITE_PHRASES:
        stripped = " ".join(tok for kind, tok in _tokens(query) if kind in ("word", "other"))
        if pattern.search(stripped):
            raise InvalidQuery(f"read-only Cypher: {why}; only queries that read are allowed", reason="write")
    tokens = _tokens(query)
    for i, (kind, tok) in enumerate(tokens):
        if kind != "word":
            continue
        before = tokens[i - 1][1] if i > 0 else ""
        after = tokens[i + 1][1] if i + 1 < len(tokens) else ""
        if before in (".", ":", "$") or after == ":" and before in ("{", ","):
            continue
        upper = tok.upper()
        if upper in _WRITE_WORDS:
            raise InvalidQuery(f"read-only Cypher: {_WRITE_WORDS[upper]}; only queries that read are allowed",
                               reason="write", keyword=upper)
        if upper == "SHOW" and not any(k == "word" for k, _ in tokens[:i]):  # a command starts the query
            following = [t.upper() for k, t in tokens[i + 1: i + 5] if k == "word"]
            if not any(w in _SHOWABLE for w in following):
                what = following[0] if following else ""
                raise InvalidQuery(f"read-only Cypher: SHOW {what} is an administration command; only SHOW "
                                   "INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS are allowed", reason="admin")
        if before.upper() == "CALL" and _WRITE_PROCEDURE.match(tok):
            raise InvalidQuery(f"read-only Cypher: the procedure {tok} writes or administers; "
                               "only queries that read are allowed", reason="write", procedure=tok)
