"""The collector pause used around loads and analytics restores what it found."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from graph.gcpause import PROMOTE_FROM, collector_paused


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
    """Where the collector keeps ``obj`` (None: frozen)."""
    return next((g for g in range(3) if any(o is obj for o in gc.get_objects(generation=g))), None)


def _many_young_objects() -> list[list[int]]:
    return [[i] for i in range(PROMOTE_FROM)]


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The collector stays off around the pause too, so no collection moves objects between generations
    behind the test's back: whatever changed generation, the pause moved."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.usefixtures("collector_off")
def test_what_a_long_lived_pause_leaves_alive_joins_the_oldest_generation_unscanned() -> None:
    with collector_paused(long_lived=True):
        kept = _many_young_objects()
        assert _generation_of(kept) == 0
    assert _generation_of(kept) == 2 and _generation_of(kept[-1]) == 2


@pytest.mark.usefixtures("collector_off")
def test_a_small_long_lived_pause_leaves_its_objects_to_the_collector() -> None:
    with collector_paused(long_lived=True):
        few = [[1], [2]]
    assert _generation_of(few) == 0
    with collector_paused():
        young = [object()]
    assert _generation_of(young) == 0  # a plain pause leaves the young young


@pytest.mark.usefixtures("collector_off")
def test_after_a_failure_nothing_is_promoted() -> None:
    failed: list[list[object]] = []
    with pytest.raises(RuntimeError), collector_paused(long_lived=True):
        failed.append(_many_young_objects())
        raise RuntimeError("boom")
    assert _generation_of(failed[0]) == 0


@pytest.mark.usefixtures("collector_off")
def test_objects_someone_else_froze_stay_frozen() -> None:
    frozen = [object()]
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with collector_paused(long_lived=True):
            made = _many_young_objects()
        assert gc.get_freeze_count() == count
        assert _generation_of(frozen) is None and _generation_of(made) == 0
    finally:
        gc.unfreeze()
