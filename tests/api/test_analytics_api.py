"""/api/analytics/...: every endpoint on the sample graph, the acceptance query on the bundled data, errors."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.ingest import load
from graph.settings import Settings
from graph.store import GraphStore
from loaders import bundled_path, iter_fact_files, read_fact_file
from tests.api.conftest import assert_error

EDGE_KEY = r"[a-z0-9-]+\|[a-z_]+\|[a-z0-9-]+"


@pytest.fixture
def bundled_client(store: GraphStore, settings: Settings) -> Iterator[TestClient]:
    for path in iter_fact_files([bundled_path()]):
        load(store, read_fact_file(path))
    with TestClient(create_app(settings, store=store), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize(("url", "check"), [
    ("/api/analytics/cycles", lambda b: [c["id"] for c in b["cycles"]] == ["nvidia.openai", "nvidia.openai.oracle"]
     and b["complete"] and b["cycles"][0]["min_amount_usd"] is None),
    ("/api/analytics/cycles?min_amount_usd=1000000000", lambda b: b["cycles"] == [] and b["found"] == 0),
    ("/api/analytics/cycles?min_length=3", lambda b: [c["id"] for c in b["cycles"]] == ["nvidia.openai.oracle"]),
    ("/api/analytics/cycles?through=Oracle&through=NVIDIA",
     lambda b: [c["path"] for c in b["cycles"]] == ["Oracle \u2192 NVIDIA \u2192 OpenAI \u2192 Oracle"]),
    ("/api/analytics/cycles?relation=invests_in", lambda b: b["cycles"] == []),
    ("/api/analytics/cycles?as_of=2025-09-15", lambda b: b["cycles"] == []),
    ("/api/analytics/cycles?committed_only=true", lambda b: b["cycles"] == []),  # NVIDIA's "up to" $100B
    ("/api/analytics/cycles/openai.oracle.nvidia", lambda b: b["id"] == "nvidia.openai.oracle" and b["length"] == 3),
    ("/api/analytics/flows?entity=Open%20AI",
     lambda b: b["entity"]["id"] == "openai" and b["in"]["contingent_usd"] == 100e9
     and b["out"]["committed_usd"] == 311.9e9 and b["in"]["unknown_amount_deals"] == 0),
    ("/api/analytics/flows?entity=openai&since=2025-09",
     lambda b: b["out"]["committed_usd"] == 300e9 and b["filters"]["since"] == "2025-09"),
    ("/api/analytics/rank", lambda b: b["metric"] == "pagerank" and b["items"][0]["id"] == "openai"),
    ("/api/analytics/rank?metric=degree&type=person", lambda b: [i["id"] for i in b["items"]] == ["sam-altman"]),
    ("/api/analytics/rank?metric=betweenness&top=2", lambda b: [i["id"] for i in b["items"]] == ["openai", "nvidia"]),
    ("/api/analytics/rank?scope=money&top=1", lambda b: b["scope"] == "money" and len(b["items"]) == 1),
    ("/api/analytics/exposure?entity=oracle",
     lambda b: {d["id"] for d in b["dependents"]} >= {"openai"} and b["viz_url"].startswith("/viz?center=oracle")),
    ("/api/analytics/concentration?entity=openai&side=suppliers",
     lambda b: b["suppliers"]["hhi"] == pytest.approx((300 / 311.9) ** 2 + (11.9 / 311.9) ** 2)
     and b["suppliers"]["unknown_amount_counterparties"] == 1 and "funders" not in b),
    ("/api/analytics/communities",
     lambda b: b["total"] >= 1 and all(re.fullmatch(r"/viz\?center=[a-z0-9-]+&depth=1&highlight_nodes=[a-z0-9,-]+",
                                                    c["viz_url"]) for c in b["communities"])),
    ("/api/analytics/timeline?entity=coreweave",
     lambda b: [e["date"] for e in b["events"]] == ["2023", "2025-03-10"] and b["undated"] == 0),
    ("/api/analytics/timeline", lambda b: b["total"] == 7 and b["undated"] == 2),
    ("/api/analytics/snapshot?as_of=2025-08-31",
     lambda b: b["edges"] == 4 and b["largest"][0]["key"] == "coreweave|supplies|openai"
     and b["viz_url"] == "/viz?as_of=2025-08-31"),
    # "nvidia supplies oracle" is dated 2025 (the year only), so it is known by 2025-08-31 already
    ("/api/analytics/diff?from=2025-08-31&to=2025-12-31",
     lambda b: b["counts"]["edges_added"] == 3 and b["entities"]["added"] == []
     and [r["key"] for r in b["edges"]["added"]] == ["nvidia|invests_in|openai", "nvidia|supplies|openai",
                                                      "oracle|supplies|openai"]
     and b["edges"]["added"][0]["sources"] == ["t-loi"]),
    ("/api/analytics/diff?from=2025-08-31&to=2025-12-31&entity=oracle",
     lambda b: b["viz_url"] == "/viz?center=oracle&as_of=2025-12-31&added=oracle|supplies|openai&removed="
     and [e["id"] for e in b["entities"]["added"]] == ["openai"]),
    ("/api/analytics/conflicts", lambda b: b["total"] == 0 and b["edges"] == []),
])
def test_analytics_endpoints(client: TestClient, url: str, check) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, response.text
    body = response.json()
    assert check(body), body
    for source in body.get("source_index", {}).values():
        assert source["url"].startswith("https://example.org/")


def test_every_cycle_cites_its_claims_and_links_to_the_viewer(client: TestClient) -> None:
    body = client.get("/api/analytics/cycles").json()
    for loop in body["cycles"]:
        keys = ",".join(loop["edge_keys"])
        assert loop["viz_url"] == f"/viz?center={loop['entities'][0]['id']}&depth=2&highlight_edges={keys}"
        assert all(re.fullmatch(EDGE_KEY, k) for k in loop["edge_keys"])
        for step in loop["steps"]:
            for edge in step["edges"]:
                for deal in edge["deals"]:
                    for claim in deal["claims"]:
                        assert claim["id"] and claim["source_url"] == body["source_index"][claim["source_id"]]["url"]


def test_the_acceptance_query_on_the_bundled_data(bundled_client: TestClient) -> None:
    response = bundled_client.get("/api/analytics/cycles?min_amount_usd=1000000000")
    assert response.status_code == 200, response.text
    body = response.json()
    loops = [c for c in body["cycles"] if {"nvidia", "openai"} <= {e["id"] for e in c["entities"]}]
    assert loops
    for loop in loops:
        assert loop["min_amount_usd"] >= 1e9 and loop["viz_url"].startswith("/viz?center=")
        for step in loop["steps"]:
            assert step["sources"] and all(body["source_index"][s]["url"] for s in step["sources"])
            for edge in step["edges"]:
                assert edge["sources"]
    one = bundled_client.get(f"/api/analytics/cycles/{loops[0]['id']}")
    assert one.status_code == 200 and one.json()["steps"] == loops[0]["steps"]


def test_the_bundled_diff_links_to_the_viewer(bundled_client: TestClient) -> None:
    body = bundled_client.get("/api/analytics/diff?from=2025-06-30&to=2025-12-31&entity=NVIDIA").json()
    url = body["viz_url"]
    assert url.startswith("/viz?center=nvidia&as_of=2025-12-31&added=")
    added = url.split("added=")[1].split("&")[0].split(",")
    assert added == [r["key"] for r in body["edges"]["added"]] and all(re.fullmatch(EDGE_KEY, k) for k in added)


@pytest.mark.parametrize(("url", "status", "code"), [
    ("/api/analytics/flows?entity=nvdia", 404, "entity_not_found"),
    ("/api/analytics/flows", 422, "invalid_parameters"),
    ("/api/analytics/exposure?entity=openai&k=9", 422, "invalid_parameters"),
    ("/api/analytics/cycles?max_length=7", 422, "invalid_parameters"),
    ("/api/analytics/cycles?min_length=4&max_length=3", 422, "invalid_query"),
    ("/api/analytics/cycles?min_amount_usd=-5", 422, "invalid_parameters"),
    ("/api/analytics/cycles?relation=merges_with", 422, "invalid_parameters"),
    ("/api/analytics/cycles?through=nobody-at-all", 404, "entity_not_found"),
    ("/api/analytics/cycles?as_of=2025-09", 422, "invalid_parameters"),
    ("/api/analytics/cycles?since=2025-13", 422, "invalid_parameters"),
    ("/api/analytics/cycles/openai.meta", 404, "no_path"),
    ("/api/analytics/cycles/openai", 422, "invalid_query"),
    ("/api/analytics/rank?metric=fame", 422, "invalid_parameters"),
    ("/api/analytics/rank?type=planet", 422, "invalid_parameters"),
    ("/api/analytics/concentration?entity=openai&side=friends", 422, "invalid_parameters"),
    ("/api/analytics/snapshot", 422, "invalid_parameters"),
    ("/api/analytics/diff?from=2025-12-31&to=2025-01-01", 422, "invalid_query"),
    ("/api/analytics/diff?from=2025-12&to=2026-01-01", 422, "invalid_parameters"),
    ("/api/analytics/conflicts?field=colour", 422, "invalid_parameters"),
])
def test_analytics_errors(client: TestClient, url: str, status: int, code: str) -> None:
    assert_error(client.get(url), status, code)
