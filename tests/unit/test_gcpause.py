"""paused_gc turns automatic collection off for a block and leaves the previous state behind."""

from __future__ import annotations

import gc

import pytest

from casebook.gcpause import paused_gc


def test_pauses_and_restores() -> None:
    """Collection is off inside, on again after, also when the block raises."""
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block must not turn it back on early
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError
    assert gc.isenabled()


def test_leaves_a_disabled_collector_disabled() -> None:
    """A caller that had turned collection off keeps it off."""
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
