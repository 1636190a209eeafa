"""Analytics on small hand-built graphs with known answers, on every backend (``store`` fixture)."""

from __future__ import annotations

import pytest

from graph import analytics as A
from graph.errors import EntityNotFound, InvalidQuery, NoPath
from graph.ingest import load
from graph.store import GraphStore
from loaders import parse_fact_file

ENTITIES = "".join(f"  - {{id: {e}, name: {e.upper()}, type: company}}\n" for e in "abcdefghi")

# A 3-loop a -> b -> c -> a (10B, 5B, 2B), a 2-loop d -> e -> d (3B, 1B), and a tree f -> g -> h, f -> i.
LOOPS = f"""
sources:
  - {{id: s1, url: "https://example.org/s1", title: One, publisher: Example, published: 2025-01-01}}
  - {{id: s2, url: "https://example.org/s2", title: Two, publisher: Example, published: 2025-03-01}}
entities:
{ENTITIES}
facts:
  - {{subject: a, relation: invests_in, object: b, amount_usd: 10000000000, date: 2025-01-10, source: s1}}
  - {{subject: c, relation: supplies, object: b, amount_usd: 5000000000, date: 2025-02-10, source: s1}}
  - {{subject: a, relation: supplies, object: c, amount_usd: 2000000000, date: 2025-03-10, source: s2}}
  - {{subject: d, relation: invests_in, object: e, amount_usd: 3000000000, date: 2025-01-20, source: s1}}
  - {{subject: d, relation: supplies, object: e, amount_usd: 1000000000, date: 2025-01-25, source: s2}}
  - {{subject: f, relation: invests_in, object: g, amount_usd: 1000000000, date: 2024, source: s1}}
  - {{subject: g, relation: invests_in, object: h, amount_usd: 1000000000, date: 2024, source: s1}}
  - {{subject: f, relation: supplies, object: i, amount_usd: 1000000000, date: 2024, source: s1}}
  - {{subject: f, relation: partners_with, object: h, date: 2024, source: s1}}
"""

TREE = f"""
sources: [{{id: s1, url: "https://example.org/s1"}}]
entities:
{ENTITIES}
facts:
  - {{subject: f, relation: invests_in, object: g, amount_usd: 1000000000, date: 2024, source: s1}}
  - {{subject: g, relation: invests_in, object: h, amount_usd: 1000000000, date: 2024, source: s1}}
  - {{subject: f, relation: supplies, object: i, date: 2024, source: s1}}
  - {{subject: h, relation: partners_with, object: f, date: 2024, source: s1}}
  - {{subject: i, relation: competes_with, object: g, date: 2024, source: s1}}
"""


def build(store: GraphStore, text: str) -> GraphStore:
    load(store, parse_fact_file(text, "test.yaml", "yaml"))
    return store


@pytest.fixture
def loops(store: GraphStore) -> GraphStore:
    return build(store, LOOPS)


# ----------------------------------------------------------------------------------------------- cycles
def test_cycles_finds_the_3_loop_and_the_2_loop_ranked_by_bottleneck(loops: GraphStore) -> None:
    result = A.cycles(loops.projection())
    assert [c["id"] for c in result["cycles"]] == ["a.b.c", "d.e"]
    three, two = result["cycles"]
    assert three["length"] == 3 and three["min_amount_usd"] == 2e9 and two["min_amount_usd"] == 1e9
    assert [s["amount_usd"] for s in three["steps"]] == [10e9, 5e9, 2e9]
    assert [(s["from"], s["to"]) for s in three["steps"]] == [("a", "b"), ("b", "c"), ("c", "a")]
    assert three["edge_keys"] == ["a|invests_in|b", "c|supplies|b", "a|supplies|c"]
    assert three["viz_url"] == "/viz?center=a&depth=2&highlight_edges=a|invests_in|b,c|supplies|b,a|supplies|c"
    assert three["path"] == "A \u2192 B \u2192 C \u2192 A"
    assert three["first_date"] == "2025-01-10" and three["last_date"] == "2025-03-10"
    assert three["committed"] and result["complete"] and result["stopped_by"] is None
    assert three["sources"] == ["s1", "s2"] and len(three["claims"]) == 3
    for step in three["steps"]:
        assert step["sources"] and all(e["sources"] and e["deals"][0]["claims"] for e in step["edges"])


