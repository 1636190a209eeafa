"""Bad inputs get clear errors; arbitrary text never crashes the extractor."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InvalidFact
from graph.model import Entity, EntityType
from loaders.article import KnownEntities, extract_file, extract_text, extraction_json

KNOWN = KnownEntities([Entity(id="altura", name="Altura Labs", type=EntityType.company, aliases=("Altura",))])


def test_empty_file_gives_no_fact(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("")
    assert extraction_json(extract_file(p, KNOWN))["facts"] == []


def test_binary_file_is_refused(tmp_path):
    p = tmp_path / "blob.txt"
    p.write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    with pytest.raises(InvalidFact, match="binary"):
        extract_file(p, KNOWN)


def test_latin1_is_refused_with_a_hint_then_read_with_encoding(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Altura a investi 2 milliards de dollars dans Quillon à Genève.".encode("latin-1"))
    with pytest.raises(InvalidFact, match="UTF-8"):
        extract_file(p, KNOWN)
    ex = extract_file(p, KNOWN, encoding="latin-1")
    assert "à" in ex.document.text


def test_utf16_with_bom_is_read(tmp_path):
    p = tmp_path / "wide.txt"
    p.write_bytes("Altura will invest $1 billion in Quillon.".encode("utf-16"))
    facts = extraction_json(extract_file(p, KNOWN))["facts"]
    assert [(f["subject_canonical"], f["object"]) for f in facts] == [("Altura Labs", "Quillon")]


def test_file_over_10_mb_is_refused(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"Altura grows. " * (800_000))
    with pytest.raises(InvalidFact, match="limit"):
        extract_file(p, KNOWN)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InvalidFact, match="cannot read"):
        extract_file(tmp_path / "nope.txt", KNOWN)


def test_long_text_without_punctuation_is_handled():
    text = ("Altura " + "word " * 5000) * 3
    assert extract_text(text, KNOWN, language="en")["facts"] == []


_ALPHABET = st.characters(blacklist_categories=("Cs",))
_WORDS = st.sampled_from(["Altura", "invests", "$3 billion", "in", "Quillon", "jusqu'à", "milliards de dollars",
                          "d'", "CEO", "PDG", ",", ".", "its", "the company", "le groupe", "said", "Monday", "lundi",
                          "10 GW", "acquired by", "n'a pas", "rivals", "Ses rivaux", "⟦1⟧", "⟪M0⟫", "«", "»"])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=400))
def test_random_text_never_crashes(text):
    out = extract_text(text, KNOWN)
    assert isinstance(out["facts"], list)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=60), st.sampled_from(["en", "fr"]))
def test_random_news_like_text_never_crashes(words, lang):
    out = extract_text(" ".join(words), KNOWN, language=lang, published="2025-05-05")
    for f in out["facts"]:
        assert f["subject"] != f["object"]
        assert 0 <= f["confidence"] <= 1
