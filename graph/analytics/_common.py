"""Shared pieces of the analytics: claims grouped into deals, money-flow edges, citations, viewer links.

Every analytics function takes the networkx projection of a store (``store.projection(as_of=...)``):
nodes are entity ids (attrs ``name``, ``type``, ...), one edge per (subject, relation, object) keyed by
relation with ``claims`` (``graph.model.Fact``, sorted by date). Nothing here touches a store, so both
backends share every result.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx

from ..errors import EntityNotFound, InvalidQuery
from ..gcpause import collector_paused
from ..model import RELATIONS, Fact, Relation, Status, parse_partial_date
from ..resolve import suggest

__all__ = [
    "strongest_edges",
    "CONTINGENT_QUALIFIERS",
    "CONTINGENT_STATUSES",
    "MONEY_RELATIONS",
    "Deal",
    "MoneyEdge",
    "check_date",
    "check_entity",
    "check_relations",
    "cite",
    "claim_filter",
    "claim_ref",
    "edge_key",
    "edge_weight",
    "entity_ref",
    "gc_paused",
    "group_deals",
    "is_contingent",
    "money_edges",
    "sources_of",
    "strength",
    "viz_url",
]

#: Decorates the analytics: see ``graph.gcpause`` (the benchmark's money-flow build runs 3x faster).
gc_paused = collector_paused()


#: Money on these terms may never change hands: "up to" ceilings, rumours and talks.
CONTINGENT_QUALIFIERS = frozenset({"up to"})
CONTINGENT_STATUSES = frozenset({Status.rumored, Status.in_talks})
#: Relations that move money (``RELATIONS[r].cash_direction != 0``).
MONEY_RELATIONS = tuple(r for r, spec in RELATIONS.items() if spec.cash_direction)

_STATUS_RANK = {Status.cancelled: -1, Status.rumored: 0, Status.in_talks: 1, Status.announced: 2,
                Status.signed: 3, Status.completed: 4}


def is_contingent(fact: Fact) -> bool:
    """An "up to" amount, or a rumoured deal or one still in talks."""
    return (fact.qualifier or "").strip().lower() in CONTINGENT_QUALIFIERS or fact.status in CONTINGENT_STATUSES


def edge_key(subject: str, relation: str, obj: str) -> str:
    """``subject|relation|object``: how results and viewer links name an edge."""
    return f"{subject}|{relation}|{obj}"


def claim_ref(fact: Fact) -> dict[str, Any]:
    """A claim as analytics results cite it: its id, its source and the values it states."""
    return {
        "id": fact.id,
        "source_id": fact.source_id,
        "subject": fact.subject,
        "relation": fact.relation.value,
        "object": fact.object,
        "date": fact.date,
        "amount_usd": fact.amount_usd,
        "qualifier": fact.qualifier,
        "status": fact.status.value if fact.status else None,
        "power_gw": fact.power_gw,
        "equity_pct": fact.equity_pct,
        "contingent": is_contingent(fact),
    }


def entity_ref(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    data = graph.nodes[node] if node in graph else {}
    return {"id": node, "name": data.get("name", node), "type": data.get("type")}


def check_entity(graph: nx.MultiDiGraph, entity: str) -> str:
    """``entity`` if the graph has it, else ``EntityNotFound`` with the closest ids."""
    if entity not in graph:
        raise EntityNotFound(entity, suggest(entity, list(graph.nodes), limit=3))
    return entity


def check_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        raise InvalidQuery(f"{name}: {exc}", **{name: value}) from None


def check_relations(relations: Iterable[Relation | str] | None) -> list[Relation] | None:
    """The relations as ``Relation``s (``None`` if none given); ``InvalidQuery`` for an unknown one."""
    if not relations:
        return None
    relations = list(relations)
    try:
        return [Relation(r) for r in relations]
    except ValueError:
        raise InvalidQuery(f"unknown relation in {[str(r) for r in relations]}; use one of "
                           f"{', '.join(r.value for r in Relation)}", relations=[str(r) for r in relations]) from None


def claim_filter(since: str | None = None, until: str | None = None,
                 relations: Iterable[Relation | str] | None = None):  # type: ignore[no-untyped-def]
    """A predicate over claims with ``FactQuery``'s date semantics (undated claims fail any date bound)."""
    since, until = check_date(since, "since"), check_date(until, "until")
    if since and until and since[:len(until)] > until:
        raise InvalidQuery("since must not be after until", since=since, until=until)
    wanted = set(check_relations(relations) or []) or None

    def keep(fact: Fact) -> bool:
        if wanted is not None and fact.relation not in wanted:
            return False
        if since and (fact.date is None or fact.date < since[: len(fact.date)]):
            return False
        return not (until and (fact.date is None or fact.date[:len(until)] > until))

    return keep


