"""What the watch remembers between runs: conditional-GET validators and the entries it has seen.

The state is one small JSON file, written atomically (temporary file, then rename) and last in a
run, after every output: a crash at any point leaves the previous state whole, and the worst
outcome is that the next run proposes the same entries again, never that it silently skips them.
A state file this version did not write (other bytes, other JSON, a FIFO) is refused with
``StateError`` before anything is written, so the command exits 2 and the file stays as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casebook.atomic import write_text_atomic

STATE_VERSION = 1
KEEP_DAYS = 400
"""Seen entries not met again for this long are forgotten, so the file does not grow forever."""
MAX_STATE_BYTES = 64 * 1024 * 1024
"""Far above any real state (a few hundred bytes per feed, 36 per entry seen)."""
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


class StateError(Exception):
    """The state file exists but cannot be used (not JSON, or not the shape we write)."""


@dataclass
class FeedState:
    """Conditional-GET validators from a feed's last successful fetch."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass
class WatchState:
    """Validators per feed URL and the day each entry was last seen, by entry uid."""

    feeds: dict[str, FeedState] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        """Serialise deterministically: sorted keys, one key per line."""
        body: dict[str, Any] = {
            "version": STATE_VERSION,
            "feeds": {
                url: {k: v for k, v in (("etag", f.etag), ("last_modified", f.last_modified)) if v}
                for url, f in sorted(self.feeds.items())
            },
            "seen": dict(sorted(self.seen.items())),
        }
        return json.dumps(body, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _strings(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise StateError(f"'{what}' is not a mapping")
    if not all(_writable(k) for k in value):
        raise StateError(f"a key in '{what}' holds a character that cannot be written back (a lone surrogate)")
    return value


def _writable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_state(text: str) -> WatchState:
    """Read a state file's text.

    Raises:
        StateError: The text is not a state file this version wrote.
    """
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StateError(f"not JSON ({exc.msg} at line {exc.lineno})") from exc
    except RecursionError as exc:
        raise StateError("not a state file (JSON nested far too deep)") from exc
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise StateError(f"not a state file ({exc})") from exc
    if not isinstance(raw, dict) or raw.get("version") != STATE_VERSION:
        raise StateError(f"not a version-{STATE_VERSION} state file")
    state = WatchState()
    for url, entry in _strings(raw.get("feeds", {}), "feeds").items():
        entry = _strings(entry, f"feeds.{url}")
        etag, modified = entry.get("etag"), entry.get("last_modified")
        if not all(v is None or (isinstance(v, str) and _writable(v)) for v in (etag, modified)):
            raise StateError(f"validators of {url!a} are not text")
        state.feeds[url] = FeedState(etag=etag, last_modified=modified)
    seen = _strings(raw.get("seen", {}), "seen")
    if not all(isinstance(v, str) and _DAY.match(v) for v in seen.values()):
        raise StateError("'seen' holds something other than YYYY-MM-DD dates")
    state.seen = dict(seen)
    return state


def load_state(path: Path) -> WatchState:
    """Load the state file; a missing file is an empty state (the first run).

    Raises:
        StateError: The file exists but is not a usable state file.
        OSError: The file exists but cannot be read.
    """
    try:
        # Non-blocking, then fstat on the open file: a FIFO named as the state never hangs the run.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return WatchState()
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise StateError("not a regular file")
        data = handle.read(MAX_STATE_BYTES + 1)
    if len(data) > MAX_STATE_BYTES:
        raise StateError(f"larger than {MAX_STATE_BYTES} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StateError(f"not UTF-8 text (byte {exc.start} cannot be decoded)") from exc
    return parse_state(text)


def prune(state: WatchState, today: dt.date, keep_days: int = KEEP_DAYS) -> None:
    """Forget entries last seen more than ``keep_days`` before ``today``."""
    try:
        cutoff = (today - dt.timedelta(days=keep_days)).isoformat()
    except OverflowError:  # a day in the first year: nothing is old enough to forget
        return
    state.seen = {uid: day for uid, day in state.seen.items() if day >= cutoff}


def save_state(path: Path, state: WatchState, today: dt.date) -> None:
    """Prune and write the state atomically; the old file stays whole if anything fails."""
    prune(state, today)
    write_text_atomic(path, state.to_json())
