"""The viewer: the app page (/), network pages (/viz, standalone with download=1) and their data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from graph.queries import find_entity

from ..deps import StoreDep
from ..params import AsOf, MinAmount, Relations, Statuses
from ..viewer.build import ViewQuery, network_data
from ..viewer.page import render_page

router = APIRouter(tags=["viewer"])

Csv = Annotated[str | None, Query(max_length=20_000, description="Comma-separated ids or subject|relation|object keys")]


def _split(value: str | None) -> set[str]:
    return {v.strip() for v in (value or "").split(",") if v.strip()}


def _view(store: StoreDep, center: str | None, depth: int, relation: Relations, as_of: str | None,
          min_amount_usd: float | None, status: Statuses, limit: int, highlight_nodes: str | None,
          highlight_edges: str | None, added: str | None, removed: str | None,
          changed: str | None = None) -> ViewQuery:
    return ViewQuery(center=find_entity(store, center) if center else None, depth=depth, relations=relation,
                     as_of=as_of, min_amount_usd=min_amount_usd, status=status, limit=limit,
                     highlight_nodes=_split(highlight_nodes), highlight_edges=_split(highlight_edges),
                     added=_split(added), removed=_split(removed), changed=_split(changed))


def _state(q: ViewQuery) -> dict[str, Any]:
    return {"center": q.center, "depth": q.depth, "relations": [r.value for r in q.relations or []],
            "min_amount_usd": f"{q.min_amount_usd:.0f}" if q.min_amount_usd else "",
            "status": q.status[0].value if q.status else "", "as_of": q.as_of or ""}


def _passthrough(**values: str | None) -> list[tuple[str, str]]:
    return [(k, v) for k, v in values.items() if v]


Center = Annotated[str | None, Query(description="Entity id, name or alias (or none, to show only the "
                                                 "highlighted/added/removed/changed edges)", examples=["openai"])]
Depth = Annotated[int, Query(ge=1, le=3)]
Limit = Annotated[int, Query(ge=1, le=2000, description="Most entities drawn")]


@router.get("/viz/data")
def get_view_data(store: StoreDep, center: Center = None, depth: Depth = 1, relation: Relations = None,
                  as_of: AsOf = None, min_amount_usd: MinAmount = None, status: Statuses = None,
                  limit: Limit = 300, highlight_nodes: Csv = None, highlight_edges: Csv = None, added: Csv = None,
                  removed: Csv = None, changed: Csv = None) -> dict[str, Any]:
    """The network around an entity as vis-network nodes and edges, with every claim behind each edge."""
    q = _view(store, center, depth, relation, as_of, min_amount_usd, status, limit, highlight_nodes,
              highlight_edges, added, removed, changed)
    return network_data(store, q)


@router.get("/viz", response_class=HTMLResponse)
def get_viz(store: StoreDep, center: Center = None, depth: Depth = 1, relation: Relations = None,
            as_of: AsOf = None, min_amount_usd: MinAmount = None, status: Statuses = None, limit: Limit = 300,
            highlight_nodes: Csv = None, highlight_edges: Csv = None, added: Csv = None, removed: Csv = None,
            changed: Csv = None,
            download: Annotated[bool, Query(description="A standalone HTML file with everything inlined")] = False,
            ) -> HTMLResponse:
    """An interactive network page; with download=1, one self-contained HTML file to share."""
    q = _view(store, center, depth, relation, as_of, min_amount_usd, status, limit, highlight_nodes,
              highlight_edges, added, removed, changed)
    data = network_data(store, q)
    title = store.entity(q.center).name if q.center else "highlighted links"
    html = render_page(store, mode="page", data=data, state=_state(q), passthrough=[], inline=download,
                       title=title)
    name = q.center or "view"
    headers = {"Content-Disposition": f'attachment; filename="alliancegraph-{name}.html"'} if download else None
    return HTMLResponse(html, headers=headers)


@router.get("/", response_class=HTMLResponse)
def get_viewer(store: StoreDep, center: Annotated[str | None, Query()] = None, depth: Depth = 1,
               relation: Relations = None, as_of: AsOf = None, min_amount_usd: MinAmount = None,
               status: Statuses = None, limit: Limit = 300, highlight_nodes: Csv = None,
               highlight_edges: Csv = None, added: Csv = None, removed: Csv = None,
               changed: Csv = None) -> HTMLResponse:
    """The viewer: search, filters, an as-of slider, expand on double-click; the URL reproduces the view."""
    data, state = None, {"center": None, "depth": depth, "relations": [], "min_amount_usd": "", "status": "",
                         "as_of": ""}
    title = "alliancegraph"
    if center or highlight_nodes or highlight_edges or added or removed or changed:
        q = _view(store, center, depth, relation, as_of, min_amount_usd, status, limit, highlight_nodes,
                  highlight_edges, added, removed, changed)
        data, state = network_data(store, q), _state(q)
        title = store.entity(q.center).name if q.center else "highlighted links"
    passthrough = _passthrough(highlight_nodes=highlight_nodes, highlight_edges=highlight_edges, added=added,
                               removed=removed, changed=changed, limit=str(limit) if limit != 300 else None)
    return HTMLResponse(render_page(store, mode="app", data=data, state=state, passthrough=passthrough,
                                    inline=False, title=title))
