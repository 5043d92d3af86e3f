"""HTTP for the archive command: timeouts, a size cap, and redirects followed only to http(s).

urllib follows redirects itself and would follow one to ``ftp:``; here a redirect is followed
by hand, at most ``MAX_REDIRECTS`` times, and only to an http or https URL; anything else is an
answer (``Response.error``), never an exception the caller has to guess at.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.message import Message

MAX_REDIRECTS = 5
MAX_BYTES = 2 * 1024 * 1024
USER_AGENT = "casebook-archive/1 (+https://github.com/casebook-kb/casebook)"


@dataclass(frozen=True)
class Response:
    """What one request ended with: a status (0 when none arrived), the final URL, body and error."""

    url: str
    status: int = 0
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    redirects: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """A 2xx answer."""
        return self.error is None and 200 <= self.status < 300


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # handled by request(), which checks the scheme first


_OPENER = urllib.request.build_opener(_NoRedirect)


def is_http(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) URL with a host."""
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _headers(message: Message) -> dict[str, str]:
    return {key.lower(): value for key, value in message.items()}


def request(url: str, *, method: str = "GET", timeout: float = 20.0, max_bytes: int = MAX_BYTES) -> Response:
    """One request with redirects followed by hand; never raises for network or HTTP trouble."""
    chain: list[str] = []
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        if not is_http(current):
            return Response(current, error=f"refused a non-http(s) address: {current[:200]}", redirects=tuple(chain))
        req = urllib.request.Request(current, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with _OPENER.open(req, timeout=timeout) as answer:
                body = answer.read(max_bytes + 1) if method != "HEAD" else b""
                if len(body) > max_bytes:
                    return Response(current, answer.status, error="answer too large", redirects=tuple(chain))
                return Response(current, answer.status, body, _headers(answer.headers), redirects=tuple(chain))
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.headers else None
            if 300 <= exc.code < 400 and location:
                chain.append(current)
                current = urllib.parse.urljoin(current, location)
                continue
            return Response(
                current, exc.code, headers=_headers(exc.headers) if exc.headers else {}, redirects=tuple(chain)
            )
        except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return Response(current, error=f"{type(exc).__name__}: {reason}"[:300], redirects=tuple(chain))
    return Response(current, error=f"more than {MAX_REDIRECTS} redirects", redirects=tuple(chain))
