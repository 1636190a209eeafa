"""POST /api/articles: extract and load an article over HTTP (token required, idempotent, review queue)."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient

from tests.api.conftest import assert_error

ARTICLE = ("---\ntitle: Chip maker backs lab\npublished: 2025-10-02\nlanguage: en\n---\n"
           "NVIDIA will invest up to $2 billion in Quorra Labs, the companies said on Tuesday. "
           "Jana Whitcombe, Quorra Labs' chief executive, welcomed the deal. "
           "People familiar with the matter said Oracle could invest $1 billion in Quorra Labs.\n")


def test_an_article_is_extracted_and_loaded_once(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post("/api/articles", content=ARTICLE.encode(), headers={**auth, "Content-Type": "text/plain"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["report"]["facts_added"] >= 2 and body["source"]["title"] == "Chip maker backs lab"
    triples = {(f["subject"], f["relation"], f["object"]) for f in body["facts"]}
    assert ("NVIDIA", "invests_in", "Quorra Labs") in triples
    facts = client.get("/api/facts?subject=nvidia&relation=invests_in").json()["items"]
    claim = next(f for f in facts if f["amount_usd"] == 2e9)
    assert claim["extractor"] != "curated" and claim["date"] == "2025-09-30" and claim["evidence"]
    again = client.post("/api/articles", content=ARTICLE.encode(), headers={**auth, "Content-Type": "text/plain"})
    assert again.json()["report"]["facts_added"] == 0


def test_hedged_facts_wait_for_review(client: TestClient, auth: dict[str, str]) -> None:
    body = client.post("/api/articles", content=ARTICLE.encode(),
                       headers={**auth, "Content-Type": "text/plain"}).json()
    assert body["report"]["queued_for_review"] >= 1
    pending = client.get("/api/review").json()
    oracle = [i for i in pending if i["fact"]["subject"] == "oracle"]
    assert oracle and oracle[0]["fact"]["status"] == "rumored"
    decided = client.post(f"/api/review/{oracle[0]['id']}/reject", headers=auth)
    assert decided.status_code == 200 and decided.json()["state"] == "rejected"
    assert_error(client.post(f"/api/review/{oracle[0]['id']}/accept", headers=auth), 409, "already_decided")
    assert_error(client.post("/api/review/nope/accept", headers=auth), 404, "review_item_not_found")


def test_html_upload_with_metadata(client: TestClient, auth: dict[str, str]) -> None:
    html = ("<html><body><nav>Menu | Login</nav><article><p>NVIDIA will invest $3 billion in Quorra Labs, the "
            "companies said in a statement on Monday.</p><p>The stake gives the chip maker a seat on the "
            "board of the young company, according to the statement.</p></article></body></html>")
    response = client.post("/api/articles?url=https://example.org/q&published=2025-06-04&language=en",
                           files={"file": ("q.html", io.BytesIO(html.encode()))}, headers=auth)
    assert response.status_code == 200, response.text
    assert response.json()["source"]["url"] == "https://example.org/q"


def test_article_errors(client: TestClient, auth: dict[str, str]) -> None:
    assert_error(client.post("/api/articles", content=b"text", headers={"Content-Type": "text/plain"}), 401)
    assert_error(client.post("/api/articles", content=b"\x00\x01\x02" * 50,
                             headers={**auth, "Content-Type": "text/plain"}), 422, "invalid_fact")
    assert_error(client.post("/api/articles", content="Caf\u00e9 news".encode("latin-1"),
                             headers={**auth, "Content-Type": "text/plain"}), 422, "invalid_fact")
    assert_error(client.post("/api/articles", content=b"x" * 30_000,
                             headers={**auth, "Content-Type": "text/plain"}), 413, "too_large")
    assert_error(client.post("/api/articles?published=yesterday", content=b"x",
                             headers={**auth, "Content-Type": "text/plain"}), 422, "invalid_parameters")
