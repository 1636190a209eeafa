"""General constructions of deal news, in sentences written for these tests (none from a corpus article).

Each case names the facts a reader takes from the sentence, and facts it must not yield. The names are
invented and mostly unknown to the graph, as in the articles users bring.
"""

from __future__ import annotations

import pytest

from graph.model import Entity, EntityType
from loaders.article import KnownEntities, extract_text

KNOWN = KnownEntities([
    Entity(id="altura", name="Altura Labs", type=EntityType.company, aliases=("Altura",)),
    Entity(id="bexley", name="Bexley", type=EntityType.company, aliases=("Bexley Systems",)),
    Entity(id="corvid", name="Corvid Capital", type=EntityType.fund),
    Entity(id="meta", name="Meta", type=EntityType.company, aliases=("Facebook", "Meta Platforms")),
    Entity(id="scale-ai", name="Scale AI", type=EntityType.company, aliases=("Scale",)),
])


def run(text: str, lang: str, published: str = "2025-06-12") -> list[dict]:
    return extract_text(text, KNOWN, language=lang, published=published)["facts"]


def triples(out: list[dict]) -> set[tuple[str, str, str]]:
    return {(f["subject_canonical"], f["relation"], f["object_canonical"]) for f in out}


def get(out: list[dict], s: str, r: str, o: str) -> dict:
    rows = [f for f in out if (f["subject_canonical"], f["relation"], f["object_canonical"]) == (s, r, o)]
    assert rows, f"no {s} {r} {o} in {sorted(triples(out))}"
    return rows[0]