def test_a_tree_has_no_loop(store: GraphStore) -> None:
    result = A.cycles(build(store, TREE).projection())
    assert result["cycles"] == [] and result["found"] == 0 and result["complete"]


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"min_amount_usd": 1.5e9}, ["a.b.c"]),
    ({"min_amount_usd": 2e9}, ["a.b.c"]),
    ({"min_amount_usd": 2.5e9}, []),
    ({"min_length": 3}, ["a.b.c"]),
    ({"max_length": 2}, ["d.e"]),
    ({"until": "2025-02"}, ["d.e"]),
    ({"since": "2025-01-15"}, ["d.e"]),
    ({"since": "2025-01-01", "until": "2025-12-31"}, ["a.b.c", "d.e"]),
    ({"relations": ["invests_in"]}, []),
    ({"relations": ["invests_in", "supplies"]}, ["a.b.c", "d.e"]),
    ({"through": ["c"]}, ["a.b.c"]),
    ({"through": ["a", "e"]}, []),
    ({"limit": 1}, ["a.b.c"]),
])
def test_cycle_filters(loops: GraphStore, kwargs: dict, expected: list[str]) -> None:  # type: ignore[type-arg]
    assert [c["id"] for c in A.cycles(loops.projection(), **kwargs)["cycles"]] == expected


def test_through_puts_the_entity_first(loops: GraphStore) -> None:
    (loop,) = A.cycles(loops.projection(), through=["c"])["cycles"]
    assert [e["id"] for e in loop["entities"]] == ["c", "a", "b"] and loop["id"] == "a.b.c"
    assert loop["viz_url"].startswith("/viz?center=c&depth=2&highlight_edges=")


def test_contingent_and_cancelled_deals(store: GraphStore) -> None:
    text = LOOPS.replace("amount_usd: 2000000000, date: 2025-03-10, source: s2",
                         "amount_usd: 2000000000, qualifier: up to, date: 2025-03-10, source: s2") \
                .replace("amount_usd: 1000000000, date: 2025-01-25, source: s2",
                         "amount_usd: 1000000000, date: 2025-01-25, status: cancelled, source: s2")
    graph = build(store, text).projection()
    result = A.cycles(graph)
    assert [c["id"] for c in result["cycles"]] == ["a.b.c"]  # the cancelled deal moves no money
    (loop,) = result["cycles"]
    assert not loop["committed"] and loop["min_committed_usd"] == 0 and loop["min_amount_usd"] == 2e9
    assert loop["steps"][2]["contingent_usd"] == 2e9 and loop["steps"][2]["committed_usd"] == 0
    assert A.cycles(graph, committed_only=True)["cycles"] == []


def test_loops_with_an_unpriced_step_rank_last(store: GraphStore) -> None:
    text = LOOPS + "  - {subject: f, relation: supplies, object: g, date: 2024, source: s1}\n"
    result = A.cycles(build(store, text).projection())
    assert [c["id"] for c in result["cycles"]] == ["a.b.c", "d.e", "f.g"]
    last = result["cycles"][-1]
    assert last["min_amount_usd"] is None and last["min_known_amount_usd"] == 1e9 and not last["all_amounts_known"]
    assert last["steps"][1]["unknown_amount_deals"] == 1
    assert [c["id"] for c in A.cycles(store.projection(), min_amount_usd=1)["cycles"]] == ["a.b.c", "d.e"]


def test_several_relations_between_two_ends_add_up(store: GraphStore) -> None:
    text = LOOPS + "  - {subject: b, relation: supplies, object: a, amount_usd: 500000000, date: 2025-04, source: s2}\n"
    (loop,) = [c for c in A.cycles(build(store, text).projection())["cycles"] if c["id"] == "a.b.c"]
    first = loop["steps"][0]
    assert first["amount_usd"] == 10.5e9 and [e["key"] for e in first["edges"]] == ["a|invests_in|b",
                                                                                     "b|supplies|a"]


