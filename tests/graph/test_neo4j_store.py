"""The Neo4j backend on a real server: its graph model, idempotent and atomic loads, parity with the embedded
store on the bundled dataset, parameterised Cypher, and read-only Cypher for power users."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from graph import cypher
from graph.errors import ConfigurationError, EntityNotFound, GraphError, InvalidFact, InvalidQuery
from graph.ingest import load
from graph.model import Batch, Entity, EntityType, Fact, Relation, Source
from graph.neo4j_store import Neo4jStore
from graph.store import FactQuery
from loaders import bundled_path, iter_fact_files, parse_fact_file, read_fact_file
from tests.conftest import DATA
from tests.neo4j_fixtures import Neo4jTestServer

StoreFactory = Callable[[], Neo4jStore]


def graph_counts(store: Neo4jStore) -> tuple[int, int]:
    """Nodes and relationships in the whole database, as Neo4j counts them."""
    result = store.run_read_cypher("MATCH (n) RETURN count(n) AS n UNION ALL MATCH ()-[r]->() RETURN count(r) AS n")
    return result["rows"][0][0], result["rows"][1][0]


def load_bundled(store: Neo4jStore) -> list[dict[str, int]]:
    return [load(store, read_fact_file(path)).model_dump() for path in iter_fact_files([bundled_path()])]


@pytest.fixture
def neo(neo4j_store_factory: StoreFactory) -> Neo4jStore:
    return neo4j_store_factory()


@pytest.fixture
def sample_neo(neo: Neo4jStore) -> Neo4jStore:
    load(neo, read_fact_file(DATA / "sample.yaml"))
    return neo


# ------------------------------------------------------------------------------------ the graph model
def test_labels_and_relationship_types_follow_neo4j_conventions(sample_neo: Neo4jStore) -> None:
    rows = sample_neo.run_read_cypher("MATCH (e:Entity {id: $id}) RETURN labels(e) AS labels", {"id": "nvidia"})
    assert sorted(rows["rows"][0][0]) == ["Company", "Entity"]
    people = sample_neo.run_read_cypher("MATCH (p:Person) RETURN p.id")["rows"]
    assert people == [["sam-altman"]]
    assert sample_neo.run_read_cypher("MATCH (p:Project) RETURN p.id")["rows"] == [["stargate"]]
    types = sample_neo.run_read_cypher("MATCH ()-[r]->() RETURN DISTINCT type(r) AS t ORDER BY t")["rows"]
    assert [t for (t,) in types] == ["COMPETES_WITH", "INVESTS_IN", "LEADS", "MEMBER_OF", "SUPPLIES"]
    assert sample_neo.run_read_cypher("MATCH (s:Source) RETURN count(s)")["rows"] == [[3]]


def test_each_claim_is_a_relationship_with_its_source(sample_neo: Neo4jStore) -> None:
    rows = sample_neo.run_read_cypher(
        "MATCH (:Entity {id: 'nvidia'})-[r:INVESTS_IN]->(:Entity {id: 'openai'}) "
        "RETURN r.claim_id, r.source_id, r.source_url, r.amount_usd, r.qualifier, r.date")["rows"]
    (claim,) = sample_neo.facts(FactQuery(subject="nvidia", object="openai", relations=[Relation.invests_in]))
    assert rows == [[claim.id, "t-loi", "https://example.org/nvidia-openai", 100e9, "up to", "2025-09-22"]]
    # a second source about the same edge adds a parallel relationship, not a changed one
    text = """
