"""Pausing CPython's cyclic garbage collector around bulk work (loads, analytics).

A load or an analytics call allocates hundreds of thousands of small objects while the store's own
(a million claims on a big graph) stay alive. Every 700 allocations the collector runs, and every so
often a full collection walks everything alive: on a 100k-claim load or a million-claim analytics run
that is a fifth to two thirds of the time. Reference counting still frees everything as usual; only the
search for reference cycles waits until the work is done.

When the work ends, the collector's first pass would walk every object made meanwhile. After a big load
those are mostly the store's new claims, which live as long as the store: ``collector_paused(long_lived=True)``
hands them straight to the oldest generation instead (a tenth of a 100k-claim load). They are still scanned
by the next full collection, like anything old, so a cycle among them is still found; only the pass that
would have found nothing to free is skipped. Small pieces of work (a server's many small writes, whose young
objects are mostly its own garbage) are left to the collector as usual: see ``PROMOTE_FROM``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["PROMOTE_FROM", "collector_paused", "promote_survivors"]

#: A long-lived pause promotes what it leaves alive only if at least this many young objects wait for the
#: collector (a load of a few thousand claims or more); below that the usual pass is cheap.
PROMOTE_FROM = 20_000


@contextmanager
def collector_paused(long_lived: bool = False) -> Iterator[None]:
    """``with collector_paused():`` or ``@collector_paused()``: the collector is off inside, and back on
    after only if it was on before (nested pauses and callers that turned it off keep their state).

    ``long_lived=True``: what the work leaves alive when it succeeds is kept for long (a store's data), so
    when there is a lot of it, it joins the oldest generation unscanned (see ``promote_survivors``). After a
    failure it is left alone.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if long_lived and gc.get_count()[0] >= PROMOTE_FROM:
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