CASES = [
    # -- coordination ------------------------------------------------------------------------------------
    ("en", "Kestrel Dynamics and Orvane Partners will each invest $300 million in Talmora, the startup said.",
     {("Kestrel Dynamics", "invests_in", "Talmora"), ("Orvane Partners", "invests_in", "Talmora")}, set()),
    ("en", "Talmora raised $80 million in a Series B round led by Sable Peak Capital, with participation from "
           "Corvid Capital, Harrow Ventures and Brightline.",
     {("Sable Peak Capital", "invests_in", "Talmora"), ("Corvid Capital", "invests_in", "Talmora"),
      ("Harrow Ventures", "invests_in", "Talmora"), ("Brightline", "invests_in", "Talmora")}, set()),
    ("en", "Investors in the round include Harrow Ventures, Lumen Growth and Pike Street Partners, Quorra said.",
     {("Harrow Ventures", "invests_in", "Quorra"), ("Lumen Growth", "invests_in", "Quorra"),
      ("Pike Street Partners", "invests_in", "Quorra")}, set()),
    ("en", "Several funds took part in the financing of Quorra, including Harrow Ventures and Lumen Growth.",
     {("Harrow Ventures", "invests_in", "Quorra"), ("Lumen Growth", "invests_in", "Quorra")}, set()),
    ("fr", "La jeune pousse lyonnaise Vyrelle a levé 12 millions d'euros auprès de Serac Capital et de Ventoux "
           "Partners, aux côtés de Bpifrance.",
     {("Serac Capital", "invests_in", "Vyrelle"), ("Ventoux Partners", "invests_in", "Vyrelle"),
      ("Bpifrance", "invests_in", "Vyrelle")}, set()),
    ("fr", "La société toulousaine Vyrelle a levé 20 millions d'euros. Le tour de table, mené par Serac Capital, réunit "
           "également Ventoux Partners et Calanque Invest.",
     {("Serac Capital", "invests_in", "Vyrelle"), ("Ventoux Partners", "invests_in", "Vyrelle"),
      ("Calanque Invest", "invests_in", "Vyrelle")}, set()),
    ("fr", "Vyrelle boucle une levée de 30 millions d'euros, dont 10 millions apportés par Serac Capital.",
     {("Serac Capital", "invests_in", "Vyrelle")}, set()),
    # -- the deal as a noun phrase -----------------------------------------------------------------------
    ("en", "Bexley's $4 billion investment in Talmora makes it the startup's largest shareholder.",
     {("Bexley", "invests_in", "Talmora")}, set()),
    ("en", "Quorra has secured an investment from Harrow Ventures to expand its data labelling business.",
     {("Harrow Ventures", "invests_in", "Quorra")}, set()),
    ("en", "Orvane won a $6.5 billion contract with Talmora to supply GPU capacity over five years.",
     {("Orvane", "supplies", "Talmora")}, set()),
    ("fr", "Vyrelle a obtenu un investissement de 5 millions d'euros de la part de Serac Capital.",
     {("Serac Capital", "invests_in", "Vyrelle")}, set()),
    ("fr", "Ventoux Partners annonce une prise de participation minoritaire dans Vyrelle.",
     {("Ventoux Partners", "invests_in", "Vyrelle")}, set()),
    ("fr", "Le fonds Calanque Invest va devenir actionnaire de Vyrelle à hauteur de 20 %.",
     {("Calanque Invest", "invests_in", "Vyrelle")}, set()),
    # -- supply seen from the buyer ----------------------------------------------------------------------
    ("en", "Talmora will purchase 40,000 accelerators from Orvane over the next two years.",
     {("Orvane", "supplies", "Talmora")}, set()),
    ("en", "Quorra plans to spend $30 billion on Orvane's cloud by 2030.",
     {("Orvane", "supplies", "Quorra")}, set()),
    ("en", "Talmora will deploy 6 gigawatts of Orvane's GPUs in its new data centres.",
     {("Orvane", "supplies", "Talmora")}, set()),
    ("en", "Quorra's models run on Orvane chips.", {("Orvane", "supplies", "Quorra")}, set()),
    ("en", "Orvane has been named Talmora's preferred cloud supplier.", {("Orvane", "supplies", "Talmora")}, set()),
    ("fr", "Orvane devient le fournisseur privilégié de Vyrelle pour ses serveurs.",
     {("Orvane", "supplies", "Vyrelle")}, set()),
    ("fr", "Vyrelle va acheter des processeurs à Orvane pour équiper son campus de calcul.",
     {("Orvane", "supplies", "Vyrelle")}, set()),
    # -- partnership and competition -----------------------------------------------------------------------
    ("en", "Quorra teams up with Talmora to build agents for hospitals.", {("Quorra", "partners_with", "Talmora")},
     set()),
    ("en", "The collaboration between Quorra and Talmora covers research on robotics.",
     {("Quorra", "partners_with", "Talmora")}, set()),
    ("fr", "Vyrelle s'associe à Orvane pour développer des modèles de langue en français.",
     {("Vyrelle", "partners_with", "Orvane")}, set()),
    ("fr", "Avec ce modèle, Vyrelle entend concurrencer Talmora sur le marché européen.",
     {("Vyrelle", "competes_with", "Talmora")}, set()),
    ("fr", "Vyrelle rivalise avec Talmora dans la traduction automatique.", {("Vyrelle", "competes_with", "Talmora")},
     set()),
    # -- people ------------------------------------------------------------------------------------------
    ("en", "\"We are ready,\" said Marta Ilves, executive vice president and chief financial officer of Orvane.",
     {("Marta Ilves", "leads", "Orvane")}, set()),
    ("en", "Talmora's chief executive, Dario Venn, said the deal would close in the autumn.",
     {("Dario Venn", "leads", "Talmora")}, set()),
    ("en", "Priya Raman joins Quorra to head its research division.", {("Priya Raman", "leads", "Quorra")}, set()),
    ("fr", "La start-up, dirigée par Claire Mounier, emploie quarante personnes. Vyrelle a été fondée à Lyon en 2021.",
     set(), set()),
    ("fr", "Claire Mounier, à la tête de Vyrelle depuis 2022, salue l'opération.", {("Claire Mounier", "leads", "Vyrelle")},
     set()),
    # -- known entities keep the graph's name ------------------------------------------------------------
    ("en", "Facebook will buy a 49% stake in Scale for $14.3 billion.", {("Meta", "invests_in", "Scale AI")}, set()),
]


@pytest.mark.parametrize("lang,text,want,never", CASES, ids=[c[1][:48] for c in CASES])
def test_construction(lang: str, text: str, want: set, never: set) -> None:
    out = run(text, lang)
    got = triples(out)
    for s, r, o in want:
        if o is None:
            assert any(x[0] == s and x[1] == r for x in got), f"no {s} {r} * in {sorted(got)}"
        else:
            assert (s, r, o) in got, f"no {s} {r} {o} in {sorted(got)}"
    assert not got & never


