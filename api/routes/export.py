"""Exports of the whole graph or of a subgraph, streamed."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from graph.export import export_stream
from graph.queries import find_entity, neighborhood

from ..deps import StoreDep
from ..params import AsOf

router = APIRouter(tags=["export"])

MEDIA = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml", "json": "application/json",
         "csv": "text/csv"}


@router.get("/export", response_class=StreamingResponse,
            responses={200: {"content": {m: {} for m in MEDIA.values()}}})
def export_graph(store: StoreDep, format: Literal["graphml", "gexf", "json", "csv"] = "graphml",
                 center: Annotated[str | None, Query(description="Export only around this entity")] = None,
                 depth: Annotated[int, Query(ge=1, le=3)] = 1, as_of: AsOf = None) -> StreamingResponse:
    """The graph (or a center/depth subgraph) as GraphML, GEXF, JSON (a loadable fact file) or CSV."""
    graph = store.projection(as_of=as_of)
    if center is not None:
        sub = neighborhood(store, find_entity(store, center), depth=depth, limit=100_000, as_of=as_of)
        graph = graph.subgraph([n["id"] for n in sub["nodes"]])
    name = f"alliancegraph{'-' + center if center else ''}.{format}"
    return StreamingResponse(export_stream(store, graph, format), media_type=MEDIA[format],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
