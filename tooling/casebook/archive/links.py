"""``casebook archive --check``: which source links no longer answer.

HEAD first (cheap); when a server refuses HEAD or fails it, GET. A link is dead when neither
gives a 2xx answer after following at most five redirects, and only to http(s) addresses. Each
host is asked at most ``per_host_per_minute`` times a minute.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from casebook.archive import http
from casebook.archive.ratelimit import RateLimit


@dataclass(frozen=True)
class LinkResult:
    """One link's state."""

    url: str
    alive: bool
    status: int
    reason: str = ""
    final_url: str = ""


@dataclass
class LinkChecker:
    """Checks links with timeouts and a per-host rate limit."""

    timeout: float = 15.0
    per_host_per_minute: float = 20.0
    fetch: Callable[..., http.Response] = http.request
    clock: Callable[[], float] | None = None
    sleep: Callable[[float], None] | None = None
    _hosts: dict[str, RateLimit] = field(default_factory=dict)

    def _limit(self, url: str) -> None:
        host = urllib.parse.urlsplit(url).netloc.lower()
        if host not in self._hosts:
            extra = {k: v for k, v in (("clock", self.clock), ("sleep", self.sleep)) if v is not None}
            self._hosts[host] = RateLimit(self.per_host_per_minute, **extra)  # type: ignore[arg-type]
        self._hosts[host].wait()

    def check(self, url: str) -> LinkResult:
        """Whether ``url`` still answers."""
        if not http.is_http(url):
            return LinkResult(url, False, 0, "not an http(s) URL")
        self._limit(url)
        head = self.fetch(url, method="HEAD", timeout=self.timeout)
        if head.ok:
            return LinkResult(url, True, head.status, final_url=head.url)
        if head.error and "non-http(s)" in head.error:
            return LinkResult(url, False, head.status, head.error, head.url)
        self._limit(url)
        got = self.fetch(url, method="GET", timeout=self.timeout)
        if got.ok:
            return LinkResult(url, True, got.status, final_url=got.url)
        reason = got.error or f"HTTP {got.status}"
        return LinkResult(url, False, got.status, reason, got.url)