sources: [{id: other, url: "https://example.org/other"}]
facts: [{subject: NVIDIA, relation: invests_in, object: OpenAI, amount_usd: 10000000000, date: 2025-09-23}]
"""
    load(sample_neo, parse_fact_file(text, "other.yaml", "yaml"))
    rows = sample_neo.run_read_cypher(
        "MATCH (:Entity {id: 'nvidia'})-[r:INVESTS_IN]->(:Entity {id: 'openai'}) RETURN r.source_id ORDER BY r.source_id")
    assert rows["rows"] == [["other"], ["t-loi"]]


def test_schema_has_uniqueness_constraints_and_a_fulltext_index(sample_neo: Neo4jStore) -> None:
    constraints = {r[0]: r[1:] for r in sample_neo.run_read_cypher(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties"
    )["rows"]}
    assert constraints["entity_id"] == ["UNIQUENESS", ["Entity"], ["id"]]
    assert constraints["source_id"] == ["UNIQUENESS", ["Source"], ["id"]]
    assert constraints["claim_id_invests_in"] == ["RELATIONSHIP_UNIQUENESS", ["INVESTS_IN"], ["claim_id"]]
    indexes = {r[0]: r[1:] for r in sample_neo.run_read_cypher(
        "SHOW INDEXES YIELD name, type, state, properties RETURN name, type, state, properties")["rows"]}
    assert indexes[cypher.FULLTEXT_INDEX] == ["FULLTEXT", "ONLINE", ["name", "aliases"]]
    hits = sample_neo.run_read_cypher(
        "CALL db.index.fulltext.queryNodes($index, $q) YIELD node, score RETURN node.id",
        {"index": cypher.FULLTEXT_INDEX, "q": "platforms"})["rows"]
    assert hits == [["meta"]]


def test_the_schema_is_created_once_and_is_idempotent(neo: Neo4jStore, neo4j_server: Neo4jTestServer) -> None:
    before = len(neo.run_read_cypher("SHOW CONSTRAINTS YIELD name RETURN name")["rows"])
    neo._schema_ready = False
    neo.ensure_schema()
    driver = neo4j_server.driver()
    try:
        Neo4jStore(driver, close_driver=False).ensure_schema()
    finally:
        driver.close()
    assert len(neo.run_read_cypher("SHOW CONSTRAINTS YIELD name RETURN name")["rows"]) == before


# ------------------------------------------------------------------------------ loads: idempotent, atomic
def test_loading_the_bundled_dataset_twice_changes_no_count(neo: Neo4jStore) -> None:
    first = load_bundled(neo)
    assert sum(r["facts_added"] for r in first) > 100
    counts = graph_counts(neo)
    stats = neo.stats()
    second = load_bundled(neo)
    assert sum(r["facts_added"] + r["sources_added"] + r["entities_added"] + r["entities_updated"]
               for r in second) == 0
    assert sum(r["facts_unchanged"] for r in second) == sum(r["facts_added"] + r["facts_unchanged"] for r in first)
    assert graph_counts(neo) == counts
    assert neo.stats() == stats


def test_a_file_with_a_bad_row_loads_nothing_into_neo4j(neo: Neo4jStore) -> None:
    text = """
sources: [{id: x1, url: "https://example.org/x1"}]
entities: [{id: newco, name: NewCo, type: company}, {id: other, name: Other, type: company}]
facts:
  - {subject: newco, relation: invests_in, object: other, source: x1}
  - {subject: newco, relation: supplies, object: other, date: 2025-13-01, source: x1}
