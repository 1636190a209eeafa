"""The viewer's data and pages, without a browser: styling, caps, layout, escaping, offline assets."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.viewer.build import EDGE_COLOR, LAYOUT_THRESHOLD, NODE_STYLE, edge_width
from graph.model import Batch, Entity, EntityType, Fact, Source
from tests.api.conftest import assert_error


def test_network_data_styles_nodes_and_edges(client: TestClient) -> None:
    data = client.get("/viz/data?center=openai").json()
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["sam-altman"]["shape"] == NODE_STYLE["person"]["shape"]
    assert nodes["stargate"]["color"]["background"] == NODE_STYLE["project"]["color"]
    edges = {e["id"]: e for e in data["edges"]}
    invest = edges["nvidia|invests_in|openai"]
    assert invest["color"] == EDGE_COLOR["invests_in"] and invest["arrows"] == "to"
    assert invest["claims"][0]["source"]["url"] == "https://example.org/nvidia-openai"
    assert edges["meta|competes_with|openai"]["arrows"] == "" and edges["meta|competes_with|openai"]["dashes"]
    assert data["physics"] is True and data["truncated"] is False


def test_edge_width_grows_with_the_log_of_the_amount() -> None:
    assert edge_width(None) == 1.0
    assert edge_width(1e7) < edge_width(1e9) < edge_width(1e11)


def test_large_views_get_a_precomputed_layout_and_a_cap(sample_store, settings) -> None:  # type: ignore[no-untyped-def]
    from api.main import create_app

    hub = Entity(id="hub", name="Hub", type=EntityType.fund)
    spokes = [Entity(id=f"co-{i}", name=f"Co {i}", type=EntityType.company) for i in range(1000)]
    facts = [Fact(subject="hub", relation="invests_in", object=e.id, source_id="big", amount_usd=1e6 * (i + 1))
             for i, e in enumerate(spokes)]
    sample_store.apply(Batch(origin="big", sources=[Source(id="big", url="https://example.org/big")],
                             entities=[hub, *spokes], facts=facts))
    with TestClient(create_app(settings, store=sample_store)) as c:
        full = c.get("/viz/data?center=hub&limit=2000").json()
        assert len(full["nodes"]) == 1001 and full["physics"] is False and LAYOUT_THRESHOLD < 1001
        assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in full["nodes"])
        capped = c.get("/viz/data?center=hub&limit=50").json()
        assert len(capped["nodes"]) == 50 and capped["truncated"] and capped["total_nodes"] == 1001


def test_pages_load_assets_only_from_the_app(client: TestClient) -> None:
    for url in ("/", "/?center=openai", "/viz?center=openai"):
        html = client.get(url).text
        for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert ref.startswith(("/", "#", "data:")), (url, ref)
    assert client.get("/static/vis/vis-network.min.js").status_code == 200
    assert client.get("/static/app/viewer.js").status_code == 200


def test_data_in_pages_cannot_break_out_of_its_script(client: TestClient, sample_store) -> None:  # type: ignore[no-untyped-def]
    load_evil = Batch(origin="x", sources=[Source(id="x", url="https://example.org/x")],
                      entities=[Entity(id="evil", name="</script><script>alert(1)</script>", type="company")],
                      facts=[Fact(subject="evil", relation="partners_with", object="openai", source_id="x")])
    sample_store.apply(load_evil)
    html = client.get("/viz?center=evil").text
    assert "</script><script>alert(1)" not in html and "\\u003c/script\\u003e" in html


def test_viewer_errors_use_the_api_shape(client: TestClient) -> None:
    assert_error(client.get("/viz?center=nobody-here"), 404, "entity_not_found")
    assert_error(client.get("/viz"), 422, "invalid_query")
    assert_error(client.get("/viz/data?center=openai&depth=9"), 422, "invalid_parameters")


def test_the_standalone_download_inlines_everything(client: TestClient) -> None:
    response = client.get("/viz?center=openai&download=1")
    assert response.headers["content-disposition"] == 'attachment; filename="alliancegraph-openai.html"'
    assert "<script src=" not in response.text and "vis.Network" in response.text


def test_a_diff_view_without_a_center_shows_the_listed_edges_coloured(client: TestClient) -> None:
    data = client.get("/viz/data", params={"as_of": "2025-09-30", "added": "nvidia|invests_in|openai",
                                           "removed": "coreweave|supplies|openai",
                                           "changed": "oracle|supplies|openai"}).json()
    edges = {e["id"]: e for e in data["edges"]}
    assert edges["nvidia|invests_in|openai"]["color"] == "#00b050"
    assert edges["coreweave|supplies|openai"]["color"] == "#e00000"
    assert edges["oracle|supplies|openai"]["color"] == "#ff8c00"
    assert {n["id"] for n in data["nodes"]} == {"nvidia", "openai", "coreweave", "oracle"}
    assert data["center"] is None
    assert client.get("/viz?highlight_edges=nvidia|invests_in|openai").status_code == 200
    assert client.get("/?added=nvidia|invests_in|openai").status_code == 200
    assert_error(client.get("/viz/data?highlight_edges=nobody|invests_in|none"), 422, "invalid_query")
