"""Fetching one feed: a timeout, a size cap, conditional GET and no unsafe redirects.

feedparser has no timeout and its maintainer will not add one (kurtmckee/feedparser#76, #263),
so feeds are fetched here with urllib and only the bytes reach the parser. ``--timeout`` is a
deadline for the whole request (``deadline.Deadline``), not only for each read; ``file:`` feeds
are read by ``local.read_local`` (regular files only); a gzip body is inflated within the size
cap; and a body shorter than its Content-Length is refused as truncated (F920). Every way a
fetch can fail becomes a ``FetchResult`` with a stable F9xx code and a reason; nothing here
raises for a bad feed, so one broken feed never stops the run.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPMessage
from typing import IO, Any

from casebook import __version__
from casebook.feeds.deadline import Deadline, HTTPHandler, HTTPSHandler
from casebook.feeds.decompress import DecompressError, decompress
from casebook.feeds.local import LocalError, read_local

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
ALLOWED_SCHEMES = frozenset({"http", "https", "file"})
_CHUNK = 64 * 1024
USER_AGENT = f"casebook-watch/{__version__} (news watch of the Casebook knowledge base)"


@dataclass(frozen=True)
class FetchResult:
    """What fetching one feed produced.

    ``status`` is ``ok`` (``body`` holds the bytes), ``not_modified`` (HTTP 304: nothing new
    since the ETag/Last-Modified we sent) or ``failed`` (``code`` and ``reason`` say why).
    """

    status: str
    body: bytes = b""
    code: str = ""
    reason: str = ""
    url: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def etag(self) -> str | None:
        """The ETag to send next time, if the server gave one."""
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        """The Last-Modified date to send next time, if the server gave one."""
        return self.headers.get("last-modified")


class RedirectRefused(urllib.error.URLError):
    """A redirect to a scheme other than http(s), or too many redirects."""


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s), at most ``MAX_REDIRECTS`` hops in all.

    urllib's own handler also follows ftp:, allows ten hops, and reports a refused redirect as an
    HTTP error; a feed has no business sending us anywhere but another web address.
    """

    max_redirections = max_repeats = MAX_REDIRECTS

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage
    ) -> Any:
        target = headers.get("location") or headers.get("uri") or ""
        scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, target)).scheme.lower()
        hops = sum(getattr(req, "redirect_dict", {}).values())
        refusal = None
        if scheme not in ("http", "https"):
            refusal = f"redirect to a {scheme or 'non-URL'} location refused"
        elif hops >= self.max_redirections:
            refusal = f"more than {self.max_redirections} redirects"
        if refusal:
            fp.close()
            raise RedirectRefused(refusal)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def build_opener(deadline: Deadline | None = None) -> urllib.request.OpenerDirector:
    """An opener with the safe redirect handler in place of urllib's, its sockets under ``deadline``."""
    if deadline is None:
        return urllib.request.build_opener(_SafeRedirects())
    return urllib.request.build_opener(_SafeRedirects(), HTTPHandler(deadline), HTTPSHandler(deadline))


def _failed(code: str, reason: str, url: str) -> FetchResult:
    return FetchResult("failed", code=code, reason=reason, url=url)


def _is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, (TimeoutError, socket.timeout)) or (
        isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, (TimeoutError, socket.timeout))
    )


def _read_capped(response: Any, max_bytes: int, deadline: float) -> bytes | None:
    """Read at most ``max_bytes + 1`` bytes; None when the body is larger than the cap.

    The socket timeout bounds each read; the deadline bounds the whole body, so a server that
    trickles one byte at a time cannot hold the run forever.
    """
    # read1 returns whatever has arrived instead of waiting for a full chunk, so the deadline
    # is checked as the bytes come in.
    read = getattr(response, "read1", response.read)
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        if time.monotonic() > deadline:
            raise TimeoutError("the body took too long to arrive")
        chunk = read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return None if size > max_bytes else b"".join(chunks)


