"""Facts: query claims, upload a fact file."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from graph.ingest import load
from graph.model import LoadReport
from graph.queries import find_entity
from graph.store import FactQuery, GraphStore
from loaders import parse_fact_file
from loaders.reading import decode

from ..deps import PageDep, SettingsDep, StoreDep, WriteAccess
from ..errors import ApiError
from ..params import AsOf, MinAmount, Relations, Since, Statuses, Until
from ..schemas import ClaimOut, Page, claim_out

router = APIRouter(prefix="/facts", tags=["facts"])

FORMATS = {"json": "json", "yaml": "yaml", "yml": "yaml", "csv": "csv", "x-yaml": "yaml"}


@router.get("", response_model=Page[ClaimOut])
def list_facts(store: StoreDep, page: PageDep,
               subject: Annotated[str | None, Query(description="Entity id, name or alias")] = None,
               object: Annotated[str | None, Query(description="Entity id, name or alias")] = None,
               entity: Annotated[str | None, Query(description="Either end")] = None,
               relation: Relations = None, source: Annotated[str | None, Query(max_length=200)] = None,
               since: Since = None, until: Until = None, as_of: AsOf = None, min_amount_usd: MinAmount = None,
               status: Statuses = None) -> Page[ClaimOut]:
    """Claims matching every filter given, by date."""
    if source is not None:
        store.source(source)
    query = FactQuery(subject=subject and find_entity(store, subject), object=object and find_entity(store, object),
                      entity=entity and find_entity(store, entity), relations=relation, source=source, since=since,
                      until=until, as_of=as_of, min_amount_usd=min_amount_usd, status=status)
    total = store.count_facts(query)
    facts = store.facts(query.model_copy(update={"limit": page.limit, "offset": page.offset}))
    return Page(items=[claim_out(store, f) for f in facts], total=total, limit=page.limit, offset=page.offset)


async def _read_limited(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", f"upload is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_upload(request: Request, max_bytes: int, format: str | None) -> tuple[bytes, str, str]:
    """The uploaded document's bytes, a name for messages, and its format (json, yaml or csv)."""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise ApiError(413, "too_large", f"upload is {int(length):,} bytes, over the limit of {max_bytes:,} bytes")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=5)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise ApiError(422, "invalid_upload", "multipart uploads need one file in a field named 'file'")
        data = await upload.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ApiError(413, "too_large", f"upload is over the limit of {max_bytes:,} bytes")
        name = upload.filename or "upload"
        fmt = format or FORMATS.get(name.rsplit(".", 1)[-1].lower())
    else:
        data = await _read_limited(request, max_bytes)
        name = "request body"
        fmt = format or FORMATS.get(ctype.split("/")[-1])
    if fmt is None:
        raise ApiError(415, "unsupported_format", "cannot tell the format: send application/json, a .yaml/.json/"
                       ".csv file, or add ?format=yaml|json|csv")
    return data, f"upload:{name}", fmt


@router.post("", response_model=LoadReport, dependencies=[WriteAccess])
async def upload_facts(request: Request, store: StoreDep, settings: SettingsDep,
                       format: Annotated[str | None, Query(pattern="^(json|yaml|csv)$")] = None) -> LoadReport:
    """Load a fact file (JSON body, or YAML/JSON/CSV file upload): all or nothing; needs the bearer token."""
    data, origin, fmt = await read_upload(request, settings.max_upload_bytes, format)
    return await run_in_threadpool(_parse_and_load, store, data, origin, fmt, settings.max_upload_bytes)


def _parse_and_load(store: GraphStore, data: bytes, origin: str, fmt: str, max_bytes: int) -> LoadReport:
    """Decoding, parsing and loading are CPU-bound: they run in a worker thread, off the event loop."""
    return load(store, parse_fact_file(decode(data, origin, max_bytes), origin, fmt))
