"""The store contract: every backend must pass every test here."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graph.errors import AlreadyDecided, EntityNotFound, InvalidFact, ReviewItemNotFound, SourceNotFound
from graph.ingest import load
from graph.model import Entity, EntityType, RawBatch, RawFact, Relation, Source, Status
from graph.store import FactQuery, GraphStore
from loaders import parse_fact_file, read_fact_file
from tests.conftest import DATA


def counts(store: GraphStore) -> tuple[int, int, int, int]:
    s = store.stats()
    return s["entities"], s["sources"], s["facts"], s["edges"]


def test_loading_a_file_adds_its_sources_entities_and_facts(sample_store: GraphStore) -> None:
    assert counts(sample_store) == (8, 3, 9, 9)
    assert sample_store.stats()["facts_by_relation"]["supplies"] == 4


def test_reloading_the_same_file_adds_nothing(sample_store: GraphStore) -> None:
    before = counts(sample_store)
    report = load(sample_store, read_fact_file(DATA / "sample.yaml"))
    assert report.added == 0 and report.facts_unchanged == 9
    assert counts(sample_store) == before


def test_a_file_with_one_bad_fact_loads_nothing(sample_store: GraphStore) -> None:
    before = counts(sample_store)
    text = """
sources: [{id: x1, url: "https://example.org/x1"}]
entities: [{id: newco, name: NewCo, type: company}]
facts:
  - {subject: newco, relation: invests_in, object: openai, source: x1}
  - {subject: newco, relation: supplies, object: openai, date: 2025-02-30, source: x1}
"""
    with pytest.raises(InvalidFact) as info:
        load(sample_store, parse_fact_file(text, "bad.yaml", "yaml"))
    assert "bad.yaml:6" in info.value.message and "date" in info.value.message
    assert counts(sample_store) == before
    assert not sample_store.has_entity("newco")


def test_entities_resolve_by_alias_case_and_corporate_suffix(sample_store: GraphStore) -> None:
    table = sample_store.alias_table()
    for name in ("NVIDIA Corporation", "Nvidia", "nvidia corp.", "NVIDIA, Inc."):
        assert table.resolve(name) == "nvidia", name
    assert table.resolve("Openai") == "openai"
    assert table.resolve("Metaculus") == "metaculus"
    assert table.resolve("Meta") == "meta"


def test_unknown_entity_error_suggests_close_names(sample_store: GraphStore) -> None:
    with pytest.raises(EntityNotFound) as info:
        sample_store.entity("nvdia")
    assert "nvidia" in info.value.details["suggestions"]


def test_search_is_typo_and_alias_tolerant(sample_store: GraphStore) -> None:
    assert sample_store.search("nvdia")[0][0].id == "nvidia"
    assert sample_store.search("Meta Platforms")[0][0].id == "meta"
    assert [e.id for e, _ in sample_store.search("o", type=EntityType.person)] == []
    people = sample_store.search("altman", type=EntityType.person)
    assert [e.id for e, _ in people] == ["sam-altman"]


@pytest.mark.parametrize(("query", "expected"), [
    (FactQuery(entity="openai", relations=[Relation.supplies]), 3),
    (FactQuery(subject="nvidia"), 4),
    (FactQuery(object="openai", min_amount_usd=50e9), 2),
    (FactQuery(as_of="2025-08-31"), 4),
    (FactQuery(since="2025-09-01"), 4),
    (FactQuery(until="2024-12-31"), 1),
    (FactQuery(source="t-cw"), 2),
    (FactQuery(status=[Status.announced]), 1),
    (FactQuery(subject="meta", object="openai"), 1),
    (FactQuery(entity="openai", limit=2, offset=4), 2),
])
def test_fact_queries_filter_as_documented(sample_store: GraphStore, query: FactQuery, expected: int) -> None:
    assert len(sample_store.facts(query)) == expected
    if query.limit is None:
        assert sample_store.count_facts(query) == expected


def test_facts_are_ordered_by_date_undated_last(sample_store: GraphStore) -> None:
    dates = [f.date for f in sample_store.facts(FactQuery(entity="openai"))]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[-1] is None


def test_projection_gathers_claims_per_edge_and_respects_as_of(sample_store: GraphStore) -> None:
    graph = sample_store.projection()
    assert graph.nodes["nvidia"]["type"] == "company"
    claims = graph["nvidia"]["openai"]["invests_in"]["claims"]
    assert claims[0].amount_usd == 100e9 and claims[0].qualifier == "up to"
    early = sample_store.projection(as_of="2025-09-01")
    assert not early.has_edge("nvidia", "openai", key="invests_in")
    assert early.has_edge("coreweave", "openai", key="supplies")


def test_disagreeing_claims_are_kept_side_by_side(sample_store: GraphStore) -> None:
    text = """
sources: [{id: other, url: "https://example.org/other", publisher: Other, published: 2025-09-23}]
facts:
  - {subject: NVIDIA, relation: invests_in, object: OpenAI, amount_usd: 10000000000, date: 2025-09,
     note: A first tranche only.}
