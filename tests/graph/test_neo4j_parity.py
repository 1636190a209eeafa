"""The Neo4j store answers exactly as the embedded store does, on the whole bundled dataset: counts, ordering,
ranking, filtering, projection (and the queries and exports built on it), errors and the review queue.

The bundled dataset is loaded once per module into both backends (the tests here only read it); the review
tests use the small sample graph on stores of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import neo4j
import networkx as nx
import pytest

from graph.embedded import EmbeddedStore
from graph.errors import EntityNotFound, GraphError, InvalidFact, NoPath, SourceNotFound
from graph.export import export_stream
from graph.ingest import load
from graph.model import EntityType, RawBatch, RawFact, Relation, Source, Status
from graph.neo4j_store import Neo4jStore
from graph.queries import edges_around, find_entity, find_paths, neighborhood
from graph.store import FactQuery, GraphStore
from loaders import bundled_path, iter_fact_files, read_fact_file
from tests.conftest import DATA
from tests.neo4j_fixtures import Neo4jTestServer

Pair = tuple[EmbeddedStore, Neo4jStore]


def load_bundled(store: GraphStore) -> list[dict[str, int]]:
    return [load(store, read_fact_file(path)).model_dump() for path in iter_fact_files([bundled_path()])]


@pytest.fixture(scope="module")
def bundled_pair(neo4j_server: Neo4jTestServer, neo4j_driver: neo4j.Driver,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    embedded = EmbeddedStore(tmp_path_factory.mktemp("parity") / "bundled.sqlite3")
    neo = Neo4jStore(neo4j_driver, database=neo4j_server.database, close_driver=False)
    neo.clear()
    reports = load_bundled(embedded), load_bundled(neo)
    assert reports[0] == reports[1]  # the same LoadReport, file by file
    assert sum(r["facts_added"] for r in reports[0]) > 100
    yield embedded, neo
    embedded.close()
    neo.close()


@pytest.fixture
def both(bundled_pair: Pair) -> Pair:
    embedded, neo = bundled_pair
    if neo.stats()["facts"] != embedded.stats()["facts"]:  # pragma: no cover - someone emptied the database
        neo.clear()
        load_bundled(neo)
    return bundled_pair


def _edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, list[str]]]:
    return [(s, o, k, [c.id for c in d["claims"]]) for s, o, k, d in graph.edges(keys=True, data=True)]


def _same_stats(a: GraphStore, b: GraphStore) -> None:
    assert {**a.stats(), "backend": "-"} == {**b.stats(), "backend": "-"}


def test_reloading_reports_the_same(both: Pair) -> None:
    embedded, neo = both
    assert load_bundled(embedded) == load_bundled(neo)
    _same_stats(embedded, neo)


def test_entities_sources_and_stats_are_the_same(both: Pair) -> None:
    embedded, neo = both
    _same_stats(embedded, neo)
    assert list(embedded.stats()) == list(neo.stats())  # the same keys in the same order
    assert embedded.entities() == neo.entities()
    for entity_type in EntityType:
        assert embedded.entities(entity_type) == neo.entities(entity_type)
    assert embedded.sources() == neo.sources()
    assert embedded.sources(limit=5, offset=3) == neo.sources(limit=5, offset=3)
    assert embedded.alias_table()._ids == neo.alias_table()._ids
    for entity in embedded.entities()[::5]:
        assert neo.entity(entity.id) == entity and neo.has_entity(entity.id)
        assert list(neo.entity(entity.id).attributes) == list(entity.attributes)
    for source in embedded.sources()[:30]:
        assert neo.source(source.id) == source and neo.has_source(source.id)


@pytest.mark.parametrize("query", [
    FactQuery(),
    FactQuery(entity="openai"),
    FactQuery(entity="nvidia", relations=[Relation.invests_in, Relation.supplies]),
    FactQuery(subject="microsoft"),
    FactQuery(object="openai", min_amount_usd=1e9),
    FactQuery(subject="openai", object="microsoft"),
    FactQuery(subject="microsoft", object="openai", relations=[Relation.partners_with]),
    FactQuery(relations=[Relation.partners_with, Relation.competes_with]),
    FactQuery(since="2025-01", until="2025-06"),
    FactQuery(as_of="2024-12-31", status=[Status.completed, Status.announced]),
    FactQuery(extractor="curated", limit=25, offset=10),
    FactQuery(entity="openai", limit=5, offset=2),
    FactQuery(relations=[]),
    FactQuery(entity="no-such-entity"),
])
def test_fact_queries_answer_the_same(both: Pair, query: FactQuery) -> None:
    embedded, neo = both
    expected = embedded.facts(query)
    assert neo.facts(query) == expected
    assert neo.count_facts(query) == embedded.count_facts(query)


def test_fact_queries_by_source_answer_the_same(both: Pair) -> None:
    embedded, neo = both
    for source in embedded.sources()[:10]:
        query = FactQuery(source=source.id)
        assert neo.facts(query) == embedded.facts(query)


@pytest.mark.parametrize("q", ["nvdia", "open ai", "Microsoft Corp", "altman", "a", "", "stargate", "goog",
                               "xai", "Société", "meta platforms", "zzzz"])
def test_search_ranks_the_same(both: Pair, q: str) -> None:
    embedded, neo = both
    assert neo.search(q) == embedded.search(q)
    assert neo.search(q, limit=100) == embedded.search(q, limit=100)
    assert neo.search(q, type=EntityType.person, limit=5, offset=1) == \
        embedded.search(q, type=EntityType.person, limit=5, offset=1)


def test_projection_and_the_queries_on_it_are_the_same(both: Pair) -> None:
    embedded, neo = both
    for as_of in (None, "2024-06-30", "2025"):
        a, b = embedded.projection(as_of), neo.projection(as_of)
        assert list(a.nodes(data=True)) == list(b.nodes(data=True))
        assert _edges(a) == _edges(b)
        assert [d["claims"] for *_, d in a.edges(data=True)] == [d["claims"] for *_, d in b.edges(data=True)]
    for entity in ("openai", "nvidia", "oracle", "microsoft"):
        for direction in ("in", "out", "both"):
            assert edges_around(embedded, entity, direction) == edges_around(neo, entity, direction)
        assert neighborhood(embedded, entity, depth=2) == neighborhood(neo, entity, depth=2)
    for a, b in (("nvidia", "meta"), ("oracle", "microsoft"), ("openai", "amd")):
        try:
            expected = find_paths(embedded, a, b, k=3)
        except NoPath:
            with pytest.raises(NoPath):
                find_paths(neo, a, b, k=3)
            continue
        assert find_paths(neo, a, b, k=3) == expected
    for name in ("Nvidia Corp", "Open AI", "OpenAl"):
        try:
            assert find_entity(neo, name) == find_entity(embedded, name)
        except EntityNotFound as exc:
            with pytest.raises(EntityNotFound) as again:
                find_entity(embedded, name)
            assert exc.details == again.value.details


@pytest.mark.parametrize("fmt", ["json", "csv", "graphml", "gexf"])
def test_exports_are_identical(both: Pair, fmt: str) -> None:
    embedded, neo = both
    a = "".join(export_stream(embedded, embedded.projection(), fmt))
    b = "".join(export_stream(neo, neo.projection(), fmt))
    if fmt == "gexf":  # it stamps the date
        a, b = (x.split("</meta>", 1)[-1] for x in (a, b))
    assert a == b


def test_errors_are_the_same(both: Pair) -> None:
    embedded, neo = both
    calls: list[tuple[type[Exception], Callable[[GraphStore], object]]] = [
        (EntityNotFound, lambda s: s.entity("nvdia")), (EntityNotFound, lambda s: s.entity("x")),
        (EntityNotFound, lambda s: edges_around(s, "opnai")),
        (SourceNotFound, lambda s: s.source("nope")), (SourceNotFound, lambda s: s.source("openai-nvidia")),
    ]
    for kind, call in calls:
        with pytest.raises(kind) as a:
            call(embedded)
        with pytest.raises(kind) as b:
            call(neo)
        assert (a.value.message, a.value.details) == (b.value.message, b.value.details)  # type: ignore[attr-defined]
    bad = RawBatch(origin="t", sources=[Source(id="s9", url="https://example.org/9")],
                   facts=[RawFact(subject="OpenAI", object="NVIDIA", fields={"relation": "leads", "role": "CEO",
                                                                              "source_id": "s9"}),
                          RawFact(subject="Nvidai", object="OpenAI", fields={"relation": "supplies",
                                                                              "source_id": "s9"})])
    problems = []
    for store in (embedded, neo):
        with pytest.raises(InvalidFact) as info:
            load(store, bad)
        problems.append(info.value.problems)
    assert problems[0] == problems[1] and len(problems[0]) == 2
    _same_stats(embedded, neo)


# ---------------------------------------------------------------------- the review queue, on the sample
@pytest.fixture
def sample_pair(neo4j_store_factory: Callable[[], Neo4jStore], tmp_path: Path) -> Iterator[Pair]:
    embedded = EmbeddedStore(tmp_path / "sample.sqlite3")
    neo = neo4j_store_factory()
    for store in (embedded, neo):
        load(store, read_fact_file(DATA / "sample.yaml"))
    yield embedded, neo
    embedded.close()


def test_the_review_queue_behaves_the_same(sample_pair: Pair) -> None:
    embedded, neo = sample_pair
    raw = RawBatch(origin="article", sources=[Source(id="a1", url="https://example.org/a1")],
                   facts=[RawFact(subject="Oracle", object="CoreWeave", location=f"a1:{i}",
                                  fields={"relation": "partners_with", "source_id": "a1", "extractor": "rules",
                                          "confidence": 0.3, "evidence": f"claim {i}"}) for i in range(3)])
    reports = [load(s, raw, review_threshold=0.6) for s in (embedded, neo)]
    assert reports[0] == reports[1] and reports[0].queued_for_review == 3
    again = [load(s, raw, review_threshold=0.6) for s in (embedded, neo)]
    assert again[0] == again[1] and again[1].queued_for_review == 0
    assert embedded.review_items() == neo.review_items()
    first, second = (item.id for item in embedded.review_items()[:2])
    for store in (embedded, neo):
        assert store.decide_review(first, accept=True).state == "accepted"
        assert store.decide_review(second, accept=False).state == "rejected"
    for call in (lambda s: s.decide_review(first, accept=False), lambda s: s.decide_review("nope", True)):
        errors = []
        for store in (embedded, neo):
            with pytest.raises(GraphError) as info:
                call(store)
            errors.append((info.value.message, info.value.details))
        assert errors[0] == errors[1]
    for state in ("pending", "accepted", "rejected", "other"):
        assert embedded.review_items(state) == neo.review_items(state)
    _same_stats(embedded, neo)
    assert embedded.facts(FactQuery(entity="coreweave")) == neo.facts(FactQuery(entity="coreweave"))
    assert _edges(embedded.projection()) == _edges(neo.projection())
    # an accepted claim loaded again later is "unchanged", on both
    accepted = [load(s, raw, review_threshold=None) for s in (embedded, neo)]
    assert accepted[0] == accepted[1] and accepted[0].facts_unchanged == 1
