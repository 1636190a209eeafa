"""Relations, direction, roles, surnames, negation and hedging, in English and French (texts written for tests)."""

import pytest

from graph.model import Entity, EntityType
from loaders.article import KnownEntities, extract_text

KNOWN = KnownEntities([
    Entity(id="altura", name="Altura Labs", type=EntityType.company, aliases=("Altura",)),
    Entity(id="bexley", name="Bexley", type=EntityType.company, aliases=("Bexley Systems",)),
    Entity(id="corvid", name="Corvid Capital", type=EntityType.fund),
    Entity(id="dunmore", name="DunmoreAI", type=EntityType.company),
    Entity(id="helio", name="Helio", type=EntityType.product),
])


def facts(text, lang, published="2025-03-14", **kw):
    """Triples by canonical name (the graph's name for known entities)."""
    out = extract_text(text, KNOWN, language=lang, published=published, **kw)["facts"]
    return {(f["subject_canonical"], f["relation"], f["object_canonical"]) for f in out}, out


def one(out, subject, relation, obj):
    rows = [f for f in out if (f["subject_canonical"], f["relation"], f["object_canonical"]) == (subject, relation, obj)]
    assert rows, f"no {subject} {relation} {obj} in {[(f['subject'], f['relation'], f['object']) for f in out]}"
    return rows[0]


def test_names_read_as_the_article_gives_them_and_link_to_the_graph():
    _, out = facts("Bexley Systems will invest $2 billion in Altura. Later, Bexley said the deal was done.", "en")
    f = one(out, "Bexley", "invests_in", "Altura Labs")
    assert (f["subject"], f["object"]) == ("Bexley Systems", "Altura")  # the article's fullest forms
    assert (f["subject_id"], f["object_id"]) == ("bexley", "altura")
    _, out = facts("Corvid Capital will invest $50 million in DunmoreAI.", "en")
    f = one(out, "Corvid Capital", "invests_in", "DunmoreAI")
    assert f["subject"] == "Corvid Capital"  # the article uses the graph's own name


# -- direction -------------------------------------------------------------------------------------------
def test_english_investment_direction_and_amount():
    triples, out = facts("Bexley Systems will invest up to $4 billion in Altura, the two groups said on Tuesday.", "en")
    f = one(out, "Bexley", "invests_in", "Altura Labs")
    assert f["amount_usd"] == 4e9 and f["qualifier"] == "up to" and f["date"] == "2025-03-11"
    assert ("Altura Labs", "invests_in", "Bexley") not in triples


def test_passive_acquisition_direction():
    triples, _ = facts("Quillon, a small robotics maker, was acquired by Altura for an undisclosed sum.", "en")
    assert ("Altura Labs", "acquires", "Quillon") in triples


def test_supplier_direction_in_english():
    triples, out = facts("Bexley will supply Altura with 2 GW of accelerators worth $9.5 billion.", "en")
    f = one(out, "Bexley", "supplies", "Altura Labs")
    assert f["power_gw"] == 2 and f["amount_usd"] == 9.5e9


def test_buying_from_makes_the_seller_the_supplier():
    triples, _ = facts("Altura buys most of its servers from Bexley.", "en")
    assert ("Bexley", "supplies", "Altura Labs") in triples


def test_french_investment_and_amount():
    triples, out = facts("Corvid Capital a investi 6,3 milliards de dollars dans Altura en février.", "fr")
    f = one(out, "Corvid Capital", "invests_in", "Altura Labs")
    assert f["amount_usd"] == pytest.approx(6.3e9) and f["date"] == "2025-02"


def test_french_supply_direction_and_power():
    triples, out = facts("DunmoreAI fournira à Altura jusqu'à 3 gigawatts de puces, a annoncé lundi le groupe.", "fr")
    f = one(out, "DunmoreAI", "supplies", "Altura Labs")
    assert f["power_gw"] == 3 and f["date"] == "2025-03-10"


def test_french_buyer_and_seller():
    triples, out = facts("Altura va acheter pour 12 milliards de dollars de capacité de calcul à Bexley.", "fr")
    assert one(out, "Bexley", "supplies", "Altura Labs")["amount_usd"] == 12e9


