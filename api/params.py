"""Validated query parameters shared by several routes."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator

from graph.model import Relation, Status, parse_partial_date


def _partial(value: str | None) -> str | None:
    return None if value is None else parse_partial_date(value)


def _day(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"{value!r} is not a day (YYYY-MM-DD)")
    return parse_partial_date(value)


Since = Annotated[str | None, Query(description="Claims dated on or after (YYYY[-MM[-DD]])",
                                    examples=["2025-06"]), AfterValidator(_partial)]
Until = Annotated[str | None, Query(description="Claims dated on or before (YYYY[-MM[-DD]])"),
                  AfterValidator(_partial)]
AsOf = Annotated[str | None, Query(description="Only claims dated on or before this day (YYYY-MM-DD)",
                                   examples=["2025-08-31"]), AfterValidator(_day)]
Relations = Annotated[list[Relation] | None, Query(description="Keep only these relations (repeatable)")]
Statuses = Annotated[list[Status] | None, Query(description="Keep only claims with these statuses (repeatable)")]
MinAmount = Annotated[float | None, Query(ge=0, description="Only claims of at least this many US dollars")]
