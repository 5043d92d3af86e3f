"""Fetching over loopback HTTP: timeouts, size cap, conditional GET, HTTP errors and redirects."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from casebook.feeds.fetch import fetch
from tests.feedserver import Log, serve


@pytest.fixture
def server() -> Iterator[tuple[str, Log]]:
    """A misbehaving loopback feed server."""
    with serve() as running:
        yield running


def test_ok_then_not_modified(server: tuple[str, Log]) -> None:
    """The ETag of the first fetch is sent back, and the server's 304 means 'unchanged'."""
    base, log = server
    first = fetch(f"{base}/feed/rss20.xml")
    assert first.status == "ok"
    assert first.body.startswith(b"<?xml")
    assert first.etag and first.last_modified
    second = fetch(f"{base}/feed/rss20.xml", etag=first.etag, last_modified=first.last_modified)
    assert second.status == "not_modified"
    assert log.statuses("/feed/rss20.xml") == [200, 304]
    assert log.requests[1][1] == first.etag


def test_slow_server_times_out(server: tuple[str, Log]) -> None:
    """A server that does not answer within the timeout is F910."""
    base, _ = server
    got = fetch(f"{base}/slow", timeout=0.3)
    assert (got.status, got.code) == ("failed", "F910")
    assert "timed out" in got.reason


def test_trickling_body_hits_the_deadline(server: tuple[str, Log]) -> None:
    """A body sent one byte at a time cannot outlast the timeout."""
    base, _ = server
    got = fetch(f"{base}/trickle", timeout=0.5)
    assert (got.status, got.code) == ("failed", "F910")


def test_oversized_body_is_refused(server: tuple[str, Log]) -> None:
    """A body larger than the cap is F911 and is not kept."""
    base, _ = server
    got = fetch(f"{base}/big", max_bytes=1000)
    assert (got.status, got.code, got.body) == ("failed", "F911", b"")
    assert fetch(f"{base}/big").status == "ok"


def test_http_error_is_reported(server: tuple[str, Log]) -> None:
    """A 404 is F913 with the status in the reason."""
    base, _ = server
    got = fetch(f"{base}/missing")
    assert (got.status, got.code) == ("failed", "F913")
    assert "404" in got.reason


def test_redirect_to_http_is_followed(server: tuple[str, Log]) -> None:
    """A redirect to another http URL is followed and the final URL recorded."""
    base, _ = server
    got = fetch(f"{base}/to/atom.xml")
    assert got.status == "ok"
    assert got.url == f"{base}/feed/atom.xml"


@pytest.mark.parametrize("route", ["/to-file", "/to-ftp", "/loop"])
def test_unsafe_redirects_are_refused(server: tuple[str, Log], route: str) -> None:
    """Redirects to file: or ftp:, and endless redirects, are F914; nothing is read from disk."""
    base, _ = server
    got = fetch(f"{base}{route}")
    assert (got.status, got.code) == ("failed", "F914")
    assert got.body == b""


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x.xml", "javascript:alert(1)", "data:text/xml,<rss/>"])
def test_other_schemes_are_never_fetched(url: str) -> None:
    """Only http, https and file URLs are fetched."""
    got = fetch(url)
    assert (got.status, got.code) == ("failed", "F915")


def test_unreachable_host_is_a_warning_not_a_crash() -> None:
    """A refused connection is F915."""
    got = fetch("http://127.0.0.1:9/feed.xml", timeout=1)
    assert (got.status, got.code) == ("failed", "F915")
