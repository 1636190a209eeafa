"""Sources and the facts taken from each."""

from __future__ import annotations

from fastapi import APIRouter

from graph.store import FactQuery

from ..deps import PageDep, StoreDep
from ..schemas import Page, SourceDetail, SourceOut, claim_out, source_out

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("", response_model=Page[SourceOut])
def list_sources(store: StoreDep, page: PageDep) -> Page[SourceOut]:
    """Every source, newest first."""
    total = store.stats()["sources"]
    items = [source_out(s) for s in store.sources(limit=page.limit, offset=page.offset)]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/{source_id}", response_model=SourceDetail)
def get_source(source_id: str, store: StoreDep) -> SourceDetail:
    """One source and every fact taken from it."""
    source = store.source(source_id)
    facts = store.facts(FactQuery(source=source.id))
    return SourceDetail(**source_out(source).model_dump(), facts=[claim_out(store, f) for f in facts])