"""
    with pytest.raises(InvalidFact):
        load(neo, parse_fact_file(text, "bad.yaml", "yaml"))
    assert graph_counts(neo) == (0, 0)
    load(neo, read_fact_file(DATA / "sample.yaml"))
    before = graph_counts(neo)
    with pytest.raises(InvalidFact):
        load(neo, parse_fact_file(text, "bad.yaml", "yaml"))
    assert graph_counts(neo) == before


def test_a_batch_that_fails_in_the_database_is_rolled_back_whole(sample_neo: Neo4jStore) -> None:
    """A claim naming an entity that exists nowhere fails the transaction: sources and entities written
    before it in the same batch are not kept."""
    before = graph_counts(sample_neo), sample_neo.stats()
    batch = Batch(origin="broken", sources=[Source(id="s-new", url="https://example.org/new")],
                  entities=[Entity(id="fresh", name="Fresh", type=EntityType.company)],
                  facts=[Fact(subject="fresh", relation=Relation.invests_in, object="ghost", source_id="s-new")])
    with pytest.raises(GraphError, match="not in the store"):
        sample_neo.apply(batch)
    assert (graph_counts(sample_neo), sample_neo.stats()) == before
    assert not sample_neo.has_entity("fresh") and not sample_neo.has_source("s-new")


def test_large_batches_are_written_in_chunks_in_one_transaction(neo: Neo4jStore,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.neo4j_store as module

    monkeypatch.setattr(module, "CHUNK_ROWS", 7)
    entities = [Entity(id=f"org-{i}", name=f"Org {i}", type=EntityType.company) for i in range(30)]
    sources = [Source(id=f"src-{i}", url=f"https://example.org/{i}") for i in range(10)]
    facts = [Fact(subject=f"org-{i}", relation=Relation.supplies, object=f"org-{(i + 1) % 30}",
                  source_id=f"src-{i % 10}", date="2025") for i in range(30)]
    report = neo.apply(Batch(origin="big", sources=sources, entities=entities, facts=facts))
    assert (report.entities_added, report.sources_added, report.facts_added) == (30, 10, 30)
    assert graph_counts(neo) == (40 + 1, 30)  # + the sequence counter node
    again = neo.apply(Batch(origin="big", sources=sources, entities=entities, facts=facts + facts[:3]))
    assert (again.added, again.facts_unchanged, again.entities_unchanged) == (0, 33, 30)


# ------------------------------------------------------------------------------- parameters, never text
@pytest.mark.parametrize("evil", ["x'}) DETACH DELETE n //", "\" OR 1=1 //", "nvidia`]-() DELETE r //",
                                  "$id", "{id: 'nvidia'}"])
def test_user_input_is_never_cypher(sample_neo: Neo4jStore, evil: str) -> None:
    before = graph_counts(sample_neo)
    assert not sample_neo.has_entity(evil) and not sample_neo.has_source(evil)
    with pytest.raises(EntityNotFound):
        sample_neo.entity(evil)
    assert sample_neo.facts(FactQuery(entity=evil)) == [] and sample_neo.facts(FactQuery(source=evil)) == []
    sample_neo.search(evil)
    assert graph_counts(sample_neo) == before


def test_labels_and_types_come_only_from_the_vocabulary() -> None:
    assert cypher.relationship_type(Relation.invests_in) == "INVESTS_IN"
    assert cypher.entity_label(EntityType.government) == "Government"
    for bad in ("DROP", "invests_in]->() DELETE r //", ""):
        with pytest.raises(ValueError):
            cypher.relationship_type(bad)
        with pytest.raises(ValueError):
            cypher.entity_label(bad)
    assert cypher.claim_pattern_types([Relation.supplies, Relation.acquires]) == "ACQUIRES|SUPPLIES"


def test_every_statement_takes_its_values_as_parameters() -> None:
    statements = [*cypher.schema_statements(), cypher.next_sequence(), cypher.merge_sources(), cypher.wipe(),
                  cypher.merge_review_items(), cypher.all_sources(), cypher.review_items(), *cypher.stats()]
    statements += [cypher.merge_claims(r) for r in Relation] + [cypher.merge_entities(t) for t in EntityType]
    for stmt in statements:
        assert "'" not in stmt.replace("'sequence'", "").replace("'pending'", "").replace("'ONLINE'", ""), stmt


# ------------------------------------------------------------------------------ read-only Cypher
def test_read_cypher_returns_json_ready_rows(sample_neo: Neo4jStore) -> None:
    result = sample_neo.run_read_cypher(
        "MATCH p = (a:Entity {id: $id})-[r:INVESTS_IN]->(b) RETURN a, r, b.name AS name, p, date('2025-01-02') AS d",
        {"id": "nvidia"})
    assert result["columns"] == ["a", "r", "name", "p", "d"] and result["truncated"] is False
    rows = sorted(result["rows"], key=lambda row: row[2])
    node, rel, name, path, day = rows[0]
    assert node["labels"] == ["Company", "Entity"] and node["properties"]["id"] == "nvidia"
    assert rel["type"] == "INVESTS_IN" and rel["start"] == node["element_id"]
    assert name == "CoreWeave" and len(path["relationships"]) == 1 and day == "2025-01-02"
    import json

    json.dumps(result)


def test_read_cypher_caps_rows(sample_neo: Neo4jStore) -> None:
    result = sample_neo.run_read_cypher("UNWIND range(1, 100000) AS x RETURN x", row_cap=10)
    assert result["row_count"] == 10 and result["truncated"] is True and result["rows"][-1] == [10]
    assert sample_neo.run_read_cypher("UNWIND range(1, 10) AS x RETURN x", row_cap=10)["truncated"] is False


def test_read_cypher_times_out(sample_neo: Neo4jStore) -> None:
    started = time.monotonic()
    with pytest.raises(InvalidQuery, match="longer than 0.5 s"):
        sample_neo.run_read_cypher("UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(*)",
                                   timeout_s=0.5)
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("query", [
    "CREATE (n:Entity {id: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Entity) SET n.name = 'x' RETURN n",
    "MERGE (n:Entity {id: 'x'}) RETURN n",
    "MATCH (n) REMOVE n:Entity",
    "MATCH (n) CALL { WITH n CREATE (m:Copy) } RETURN count(*)",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS RETURN 1",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "load   csv with headers from 'https://example.org/x.csv' AS row RETURN row",
    "UNWIND [1] AS x FOREACH (i IN [x] | CREATE (:X))",
    "CALL db.createLabel('Evil')",
    "CALL dbms.killQueries(['1'])",
    "DROP CONSTRAINT entity_id",
    "CREATE INDEX evil FOR (n:Entity) ON (n.x)",
    "USE system SHOW USERS",
    "SHOW TRANSACTIONS",
    "SHOW USER PRIVILEGES",
    "SHOW SETTINGS YIELD name",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "MATCH (n) /* comment */ create (m)",
])
def test_read_cypher_refuses_writes_up_front(sample_neo: Neo4jStore, query: str) -> None:
    before = graph_counts(sample_neo)
    with pytest.raises(InvalidQuery, match="read-only Cypher"):
        sample_neo.run_read_cypher(query)
    assert graph_counts(sample_neo) == before


@pytest.mark.parametrize("query", [
    "MATCH (n:Entity) WHERE n.name CONTAINS 'CREATE' RETURN n.id",
    "MATCH (n:Entity) RETURN n.set, n.`delete` AS `merge`, {create: 1} AS m, $remove AS p",
    "// CREATE (n)\nMATCH (n:Entity) RETURN count(n)",
    "MATCH (n:Entity) WHERE n.id = \"a\\\"b CREATE\" RETURN n",
    "CALL db.labels() YIELD label RETURN label",
    "SHOW INDEXES YIELD name RETURN name",
    "SHOW ALL CONSTRAINTS",
    "SHOW USER DEFINED FUNCTIONS YIELD name RETURN count(*)",
    "MATCH (n:Entity) WHERE n.id STARTS WITH 'open' RETURN n.id AS show ORDER BY show",
])
def test_read_cypher_allows_reads_that_mention_write_words(sample_neo: Neo4jStore, query: str) -> None:
    sample_neo.run_read_cypher(query, {"remove": 1})


def test_the_server_refuses_writes_even_past_the_check(sample_neo: Neo4jStore,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The read access mode is the real guard: with the up-front check switched off, the server says no."""
    monkeypatch.setattr(cypher, "check_read_only", lambda query: None)
    before = graph_counts(sample_neo)
    for query in ("CREATE (n:Evil) RETURN n", "MATCH (n) CALL { WITH n DETACH DELETE n } RETURN count(*)"):
        with pytest.raises(InvalidQuery, match="read-only Cypher: the server refused a write"):
            sample_neo.run_read_cypher(query)
    assert graph_counts(sample_neo) == before


