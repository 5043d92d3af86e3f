"""A loopback fake of the Wayback Machine and of publishers' pages, for the archive tests.

Behaviour is chosen by words in the source URL (so one fake serves every scenario):

- availability API (``/wayback/available?url=...``): ``found`` → a snapshot near the asked
  timestamp; ``missing`` → no snapshot; ``slow`` → answers after ``SLOW`` seconds; ``broken`` → 500;
  ``tofile`` → a redirect to ``file:///etc/passwd``; ``garbage`` → not JSON; ``savable`` → none
  until ``/save/`` captured it, then found.
- Save Page Now (``/save/<url>``): records the capture and the time, redirects to the snapshot.
- publisher pages (``/site/<name>``): ``ok`` 200; ``gone`` 404; ``nohead`` 405 to HEAD, 200 to GET;
  ``moved`` redirects to ``ok``; ``tofile`` redirects to ``file:``; ``slow``; ``broken`` 500.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW = 3.0


@dataclass
class FakeState:
    captures: list[str] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)
    demo: bool = False


class _Handler(BaseHTTPRequestHandler):
    state: FakeState
    server_version = "FakeWayback/1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out on a "slow" answer, as the test intends

    def _snapshot(self, url: str, stamp: str) -> bytes:
        base = f"http://{self.headers['Host']}"
        closest = {"available": True, "status": "200", "timestamp": stamp, "url": f"{base}/web/{stamp}/{url}"}
        return json.dumps({"url": url, "archived_snapshots": {"closest": closest}}).encode()

    def _available(self, query: dict[str, list[str]]) -> None:
        url = query.get("url", [""])[0]
        stamp = (query.get("timestamp", ["20240101"])[0] + "000000")[:8] + "120000"
        self.state.lookups.append(url)
        if self.state.demo:
            return self._demo(url, stamp)
        if "slow" in url:
            time.sleep(SLOW)
        if "broken" in url:
            return self._send(500, b"Internal Server Error")
        if "tofile" in url:
            return self._send(302, headers={"Location": "file:///etc/passwd"})
        if "garbage" in url:
            return self._send(200, b"<html>not json</html>")
        if "found" in url or ("savable" in url and url in self.state.captures):
            return self._send(200, self._snapshot(url, stamp), {"Content-Type": "application/json"})
        self._send(200, json.dumps({"url": url, "archived_snapshots": {}}).encode())

    def _demo(self, url: str, stamp: str) -> None:
        # Demonstration only: a fixed share of URLs "archived", decided by the URL's length.
        if len(url) % 3:
            return self._send(200, self._snapshot(url, stamp))
        self._send(200, json.dumps({"url": url, "archived_snapshots": {}}).encode())

    def _site(self, name: str) -> None:
        if name == "slow":
            time.sleep(SLOW)
        routes = {
            "ok": (200, {}),
            "gone": (404, {}),
            "broken": (500, {}),
            "moved": (301, {"Location": "/site/ok"}),
            "tofile": (302, {"Location": "file:///etc/passwd"}),
            "slow": (200, {}),
        }
        if name == "nohead":
            return self._send(405 if self.command == "HEAD" else 200, b"page")
        status, headers = routes.get(name, (404, {}))
        self._send(status, b"page", headers)

    def do_GET(self) -> None:
        parts = urllib.parse.urlsplit(self.path)
        if parts.path == "/wayback/available":
            return self._available(urllib.parse.parse_qs(parts.query))
        if parts.path.startswith("/save/"):
            target = self.path.removeprefix("/save/")
            self.state.captures.append(target)
            return self._send(302, headers={"Location": f"/web/20261204000000/{target}"})
        if parts.path.startswith("/web/"):
            return self._send(200, b"archived page")
        if parts.path.startswith("/site/"):
            return self._site(parts.path.removeprefix("/site/"))
        self._send(404)

    def do_HEAD(self) -> None:
        self.do_GET()


@contextmanager
def fake_wayback(demo: bool = False) -> Iterator[tuple[str, FakeState]]:
    """Serve the fake on a free loopback port; yield its base URL and its recorded state."""
    state = FakeState(demo=demo)
    handler = type("Handler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True  # a "slow" answer still sleeping must not hold up shutdown
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