def test_one_loop_by_id_and_errors(loops: GraphStore) -> None:
    graph = loops.projection()
    assert A.cycle(graph, "b.c.a") == A.cycles(graph)["cycles"][0]
    with pytest.raises(NoPath):
        A.cycle(graph, "a.c.b")
    with pytest.raises(InvalidQuery):
        A.cycle(graph, "a")
    with pytest.raises(EntityNotFound):
        A.cycle(graph, "a.zz")
    for bad in ({"max_length": 7}, {"min_length": 1}, {"min_length": 4, "max_length": 3}, {"limit": 0},
                {"min_amount_usd": -1}, {"since": "2025-13"}, {"relations": ["merges_with"]}):
        with pytest.raises(InvalidQuery):
            A.cycles(graph, **bad)
    with pytest.raises(EntityNotFound):
        A.cycles(graph, through=["nobody"])


def test_the_search_is_bounded(store: GraphStore) -> None:
    names = "abcdef"
    facts = "".join(f"  - {{subject: {x}, relation: invests_in, object: {y}, amount_usd: {1 + i * 7 + j}000000000, "
                    f"date: 2025, source: s1}}\n"
                    for i, x in enumerate(names) for j, y in enumerate(names) if x != y)
    graph = build(store, f"sources: [{{id: s1, url: 'https://example.org/s1'}}]\nentities:\n{ENTITIES}facts:\n"
                  + facts).projection()
    full = A.cycles(graph, limit=1000)
    assert full["found"] == 409 and full["complete"]  # every simple cycle of the complete digraph on 6 nodes
    capped = A.cycles(graph, max_cycles=10)
    assert capped["stopped_by"] == "max_cycles" and capped["scanned"] == 10 and not capped["complete"]
    top = A.cycles(graph, limit=3)
    assert top["complete"] and top["found"] < 409  # the best loops were settled on the big steps alone
    assert [c["id"] for c in top["cycles"]] == [c["id"] for c in full["cycles"][:3]]


# ------------------------------------------------------------------------------------------------- flows
FLOWS = """
sources:
  - {id: s1, url: "https://example.org/s1"}
  - {id: s2, url: "https://example.org/s2"}
entities:
  - {id: x, name: X, type: company}
  - {id: y, name: Y, type: company}
  - {id: z, name: Z, type: company}
  - {id: w, name: W, type: company}
  - {id: p, name: P, type: person}
facts:
  - {subject: x, relation: invests_in, object: y, amount_usd: 10000000000, date: 2024-05, source: s1}
  - {subject: x, relation: invests_in, object: y, amount_usd: 10000000000, date: 2024-05-02, source: s2}
  - {subject: x, relation: invests_in, object: y, amount_usd: 20000000000, qualifier: up to, date: 2025-02, source: s1}
  - {subject: z, relation: supplies, object: x, amount_usd: 5000000000, date: 2025-03, source: s1}
  - {subject: x, relation: supplies, object: w, amount_usd: 1000000000, status: rumored, date: 2025-04, source: s2}
  - {subject: x, relation: supplies, object: w, amount_usd: 7000000000, status: cancelled, date: 2023, source: s2}
  - {subject: w, relation: invests_in, object: x, date: 2022, source: s1}
  - {subject: p, relation: leads, object: x, role: CEO, source: s1}
  - {subject: x, relation: partners_with, object: z, date: 2025, source: s1}
"""


def test_flows_split_committed_from_contingent_by_counterparty_and_year(store: GraphStore) -> None:
    result = A.flows(build(store, FLOWS).projection(), "x")
    out, into = result["out"], result["in"]
    assert out["committed_usd"] == 15e9 and out["contingent_usd"] == 20e9  # the 10B reported twice counts once
    assert [(p["id"], p["committed_usd"], p["contingent_usd"]) for p in out["by_counterparty"]] == \
        [("y", 10e9, 20e9), ("z", 5e9, 0)]
    assert out["by_year"] == {"2024": {"committed_usd": 10e9, "contingent_usd": 0},
                              "2025": {"committed_usd": 5e9, "contingent_usd": 20e9}}
    assert into["committed_usd"] == 0 and into["contingent_usd"] == 1e9  # rumoured; the cancelled deal is out
    assert into["unknown_amount_deals"] == 1 and {p["id"] for p in into["by_counterparty"]} == {"w"}
    assert result["net_committed_usd"] == -15e9
    y = out["by_counterparty"][0]["edges"][0]
    assert y["key"] == "x|invests_in|y" and len(y["deals"]) == 2 and len(y["deals"][0]["claims"]) == 2
    assert y["deals"][0]["sources"] == ["s1", "s2"] and y["deals"][1]["contingent"]
    assert set(result["sources"]) == {"s1", "s2"}
    assert result["viz_url"].startswith("/viz?center=x&depth=1&highlight_edges=")
    cancelled = A.flows(store.projection(), "x", include_cancelled=True)
    assert cancelled["in"]["committed_usd"] == 7e9


