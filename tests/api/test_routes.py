"""Every endpoint, table-driven, on every backend; errors share one shape."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import assert_error


@pytest.mark.parametrize(("url", "check"), [
    ("/api/health", lambda b: b["status"] == "ok" and b["counts"]["facts"] == 9),
    ("/api/stats", lambda b: b["entities"] == 8 and b["facts_by_relation"]["supplies"] == 4),
    ("/api/entities?q=nvdia", lambda b: b["items"][0]["id"] == "nvidia"),
    ("/api/entities?q=Meta%20Platforms", lambda b: b["items"][0]["id"] == "meta"),
    ("/api/entities?type=person", lambda b: [e["id"] for e in b["items"]] == ["sam-altman"]),
    ("/api/entities?limit=2&offset=1", lambda b: len(b["items"]) == 2 and b["total"] == 8 and b["offset"] == 1),
    ("/api/entities/nvidia", lambda b: b["counts_by_relation"]["invests_in"] == {"out": 2} and b["fact_count"] == 4),
    ("/api/entities/Open%20AI", lambda b: b["id"] == "openai"),
    ("/api/entities/openai/relations?relation=supplies&direction=in",
     lambda b: {e["subject"] for e in b["items"]} == {"nvidia", "oracle", "coreweave"}),
    ("/api/entities/openai/relations?min_amount_usd=100000000000",
     lambda b: [(e["subject"], e["amount_usd"]) for e in b["items"]] == [("oracle", 3e11), ("nvidia", 1e11)]),
    ("/api/entities/openai/relations?as_of=2025-08-31",
     lambda b: {e["subject"] for e in b["items"]} == {"coreweave", "openai"}),
    ("/api/entities/openai/relations?status=announced", lambda b: b["total"] == 1),
    ("/api/entities/openai/relations?since=2025-09&until=2025-09",
     lambda b: all(e["last_date"].startswith("2025-09") for e in b["items"])),
    ("/api/graph/neighborhood?center=openai",
     lambda b: {n["id"] for n in b["nodes"]} >= {"openai", "nvidia", "oracle"} and not b["truncated"]),
    ("/api/graph/neighborhood?center=sam-altman&depth=2&limit=3",
     lambda b: len(b["nodes"]) == 3 and b["truncated"] and b["nodes"][0]["id"] == "sam-altman"),
    ("/api/graph/neighborhood?center=openai&relation=invests_in",
     lambda b: {e["relation"] for e in b["edges"]} == {"invests_in"}),
    ("/api/paths?source=nvidia&target=coreweave",
     lambda b: b[0][0]["subject"] == "nvidia" and b[0][0]["claims"][0]["source"]["url"]),
    ("/api/paths?source=oracle&target=coreweave&k=5", lambda b: len(b) >= 2 and all(len(p) == 2 for p in b[:2])),
    ("/api/facts?subject=nvidia&relation=invests_in",
     lambda b: b["total"] == 2 and b["items"][0]["source"]["publisher"]),
    ("/api/facts?entity=openai&limit=3", lambda b: len(b["items"]) == 3 and b["total"] == 7),
    ("/api/facts?source=t-cw", lambda b: b["total"] == 2),
    ("/api/facts?min_amount_usd=1e11&as_of=2025-12-31", lambda b: b["total"] == 2),
    ("/api/sources", lambda b: b["total"] == 3 and b["items"][0]["id"] == "t-loi"),
    ("/api/sources/t-cw", lambda b: len(b["facts"]) == 2 and b["url"] == "https://example.org/coreweave"),
    ("/api/review", lambda b: b == []),
])
def test_read_endpoints(client: TestClient, url: str, check) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert check(response.json()), response.json()


@pytest.mark.parametrize(("method", "url", "status", "code"), [
    ("get", "/api/entities/nvdia", 404, "entity_not_found"),
    ("get", "/api/entities/nvdia/relations", 404, "entity_not_found"),
    ("get", "/api/sources/nope", 404, "source_not_found"),
    ("get", "/api/paths?source=oracle&target=metaculus", 404, "no_path"),
    ("get", "/api/paths?source=nvidia", 422, "invalid_parameters"),
    ("get", "/api/paths?source=nvidia&target=openai&max_hops=0", 422, "invalid_parameters"),
    ("get", "/api/graph/neighborhood?center=openai&depth=4", 422, "invalid_parameters"),
    ("get", "/api/graph/neighborhood?center=openai&as_of=2025-02-30", 422, "invalid_parameters"),
    ("get", "/api/graph/neighborhood?center=openai&as_of=2025", 422, "invalid_parameters"),
    ("get", "/api/entities/openai/relations?relation=loves", 422, "invalid_parameters"),
    ("get", "/api/entities/openai/relations?direction=sideways", 422, "invalid_parameters"),
    ("get", "/api/entities?limit=0", 422, "invalid_parameters"),
    ("get", "/api/entities?limit=abc", 422, "invalid_parameters"),
    ("get", "/api/facts?min_amount_usd=-1", 422, "invalid_parameters"),
    ("get", "/api/facts?subject=nobody-at-all", 404, "entity_not_found"),
    ("get", "/api/export?format=pdf", 422, "invalid_parameters"),
    ("get", "/api/nothing-here", 404, "not_found"),
    ("delete", "/api/entities/nvidia", 405, "method_not_allowed"),
    ("post", "/api/review/zzz/accept", 401, "unauthorized"),
])
def test_errors_share_one_shape(client: TestClient, method: str, url: str, status: int, code: str) -> None:
    assert_error(getattr(client, method)(url), status, code)


def test_unknown_entity_404_suggests_close_matches(client: TestClient) -> None:
    error = assert_error(client.get("/api/entities/nvdia"), 404)
    assert error["details"]["suggestions"] == ["nvidia"]


UPLOAD = {"sources": [{"id": "up1", "url": "https://example.org/up1", "publisher": "Up"}],
          "entities": [{"id": "newco", "name": "NewCo", "type": "company"}],
          "facts": [{"subject": "newco", "relation": "supplies", "object": "openai", "amount_usd": 5e9,
                     "date": "2025-10-01", "note": "A test claim."}]}


def test_upload_needs_a_valid_token(client: TestClient) -> None:
    assert_error(client.post("/api/facts", json=UPLOAD), 401, "unauthorized")
    assert_error(client.post("/api/facts", json=UPLOAD, headers={"Authorization": "Bearer wrong"}), 403, "forbidden")
    assert client.get("/api/stats").json()["facts"] == 9


def test_writes_are_refused_when_no_token_is_configured(sample_store, settings) -> None:  # type: ignore[no-untyped-def]
    from api.main import create_app

    app = create_app(settings.model_copy(update={"token": None}), store=sample_store)
    with TestClient(app, raise_server_exceptions=False) as c:
        assert_error(c.post("/api/facts", json=UPLOAD, headers={"Authorization": "Bearer x"}), 403, "writes_disabled")


def test_json_upload_loads_all_and_twice_adds_nothing(client: TestClient, auth: dict[str, str]) -> None:
    first = client.post("/api/facts", json=UPLOAD, headers=auth)
    assert first.status_code == 200 and first.json()["facts_added"] == 1
    second = client.post("/api/facts", json=UPLOAD, headers=auth).json()
    assert second["facts_added"] == 0 and second["facts_unchanged"] == 1
    assert client.get("/api/entities/newco").json()["fact_count"] == 1


@pytest.mark.parametrize(("name", "body"), [
    ("f.yaml", "sources: [{id: y1, url: 'https://example.org/y'}]\nfacts:\n"
               "  - {subject: Oracle, relation: partners_with, object: NVIDIA}\n"),
    ("f.csv", "subject,relation,object,source_url\nOracle,partners_with,NVIDIA,https://example.org/c\n"),
])
def test_file_uploads(client: TestClient, auth: dict[str, str], name: str, body: str) -> None:
    response = client.post("/api/facts", files={"file": (name, io.BytesIO(body.encode()))}, headers=auth)
    assert response.status_code == 200, response.text
    assert response.json()["facts_added"] == 1


def test_a_bad_upload_loads_nothing_and_names_line_and_field(client: TestClient, auth: dict[str, str]) -> None:
    body = "subject,relation,object,date,source_url\nOracle,partners_with,NVIDIA,2025-01-01,https://e.org/1\n" \
           "Oracle,partners_with,NVIDIA,2025-02-30,https://e.org/1\n"
    response = client.post("/api/facts", files={"file": ("bad.csv", io.BytesIO(body.encode()))}, headers=auth)
    error = assert_error(response, 422, "invalid_fact")
    assert error["details"]["problems"][0]["location"] == "upload:bad.csv:3"
    assert error["details"]["problems"][0]["field"] == "date"
    assert client.get("/api/stats").json()["facts"] == 9


@pytest.mark.parametrize(("kwargs", "status", "code"), [
    ({"content": b"x" * 30_000, "headers": {"Content-Type": "application/json"}}, 413, "too_large"),
    ({"content": b"\x00\x01binary" * 10, "headers": {"Content-Type": "text/csv"}}, 422, "invalid_fact"),
    ({"content": b"hello", "headers": {"Content-Type": "application/octet-stream"}}, 415, "unsupported_format"),
    ({"content": b'{"facts": [', "headers": {"Content-Type": "application/json"}}, 422, "invalid_fact"),
])
def test_upload_errors(client: TestClient, auth: dict[str, str], kwargs: dict, status: int, code: str) -> None:
    kwargs["headers"] = {**kwargs["headers"], **auth}
    assert_error(client.post("/api/facts", **kwargs), status, code)


@pytest.mark.parametrize(("fmt", "media"), [("graphml", "application/graphml+xml"), ("gexf", "application/gexf+xml"),
                                            ("json", "application/json"), ("csv", "text/csv")])
def test_exports_stream_the_graph(client: TestClient, fmt: str, media: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/export?format={fmt}")
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert "attachment" in response.headers["content-disposition"]
    if fmt in ("graphml", "gexf"):
        path = tmp_path / f"g.{fmt}"
        path.write_bytes(response.content)
        graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(path)
        assert graph.number_of_nodes() == 8 and graph.number_of_edges() == 9
    elif fmt == "json":
        assert len(json.loads(response.content)["facts"]) == 9
    else:
        assert len(response.text.strip().splitlines()) == 10


def test_export_of_a_subgraph(client: TestClient) -> None:
    doc = client.get("/api/export?format=json&center=sam-altman&depth=1").json()
    assert {e["id"] for e in doc["entities"]} == {"sam-altman", "openai"}


def test_openapi_documents_every_route_with_a_summary(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operations = [op for path in spec["paths"].values() for op in path.values()]
    assert len(operations) >= 14
    assert all(op.get("description") or op.get("summary") for op in operations)
    assert client.get("/docs").status_code == 200


def test_the_server_sees_what_another_process_loads_and_its_uploads_still_add_once(
        client: TestClient, sample_store, open_again, auth: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    from graph.ingest import load
    from loaders import parse_fact_file

    text = ("sources: [{id: cli-1, url: 'https://example.org/cli-1'}]\n"
            "facts: [{subject: Oracle, relation: partners_with, object: Meta, source: cli-1}]\n")
    before = client.get("/api/stats").json()["facts"]
    load(open_again(sample_store), parse_fact_file(text, "cli.yaml", "yaml"))  # as `alliances load` would
    assert client.get("/api/stats").json()["facts"] == before + 1
    assert "meta" in {e["object"] for e in client.get("/api/entities/oracle/relations").json()["items"]} | \
        {e["subject"] for e in client.get("/api/entities/oracle/relations").json()["items"]}
    response = client.post("/api/facts", files={"file": ("cli.yaml", text)}, headers=auth)
    assert response.status_code == 200, response.text
    assert response.json()["facts_added"] == 0
