"""Pausing CPython's cyclic garbage collector around bulk work (loads, analytics).

A load or an analytics call allocates hundreds of thousands of small objects while the store's own
(a million claims on a big graph) stay alive. Every 700 allocations the collector runs, and every so
often a full collection walks everything alive: on a 100k-claim load or a million-claim analytics run
that is a fifth to two thirds of the time. Reference counting still frees everything as usual; only the
search for reference cycles waits until the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """``with collector_paused():`` or ``@collector_paused()``: the collector is off inside, and back on
    after only if it was on before (nested pauses and callers that turned it off keep their state)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