def test_flows_filters(store: GraphStore) -> None:
    graph = build(store, FLOWS).projection()
    assert A.flows(graph, "x", since="2025")["out"]["committed_usd"] == 5e9
    assert A.flows(graph, "x", until="2024-12")["out"]["total_usd"] == 10e9
    assert A.flows(graph, "x", relations=["supplies"])["out"]["total_usd"] == 5e9
    assert A.flows(graph, "p")["in"]["by_counterparty"] == []
    with pytest.raises(EntityNotFound):
        A.flows(graph, "nobody")


def test_deals_group_reports_of_the_same_deal() -> None:
    from graph.model import Fact

    def f(**kw: object) -> Fact:
        return Fact(subject="a", relation="invests_in", object="b", source_id=str(kw.pop("src", "s")), **kw)

    deals = A.group_deals([f(amount_usd=10, date="2024-05"), f(amount_usd=12, date="2024-05-02", src="t"),
                           f(amount_usd=10, date="2023"), f(amount_usd=12), f(amount_usd=99)])
    assert [(d.date, d.amount_usd, len(d.claims)) for d in deals] == [("2023", 10, 1), ("2024-05", 12, 3),
                                                                      (None, 99, 1)]
    assert A.is_contingent(f(qualifier="up to")) and A.is_contingent(f(status="in_talks"))
    assert not A.is_contingent(f(qualifier="about", status="signed"))


# -------------------------------------------------------------------------------------------- influence
STAR = """
sources: [{id: s1, url: "https://example.org/s1"}]
entities:
  - {id: hub, name: Hub, type: company}
  - {id: big, name: Big, type: company}
  - {id: l1, name: L1, type: company}
  - {id: l2, name: L2, type: company}
  - {id: l3, name: L3, type: fund}
  - {id: l4, name: L4, type: fund}
  - {id: boss, name: Boss, type: person}
  - {id: lonely, name: Lonely, type: company}
facts:
  - {subject: hub, relation: supplies, object: big, amount_usd: 100000000000, source: s1}
  - {subject: hub, relation: supplies, object: l1, source: s1}
  - {subject: hub, relation: partners_with, object: l2, source: s1}
  - {subject: l3, relation: invests_in, object: hub, amount_usd: 1000000, source: s1}
  - {subject: l4, relation: invests_in, object: big, source: s1}
  - {subject: boss, relation: leads, object: hub, role: CEO, source: s1}
"""


@pytest.mark.parametrize("metric", ["degree", "pagerank", "betweenness"])
def test_the_hub_of_a_star_ranks_first(store: GraphStore, metric: str) -> None:
    graph = build(store, STAR).projection()
    result = A.rank(graph, metric=metric)
    assert result["items"][0]["id"] == "hub" and result["items"][0]["rank"] == 1
    assert result["items"][0]["evidence"][0]["key"] == "hub|supplies|big"  # the largest amount first
    assert result["items"][0]["evidence"][0]["sources"] == ["s1"]
    assert result["by_type"]["person"][0]["id"] == "boss"
    funds = A.rank(graph, metric=metric, type="fund")["items"]
    assert {i["type"] for i in funds} == {"fund"} and len(funds) == 2
    scores = {i["id"]: i["score"] for i in A.rank(graph, metric=metric, top=100)["items"]}
    assert scores["lonely"] == 0 or metric == "pagerank"
    assert scores["big"] >= scores["l1"]