def test_euro_amount_keeps_currency_and_has_no_usd():
    _, out = facts("Corvid Capital investit 15 millions d'euros dans Altura.", "fr")
    f = one(out, "Corvid Capital", "invests_in", "Altura Labs")
    assert f["amount"] == 15e6 and f["currency"] == "EUR" and f["amount_usd"] is None


def test_french_acquisition():
    triples, out = facts("Bexley a annoncé le rachat, pour 2,1 milliards de dollars, de la start-up Quillon.", "fr")
    assert one(out, "Bexley", "acquires", "Quillon")["amount_usd"] == pytest.approx(2.1e9)


# -- roles and people ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, lang, person, org, role", [
    ("Marta Oyelaran, Altura's chief executive, said the plan was ready.", "en", "Marta Oyelaran", "Altura Labs", "CEO"),
    ("Bexley's chief financial officer, Tomas Reyne, declined to comment.", "en", "Tomas Reyne", "Bexley", "CFO"),
    ("Ines Varga, president of Bexley, welcomed the deal.", "en", "Ines Varga", "Bexley", "President"),
    ("Altura is chaired by Keiko Marsh.", "en", "Keiko Marsh", "Altura Labs", "chair"),
    ("Le PDG d'Altura, Marta Oyelaran, a salué l'accord.", "fr", "Marta Oyelaran", "Altura Labs", "CEO"),
    ("a déclaré Tomas Reyne, directeur financier de Bexley.", "fr", "Tomas Reyne", "Bexley", "CFO"),
    ("selon la présidente de Bexley, Ines Varga.", "fr", "Ines Varga", "Bexley", "President"),
    ("Paul Ardent, cofondateur et directeur des opérations de DunmoreAI, a confirmé.", "fr", "Paul Ardent",
     "DunmoreAI", "COO"),
])
def test_roles(text, lang, person, org, role):
    _, out = facts(text, lang)
    roles = {f["role"] for f in out
             if (f["subject_canonical"], f["relation"], f["object_canonical"]) == (person, "leads", org)}
    assert role in roles, out
    assert one(out, person, "leads", org)["subject_type"] == "person"


def test_founders_are_leads_with_role_founder():
    triples, out = facts("Quillon was founded in 2019 by Ada Brenner and Louis Okafor.", "en")
    assert ("Ada Brenner", "leads", "Quillon") in triples and ("Louis Okafor", "leads", "Quillon") in triples


def test_surname_only_mention_resolves_to_the_full_name():
    text = ("Marta Oyelaran, Altura's founder, spoke first. The crowd was large. "
            "Chief executive Oyelaran said Altura would expand.")
    _, out = facts(text, "en")
    leads = {(f["subject"], f["role"]) for f in out if f["relation"] == "leads"}
    assert ("Marta Oyelaran", "CEO") in leads and not any(s == "Oyelaran" for s, _ in leads)


def test_known_alias_resolves_to_canonical_name():
    triples, _ = facts("Bexley Systems will invest $1 billion in Altura.", "en")
    assert ("Bexley", "invests_in", "Altura Labs") in triples
    triples, _ = facts("Corvid Capital will invest $1 billion in dunmoreai.", "en")
    assert ("Corvid Capital", "invests_in", "DunmoreAI") in triples


# -- negation and hedging ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, lang", [
    ("Bexley did not invest in Altura last year.", "en"),
    ("Bexley has never invested in Altura.", "en"),
    ("Bexley n'a pas investi dans Altura.", "fr"),
    ("Bexley n'a jamais investi dans Altura.", "fr"),
])
def test_negation_gives_no_fact(text, lang):
    triples, _ = facts(text, lang, min_confidence=0.0)
    assert ("Bexley", "invests_in", "Altura Labs") not in triples


def test_talks_lower_the_status():
    _, out = facts("Bexley is in talks to invest $3 billion in Altura.", "en")
    f = one(out, "Bexley", "invests_in", "Altura Labs")
    assert f["status"] == "in_talks" and f["confidence"] < 0.85


def test_rumours_fall_under_the_review_threshold():
    _, out = facts("According to people familiar with the matter, Bexley could invest $3 billion in Altura.", "en")
    f = one(out, "Bexley", "invests_in", "Altura Labs")
    assert f["status"] == "rumored" and f["confidence"] < 0.6


