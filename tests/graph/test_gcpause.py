"""The collector pause used around loads and analytics restores what it found."""

from __future__ import annotations

import gc

import pytest

from graph.gcpause import collector_paused


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not end the outer one
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on() -> None:
    @collector_paused()
    def fails() -> None:
        assert not gc.isenabled()
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        fails()
    assert gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def _generation_of(obj: object) -> int | None:
    """Where the collector keeps ``obj`` (None: frozen), looked up with the collector off so that looking
    does not set off a collection that moves it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return next((g for g in range(3) if any(o is obj for o in gc.get_objects(generation=g))), None)
    finally:
        if was_enabled:
            gc.enable()


def test_what_a_long_lived_pause_leaves_alive_joins_the_oldest_generation_unscanned() -> None:
    with collector_paused(long_lived=True):
        kept = [object()]
        assert _generation_of(kept) == 0
    assert _generation_of(kept) == 2
    with collector_paused():
        young = [object()]
    assert _generation_of(young) == 0  # a plain pause leaves the young young


def test_after_a_failure_nothing_is_promoted() -> None:
    failed: list[list[object]] = []
    with pytest.raises(RuntimeError), collector_paused(long_lived=True):
        failed.append([object()])
        raise RuntimeError("boom")
    assert _generation_of(failed[0]) == 0


def test_objects_someone_else_froze_stay_frozen() -> None:
    frozen = [object()]
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with collector_paused(long_lived=True):
            made = [object()]
        assert gc.get_freeze_count() == count
        assert _generation_of(frozen) is None and _generation_of(made) == 0
    finally:
        gc.unfreeze()
