"""A loopback HTTP server that misbehaves on purpose, for the news watch's fetch tests.

Routes (all under ``http://127.0.0.1:<port>``):

* ``/feed/<name>``: a fixture from tests/fixtures/feeds, with an ETag and Last-Modified; a
  request carrying the matching If-None-Match gets 304.
* ``/slow``: waits ``SLOW_SECONDS`` before answering; ``/trickle``: sends headers, then one
  byte at a time.
* ``/big``: a valid-looking feed of ``BIG_BYTES`` bytes.
* ``/missing``: 404. ``/html``: an HTML page, not a feed.
* ``/to/<name>``: 302 to ``/feed/<name>``; ``/to-file``: 302 to a file: URL; ``/to-ftp``: 302
  to ftp:; ``/loop``: redirects to itself forever.
* ``/trickle-headers``: the status line, then header bytes one every ``TRICKLE_SECONDS``, for
  far longer than any test waits (a per-read timeout never fires on it).
* ``/short``: announces ``Content-Length`` 1,000 bytes more than it sends, then closes.
* ``/gzip/<name>``: the fixture gzip-compressed, with ``Content-Encoding: gzip``;
  ``/gzip-bomb``: ``BOMB_BYTES`` of zeros compressed to a few kilobytes; ``/gzip-bad``: a
  gzip header followed by garbage.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
SLOW_SECONDS = 3.0
BIG_BYTES = 64 * 1024
LAST_MODIFIED = "Mon, 02 Mar 2099 09:00:00 GMT"
TRICKLE_SECONDS = 0.25
BOMB_BYTES = 64 * 1024 * 1024
_BOMB: list[bytes] = []


def _bomb() -> bytes:
    if not _BOMB:
        _BOMB.append(gzip.compress(b"\0" * BOMB_BYTES, compresslevel=9, mtime=0))
    return _BOMB[0]


@dataclass
class Log:
    """What the server saw: (path, If-None-Match, status) per request."""

    requests: list[tuple[str, str | None, int]] = field(default_factory=list)

    def statuses(self, path: str) -> list[int]:
        """The statuses answered for one path, in order."""
        return [status for p, _, status in self.requests if p == path]


class _Handler(BaseHTTPRequestHandler):
    log: Log

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.log.requests.append((self.path, self.headers.get("If-None-Match"), status))
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _feed(self, name: str) -> None:
        path = FEEDS / name
        if not path.is_file():
            self._send(404)
            return
        body = path.read_bytes()
        etag = f'"{len(body)}-{name}"'
        if self.headers.get("If-None-Match") == etag:
            self._send(304, headers={"ETag": etag})
            return
        self._send(200, body, {"Content-Type": "application/xml", "ETag": etag, "Last-Modified": LAST_MODIFIED})

    def _trickle_headers(self) -> None:
        self.log.requests.append((self.path, None, 200))
        self.wfile.write(b"HTTP/1.0 200 OK\r\n")
        header = b"X-Padding: " + b"a" * 20 + b"\r\n"
        try:
            for _ in range(40):  # 40 headers of 33 bytes: over five minutes at this pace
                for byte in header:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(TRICKLE_SECONDS)
        except OSError:  # the client gave up, as it should
            return

    def do_GET(self) -> None:
        """Answer one of the routes in the module docstring."""
        route, _, rest = self.path.lstrip("/").partition("/")
        if route == "feed":
            self._feed(rest)
        elif route == "to":
            self._send(302, headers={"Location": f"/feed/{rest}"})
        elif route == "to-file":
            self._send(302, headers={"Location": "file:///etc/passwd"})
        elif route == "to-ftp":
            self._send(302, headers={"Location": "ftp://127.0.0.1/feed.xml"})
        elif route == "loop":
            self._send(302, headers={"Location": "/loop"})
        elif route == "slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, (FEEDS / "rss20.xml").read_bytes(), {"Content-Type": "application/xml"})
        elif route == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.end_headers()
            for byte in b"<rss version='2.0'><channel><title>slow</title></channel></rss>":
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        elif route == "trickle-headers":
            self._trickle_headers()
        elif route == "short":
            body = (FEEDS / "rss20.xml").read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) + 1000))
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True
        elif route == "gzip":
            body = gzip.compress((FEEDS / rest).read_bytes(), mtime=0)
            self._send(200, body, {"Content-Type": "application/xml", "Content-Encoding": "gzip"})
        elif route == "gzip-bomb":
            self._send(200, _bomb(), {"Content-Type": "application/xml", "Content-Encoding": "gzip"})
        elif route == "gzip-bad":
            self._send(200, b"\x1f\x8b\x08\x00" + b"not deflate data" * 8, {"Content-Encoding": "gzip"})
        elif route == "big":
            item = b"<item><title>Recall</title><link>https://big.example/x</link></item>"
            body = (
                b"<rss version='2.0'><channel><title>big</title>"
                + item * (BIG_BYTES // len(item))
                + b"</channel></rss>"
            )
            self._send(200, body, {"Content-Type": "application/xml"})
        elif route == "html":
            self._send(200, (FEEDS / "notafeed.html").read_bytes(), {"Content-Type": "text/html"})
        else:
            self._send(404, b"not here", {"Content-Type": "text/plain"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (a timeout test) is expected; say nothing."""


@contextmanager
def serve() -> Iterator[tuple[str, Log]]:
    """Run the server on a free loopback port; yield its base URL and request log."""
    log = Log()
    handler = type("Handler", (_Handler,), {"log": log})
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
