"""Domain errors to HTTP, once, with one error body shape: ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import (
    AlreadyDecided,
    BackendUnavailable,
    ConfigurationError,
    EntityNotFound,
    Forbidden,
    GraphError,
    InvalidFact,
    InvalidQuery,
    NoPath,
    ReviewItemNotFound,
    SourceNotFound,
)

log = logging.getLogger("alliancegraph.api")

STATUS: dict[type[GraphError], int] = {
    EntityNotFound: 404,
    SourceNotFound: 404,
    NoPath: 404,
    ReviewItemNotFound: 404,
    AlreadyDecided: 409,
    InvalidQuery: 422,
    InvalidFact: 422,
    Forbidden: 403,
    BackendUnavailable: 503,
    ConfigurationError: 500,
}


class ApiError(GraphError):
    """An HTTP-only error (auth, size limits) raised by the API layer itself."""

    def __init__(self, status: int, code: str, message: str, **details: Any) -> None:
        super().__init__(message, **details)
        self.status = status
        self.code = code


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def _status_of(exc: GraphError) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]  # type: ignore[index]
    return 400


async def handle_graph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GraphError)
    status = _status_of(exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if status == 503:
        headers = {"Retry-After": "5"}
    return JSONResponse(error_body(exc.code, exc.message, exc.details), status_code=status, headers=headers)


async def handle_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [{"location": ".".join(str(p) for p in e["loc"]), "reason": e["msg"].removeprefix("Value error, "),
                 **({"input": e["input"]} if isinstance(e.get("input"), (str, int, float)) else {})}
                for e in exc.errors()]
    message = "; ".join(f"{p['location']}: {p['reason']}" for p in problems)
    return JSONResponse(error_body("invalid_parameters", message, {"problems": problems}), status_code=422)


async def handle_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 401: "unauthorized", 403: "forbidden"}
    return JSONResponse(error_body(codes.get(exc.status_code, "http_error"), str(exc.detail)),
                        status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse(error_body("internal_error", "an internal error occurred; it has been logged"),
                        status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(GraphError, handle_graph_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(Exception, handle_unexpected)
