"""Article commands: extract, ingest, review (registered on the main app)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the article commands to ``app``."""
