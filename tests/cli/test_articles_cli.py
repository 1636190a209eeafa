"""alliances extract / ingest / review, on articles written for the tests."""

import json

import pytest
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()

ARTICLE_EN = """---
url: https://example.org/news/quillon
title: Vantor Dynamics backs Quillon
publisher: Example Wire
published: 2025-06-12
language: en
---
Vantor Dynamics will invest $2.5 billion in Quillon Robotics, the two companies said on Tuesday.
Hana Ostrowski, Quillon Robotics' chief executive, said the money would fund new factories.
"""

ARTICLE_FR = """---
title: Orbelle s'allie à Quillon
published: 2025-06-12
language: fr
---
Orbelle a annoncé mardi un partenariat avec Quillon Robotics. Selon plusieurs médias, Orbelle aurait investi
300 millions d'euros dans Quillon Robotics, sans que le montant ait été confirmé.
"""


@pytest.fixture()
def env(tmp_path, monkeypatch):
    db = tmp_path / "graph.sqlite3"
    monkeypatch.setenv("ALLIANCES_DB", str(db))
    monkeypatch.setenv("ALLIANCES_REVIEW_THRESHOLD", "0.6")
    en = tmp_path / "en.md"
    en.write_text(ARTICLE_EN, encoding="utf-8")
    fr = tmp_path / "fr.txt"
    fr.write_text(ARTICLE_FR, encoding="utf-8")
    return db, en, fr


def _objects(text):
    dec, out, i = json.JSONDecoder(), [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        obj, i = dec.raw_decode(text, i)
        out.append(obj)
    return out


def test_extract_one_file_prints_one_json_object(env):
    db, en, _ = env
    result = runner.invoke(app, ["extract", "--format", "json", str(en)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"source", "facts"}
    keys = {"subject", "subject_type", "relation", "object", "object_type", "amount", "currency", "amount_usd",
            "power_gw", "date", "role", "status", "qualifier", "confidence", "evidence"}
    assert all(keys <= set(f) for f in data["facts"])
    triples = {(f["subject"], f["relation"], f["object"]) for f in data["facts"]}
    assert ("Vantor Dynamics", "invests_in", "Quillon Robotics") in triples
    assert ("Hana Ostrowski", "leads", "Quillon Robotics") in triples
    inv = next(f for f in data["facts"] if f["relation"] == "invests_in")
    assert inv["amount_usd"] == 2.5e9 and inv["date"] == "2025-06-10"
    assert not db.exists(), "extract must not touch the store"


def test_extract_several_files_prints_one_object_per_file(env):
    _, en, fr = env
    result = runner.invoke(app, ["extract", "--format", "json", str(en), str(fr)])
    assert result.exit_code == 0, result.output
    objs = _objects(result.stdout)
    assert [o["source"]["language"] for o in objs] == ["en", "fr"]


def test_extract_hides_low_confidence_unless_all(env):
    _, _, fr = env
    data = json.loads(runner.invoke(app, ["extract", "--format", "json", str(fr)]).stdout)
    assert not any(f["relation"] == "invests_in" for f in data["facts"])
    data = json.loads(runner.invoke(app, ["extract", "--format", "json", "--all", str(fr)]).stdout)
    rumor = [f for f in data["facts"] if f["relation"] == "invests_in"]
    assert rumor and rumor[0]["review"] is True and rumor[0]["status"] == "rumored"


def test_extract_table(env):
    _, en, _ = env
    result = runner.invoke(app, ["extract", str(en)])
    assert result.exit_code == 0 and "Vantor" in result.stdout


def test_extract_binary_file_is_a_clear_error(env, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff\x00" * 50)
    result = runner.invoke(app, ["extract", "--format", "json", str(bad)])
    assert result.exit_code == 1 and "binary" in result.output


def test_ingest_is_idempotent(env):
    _, en, _ = env
    first = runner.invoke(app, ["ingest", "--json", str(en)])
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert report["facts_added"] >= 2 and report["sources_added"] == 1
    second = json.loads(runner.invoke(app, ["ingest", "--json", str(en)]).stdout)
    assert second["facts_added"] == 0 and second["entities_added"] == 0 and second["sources_added"] == 0


def test_review_queue_list_accept_reject(env, tmp_path):
    _, _, fr = env
    report = json.loads(runner.invoke(app, ["ingest", "--json", str(fr)]).stdout)
    assert report["queued_for_review"] >= 1
    pending = json.loads(runner.invoke(app, ["review", "list", "--json"]).stdout)
    assert pending and pending[0]["relation"] == "invests_in" and pending[0]["confidence"] < 0.6
    item = pending[0]["id"]
    accepted = runner.invoke(app, ["review", "accept", item, "--json"])
    assert accepted.exit_code == 0, accepted.output
    assert json.loads(accepted.stdout)["state"] == "accepted"
    assert json.loads(runner.invoke(app, ["review", "list", "--json"]).stdout) == pending[1:]
    if len(pending) > 1:
        rejected = runner.invoke(app, ["review", "reject", pending[1]["id"], "--json"])
        assert json.loads(rejected.stdout)["state"] == "rejected"


def test_ingest_folder(env, tmp_path):
    _, en, fr = env
    result = runner.invoke(app, ["ingest", "--json", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sources_added"] == 2