def test_degree_and_betweenness_values(store: GraphStore) -> None:
    graph = build(store, STAR).projection()
    degree = {i["id"]: i["score"] for i in A.rank(graph, "degree", top=100)["items"]}
    assert degree == {"hub": 5, "big": 2, "l1": 1, "l2": 1, "l3": 1, "l4": 1, "boss": 1, "lonely": 0}
    between = {i["id"]: i["score"] for i in A.rank(graph, "betweenness", top=100)["items"]}
    assert between["l1"] == 0 and between["hub"] > between["big"] > 0
    sampled = A.rank(graph, "betweenness", k=3, top=100)
    assert sampled["approximate"] and sampled["k"] == 3


def test_weighted_pagerank_matches_networkx() -> None:
    import networkx as nx
    from networkx.algorithms.link_analysis import pagerank_alg

    reference = getattr(pagerank_alg, "_pagerank_python", None)
    if reference is None:
        pytest.skip("this networkx has no pure-Python pagerank to compare with")
    g = nx.gnp_random_graph(60, 0.08, seed=3, directed=True)
    for i, (u, v) in enumerate(g.edges):
        g[u][v]["weight"] = 1 + (i % 5)
    mine = A.weighted_pagerank(g, tol=1e-10, max_iter=500)
    theirs = reference(g, weight="weight", tol=1e-10, max_iter=500)
    assert max(abs(mine[n] - theirs[n]) for n in g) < 1e-8
    assert abs(sum(mine.values()) - 1) < 1e-9
    undirected = nx.Graph(g)
    mine = A.weighted_pagerank(undirected, tol=1e-10, max_iter=500)
    theirs = reference(undirected, weight="weight", tol=1e-10, max_iter=500)
    assert max(abs(mine[n] - theirs[n]) for n in g) < 1e-8


def test_strength_weights() -> None:
    assert A.strength(None) == 1 and A.strength(5e5) == 1 and A.strength(1e6) == 1
    assert A.strength(1e9) == pytest.approx(4) and A.strength(1e11) == pytest.approx(6)


def test_rank_rejects_bad_parameters(store: GraphStore) -> None:
    graph = build(store, STAR).projection()
    for bad in ({"metric": "fame"}, {"type": "planet"}, {"top": 0}, {"scope": "galaxy"}, {"k": 0}):
        with pytest.raises(InvalidQuery):
            A.rank(graph, **bad)


def test_money_scope_ranks_where_money_ends_up(store: GraphStore) -> None:
    graph = build(store, STAR).projection()
    result = A.rank(graph, "pagerank", scope="money", top=3)
    assert result["items"][0]["id"] == "hub"  # big pays hub $100B, l3 invests in hub


# ------------------------------------------------------------------------------------------- dependence
CHAIN = """
sources: [{id: s1, url: "https://example.org/s1"}, {id: s2, url: "https://example.org/s2"}]
entities:
  - {id: fab, name: Fab, type: company}
  - {id: maker, name: Maker, type: company}
  - {id: cloud, name: Cloud, type: company}
  - {id: rival, name: Rival, type: company}
  - {id: lab, name: Lab, type: company}
  - {id: vc1, name: VC1, type: fund}
  - {id: vc2, name: VC2, type: fund}
  - {id: misc, name: Misc, type: company}
facts:
  - {subject: fab, relation: supplies, object: maker, amount_usd: 10000000000, source: s1}
  - {subject: maker, relation: supplies, object: cloud, amount_usd: 6000000000, source: s1}
  - {subject: rival, relation: supplies, object: cloud, amount_usd: 3000000000, source: s2}
  - {subject: misc, relation: supplies, object: cloud, amount_usd: 1000000000, source: s2}
  - {subject: lab, relation: supplies, object: cloud, source: s2}
  - {subject: cloud, relation: supplies, object: lab, amount_usd: 4000000000, source: s1}
  - {subject: vc1, relation: invests_in, object: maker, amount_usd: 5000000000, source: s1}
  - {subject: vc2, relation: invests_in, object: maker, amount_usd: 15000000000, source: s2}
"""


