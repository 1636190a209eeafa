"""The FastAPI app: a lifespan that opens and closes the store, one router per resource."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from graph.factory import open_store
from graph.settings import Settings
from graph.store import GraphStore

from .errors import install_error_handlers
from .routes import analytics, articles, cypher, entities, export, facts, graph, health, review, sources, viewer
from .viewer.page import STATIC_DIR, VIS_DIR

DESCRIPTION = """A sourced knowledge graph of the AI industry's alliances: who invests in whom, who supplies
chips, cloud and power to whom, who partners with whom, who leads what. Every edge carries its claims and
every claim its source. Errors share one shape: `{"error": {"code", "message", "details"}}`."""


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the app; ``store`` (for tests) is used as given and not closed, otherwise one is opened."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.store = store or open_store(settings)
        try:
            yield
        finally:
            if store is None:
                app.state.store.close()

    app = FastAPI(title="alliancegraph", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    install_error_handlers(app)
    api = APIRouter(prefix="/api")
    for module in (health, entities, graph, facts, sources, export, review, analytics, articles, cypher):
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(viewer.router)
    app.mount("/static/vis", StaticFiles(directory=VIS_DIR), name="vis")
    app.mount("/static/app", StaticFiles(directory=STATIC_DIR), name="viewer-static")
    return app