# ------------------------------------------------------------------------------------------------ deals
@dataclass
class Deal:
    """The claims of one edge that describe the same deal (one round, one contract).

    Claims are the same deal when their dates agree at the precision both give ("2025-09" and
    "2025-09-22"), or when one is undated and they state the same amount (within 2%). Distinct dates
    are distinct deals: a 2019 round and a 2023 round on the same edge both count.
    """

    claims: list[Fact]

    @cached_property
    def amount_usd(self) -> float | None:
        """The largest amount any of its claims states (as ``Edge.summary`` does)."""
        amounts = [c.amount_usd for c in self.claims if c.amount_usd is not None]
        return max(amounts) if amounts else None

    @cached_property
    def date(self) -> str | None:
        dates = [c.date for c in self.claims if c.date]
        return min(dates, key=lambda d: (d[:4], len(d), d)) if dates else None

    @cached_property
    def status(self) -> Status | None:
        """The status of the latest dated claim that gives one (else of any claim)."""
        with_status = [c for c in self.claims if c.status]
        if not with_status:
            return None
        return max(with_status, key=lambda c: (c.date or "", _STATUS_RANK[c.status])).status  # type: ignore[index]

    @cached_property
    def contingent(self) -> bool:
        """Whether the money is uncertain: every claim giving the headline amount (or every claim, if none
        gives an amount) is "up to", rumoured or in talks."""
        amount = self.amount_usd
        basis = [c for c in self.claims if c.amount_usd == amount] if amount is not None else self.claims
        return all(is_contingent(c) for c in basis)

    @property
    def cancelled(self) -> bool:
        return self.status == Status.cancelled

    @property
    def year(self) -> str:
        return self.date[:4] if self.date else "undated"

    @property
    def source_ids(self) -> list[str]:
        return sorted({c.source_id for c in self.claims})

    def to_dict(self) -> dict[str, Any]:
        headline = next((c for c in self.claims if c.amount_usd is not None and c.amount_usd == self.amount_usd),
                        None)
        return {
            "date": self.date,
            "amount_usd": self.amount_usd,
            "qualifier": headline.qualifier if headline else None,
            "status": self.status.value if self.status else None,
            "contingent": self.contingent,
            "claims": [claim_ref(c) for c in self.claims],
            "sources": self.source_ids,
        }


