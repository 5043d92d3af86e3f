"""The Wayback Machine: the availability API and Save Page Now, politely.

Availability: ``GET {endpoint}/wayback/available?url=URL&timestamp=YYYYMMDD`` answers
``{"archived_snapshots": {"closest": {"available": true, "url": ..., "timestamp": ..., "status": "200"}}}``
or an empty ``archived_snapshots``. Only a closest snapshot that is available, has status 200,
an http(s) URL and a 14-digit timestamp counts as found; anything else is "not found" or an
error, and nothing is recorded from it.

Save Page Now: ``GET {save endpoint}/URL`` asks for a capture (anonymous users get about three a
minute). A capture is not recorded from the answer: it is confirmed by asking the availability
API again, so what lands in a case file is always a snapshot the archive says it has.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from casebook.archive import http
from casebook.archive.ratelimit import RateLimit

AVAILABLE = "https://archive.org/wayback/available"
SAVE = "https://web.archive.org/save/"
ENDPOINT_ENV = "CASEBOOK_WAYBACK_URL"
_TIMESTAMP = re.compile(r"^\d{14}$")

Fetch = Callable[..., http.Response]


def endpoints(base: str | None) -> tuple[str, str]:
    """The availability and save URLs: archive.org's, or both under ``base`` (a fake, a mirror)."""
    if not base:
        return AVAILABLE, SAVE
    root = base.rstrip("/")
    return f"{root}/wayback/available", f"{root}/save/"


@dataclass(frozen=True)
class Snapshot:
    """A snapshot the archive confirmed."""

    url: str
    timestamp: str

    @property
    def date(self) -> str:
        """The snapshot's day, YYYY-MM-DD."""
        t = self.timestamp
        return f"{t[:4]}-{t[4:6]}-{t[6:8]}"


@dataclass(frozen=True)
class Lookup:
    """The answer for one source URL: a snapshot, none, or an error (then nothing is known)."""

    url: str
    snapshot: Snapshot | None = None
    error: str | None = None


def parse_available(body: bytes) -> Snapshot | None:
    """The closest snapshot in an availability answer, if it is a confirmed, usable one.

    Raises:
        ValueError: the answer is not the API's JSON.
    """
    data = json.loads(body.decode("utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("archived_snapshots"), dict):
        raise ValueError("no archived_snapshots in the answer")
    closest = data["archived_snapshots"].get("closest")
    if not isinstance(closest, dict):
        return None
    url, stamp = closest.get("url"), str(closest.get("timestamp", ""))
    if closest.get("available") is not True or str(closest.get("status")) != "200":
        return None
    if not isinstance(url, str) or not http.is_http(url) or not _TIMESTAMP.match(stamp):
        return None
    return Snapshot(url, stamp)


@dataclass
class Wayback:
    """A client for one archive endpoint, with a rate limit per API."""

    available_url: str = AVAILABLE
    save_url: str = SAVE
    lookups: RateLimit = field(default_factory=lambda: RateLimit(per_minute=30))
    saves: RateLimit = field(default_factory=lambda: RateLimit(per_minute=3))
    timeout: float = 20.0
    fetch: Fetch = http.request

    def lookup(self, url: str, near: str | None = None) -> Lookup:
        """The snapshot closest to ``near`` (YYYY-MM-DD, e.g. when the source was read)."""
        query = {"url": url}
        if near:
            query["timestamp"] = near.replace("-", "")[:8]
        self.lookups.wait()
        answer = self.fetch(f"{self.available_url}?{urllib.parse.urlencode(query)}", timeout=self.timeout)
        if not answer.ok:
            return Lookup(url, error=answer.error or f"HTTP {answer.status} from the availability API")
        try:
            return Lookup(url, parse_available(answer.body))
        except (ValueError, UnicodeDecodeError) as exc:
            return Lookup(url, error=f"unreadable availability answer: {exc}")

    def save(self, url: str) -> str | None:
        """Ask for a capture; ``None`` when the request was accepted, else the error."""
        self.saves.wait()
        answer = self.fetch(self.save_url + url, timeout=max(self.timeout, 60.0))
        if answer.ok:
            return None
        return answer.error or f"HTTP {answer.status} from Save Page Now"
