"""Domain errors. The API maps each class to one HTTP status, once (``api/errors.py``)."""

from __future__ import annotations

from typing import Any

__all__ = ["GraphError", "EntityNotFound", "SourceNotFound", "NoPath", "InvalidFact", "InvalidQuery",
           "ReviewItemNotFound", "AlreadyDecided",
           "BackendUnavailable", "ConfigurationError", "Forbidden"]


class GraphError(Exception):
    """Base class: a message a user can act on, plus structured details."""

    code = "graph_error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class EntityNotFound(GraphError):
    code = "entity_not_found"

    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown entity {name!r}{hint}", name=name, suggestions=suggestions or [])


class SourceNotFound(GraphError):
    code = "source_not_found"

    def __init__(self, source_id: str, suggestions: list[str] | None = None) -> None:
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown source {source_id!r}{hint}", source=source_id, suggestions=suggestions or [])


class NoPath(GraphError):
    code = "no_path"


class InvalidFact(GraphError):
    """Bad input data; ``problems`` lists every problem found as {file, line, field, reason}."""

    code = "invalid_fact"

    def __init__(self, message: str, problems: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message, problems=problems or [])
        self.problems = problems or []


class InvalidQuery(GraphError):
    code = "invalid_query"


class BackendUnavailable(GraphError):
    code = "backend_unavailable"


class ConfigurationError(GraphError):
    code = "configuration_error"


class Forbidden(GraphError):
    code = "forbidden"


class ReviewItemNotFound(GraphError):
    code = "review_item_not_found"


class AlreadyDecided(GraphError):
    code = "already_decided"
