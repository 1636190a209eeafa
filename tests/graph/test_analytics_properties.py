"""Analytics against networkx on random projections built directly (no store): the same loops, the same order."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import analytics as A
from graph.model import RELATIONS, Fact, Relation

NODES = [f"n{i}" for i in range(7)]
MONEY = [Relation.invests_in, Relation.supplies, Relation.acquires]

edge = st.tuples(st.sampled_from(NODES), st.sampled_from(NODES), st.sampled_from(MONEY + [Relation.partners_with]),
                 st.one_of(st.none(), st.sampled_from([1e6, 5e8, 1e9, 2e9, 3e10, 1e11])))


def projection(edges: list[tuple[str, str, Relation, float | None]], reverse: bool = False) -> nx.MultiDiGraph:
    """A projection with one claim per edge (the first given); ``reverse`` inserts nodes and edges backwards."""
    facts: dict[tuple[str, str, str], Fact] = {}
    for s, o, r, amount in edges:
        if s != o:
            fact = Fact(subject=s, relation=r, object=o, amount_usd=amount, date="2025-01", source_id="src")
            facts.setdefault(fact.key, fact)
    g = nx.MultiDiGraph()
    g.add_nodes_from((n, {"name": n.upper(), "type": "company"}) for n in (NODES[::-1] if reverse else NODES))
    for (s, r, o), fact in (list(facts.items())[::-1] if reverse else facts.items()):
        g.add_edge(s, o, key=r, relation=r, claims=[fact])
    return g


def reference(g: nx.MultiDiGraph, max_length: int, min_amount: float | None) -> dict[str, float | None]:
    """Loops by brute force: networkx's simple_cycles on the money digraph, bottleneck by hand."""
    amounts: dict[tuple[str, str], list[float]] = {}
    for s, o, r, data in g.edges(keys=True, data=True):
        direction = RELATIONS[Relation(r)].cash_direction
        if not direction:
            continue
        payer, payee = (s, o) if direction > 0 else (o, s)
        amounts.setdefault((payer, payee), []).extend(c.amount_usd for c in data["claims"]
                                                      if c.amount_usd is not None)
    flow = nx.DiGraph()
    for (u, v), a in amounts.items():
        total = sum(a) if a else None
        if min_amount is None or (total is not None and total >= min_amount):
            flow.add_edge(u, v, amount=total)
    out = {}
    for loop in nx.simple_cycles(flow, length_bound=max_length):
        steps = [flow[u][v]["amount"] for u, v in zip(loop, loop[1:] + loop[:1], strict=False)]
        out[A.cycle_id(loop)] = None if None in steps else min(steps)  # type: ignore[type-var]
    return out


@settings(max_examples=150, deadline=None)
@given(edges=st.lists(edge, max_size=30), max_length=st.integers(2, 6),
       min_amount=st.one_of(st.none(), st.sampled_from([1e6, 1e9, 5e9])))
def test_cycles_finds_exactly_the_loops_networkx_finds(edges: list, max_length: int,  # type: ignore[type-arg]
                                                       min_amount: float | None) -> None:
    g = projection(edges)
    expected = reference(g, max_length, min_amount)
    result = A.cycles(g, max_length=max_length, min_amount_usd=min_amount, limit=1000)
    assert result["complete"]
    assert {c["id"]: c["min_amount_usd"] for c in result["cycles"]} == expected
    ranked = [c["min_amount_usd"] for c in result["cycles"]]
    known = [a for a in ranked if a is not None]
    assert known == sorted(known, reverse=True) and ranked[:len(known)] == known  # priced loops first


@settings(max_examples=60, deadline=None)
@given(edges=st.lists(edge, min_size=5, max_size=30), limit=st.integers(1, 5))
def test_the_top_loops_do_not_depend_on_the_limit(edges: list, limit: int) -> None:  # type: ignore[type-arg]
    g = projection(edges)
    everything = A.cycles(g, limit=1000)["cycles"]
    top = A.cycles(g, limit=limit)
    assert top["complete"]
    assert [c["min_amount_usd"] for c in top["cycles"]] == [c["min_amount_usd"] for c in everything[:limit]]


@settings(max_examples=60, deadline=None)
@given(edges=st.lists(edge, max_size=30))
def test_money_in_is_money_out_across_the_graph(edges: list) -> None:  # type: ignore[type-arg]
    g = projection(edges)
    flows = [A.flows(g, n) for n in NODES]
    assert sum(f["in"]["total_usd"] for f in flows) == sum(f["out"]["total_usd"] for f in flows)
    assert abs(sum(f["net_total_usd"] for f in flows)) < 1e-3


@settings(max_examples=40, deadline=None)
@given(edges=st.lists(edge, max_size=30))
def test_communities_and_ranks_do_not_depend_on_edge_order(edges: list) -> None:  # type: ignore[type-arg]
    forward, backward = projection(edges), projection(edges, reverse=True)
    assert A.communities(forward) == A.communities(backward)
    for metric in ("degree", "pagerank", "betweenness"):
        a, b = A.rank(forward, metric, top=7), A.rank(backward, metric, top=7)
        assert [i["id"] for i in a["items"]] == [i["id"] for i in b["items"]]


def pairwise_deals(claims: list[Fact]) -> set[frozenset[str]]:
    """Deals by the definition, pair by pair (quadratic): dates agree, or one is undated and the amounts
    are within 2%; then the connected groups."""
    from graph.model import dates_agree

    groups = [{c.id} for c in claims]
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            same = dates_agree(a.date, b.date) or (
                (a.date is None or b.date is None) and a.amount_usd is not None and b.amount_usd is not None
                and max(a.amount_usd, b.amount_usd) <= min(a.amount_usd, b.amount_usd) * 1.02)
            if same:
                ga = next(g for g in groups if a.id in g)
                gb = next(g for g in groups if b.id in g)
                if ga is not gb:
                    ga |= gb
                    groups.remove(gb)
    return {frozenset(g) for g in groups}


claim = st.builds(
    lambda date, amount, src: Fact(subject="a", relation=Relation.invests_in, object="b", date=date,
                                   amount_usd=amount, source_id=src),
    st.one_of(st.none(), st.sampled_from(["2024", "2025", "2025-09", "2025-10", "2025-09-01", "2025-09-30",
                                          "2025-10-02"])),
    st.one_of(st.none(), st.sampled_from([1e9, 1.01e9, 1.03e9, 2e9, 5e9])),
    st.sampled_from(["s1", "s2", "s3", "s4"]))


@settings(max_examples=300, deadline=None)
@given(claims=st.lists(claim, min_size=1, max_size=12, unique_by=lambda c: c.id))
def test_deal_grouping_matches_its_pairwise_definition(claims: list[Fact]) -> None:
    deals = A.group_deals(claims)
    assert {frozenset(c.id for c in d.claims) for d in deals} == pairwise_deals(claims)
    assert sum(len(d.claims) for d in deals) == len(claims)