"""
    load(sample_store, parse_fact_file(text, "other.yaml", "yaml"))
    from graph.queries import edges_around

    edge = next(e for e in edges_around(sample_store, "openai", "in") if e.relation == Relation.invests_in)
    assert len(edge.claims) == 2
    (conflict,) = edge.conflicts
    assert conflict["field"] == "amount_usd" and sorted(conflict["values"]) == [10e9, 100e9]
    assert {c.source_id for c in edge.claims} == {"t-loi", "other"}


def test_sources_and_unknown_source(sample_store: GraphStore) -> None:
    assert sample_store.source("t-loi").publisher == "Example News"
    assert [s.id for s in sample_store.sources(limit=1)] == ["t-loi"]
    with pytest.raises(SourceNotFound):
        sample_store.source("nope")


def test_entities_declared_twice_merge_aliases_and_refuse_a_type_change(sample_store: GraphStore) -> None:
    text = """
sources: [{id: s2, url: "https://example.org/s2"}]
entities: [{id: nvidia, name: NVIDIA, type: company, aliases: [Team Green]}]
facts: [{subject: Team Green, relation: partners_with, object: oracle}]
"""
    load(sample_store, parse_fact_file(text, "more.yaml", "yaml"))
    assert "Team Green" in sample_store.entity("nvidia").aliases
    bad = text.replace("type: company", "type: person").replace("Team Green", "Green Team")
    with pytest.raises(InvalidFact, match="declared as company and as person"):
        load(sample_store, parse_fact_file(bad, "bad.yaml", "yaml"))


def test_relation_types_are_checked(sample_store: GraphStore) -> None:
    raw = RawBatch(origin="t", sources=[Source(id="s9", url="https://example.org/9")],
                   facts=[RawFact(subject="OpenAI", object="NVIDIA", fields={"relation": "leads", "role": "CEO",
                                                                              "source_id": "s9"})])
    with pytest.raises(InvalidFact, match="leads needs a person"):
        load(sample_store, raw)


def test_review_queue_holds_low_confidence_extracted_facts(sample_store: GraphStore) -> None:
    raw = RawBatch(origin="article", sources=[Source(id="a1", url="https://example.org/a1")],
                   facts=[RawFact(subject="Oracle", object="CoreWeave",
                                  fields={"relation": "partners_with", "source_id": "a1", "extractor": "rules",
                                          "confidence": 0.3})])
    report = load(sample_store, raw, review_threshold=0.6)
    assert report.queued_for_review == 1 and report.facts_added == 0
    (item,) = sample_store.review_items()
    assert item.fact.subject == "oracle"
    before = sample_store.stats()["facts"]
    decided = sample_store.decide_review(item.id, accept=True)
    assert decided.state == "accepted"
    assert sample_store.stats()["facts"] == before + 1
    assert sample_store.review_items() == []
    assert [i.id for i in sample_store.review_items("accepted")] == [item.id]
    with pytest.raises(AlreadyDecided):
        sample_store.decide_review(item.id, accept=False)
    with pytest.raises(ReviewItemNotFound):
        sample_store.decide_review("no-such-item", accept=True)


def _one_claim(subject: str, obj: str, source: str, confidence: float = 0.9, extractor: str = "curated") -> RawBatch:
    return RawBatch(origin=source, sources=[Source(id=source, url=f"https://example.org/{source}")],
                    facts=[RawFact(subject=subject, object=obj, subject_type=EntityType.company,
                                   object_type=EntityType.company,
                                   fields={"relation": "partners_with", "source_id": source, "extractor": extractor,
                                           "confidence": confidence})])


def test_a_second_store_on_the_same_data_sees_loads_and_reloading_through_it_adds_nothing(
        store: GraphStore, open_again: Callable[[GraphStore], GraphStore]) -> None:
    other = open_again(store)
    load(other, read_fact_file(DATA / "sample.yaml"))
    assert store.stats() == other.stats()
    assert store.entity("openai") == other.entity("openai")
    report = load(store, read_fact_file(DATA / "sample.yaml"))
    assert report.added == 0 and report.facts_unchanged == 9
    assert counts(store) == counts(other) == (8, 3, 9, 9)


def test_loads_through_two_stores_on_the_same_data_count_each_claim_once(
        sample_store: GraphStore, open_again: Callable[[GraphStore], GraphStore]) -> None:
    other = open_again(sample_store)
    load(other, _one_claim("Oracle", "CoreWeave", "b1"))
    load(sample_store, _one_claim("OpenAI", "Broadcom", "a1"))
    load(other, _one_claim("Oracle", "CoreWeave", "b1"))  # known to both by now
    third = open_again(sample_store)
    for s in (sample_store, other, third):
        assert counts(s) == (9, 5, 11, 11)
        graph = s.projection()
        assert sum(len(d["claims"]) for _, _, d in graph.edges(data=True)) == 11


def test_a_review_decided_through_one_store_is_decided_for_the_other(
        sample_store: GraphStore, open_again: Callable[[GraphStore], GraphStore]) -> None:
    other = open_again(sample_store)
    load(sample_store, _one_claim("Oracle", "CoreWeave", "r1", confidence=0.3, extractor="rules"),
         review_threshold=0.6)
    (item,) = other.review_items()
    other.decide_review(item.id, accept=True)
    assert sample_store.review_items() == []
    assert counts(sample_store) == counts(other)
    with pytest.raises(AlreadyDecided):
        sample_store.decide_review(item.id, accept=False)


def test_entities_can_be_declared_without_facts(store: GraphStore) -> None:
    load(store, RawBatch(origin="e", entities=[Entity(id="acme", name="Acme", type=EntityType.fund)]))
    assert store.entity("acme").type == EntityType.fund