def test_read_cypher_reports_syntax_errors_and_bad_arguments(sample_neo: Neo4jStore) -> None:
    with pytest.raises(InvalidQuery, match="Cypher error"):
        sample_neo.run_read_cypher("MATCH (n RETURN n")
    with pytest.raises(InvalidQuery, match="empty"):
        sample_neo.run_read_cypher("  ")
    with pytest.raises(InvalidQuery, match="row_cap"):
        sample_neo.run_read_cypher("RETURN 1", row_cap=0)
    with pytest.raises(InvalidQuery, match="timeout"):
        sample_neo.run_read_cypher("RETURN 1", timeout_s=0)


# ------------------------------------------------------------------------------------------ settings
def test_the_factory_opens_neo4j_from_settings(neo: Neo4jStore, neo4j_server: Neo4jTestServer) -> None:
    from graph.factory import open_store

    store = open_store(neo4j_server.settings())
    try:
        assert isinstance(store, Neo4jStore) and store.backend == "neo4j"
        load(store, read_fact_file(DATA / "sample.yaml"))
        assert neo.stats()["facts"] == 9  # the same database
    finally:
        store.close()


def test_wrong_credentials_and_database_are_configuration_errors(neo4j_server: Neo4jTestServer) -> None:
    if neo4j_server.password is None:
        pytest.skip("this server runs without authentication")
    from graph.factory import open_store

    with pytest.raises(ConfigurationError, match="refused the credentials"):
        open_store(neo4j_server.settings(neo4j_password="wrong-password"))
    with pytest.raises(ConfigurationError, match="no database 'nosuchdb'"):
        open_store(neo4j_server.settings(neo4j_database="nosuchdb"))


def test_a_bad_uri_is_a_configuration_error(neo4j_server: Neo4jTestServer) -> None:
    from graph.neo4j_store import connect

    for uri in ("http://127.0.0.1:7474", "127.0.0.1:7687", "ftp://example.org"):
        with pytest.raises(ConfigurationError, match="ALLIANCES_NEO4J_URI"):
            connect(neo4j_server.settings(neo4j_uri=uri))


def test_the_retry_budget_and_connect_timeout_come_from_settings(neo4j_server: Neo4jTestServer) -> None:
    from graph.neo4j_store import connect

    driver = connect(neo4j_server.settings(neo4j_retry_seconds=15, neo4j_connect_timeout=4.5))
    try:
        assert driver._default_workspace_config.max_transaction_retry_time == 15  # no public getter
        assert driver._pool.pool_config.connection_timeout == 4.5
        assert driver._default_workspace_config.connection_acquisition_timeout == 9.0
    finally:
        driver.close()