def group_deals(claims: list[Fact]) -> list[Deal]:
    """The claims of one edge clustered into deals (see ``Deal``), oldest first, undated last.

    Linear in the dated claims (a date agrees with exactly its prefixes, so each claim is joined to the
    claims dated by its year and its month) and n log n in the undated ones with an amount (joined to
    every claim whose amount is within 2%), so hub edges with thousands of claims stay cheap.
    """
    n = len(claims)
    if n == 1:
        return [Deal([claims[0]])]
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[b] = a

    by_date: dict[str, int] = {}
    for i, c in enumerate(claims):
        if c.date is not None:
            if c.date in by_date:
                union(by_date[c.date], i)
            else:
                by_date[c.date] = i
    for date, i in by_date.items():
        for prefix in (date[:4], date[:7]):
            if prefix != date and prefix in by_date:
                union(by_date[prefix], i)
    # ("2025-09-01" and "2025-09-30" meet only through a claim dated "2025-09" or "2025", as before.)
    priced = sorted((c.amount_usd, i) for i, c in enumerate(claims) if c.amount_usd is not None)
    amounts = [a for a, _ in priced]
    for a, i in priced:
        if claims[i].date is not None:
            continue
        lo = bisect_left(amounts, a / 1.02)
        hi = bisect_right(amounts, a * 1.02)
        for k in range(lo, hi):
            union(i, priced[k][1])
    groups: dict[int, list[Fact]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(claims[i])
    deals = [Deal(g) for g in groups.values()]
    return sorted(deals, key=lambda d: (d.date is None, d.date or "", d.claims[0].id))


# ------------------------------------------------------------------------------------------- money flow
@dataclass
class MoneyEdge:
    """One relation edge read as money: ``payer`` pays ``payee`` (``RELATIONS[...].cash_direction``)."""

    subject: str
    relation: str
    object: str
    payer: str
    payee: str
    deals: list[Deal] = field(default_factory=list)

    @property
    def key(self) -> str:
        return edge_key(self.subject, self.relation, self.object)

    @property
    def committed_usd(self) -> float:
        return sum((d.amount_usd for d in self.deals if d.amount_usd is not None and not d.contingent), 0.0)

    @property
    def contingent_usd(self) -> float:
        return sum((d.amount_usd for d in self.deals if d.amount_usd is not None and d.contingent), 0.0)

    @property
    def amount_usd(self) -> float | None:
        """The sum of its deals' known amounts, ``None`` when no deal states one."""
        known = [d.amount_usd for d in self.deals if d.amount_usd is not None]
        return sum(known) if known else None

    @property
    def unknown_amount_deals(self) -> int:
        return sum(1 for d in self.deals if d.amount_usd is None)

    @property
    def claims(self) -> list[Fact]:
        return [c for d in self.deals for c in d.claims]

    @property
    def source_ids(self) -> list[str]:
        return sorted({c.source_id for d in self.deals for c in d.claims})

    def to_dict(self, with_deals: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key, "subject": self.subject, "relation": self.relation, "object": self.object,
            "payer": self.payer, "payee": self.payee, "amount_usd": self.amount_usd,
            "committed_usd": self.committed_usd, "contingent_usd": self.contingent_usd,
            "unknown_amount_deals": self.unknown_amount_deals,
            "first_date": min((d.date for d in self.deals if d.date), default=None),
            "last_date": max((d.date for d in self.deals if d.date), default=None),
            "sources": self.source_ids,
        }
        if with_deals:
            out["deals"] = [d.to_dict() for d in self.deals]
        else:
            out["claims"] = [c.id for c in self.claims]
        return out


def money_edges(graph: nx.MultiDiGraph, since: str | None = None, until: str | None = None,
                relations: Iterable[Relation | str] | None = None, committed_only: bool = False,
                include_cancelled: bool = False, nodes: Iterable[str] | None = None) -> Iterator[MoneyEdge]:
    """Every edge of a money relation as a ``MoneyEdge`` whose deals pass the filters.

    ``relations`` narrows the money relations; ``since``/``until`` keep claims dated in the range;
    cancelled deals are dropped unless ``include_cancelled``; ``committed_only`` drops contingent deals.
    ``nodes`` restricts to the edges touching those entities.
    """
    rels = {r.value for r in MONEY_RELATIONS}
    if relations:
        rels &= {r.value for r in check_relations(relations) or []}
    keep = claim_filter(since, until)
    bounded = since is not None or until is not None
    if nodes is None:
        candidates: Iterable[tuple[str, str, str, dict[str, Any]]] = graph.edges(keys=True, data=True)
    else:
        seen = set()
        candidates = []
        for n in nodes:
            for e in list(graph.out_edges(n, keys=True, data=True)) + list(graph.in_edges(n, keys=True, data=True)):
                if (e[0], e[1], e[2]) not in seen:
                    seen.add((e[0], e[1], e[2]))
                    candidates.append(e)  # type: ignore[attr-defined]
    for s, o, r, data in candidates:
        if r not in rels:
            continue
        claims = data["claims"]
        if bounded:
            claims = [c for c in claims if keep(c)]
            if not claims:
                continue
        deals = group_deals(claims)
        if not include_cancelled:
            deals = [d for d in deals if not d.cancelled]
        if committed_only:
            deals = [d for d in deals if not d.contingent]
        if not deals:
            continue
        direction = RELATIONS[Relation(r)].cash_direction
        payer, payee = (s, o) if direction > 0 else (o, s)
        yield MoneyEdge(s, r, o, payer, payee, deals)


# -------------------------------------------------------------------------------------------- weights
def strength(amount_usd: float | None) -> float:
    """How strongly an amount ties two entities: ``1 + log10(amount / $1M)``, floored at 1.

    An edge with no stated amount (a partnership, a supply deal without a price) weighs 1, like a
    $1M deal; $1B weighs 4, $100B weighs 6. The log keeps a $300B contract from drowning every
    other tie, the floor keeps unpriced alliances in the picture.
    """
    if amount_usd is None or amount_usd <= 1e6:
        return 1.0
    return 1.0 + math.log10(amount_usd / 1e6)


def strongest_edges(edges: Iterable[tuple[str, str, str, dict[str, Any]]], top: int) -> list[dict[str, Any]]:
    """The ``top`` heaviest projection edges ``(s, o, relation, data)`` as rows with their claims and sources."""
    best = heapq.nlargest(top, edges, key=lambda e: (edge_weight(e[3]["claims"]), len(e[3]["claims"]),
                                                     edge_key(e[0], e[2], e[1])))
    rows = []
    for s, o, r, d in best:
        amounts = [c.amount_usd for c in d["claims"] if c.amount_usd is not None]
        rows.append({"key": edge_key(s, r, o), "subject": s, "relation": r, "object": o,
                     "amount_usd": max(amounts) if amounts else None, "claims": [c.id for c in d["claims"]],
                     "sources": sorted({c.source_id for c in d["claims"]})})
    return rows


def edge_weight(claims: list[Fact]) -> float:
    """``strength`` of the largest amount stated by the edge's claims."""
    best = None
    for c in claims:
        if c.amount_usd is not None and (best is None or c.amount_usd > best):
            best = c.amount_usd
    return strength(best)


# ------------------------------------------------------------------------------------------ citations
def sources_of(result: Any) -> set[str]:
    """Every ``source_id`` and ``sources`` list entry found anywhere in a result."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            for k, v in node.items():
                if k == "source_id" and isinstance(v, str):
                    found.add(v)
                elif k == "sources" and isinstance(v, list):
                    found.update(x for x in v if isinstance(x, str))
                else:
                    walk(v)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v)

    walk(result)
    return found


def cite(result: dict[str, Any], store: Any) -> dict[str, Any]:
    """Add the sources' URLs from ``store`` (anything with ``has_source``/``source``): a ``source_url``
    beside every ``source_id``, and ``source_index``: {source id: {url, title, publisher, published}}
    for every source the result cites. Returns ``result``."""
    index = {}
    for sid in sorted(sources_of(result)):
        if store.has_source(sid):
            src = store.source(sid)
            index[sid] = {"url": src.url, "title": src.title, "publisher": src.publisher,
                          "published": src.published}
        else:
            index[sid] = {"url": None, "title": None, "publisher": None, "published": None}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("source_id"), str):
                node["source_url"] = index[node["source_id"]]["url"]
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(result)
    result["source_index"] = index
    return result


# ---------------------------------------------------------------------------------------- viewer links
def viz_url(**params: str | int | Iterable[str] | None) -> str:
    """``/viz?...`` with parameters in the given order; lists are joined with commas, ``None`` is left out.

    Entity ids are slugs and relations snake_case, so edge keys (``s|rel|o``) are written as they are.
    """
    parts = []
    for name, value in params.items():
        if value is None:
            continue
        if not isinstance(value, (str, int)):
            value = ",".join(value)
        parts.append(f"{name}={value}")
    return "/viz?" + "&".join(parts)