def test_concentration_is_the_herfindahl_index_of_known_amounts(store: GraphStore) -> None:
    result = A.concentration(build(store, CHAIN).projection(), "cloud")
    suppliers = result["suppliers"]
    assert suppliers["hhi"] == pytest.approx(0.6 ** 2 + 0.3 ** 2 + 0.1 ** 2) and suppliers["level"] == "high"
    assert [(i["id"], i["share"]) for i in suppliers["inputs"]] == [("maker", pytest.approx(0.6)),
                                                                    ("rival", pytest.approx(0.3)),
                                                                    ("misc", pytest.approx(0.1)), ("lab", None)]
    assert suppliers["unknown_amount_counterparties"] == 1 and suppliers["hhi_by_count"] == 0.25
    assert suppliers["inputs"][0]["claims"] and suppliers["inputs"][0]["sources"] == ["s1"]
    assert result["customers"]["hhi"] == pytest.approx(1.0) and result["funders"]["hhi"] is None
    funders = A.concentration(store.projection(), "maker", side="funders")
    assert set(funders) >= {"funders"} and "suppliers" not in funders
    assert funders["funders"]["hhi"] == pytest.approx(0.25 ** 2 + 0.75 ** 2)
    assert funders["funders"]["level"] == "high" and funders["funders"]["top_share"] == pytest.approx(0.75)
    with pytest.raises(InvalidQuery):
        A.concentration(store.projection(), "maker", side="friends")  # type: ignore[arg-type]


def test_exposure_direct_and_through_a_chain(store: GraphStore) -> None:
    graph = build(store, CHAIN).projection()
    result = A.exposure(graph, "fab", k=2)
    rows = {r["id"]: r for r in result["dependents"]}
    assert rows["maker"]["share"] == pytest.approx(1.0) and rows["maker"]["hops"] == 1
    assert rows["maker"]["channels"]["supply"]["basis"] == "amount"
    assert rows["cloud"]["share"] == pytest.approx(0.6) and rows["cloud"]["path"] == ["fab", "maker", "cloud"]
    assert [s["channel"] for s in rows["cloud"]["steps"]] == ["supply", "supply"]
    assert all(s["claims"] and s["sources"] for s in rows["cloud"]["steps"])
    assert "cloud" not in {r["id"] for r in A.exposure(graph, "fab", k=1)["dependents"]}
    # lab buys all its supply from cloud, which depends on fab for 60% of its own: 1.0 * 0.6 * 1.0, three hops
    three = {r["id"]: r for r in A.exposure(graph, "fab", k=3)["dependents"]}
    assert three["lab"]["share"] == pytest.approx(0.6) and three["lab"]["path"] == ["fab", "maker", "cloud", "lab"]
    funding = {r["id"]: r for r in A.exposure(graph, "vc1", k=1)["dependents"]}
    assert funding["maker"]["channel"] == "funding" and funding["maker"]["share"] == pytest.approx(0.25)
    # cloud pays maker 6B of maker's 6B revenue: maker depends on cloud as a customer
    customers = {r["id"]: r for r in A.exposure(graph, "cloud", k=1)["dependents"]}
    assert customers["maker"]["channel"] == "revenue" and customers["maker"]["share"] == pytest.approx(1.0)
    assert A.exposure(graph, "fab", k=2, min_share=0.7)["total"] == 1
    with pytest.raises(InvalidQuery):
        A.exposure(graph, "fab", k=5)


