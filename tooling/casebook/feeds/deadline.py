"""A whole-request deadline for urllib: connect, status line, headers and body together.

A socket timeout bounds each read, not the request: a server that sends its headers one byte
every half second never lets a single read time out, and ``http.client`` reads the status line
and headers inside ``urlopen``, where no loop of ours can look at a clock. So every socket the
request opens is registered with a ``Deadline``, and a timer shuts those sockets down when time
is up; the blocked read then fails at once, in whatever phase it was, and the fetch reports F910.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import socket
import threading
import time
import urllib.request
from types import TracebackType
from typing import Any


class Deadline:
    """A point in time after which every registered socket is shut down."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._timer.cancel()
        # Wait for the timer thread to end (at once, once cancelled): the parse that follows forks,
        # and a fork should copy as few threads as possible.
        self._timer.join()

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(self.ends - time.monotonic(), 0.0)

    def register(self, sock: socket.socket) -> None:
        """Watch ``sock``; one registered after the deadline is shut down at once."""
        with self._lock:
            if self.expired:
                _shut(sock)
            else:
                self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    # shutdown (not close) wakes a thread blocked in recv on this socket; the owner closes it.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watched:
    """Mixin for http.client connections: the raw socket is registered before any byte is read."""

    _deadline: Deadline
    timeout: Any

    def _watched_connection(self, address: tuple[str, int], timeout: Any, source: Any = None) -> socket.socket:
        left = self._deadline.remaining()
        if left <= 0:
            raise TimeoutError("no time left to connect")
        # Connecting never takes longer than the time left; the TLS handshake and every read
        # that follows are cut short by the deadline's shutdown.
        sock = socket.create_connection(address, min(timeout, left) if timeout else left, source)
        self._deadline.register(sock)
        return sock


class _HTTPConnection(_Watched, http.client.HTTPConnection):
    def __init__(self, *args: Any, deadline: Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline
        self._create_connection = self._watched_connection


class _HTTPSConnection(_Watched, http.client.HTTPSConnection):
    def __init__(self, *args: Any, deadline: Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline
        self._create_connection = self._watched_connection


class HTTPHandler(urllib.request.HTTPHandler):
    """urllib's http handler, with every connection watched by one deadline."""

    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        """Open with a watched connection."""
        return self.do_open(functools.partial(_HTTPConnection, deadline=self._deadline), req)


class HTTPSHandler(urllib.request.HTTPSHandler):
    """urllib's https handler, with every connection watched by one deadline."""

    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        """Open with a watched connection (TLS settings as urllib's own handler)."""
        connection = functools.partial(_HTTPSConnection, deadline=self._deadline)
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]
