"""A polite rate limit with an injectable clock, so tests check the spacing without waiting."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RateLimit:
    """At most ``per_minute`` calls a minute, evenly spaced: ``wait()`` before each call.

    ``clock`` and ``sleep`` default to the monotonic clock and ``time.sleep``; tests pass a fake
    pair and read how long each call was made to wait.
    """

    per_minute: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: float | None = field(default=None, init=False)

    @property
    def interval(self) -> float:
        """Seconds between two calls."""
        return 60.0 / self.per_minute if self.per_minute > 0 else 0.0

    def wait(self) -> float:
        """Sleep until the next call is allowed; return how long it slept."""
        now = self.clock()
        pause = 0.0
        if self._last is not None:
            pause = max(0.0, self._last + self.interval - now)
            if pause:
                self.sleep(pause)
        self._last = now + pause
        return pause


class FakeClock:
    """A clock that only moves when something sleeps on it (for tests and dry runs)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        """Time passing while something else happens (a request)."""
        self.now += seconds
