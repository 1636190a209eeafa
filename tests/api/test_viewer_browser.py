"""The viewer in a real headless Chromium (Debian's), driven by Playwright, against a real server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

from tests.api.test_server import serve

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("ALLIANCES_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("browser tests need Debian's chromium (apt-get install chromium); .ci/run installs it")
    pytest.skip("no chromium on this machine", allow_module_level=True)

XSS = "<img src=x onerror=alert(1)>"
XSS_FILE = f"""
sources: [{{id: xss-src, url: "https://example.org/x", title: "<script>alert(2)</script>", publisher: Ex}}]
entities: [{{id: xss-co, name: "{XSS}", type: company}}]
facts:
  - {{subject: xss-co, relation: partners_with, object: openai, note: "<b onmouseover=alert(3)>quoted</b>"}}
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("viewer")
    (folder / "xss.yaml").write_text(XSS_FILE)
    env = {**os.environ, "ALLIANCES_DB": str(folder / "viewer.sqlite3"), "ALLIANCES_BACKEND": "embedded"}
    for args in (["load", "--bundled"], ["load", str(folder / "xss.yaml")]):
        subprocess.run([sys.executable, "-m", "cli", *args], env=env, check=True, capture_output=True)
    proc, base = serve(env)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


class Page:
    """A page that records console errors, dialogs and every request it makes."""

    def __init__(self, browser, base: str) -> None:  # type: ignore[no-untyped-def]
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.settle()

    def settle(self) -> None:
        self.page.wait_for_function("window.alliancegraph && !window.alliancegraph.loading"
                                    " && window.alliancegraph.settled", timeout=30_000)

    def node_ids(self) -> set[str]:
        return set(self.page.evaluate("window.alliancegraph.nodes.getIds()"))

    def edge_ids(self) -> set[str]:
        return set(self.page.evaluate("window.alliancegraph.edges.getIds()"))

    def external_requests(self) -> list[str]:
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https")
                and urlparse(u).hostname not in ("127.0.0.1", "localhost")]

    def click_edge(self, edge_id: str) -> None:
        """Click on the drawn edge itself (its curve's points, from the middle out)."""
        for t in (0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65):
            point = self.page.evaluate("""([id, t]) => {
                const net = window.alliancegraph.network;
                const p = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(t));
                const r = document.getElementById('network').getBoundingClientRect();
                return {x: r.left + p.x, y: r.top + p.y};
            }""", [edge_id, t])
            self.page.mouse.click(point["x"], point["y"])
            if self.page.evaluate("window.alliancegraph.network.getSelectedEdges()") == [edge_id]:
                return
        raise AssertionError(f"could not click edge {edge_id}")


@pytest.fixture
def page(browser, server: str) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    p = Page(browser, server)
    yield p
    p.page.close()


def test_the_viewer_loads_offline_without_console_errors(page: Page) -> None:
    page.page.goto(page.base + "/")
    page.page.wait_for_selector("#search")
    assert page.page.locator("#legend").inner_text().count("invests_in") == 1
    assert page.errors == [] and page.external_requests() == []


def test_searching_and_choosing_openai_draws_its_network(page: Page) -> None:
    page.page.goto(page.base + "/")
    page.page.fill("#search", "openai")
    page.page.wait_for_selector("#suggestions li[data-id='openai']")
    page.page.click("#suggestions li[data-id='openai']")
    page.page.wait_for_function("window.alliancegraph.nodes.length > 0")
    page.settle()
    assert {"openai", "nvidia", "microsoft"} <= page.node_ids()
    assert "center=openai" in page.page.url
    assert page.errors == [] and page.external_requests() == []


def test_clicking_the_nvidia_openai_edge_shows_the_100b_claim_and_its_source(page: Page) -> None:
    page.open("/?center=openai&relation=invests_in")
    page.click_edge("nvidia|invests_in|openai")
    panel = page.page.locator("#panel")
    assert "NVIDIA invests_in OpenAI" in panel.locator("h2").inner_text()
    text = panel.inner_text()
    assert "up to $100B" in text and "2025-09-22" in text
    links = panel.locator("a").evaluate_all("els => els.map(a => a.href)")
    assert any(link.startswith("https://") for link in links)