# ------------------------------------------------------------------------------------------ communities
def test_communities_split_two_blocs_joined_by_one_weak_tie(store: GraphStore) -> None:
    left, right = ["a", "b", "c", "d"], ["e", "f", "g", "h"]
    facts = []
    for group in (left, right):
        for i, x in enumerate(group):
            for y in group[i + 1:]:
                facts.append(f"  - {{subject: {x}, relation: partners_with, object: {y}, source: s1}}")
    facts.append("  - {subject: a, relation: invests_in, object: b, amount_usd: 100000000000, source: s1}")
    facts.append("  - {subject: d, relation: partners_with, object: e, source: s1}")
    facts.append("  - {subject: h, relation: competes_with, object: a, source: s1}")
    text = f"sources: [{{id: s1, url: 'https://example.org/s1'}}]\nentities:\n{ENTITIES}facts:\n" + "\n".join(facts)
    graph = build(store, text).projection()
    result = A.communities(graph)
    assert [sorted(m["id"] for m in c["members"]) for c in result["communities"]] == [left, right]
    first = result["communities"][0]
    assert first["id"] == "bloc-1" and first["label"] == "A / B / D" and first["size"] == 4  # by strength
    assert first["viz_url"] == "/viz?center=a&depth=1&highlight_nodes=a,b,d,c"
    assert first["key_edges"][0]["key"] == "a|invests_in|b" and first["key_edges"][0]["sources"] == ["s1"]
    assert first["internal_edges"] == 7 and result["entities"] == 8  # i is isolated, left out
    assert A.communities(graph) == result  # a fixed seed: the same blocs every time
    assert result["modularity"] > 0.3


# ------------------------------------------------------------------------------------------------- time
HISTORY = """
sources:
  - {id: jan, url: "https://example.org/jan"}
  - {id: jun, url: "https://example.org/jun"}
  - {id: sep, url: "https://example.org/sep"}
entities:
  - {id: a, name: A, type: company}
  - {id: b, name: B, type: company}
  - {id: c, name: C, type: company}
  - {id: d, name: D, type: company}
facts:
  - {subject: a, relation: invests_in, object: b, amount_usd: 1000000000, status: announced, date: 2025-01-15, source: jan}
  - {subject: a, relation: supplies, object: c, date: 2025-01, source: jan}
  - {subject: a, relation: invests_in, object: b, amount_usd: 3000000000, status: completed, date: 2025-09-01, source: sep}
  - {subject: c, relation: partners_with, object: d, date: 2025-06-10, source: jun}
  - {subject: a, relation: supplies, object: c, status: signed, date: 2025-06-20, source: jun}
  - {subject: b, relation: competes_with, object: d, source: jun}
"""


def test_timeline_orders_dated_claims_and_counts_undated(store: GraphStore) -> None:
    graph = build(store, HISTORY).projection()
    result = A.timeline(graph, "a")
    assert [(e["date"], e["key"]) for e in result["events"]] == [
        ("2025-01", "a|supplies|c"), ("2025-01-15", "a|invests_in|b"), ("2025-06-20", "a|supplies|c"),
        ("2025-09-01", "a|invests_in|b")]
    assert result["events"][1]["source_id"] == "jan" and result["undated"] == 0
    assert result["by_year"] == {"2025": 4}
    everything = A.timeline(graph)
    assert everything["total"] == 5 and everything["undated"] == 1
    assert [e["date"] for e in A.timeline(graph, since="2025-06", until="2025-06")["events"]] == \
        ["2025-06-10", "2025-06-20"]
    assert A.timeline(graph, "a", relations=["supplies"])["total"] == 2


def test_snapshot_of_a_store_and_of_a_graph_agree(store: GraphStore) -> None:
    build(store, HISTORY)
    from_store = A.snapshot(store, "2025-06-15")
    from_graph = A.snapshot(store.projection(), "2025-06-15")
    keys = {(s, r, o) for s, o, r in from_store.edges(keys=True)}
    assert keys == {(s, r, o) for s, o, r in from_graph.edges(keys=True)}
    assert keys == {("a", "invests_in", "b"), ("a", "supplies", "c"), ("c", "partners_with", "d")}
    for s, o, r, data in from_graph.edges(keys=True, data=True):
        assert [c.id for c in data["claims"]] == [c.id for c in from_store[s][o][r]["claims"]]
    summary = A.summary(from_store)
    assert summary["entities"] == 4 and summary["edges"] == 3 and summary["largest"][0]["amount_usd"] == 1e9
    with pytest.raises(InvalidQuery):
        A.snapshot(store, "June")


