"""Typed dependencies shared by the routes: the store, settings, paging, the write token."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from graph.settings import Settings
from graph.store import GraphStore

from .errors import ApiError


def get_store(request: Request) -> GraphStore:
    return request.app.state.store  # type: ignore[no-any-return]


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

_bearer = HTTPBearer(auto_error=False)


def require_token(settings: SettingsDep,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """Writes need ``Authorization: Bearer <ALLIANCES_TOKEN>``; with no token configured, writes are off."""
    if settings.token is None or not settings.token.get_secret_value():
        raise ApiError(403, "writes_disabled", "writes are disabled on this server: set ALLIANCES_TOKEN to enable them")
    if credentials is None:
        raise ApiError(401, "unauthorized", "this write needs a bearer token (Authorization: Bearer <token>)")
    if not secrets.compare_digest(credentials.credentials.encode(), settings.token.get_secret_value().encode()):
        raise ApiError(403, "forbidden", "the bearer token is not valid")


WriteAccess = Depends(require_token)


class Page:
    """``limit``/``offset`` query parameters with a server-side cap."""

    def __init__(self, settings: SettingsDep,
                 limit: Annotated[int, Query(ge=1, le=1000, description="Items per page")] = 50,
                 offset: Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")] = 0) -> None:
        self.limit = min(limit, settings.max_page_size)
        self.offset = offset


PageDep = Annotated[Page, Depends()]
