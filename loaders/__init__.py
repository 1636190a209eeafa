"""Loaders turn sources (fact files, articles) into ``RawBatch``es. They never write to a store."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .factfile import FACT_FILE_SUFFIXES, iter_fact_files, parse_fact_file, read_fact_file

__all__ = ["bundled_path", "read_fact_file", "parse_fact_file", "iter_fact_files", "FACT_FILE_SUFFIXES"]


def bundled_path() -> Path:
    """The folder of the dataset shipped with the package."""
    return Path(str(files("loaders") / "bundled"))
