"""The state file: round trip, pruning, refusal of foreign files, and survival of a crash mid-write."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from casebook.feeds.state import FeedState, StateError, WatchState, load_state, parse_state, prune, save_state

TODAY = dt.date(2099, 3, 5)


def _state() -> WatchState:
    return WatchState(
        feeds={"https://a.example/f": FeedState(etag='"v1"', last_modified="Mon, 02 Mar 2099 09:00:00 GMT")},
        seen={"abc": "2099-03-01"},
    )


def test_round_trip(tmp_path: Path) -> None:
    """What is saved loads back equal, and the file is deterministic."""
    path = tmp_path / "state.json"
    save_state(path, _state(), TODAY)
    assert load_state(path) == _state()
    first = path.read_bytes()
    save_state(path, load_state(path), TODAY)
    assert path.read_bytes() == first


def test_missing_file_is_an_empty_state(tmp_path: Path) -> None:
    """The first run starts with nothing seen."""
    assert load_state(tmp_path / "nope.json") == WatchState()


@pytest.mark.parametrize(
    "text",
    ["{", "[]", '{"version": 99}', '{"version": 1, "seen": {"a": 1}}', '{"version": 1, "feeds": {"u": {"etag": 3}}}'],
)
def test_foreign_or_corrupt_files_are_refused(text: str) -> None:
    """A file that is not a state this version wrote is a StateError, never silently reset."""
    with pytest.raises(StateError):
        parse_state(text)


def test_prune_forgets_old_entries() -> None:
    """Entries not seen for longer than the keep window are dropped."""
    state = WatchState(seen={"old": "2097-01-01", "new": "2099-03-01"})
    prune(state, TODAY)
    assert state.seen == {"new": "2099-03-01"}


def test_crash_during_write_keeps_the_old_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception while the new state is written leaves the old file intact and no partial file behind."""
    path = tmp_path / "state.json"
    save_state(path, _state(), TODAY)
    before = path.read_bytes()

    def crash(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    changed = _state()
    changed.seen["another"] = "2099-03-05"
    with pytest.raises(OSError, match="disk full"):
        save_state(path, changed, TODAY)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]
