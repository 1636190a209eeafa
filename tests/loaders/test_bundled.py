"""The dataset shipped with the package: size, provenance, the seed article's facts, idempotent loading."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from graph.embedded import EmbeddedStore
from graph.ingest import load
from graph.store import FactQuery, GraphStore
from loaders import bundled_path, iter_fact_files, read_fact_file


def load_bundled(store: GraphStore) -> None:
    for path in iter_fact_files([bundled_path()]):
        load(store, read_fact_file(path))


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("bundled") / "b.sqlite3")
    load_bundled(store)
    return store


def test_the_dataset_is_big_enough(bundled: EmbeddedStore) -> None:
    stats = bundled.stats()
    by_type = stats["entities_by_type"]
    assert by_type["company"] >= 60 and by_type["person"] >= 20
    assert by_type.get("project", 0) + by_type.get("product", 0) >= 10
    assert stats["facts"] >= 200


def test_every_fact_cites_a_real_looking_source_and_a_note(bundled: EmbeddedStore) -> None:
    for fact in bundled.facts(FactQuery()):
        source = bundled.source(fact.source_id)
        assert source.url and re.match(r"https?://[^/\s]+\.[a-z]{2,}", source.url), source
        assert source.publisher, source
        assert fact.evidence and len(fact.evidence) >= 20, fact
        assert fact.extractor == "curated"
    # deals span 2019-2026; a leadership fact may date from when the person took the role
    dates = Counter(f.date[:4] for f in bundled.facts(FactQuery()) if f.date and f.relation != "leads")
    assert min(dates) >= "2019" and max(dates) <= "2026"


SEED = [  # every fact of the project's seed article (NVIDIA-OpenAI, September 2025)
    ("nvidia", "partners_with", "openai", {"date": "2025-09-22"}),
    ("nvidia", "supplies", "openai", {"power_gw": 10}),
    ("nvidia", "invests_in", "openai", {"amount_usd": 100e9, "qualifier": "up to", "date": "2025-09-22"}),
    ("nvidia", "develops", "vera-rubin", {}),
    ("sam-altman", "leads", "openai", {"role": "CEO"}),
    ("greg-brockman", "leads", "openai", {"role": "President"}),
    ("microsoft", "partners_with", "openai", {}),
    ("microsoft", "supplies", "openai", {}),
    ("openai", "member_of", "stargate", {}),
    ("oracle", "supplies", "openai", {"amount_usd": 300e9}),
    ("oracle", "partners_with", "openai", {}),
    ("softbank", "partners_with", "openai", {}),
    ("coreweave", "supplies", "nvidia", {"amount_usd": 6.3e9}),
    ("openai", "competes_with", "meta", {}),
    ("openai", "competes_with", "google", {}),
]


@pytest.mark.parametrize(("subject", "relation", "obj", "expected"), SEED)
def test_every_fact_of_the_seed_article_is_in_the_graph(bundled: EmbeddedStore, subject: str, relation: str,
                                                        obj: str, expected: dict) -> None:
    claims = bundled.facts(FactQuery(subject=subject, object=obj, relations=[relation]))
    assert claims, (subject, relation, obj)
    assert any(all(getattr(c, k) == v for k, v in expected.items()) for c in claims), claims


def test_loading_the_bundled_dataset_twice_adds_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = EmbeddedStore(tmp_path / "twice.sqlite3")
    load_bundled(store)
    before = store.stats()
    reports = [load(store, read_fact_file(p)) for p in iter_fact_files([bundled_path()])]
    assert sum(r.added for r in reports) == 0 and sum(r.entities_updated for r in reports) == 0
    assert store.stats() == before
    store.close()