def test_the_as_of_slider_before_september_2025_removes_the_100b_claim(page: Page) -> None:
    page.open("/?center=openai&relation=invests_in")
    edge = "nvidia|invests_in|openai"
    assert edge in page.edge_ids()

    def set_as_of(day: str) -> None:
        page.page.evaluate("""(day) => {
            const s = document.getElementById('as-of');
            const start = Date.parse(JSON.parse(document.getElementById('view-config').textContent)
                                     .date_range[0] + 'T00:00:00Z');
            s.value = String(Math.round((Date.parse(day + 'T00:00:00Z') - start) / 86400000));
            s.dispatchEvent(new Event('change'));
        }""", day)
        page.page.wait_for_function(f"window.alliancegraph.state.as_of === '{day}'")
        page.settle()

    set_as_of("2025-08-31")
    claims = page.page.evaluate(f"window.alliancegraph.edges.get('{edge}')?.claims.map(c => c.amount_usd) || []")
    assert 1e11 not in claims
    assert "as_of=2025-08-31" in page.page.url
    set_as_of("2024-06-30")
    assert edge not in page.edge_ids()


def test_expand_adds_neighbours_without_reloading(page: Page) -> None:
    page.open("/?center=sam-altman")
    before = page.node_ids()
    page.page.evaluate("window.alliancegraph.showNode('openai')")
    page.page.click("#expand")
    page.page.wait_for_function(f"window.alliancegraph.nodes.length > {len(before)}")
    assert before < page.node_ids() and "nvidia" in page.node_ids()


def test_an_entity_named_like_html_shows_as_text_and_runs_nothing(page: Page) -> None:
    page.open("/?center=xss-co")
    page.page.evaluate("window.alliancegraph.showNode('xss-co')")
    assert page.page.locator("#panel h2").inner_text() == XSS
    page.page.evaluate("window.alliancegraph.showEdge('openai|partners_with|xss-co')")
    assert "<b onmouseover=alert(3)>quoted</b>" in page.page.locator("#panel").inner_text()
    page.page.fill("#search", "img src")
    page.page.wait_for_timeout(500)
    page.page.mouse.move(700, 450)
    page.page.wait_for_timeout(300)
    assert page.dialogs == [] and page.page.locator("#panel img").count() == 0
    assert page.page.locator("#panel script").count() == 0


def test_the_downloaded_view_is_one_file_that_works_with_no_network(page: Page, tmp_path: Path) -> None:
    response = httpx.get(page.base + "/viz", params={"center": "openai", "download": "1"})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    html = response.text
    assert "<script src=" not in html and "<link rel=\"stylesheet\"" not in html
    offline = page.page.context.browser.new_page()  # type: ignore[union-attr]
    requests: list[str] = []
    offline.on("request", lambda r: requests.append(r.url))
    path = tmp_path / "view.html"
    path.write_text(html)
    offline.goto(path.as_uri())
    offline.wait_for_function("window.alliancegraph && window.alliancegraph.settled", timeout=30_000)
    assert offline.evaluate("window.alliancegraph.nodes.length") > 10
    assert [u for u in requests if not u.startswith("file:")] == []
    offline.close()


def test_a_highlighted_cycle_is_drawn_in_the_highlight_colour(page: Page) -> None:
    page.open("/viz?center=nvidia&depth=1&highlight_edges=nvidia|invests_in|openai&highlight_nodes=openai")
    edge = page.page.evaluate("window.alliancegraph.edges.get('nvidia|invests_in|openai')")
    node = page.page.evaluate("window.alliancegraph.nodes.get('openai')")
    assert edge["color"] == "#ff00aa" and node["color"]["border"] == "#ff00aa"
