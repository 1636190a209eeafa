"""The model's own rules: dates, fact ids, conflicts between claims, relation vocabulary."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from graph.model import RELATIONS, Edge, Fact, Relation, Status, _encode_json, date_precision, parse_partial_date


@pytest.mark.parametrize(("raw", "expected"), [
    ("2025-09-22", "2025-09-22"), ("2025-9", "2025-09"), (2024, "2024"), ("2024-02-29", "2024-02-29"),
])
def test_partial_dates_normalise(raw: object, expected: str) -> None:
    assert parse_partial_date(raw) == expected


@pytest.mark.parametrize("raw", ["2025-02-30", "2023-02-29", "2025-13", "25-01-01", "soon", "1850"])
def test_impossible_dates_are_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_partial_date(raw)


def test_date_precision() -> None:
    assert [date_precision(d) for d in ("2025", "2025-09", "2025-09-22", None)] == ["year", "month", "day", None]


def claim(**kw: object) -> Fact:
    base: dict[str, object] = {"subject": "nvidia", "relation": "invests_in", "object": "openai", "source_id": "s1"}
    return Fact(**(base | kw))


def test_the_same_claim_has_the_same_id_and_a_different_one_does_not() -> None:
    assert claim(amount_usd=1e9).id == claim(amount_usd=1e9).id
    assert claim(amount_usd=1e9).id != claim(amount_usd=2e9).id
    sym_a = Fact(subject="a", relation="partners_with", object="b", source_id="s")
    sym_b = Fact(subject="b", relation="partners_with", object="a", source_id="s")
    assert sym_a.key == sym_b.key and sym_a.id == sym_b.id


def test_claim_ids_never_change_between_versions() -> None:
    """Stores hold these ids: a change here would make reloading a source add its claims again."""
    fact = Fact(subject="openai", relation="partners_with", object="nvidia", amount_usd=1e11, power_gw=10,
                date="2025-09-22", status="signed", qualifier="up to", source_id="src-1",
                evidence="NVIDIA to invest up to $100B")
    assert fact.key == ("nvidia", "partners_with", "openai")
    assert fact.id == "8079a7461475b21f3dd2"


@pytest.mark.parametrize("value", [
    ["src", "a", "b", 1e11, 0.1, 1.0, 123456789.123, None, "2025-09", "é \u2019 \"quoted\" \\ \n"],
    [float("nan"), float("inf"), -0.0, 10**20, True, False, "\U0001f600"],
    ("a tuple", Relation.invests_in, Status.signed),
    [],
])
def test_the_id_encoder_writes_what_json_dumps_writes(value: list[object]) -> None:
    assert _encode_json(value) == json.dumps(value)


def test_a_copied_claim_gets_the_id_of_its_new_content() -> None:
    original = claim(amount_usd=1e9)
    assert original.id and original.key
    copy = original.model_copy(update={"object": "oracle", "amount_usd": 2e9})
    assert copy.id == claim(object="oracle", amount_usd=2e9).id != original.id
    assert copy.key == ("nvidia", "invests_in", "oracle")


def test_usd_amount_fills_amount_usd_and_other_currencies_do_not() -> None:
    assert claim(amount=5e9, currency="USD").amount_usd == 5e9
    eur = claim(amount=1.3e9, currency="EUR")
    assert eur.amount_usd is None and eur.amount == 1.3e9


@pytest.mark.parametrize(("kw", "message"), [
    ({"object": "nvidia"}, "same entity"),
    ({"relation": "leads"}, "needs a role"),
    ({"amount": 5.0}, "needs a 'currency'"),
    ({"confidence": 1.5}, "less than or equal"),
    ({"relation": "merges_with"}, "Input should be"),
])
def test_bad_claims_are_refused(kw: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        claim(**kw)


@pytest.mark.parametrize(("a", "b", "fields"), [
    ({"amount_usd": 1e11, "date": "2025-09-22"}, {"amount_usd": 1e10, "date": "2025-09"}, ["amount_usd"]),
    ({"amount_usd": 1e11, "date": "2025-09-22"}, {"amount_usd": 1.01e11, "date": "2025-09-22"}, []),
    ({"amount_usd": 1e9, "date": "2019"}, {"amount_usd": 1e10, "date": "2023-01"}, []),
    ({"amount_usd": 1e11, "date": "2025-09-22"}, {"amount_usd": 1e11, "date": "2025-09-23"}, ["date"]),
    ({"status": "announced", "date": "2025-09"}, {"status": "completed", "date": "2025-09-30"}, ["status"]),
])
def test_conflicts_are_disagreements_about_the_same_deal(a: dict, b: dict, fields: list[str]) -> None:
    edge = Edge(subject="nvidia", relation=Relation.invests_in, object="openai",
                claims=[claim(**a), claim(source_id="s2", **b)])
    assert [c["field"] for c in edge.conflicts] == fields
    same_source = Edge(subject="nvidia", relation=Relation.invests_in, object="openai",
                       claims=[claim(**a), claim(**b)])
    assert same_source.conflicts == []


def test_every_relation_states_its_direction_and_cash_flow() -> None:
    assert set(RELATIONS) == set(Relation)
    assert RELATIONS[Relation.partners_with].symmetric and RELATIONS[Relation.competes_with].symmetric
    assert RELATIONS[Relation.invests_in].cash_direction == 1
    assert RELATIONS[Relation.supplies].cash_direction == -1
