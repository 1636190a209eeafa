"""Rendering the viewer page, with assets linked from the app or inlined for a standalone file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph.model import Status
from graph.store import FactQuery, GraphStore

from .build import EDGE_COLOR, NODE_STYLE

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
#: vis-network ships inside the pyvis wheel; the app serves it, so no page needs a CDN.
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))


@lru_cache
def _asset(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def date_range(store: GraphStore) -> list[str] | None:
    """The first and last day the claims speak of, for the as-of slider."""
    dates = [f.date for f in store.facts(FactQuery()) if f.date]
    if not dates:
        return None
    first, last = min(dates), max(dates)
    start = first + "-01-01"[len(first) - 4:] if len(first) < 10 else first
    end = {4: last + "-12-31", 7: last + "-28", 10: last}[len(last)]
    return [start[:10], end]


def render_page(store: GraphStore, *, mode: str, data: dict[str, Any] | None, state: dict[str, Any],
                passthrough: list[tuple[str, str]], inline: bool, title: str) -> str:
    config = {"mode": mode, "node_style": NODE_STYLE, "edge_color": EDGE_COLOR,
              "statuses": [s.value for s in Status], "date_range": date_range(store), "state": state,
              "passthrough": passthrough}
    context: dict[str, Any] = {"mode": mode, "data": data, "config": config, "inline": inline, "title": title,
                               "static": "/static"}
    if inline:
        context.update(vis_js=_asset(VIS_DIR / "vis-network.min.js"), vis_css=_asset(VIS_DIR / "vis-network.css"),
                       app_js=_asset(STATIC_DIR / "viewer.js"), app_css=_asset(STATIC_DIR / "viewer.css"))
    return _env.get_template("viewer.html").render(**context)
