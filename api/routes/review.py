"""The review queue of low-confidence extracted facts."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from graph.store import ReviewItem

from ..deps import StoreDep, WriteAccess

router = APIRouter(prefix="/review", tags=["review"])


@router.get("", response_model=list[ReviewItem])
def list_review(store: StoreDep, state: Literal["pending", "accepted", "rejected"] = "pending") -> list[ReviewItem]:
    """Extracted facts held back for a person to accept or reject."""
    return store.review_items(state)


@router.post("/{item_id}/accept", response_model=ReviewItem, dependencies=[WriteAccess])
async def accept_review(item_id: str, store: StoreDep) -> ReviewItem:
    """Accept a held-back fact: it joins the graph. Needs the bearer token."""
    return await run_in_threadpool(store.decide_review, item_id, True)


@router.post("/{item_id}/reject", response_model=ReviewItem, dependencies=[WriteAccess])
async def reject_review(item_id: str, store: StoreDep) -> ReviewItem:
    """Reject a held-back fact. Needs the bearer token."""
    return await run_in_threadpool(store.decide_review, item_id, False)
