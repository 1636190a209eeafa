"""Pausing CPython's cyclic garbage collector around bulk work (loads, analytics).

A load or an analytics call allocates hundreds of thousands of small objects while the store's own
(a million claims on a big graph) stay alive. Every 700 allocations the collector runs, and every so
often a full collection walks everything alive: on a 100k-claim load or a million-claim analytics run
that is a fifth to two thirds of the time. Reference counting still frees everything as usual; only the
search for reference cycles waits until the work is done.

When the work ends, the collector's first pass would walk every object made meanwhile. After a load those
are the store's new claims, which live as long as the store: ``collector_paused(long_lived=True)`` hands
them straight to the oldest generation instead (a tenth of a 100k-claim load). They are still scanned by
the next full collection, like anything old, so a cycle among them is still found; only the pass that
would have found nothing to free is skipped.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused", "promote_survivors"]


@contextmanager
def collector_paused(long_lived: bool = False) -> Iterator[None]:
    """``with collector_paused():`` or ``@collector_paused()``: the collector is off inside, and back on
    after only if it was on before (nested pauses and callers that turned it off keep their state).

    ``long_lived=True``: what the work leaves alive when it succeeds is kept for long (a store's data), so
    it joins the oldest generation unscanned (see ``promote_survivors``). After a failure it is left alone.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if long_lived:
            promote_survivors()
    finally:
        if was_enabled:
            gc.enable()


def promote_survivors() -> bool:
    """Move every object the collector tracks into its oldest generation without scanning them.

    ``gc.freeze`` moves them all to the permanent generation and ``gc.unfreeze`` puts them back into the
    oldest one. Skipped (False) when something else already froze objects (a server that freezes what it
    loaded before forking, to keep pages shared): unfreezing would undo that.
    """
    if gc.get_freeze_count():
        return False
    gc.freeze()
    gc.unfreeze()
    return True