def test_french_hedge():
    _, out = facts("Selon plusieurs médias, Corvid Capital aurait investi 2 milliards de dollars dans Altura.", "fr")
    assert one(out, "Corvid Capital", "invests_in", "Altura Labs")["confidence"] < 0.6


def test_min_confidence_filters():
    text = "According to people familiar with the matter, Bexley could invest $3 billion in Altura."
    triples, _ = facts(text, "en", min_confidence=0.6)
    assert not triples


# -- evidence -------------------------------------------------------------------------------------------------
def test_evidence_offsets_point_at_the_sentence():
    text = "An unrelated opening line. Bexley will invest $1 billion in Altura."
    result = extract_text(text, KNOWN, language="en")
    f = result["facts"][0]
    assert text[f["evidence_start"]:f["evidence_end"]] == f["evidence"] == "Bexley will invest $1 billion in Altura."
    assert f["extractor"].startswith("article-rules")


def test_front_matter_gives_metadata_and_language():
    text = ("---\nurl: https://example.org/a\ntitle: Bexley backs Altura\npublisher: Example\n"
            "published: 2025-01-08\nlanguage: fr\n---\nBexley a investi 1 milliard de dollars dans Altura mardi.\n")
    result = extract_text(text, KNOWN)
    src = result["source"]
    assert src["language"] == "fr" and src["published"] == "2025-01-08" and src["url"] == "https://example.org/a"
    f = one(result["facts"], "Bexley", "invests_in", "Altura Labs")
    assert f["date"] == "2025-01-07"


def test_language_and_date_are_detected_without_front_matter():
    result = extract_text("Le 3 février 2025, Bexley a investi 1 milliard de dollars dans Altura. "
                          "La société a annoncé que les deux groupes travaillent ensemble depuis des années.", KNOWN)
    assert result["source"]["language"] == "fr" and result["source"]["published"] == "2025-02-03"


def test_html_boilerplate_is_removed():
    html = ("<html><head><title>Deal</title></head><body><nav>Home | About | Subscribe</nav><article><h1>Deal</h1>"
            "<p>Bexley will invest $2 billion in Altura, the companies said on Monday in a joint statement.</p>"
            "<p>The money will be spread over three years, according to the statement released by both groups "
            "to reporters.</p></article><footer>Copyright</footer></body></html>")
    result = extract_text(html, KNOWN, language="en")
    assert ("Bexley", "invests_in", "Altura Labs") in {(f["subject_canonical"], f["relation"], f["object_canonical"])
                                                       for f in result["facts"]}
    assert "Subscribe" not in " ".join(f["evidence"] for f in result["facts"])


def test_markdown_is_read():
    md = "# Bexley backs Altura\n\n**Bexley** will invest [$2 billion](https://x.org) in *Altura*.\n"
    result = extract_text(md, KNOWN, language="en")
    assert result["source"]["title"] == "Bexley backs Altura"
    assert any(f["amount_usd"] == 2e9 for f in result["facts"])


def test_the_figure_next_to_the_trigger_is_the_deals_amount():
    _, out = facts("Altura signed a contract worth $9 billion and took $400 million of Bexley shares.", "en")
    assert one(out, "Altura Labs", "invests_in", "Bexley")["amount_usd"] == 4e8


def test_an_undated_deal_takes_the_date_of_the_announcement_just_before():
    text = ("Bexley and Altura announced a strategic partnership on 3 March 2025. "
            "Bexley will invest up to $5 billion in Altura.")
    _, out = facts(text, "en")
    assert one(out, "Bexley", "invests_in", "Altura Labs")["date"] == "2025-03-03"


def test_a_restatement_without_figures_does_not_stand_beside_the_figures():
    text = ("Bexley will supply Altura with 2 GW of accelerators worth $9.5 billion. "
            "Under the plan Bexley will supply Altura from next year.")
    _, out = facts(text, "en")
    rows = [f for f in out if (f["subject_canonical"], f["relation"]) == ("Bexley", "supplies")]
    assert len(rows) == 1 and rows[0]["amount_usd"] == 9.5e9