def _request(url: str, etag: str | None, last_modified: str | None) -> urllib.request.Request:
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return urllib.request.Request(url, headers=headers)


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    etag: str | None = None,
    last_modified: str | None = None,
    opener: urllib.request.OpenerDirector | None = None,
) -> FetchResult:
    """Fetch one feed; never raises for a network, HTTP or size problem.

    Args:
        url: An http(s) or file: URL (other schemes fail with F915).
        timeout: Seconds allowed for the whole request: connecting, the status line, the
            headers and the body together (F910 after that).
        max_bytes: Bodies larger than this are not read further (F911).
        etag: The ETag from the last successful fetch, sent as If-None-Match.
        last_modified: The Last-Modified from the last successful fetch, sent as If-Modified-Since.
        opener: For tests; defaults to ``build_opener()``.

    Returns:
        ``ok`` with the (decompressed) body, ``not_modified`` on HTTP 304, or ``failed`` with
        an F9xx code.
    """
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return _failed("F915", f"unsupported URL scheme '{scheme}:'", url)
    if scheme == "file":
        return _fetch_local(url, max_bytes)
    with Deadline(timeout) as deadline:
        try:
            got = _fetch_http(url, timeout, max_bytes, etag, last_modified, opener or build_opener(deadline), deadline)
        except Exception as exc:  # any failure of one feed is a warning, never a crash
            got = _failure(exc, url, timeout, deadline)
    if got.status == "ok" and deadline.expired:  # the shutdown can look like a short, complete body
        return _timed_out(url, timeout)
    return got


def _timed_out(url: str, timeout: float) -> FetchResult:
    return _failed(
        "F910", f"timed out after {timeout:g} s (connect, headers and body must all arrive in that time)", url
    )


def _fetch_local(url: str, max_bytes: int) -> FetchResult:
    try:
        raw, headers = read_local(url, max_bytes)
        return FetchResult("ok", body=decompress(raw, {}, max_bytes), url=url, headers=headers)
    except (LocalError, DecompressError) as exc:
        return _failed(exc.code, exc.reason, url)


def _fetch_http(
    url: str,
    timeout: float,
    max_bytes: int,
    etag: str | None,
    last_modified: str | None,
    opener: urllib.request.OpenerDirector,
    deadline: Deadline,
) -> FetchResult:
    with opener.open(_request(url, etag, last_modified), timeout=timeout) as response:
        raw = _read_capped(response, max_bytes, deadline.ends)
        if raw is None:
            return _failed("F911", f"larger than {max_bytes} bytes", url)
        headers = {k.lower(): v for k, v in response.headers.items()}
        declared = headers.get("content-length", "").strip()
        chunked = "chunked" in headers.get("transfer-encoding", "").lower()  # then the length is not used
        if not chunked and declared.isdigit() and len(declared) < 20 and len(raw) < int(declared):
            return _failed("F920", f"truncated: {len(raw)} of the {int(declared)} bytes announced arrived", url)
        body = decompress(raw, headers, max_bytes)
        return FetchResult("ok", body=body, url=response.geturl(), headers=headers)


def _failure(exc: Exception, url: str, timeout: float, deadline: Deadline) -> FetchResult:
    if isinstance(exc, DecompressError):
        return _failed(exc.code, exc.reason, url)
    if deadline.expired:
        return _timed_out(url, timeout)
    if isinstance(exc, RedirectRefused):
        return _failed("F914", str(exc.reason), url)
    if isinstance(exc, urllib.error.HTTPError):
        exc.close()
        if exc.code == 304:
            return FetchResult("not_modified", url=url)
        return _failed("F913", f"HTTP {exc.code} {exc.reason}".strip(), url)
    if isinstance(exc, http.client.IncompleteRead):
        return _failed("F920", f"truncated: the connection closed after {len(exc.partial)} bytes", url)
    if _is_timeout(exc):
        return _failed("F910", f"timed out after {timeout:g} s", url)
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    return _failed("F915", str(reason) or type(exc).__name__, url)
