"""Articles: extract facts from a news text and load them (low-confidence facts go to review)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from graph.ingest import load
from graph.store import GraphStore
from loaders.article import article_batch, extract_document, extraction_json, known_with, parse_document
from loaders.reading import decode

from ..deps import SettingsDep, StoreDep, WriteAccess
from ..errors import ApiError
from .facts import read_upload

router = APIRouter(prefix="/articles", tags=["articles"])

_KINDS = {"html": True, "htm": True, "md": False, "markdown": False, "txt": None, "plain": None, "text": None}


def _ingest(store: GraphStore, text: str, origin: str, is_html: bool | None, meta: dict[str, str | None],
            threshold: float) -> dict[str, Any]:
    doc = parse_document(text, origin, is_html=is_html, is_markdown=origin.endswith((".md", ".markdown")))
    for key, value in meta.items():
        if value:
            setattr(doc, key, value)
    extraction = extract_document(doc, known_with(store.entities()))
    report = load(store, article_batch(extraction), review_threshold=threshold)
    return {"report": report.model_dump(), **extraction_json(extraction, include_below=True)}


@router.post("", dependencies=[WriteAccess])
async def ingest_article(
    request: Request, store: StoreDep, settings: SettingsDep,
    url: Annotated[str | None, Query(max_length=2000, pattern=r"^https?://\S+$")] = None,
    title: Annotated[str | None, Query(max_length=500)] = None,
    publisher: Annotated[str | None, Query(max_length=200)] = None,
    published: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    language: Annotated[str | None, Query(pattern="^(en|fr)$")] = None,
) -> dict[str, Any]:
    """Extract facts from an article (text, Markdown or HTML; body or file upload) and load them; needs the token.

    Facts under the review threshold wait in the review queue; the same article twice adds nothing.
    """
    data, origin, _ = await read_upload(request, settings.max_upload_bytes, format="text")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    kind = origin.rsplit(".", 1)[-1].lower() if "." in origin else ctype.split("/")[-1]
    if ctype.startswith(("image/", "audio/", "video/")) or ctype in ("application/octet-stream", "application/pdf"):
        raise ApiError(415, "unsupported_format", "send the article as text/plain, text/markdown or text/html")
    text = decode(data, origin, settings.max_upload_bytes)
    meta = {"url": url, "title": title, "publisher": publisher, "published": published, "language": language}
    return await run_in_threadpool(_ingest, store, text, origin, _KINDS.get(kind), meta,
                                   settings.review_threshold)
