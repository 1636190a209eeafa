"""Money, power, percentages, dates and qualifiers as written in English and French."""

from datetime import date

import pytest

from loaders.article import lexicon_en, lexicon_fr
from loaders.article.quantities import Lexicon, find_quantities, parse_number

EN = Lexicon(lexicon_fr, lexicon_en)
FR = Lexicon(lexicon_en, lexicon_fr)
PUB = date(2025, 9, 24)  # a Wednesday


def money(text, lex=EN, lang="en"):
    return [(q.value, q.currency, q.qualifier) for q in find_quantities(text, lex, lang, PUB) if q.kind == "money"]


@pytest.mark.parametrize("text, value, currency", [
    ("Orbix will pay $100 billion for it.", 100e9, "USD"),
    ("a deal worth $6.5B over time", 6.5e9, "USD"),
    ("raising €1.7bn from backers", 1.7e9, "EUR"),
    ("a £300m contract", 300e6, "GBP"),
    ("the 2.5 billion dollars promised", 2.5e9, "USD"),
    ("US$40 million in cash", 40e6, "USD"),
])
def test_english_money(text, value, currency):
    assert money(text) == [(pytest.approx(value), currency, None)]


@pytest.mark.parametrize("text, value, currency", [
    ("un chèque de 100 milliards de dollars", 100e9, "USD"),
    ("pour 6,3 milliards de dollars", 6.3e9, "USD"),
    ("un apport de 15 millions d'euros", 15e6, "EUR"),
    ("une enveloppe de 1,7 Md€", 1.7e9, "EUR"),
    ("un billet de 2 milliards $", 2e9, "USD"),
])
def test_french_money(text, value, currency):
    assert money(text, FR, "fr") == [(pytest.approx(value), currency, None)]


def test_french_bare_amount_takes_the_previous_currency():
    found = find_quantities("dont 7,5 milliards versés tout de suite", FR, "fr", PUB, last_currency="USD")
    assert [(q.value, q.currency) for q in found if q.kind == "money"] == [(pytest.approx(7.5e9), "USD")]


def test_french_billion_is_a_thousand_billions_but_english_is_not():
    assert money("2 billions d'euros", FR, "fr")[0][0] == pytest.approx(2e12)
    assert money("$2 billion", EN)[0][0] == pytest.approx(2e9)


@pytest.mark.parametrize("text, lex, lang, qualifier", [
    ("up to $20 billion", EN, "en", "up to"),
    ("at least $3 billion", EN, "en", "at least"),
    ("jusqu'à 30 milliards de dollars", FR, "fr", "up to"),
    ("au moins 4 milliards de dollars", FR, "fr", "at least"),
    ("environ 13 milliards de dollars", FR, "fr", "about"),
])
def test_qualifiers(text, lex, lang, qualifier):
    assert money(text, lex, lang)[0][2] == qualifier


def test_valuations_and_round_totals_are_tagged():
    found = find_quantities("it raised $2 billion at a valuation of $40 billion", EN, "en", PUB)
    tags = [q.tags for q in found if q.kind == "money"]
    assert "round" in tags[0] and "not_deal" in tags[1]


@pytest.mark.parametrize("text, lex, lang, gw", [
    ("to deploy 10 gigawatts of chips", EN, "en", 10.0),
    ("about 6 GW of capacity", EN, "en", 6.0),
    ("500 MW of power", EN, "en", 0.5),
    ("jusqu'à 4,5 gigawatts de puces", FR, "fr", 4.5),
])
def test_power(text, lex, lang, gw):
    assert [q.value for q in find_quantities(text, lex, lang, PUB) if q.kind == "power"] == [pytest.approx(gw)]


@pytest.mark.parametrize("text, lex, lang, value", [
    ("signed on Sept. 22, 2025 in Paris", EN, "en", "2025-09-22"),
    ("signed on September 22, 2025", EN, "en", "2025-09-22"),
    ("signé le 22 septembre 2025", FR, "fr", "2025-09-22"),
    ("le 1er mars 2024", FR, "fr", "2024-03-01"),
    ("announced Monday", EN, "en", "2025-09-22"),
    ("a annoncé mardi", FR, "fr", "2025-09-23"),
    ("in March 2023", EN, "en", "2023-03"),
    ("en décembre", FR, "fr", "2024-12"),
    ("in April", EN, "en", "2025-04"),
    ("founded in 2018", EN, "en", "2018"),
    ("le mois dernier", FR, "fr", "2025-08"),
    ("le 28 octobre", FR, "fr", "2024-10-28"),
])
def test_dates(text, lex, lang, value):
    assert [q.value for q in find_quantities(text, lex, lang, PUB) if q.kind == "date"] == [value]


def test_numbers():
    assert parse_number("6,3", "fr") == 6.3
    assert parse_number("1,500", "en") == 1500
    assert parse_number("2 500", "fr") == 2500