def test_each_investor_keeps_its_own_figure_and_a_round_total_stays_off_the_investors() -> None:
    out = run("Harrow Ventures invested $20 million and Lumen Growth $5 million in Quorra's $60 million round.", "en")
    assert get(out, "Harrow Ventures", "invests_in", "Quorra")["amount_usd"] == 20e6
    out = run("Quorra raised $60 million from Harrow Ventures and Lumen Growth.", "en")
    assert get(out, "Harrow Ventures", "invests_in", "Quorra").get("amount_usd") is None
    assert get(out, "Lumen Growth", "invests_in", "Quorra").get("amount_usd") is None


def test_currencies_stay_as_written_and_typographic_quotes_read_as_plain() -> None:
    out = run("Serac Capital investit 15 millions d’euros dans Vyrelle.", "fr")
    f = get(out, "Serac Capital", "invests_in", "Vyrelle")
    assert (f["amount"], f["currency"], f.get("amount_usd")) == (15e6, "EUR", None)
    out = run("Orvane investira jusqu’à 2 milliards de dollars dans Vyrelle, a annoncé le groupe.", "fr")
    f = get(out, "Orvane", "invests_in", "Vyrelle")
    assert f["amount_usd"] == 2e9 and f["qualifier"] == "up to"
    assert "’" in f["evidence"]  # the evidence is the sentence as written


def test_the_seed_construction_keeps_up_to_and_the_plan_status() -> None:
    out = run("Cette collaboration comprend le plan d’Orvane d’investir jusqu’à 100 milliards de dollars dans "
              "Vyrelle.", "fr")
    f = get(out, "Orvane", "invests_in", "Vyrelle")
    assert f["qualifier"] == "up to" and f["status"] == "announced"


# -- what must not come out as a plain fact ------------------------------------------------------------------
HEDGED_OR_DENIED = [
    ("en", "Orvane is in talks to invest $2 billion in Talmora, people familiar with the matter said."),
    ("en", "Orvane could buy Talmora, according to two people briefed on the discussions."),
    ("en", "Orvane denied that it would invest in Talmora."),
    ("en", "Orvane did not take part in Talmora's latest round."),
    ("en", "Orvane called off its planned $3 billion acquisition of Talmora on Friday."),
    ("fr", "Orvane serait en discussions pour investir 2 milliards d'euros dans Vyrelle, selon plusieurs sources."),
    ("fr", "Orvane n'a pas investi dans Vyrelle, a précisé un porte-parole."),
    ("fr", "Orvane a démenti tout projet de rachat de Vyrelle."),
    ("fr", "Orvane a renoncé au rachat de Vyrelle, annoncé en mars."),
]


@pytest.mark.parametrize("lang,text", HEDGED_OR_DENIED, ids=[t[:40] for _, t in HEDGED_OR_DENIED])
def test_hedged_denied_negated_or_cancelled_deals_are_never_plain_facts(lang: str, text: str) -> None:
    for f in extract_text(text, KNOWN, language=lang, published="2025-06-12", min_confidence=0.0)["facts"]:
        if f["relation"] in ("invests_in", "acquires", "supplies"):
            assert f["status"] in ("rumored", "in_talks", "cancelled"), (text, f)


@pytest.mark.parametrize("lang,text,not_companies", [
    ("en", "Big Tech Bets Heavily On Sovereign Cloud Ambitions\n\nTalmora will invest $2 billion in Quorra.",
     {"Big Tech Bets Heavily", "Sovereign Cloud Ambitions", "Big Tech", "Sovereign Cloud"}),
    ("en", "Key Takeaways\n\nAdvanced Micro Devices (NASDAQ: AMD) will supply Quorra with accelerators.", {"NASDAQ", "Key Takeaways"}),
    ("en", "Quorra Holdings QRRA.O signed a deal with Talmora to build a campus in Childress, Texas.",
     {"QRRA.O", "Quorra Holdings QRRA.O", "Childress"}),
    ("fr", "Vyrelle va construire un centre de données à Valence, dans la Drôme, avec Orvane.", {"Valence"}),
])
def test_headlines_tickers_and_places_are_not_companies(lang: str, text: str, not_companies: set) -> None:
    out = extract_text(text, KNOWN, language=lang, published="2025-06-12")["facts"]
    names = {f[k] for f in out for k in ("subject", "object")}
    assert not names & not_companies, names
    assert out, "the body's facts still come out"