def test_diff_across_known_dates(store: GraphStore) -> None:
    build(store, HISTORY)
    result = A.diff(store, "2025-03-01", "2025-12-31")
    assert [r["key"] for r in result["edges"]["added"]] == ["c|partners_with|d"]
    assert result["edges"]["removed"] == []
    changed = {r["key"]: r for r in result["edges"]["changed"]}
    assert set(changed) == {"a|invests_in|b", "a|supplies|c"}
    money = changed["a|invests_in|b"]
    assert money["changes"] == ["amount_usd", "status"]
    assert money["before"]["amount_usd"] == 1e9 and money["after"]["amount_usd"] == 3e9
    assert money["before"]["status"] == "announced" and money["after"]["status"] == "completed"
    assert money["sources"] == ["sep"] and len(money["new_claims"]) == 1
    assert changed["a|supplies|c"]["changes"] == ["status"] and changed["a|supplies|c"]["sources"] == ["jun"]
    assert [e["id"] for e in result["entities"]["added"]] == ["d"]
    assert result["entities"]["added"][0]["edges"] == ["c|partners_with|d"]
    assert result["counts"] == {"entities_added": 1, "entities_removed": 0, "edges_added": 1, "edges_removed": 0,
                                "edges_changed": 2}
    assert result["viz_url"] == ("/viz?as_of=2025-12-31&added=c|partners_with|d&removed="
                                 "&changed=a|invests_in|b,a|supplies|c")
    assert set(result["sources"]) == {"jun", "sep"}


def test_diff_of_two_graphs_and_its_reverse(store: GraphStore) -> None:
    build(store, HISTORY)
    early, late = store.projection(as_of="2025-03-01"), store.projection(as_of="2025-12-31")
    forward = A.diff(early, late, from_label="2025-03-01", to_label="2025-12-31")
    assert forward == A.diff(store, "2025-03-01", "2025-12-31")
    backward = A.diff(late, early)
    assert [r["key"] for r in backward["edges"]["removed"]] == ["c|partners_with|d"]
    assert [e["id"] for e in backward["entities"]["removed"]] == ["d"]
    around_a = A.diff(store, "2025-03-01", "2025-12-31", entity="a")
    assert around_a["edges"]["added"] == [] and around_a["counts"]["edges_changed"] == 2
    assert around_a["viz_url"].startswith("/viz?center=a&as_of=2025-12-31&added=&removed=&changed=")
    before_all = A.diff(store, "2024-01-01", "2025-01-31")
    assert {e["id"] for e in before_all["entities"]["added"]} == {"a", "b", "c"}
    for bad in (("2025-12-31", "2025-01-01"), ("2025-13-01", "2025-12-31")):
        with pytest.raises(InvalidQuery):
            A.diff(store, *bad)


# -------------------------------------------------------------------------------------------- conflicts
def test_conflicts_list_disagreeing_claims_side_by_side(store: GraphStore) -> None:
    text = HISTORY + """
  - {subject: a, relation: invests_in, object: b, amount_usd: 5000000000, date: 2025-09, source: jun}
  - {subject: c, relation: partners_with, object: d, date: 2025-06-10, source: sep}
"""
    graph = build(store, text).projection()
    result = A.conflicts(graph)
    assert result["total"] == 1 and result["by_field"] == {"amount_usd": 1}
    (row,) = result["edges"]
    assert row["key"] == "a|invests_in|b" and row["viz_url"] == "/viz?center=a&depth=1&highlight_edges=a|invests_in|b"
    (conflict,) = row["conflicts"]
    assert sorted(conflict["values"]) == [3e9, 5e9] and conflict["spread"] == pytest.approx(5 / 3)
    assert {(c["source_id"], c["amount_usd"]) for c in conflict["claims"]} == {("sep", 3e9), ("jun", 5e9)}
    assert A.conflicts(graph, entity="d")["total"] == 0
    assert A.conflicts(graph, field="status")["total"] == 0
    with pytest.raises(InvalidQuery):
        A.conflicts(graph, field="colour")


def test_cite_adds_urls_for_every_source(store: GraphStore) -> None:
    build(store, LOOPS)
    result = A.cite(A.cycles(store.projection()), store)
    assert set(result["source_index"]) == {"s1", "s2"}
    assert result["source_index"]["s1"]["url"] == "https://example.org/s1"
    claim = result["cycles"][0]["steps"][0]["edges"][0]["deals"][0]["claims"][0]
    assert claim["source_url"] == "https://example.org/s1"
