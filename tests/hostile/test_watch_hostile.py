"""Hostile feeds, servers and state files against `casebook watch` (issue 12, items 3 to 6).

Each test names the input that used to crash, hang or slip through, and asserts the promise:
a located F-code warning with the run going on, or exit 2 with the state file untouched.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import multiprocessing
import os
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.cli import main
from casebook.feeds import bounded, parse, pipeline
from casebook.feeds.bounded import parse_with_limits
from casebook.feeds.fetch import FetchResult, fetch
from casebook.feeds.markup import MAX_ATTRIBUTES, MAX_DEPTH, prescan
from casebook.feeds.parse import parse_feed
from casebook.feeds.state import StateError, load_state
from tests.feedserver import FEEDS, Log, serve

CASES = FEEDS / "cases"
TODAY = "2099-03-05"
GOOD = (FEEDS / "rss20.xml").as_uri()


@pytest.fixture
def server() -> Iterator[tuple[str, Log]]:
    """A misbehaving loopback feed server."""
    with serve() as running:
        yield running


def _sources(tmp_path: Path, feeds: dict[str, str]) -> Path:
    path = tmp_path / "sources.yaml"
    lines = ["feeds:"] + [f'  - name: {name}\n    url: "{url}"' for name, url in feeds.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def watch(tmp_path: Path, feeds: dict[str, str], *args: str) -> Result:
    """Run the command on these feeds with the fixture corpus; never raise."""
    argv = ["watch", "--sources", str(_sources(tmp_path, feeds)), "--cases", str(CASES), "--today", TODAY]
    argv += ["--state", str(tmp_path / "state.json"), "--out", str(tmp_path / "out"), *args]
    return CliRunner().invoke(main, argv)


def _rss(*items: bytes) -> bytes:
    body = b"".join(b"<item>" + item + b"</item>" for item in items)
    return (
        b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T</title>"
        + body
        + b"</channel></rss>"
    )


def _feed_file(tmp_path: Path, name: str, body: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(body)
    return path.as_uri()


def _returns_within(seconds: float, call: Callable[[], Any]) -> list[Any]:
    """Run ``call`` in a daemon thread; the list holds its result if it returned in time."""
    box: list[Any] = []
    thread = threading.Thread(target=lambda: box.append(call()), daemon=True)
    thread.start()
    thread.join(seconds)
    return box


# Item 3: one bad entry or feed never stops the run; unencodable characters never reach a file.

SURROGATE = _rss(
    b"<title>Acme recall &#xD800; outage</title><link>https://acme.example/1</link><guid>id&#xD800;</guid>",
    b"<title>Globex data breach fine</title><link>https://globex.example/2</link>",
)


def test_lone_surrogate_does_not_stop_the_run(tmp_path: Path) -> None:
    """`&#xD800;` used to crash inside feedparser with no report and no state; now the feed is read."""
    bad = _feed_file(tmp_path, "surrogate.xml", SURROGATE)
    result = watch(tmp_path, {"Surrogate": bad, "Good": GOOD})
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "| Surrogate | read | 2 | 2 |" in report
    assert "| Good | read | 5 | 5 |" in report
    assert json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))["seen"]
    again = watch(tmp_path, {"Surrogate": bad, "Good": GOOD})
    assert again.exit_code == 0, again.output
    assert "0 new entries" in again.output


@pytest.mark.parametrize(
    "ref", [b"&#xD800;", b"&#56320;", b"&#x110000;", b"&#99999999999;", b"&#" + b"9" * 5000 + b";", b"&#0;", b"&#x1b;"]
)
def test_forbidden_character_references_are_replaced(ref: bytes) -> None:
    """References to surrogates, out-of-range or control characters become U+FFFD, never an exception."""
    parsed = parse_feed(_rss(b"<title>Acme " + ref + b" recall</title><link>https://a.example/1</link>"), "F")
    assert [e.title for e in parsed.entries] == ["Acme \ufffd recall"]


def test_unencodable_text_never_reaches_the_outputs(tmp_path: Path) -> None:
    """Control characters, escapes and surrogates from a feed are gone from report, candidates, stubs and state."""
    hostile = _rss(
        b"<title>Acme bank outage &#x1b;[31mred&#x7;&#x9b;2J fine recall</title>"
        b"<link>https://acme.example/a&#x1;b</link><description>a&#0;b&#xDFFF;c</description>",
        b"<title>Initech recall\x01 outage \xed\xa0\x80 breach fine regulator</title><link>https://i.example/x</link>",
    )
    result = watch(tmp_path, {"Hostile": _feed_file(tmp_path, "hostile.xml", hostile)}, "--min-score", "0")
    assert result.exit_code == 0, result.output
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()] + [tmp_path / "state.json"]
    assert len(written) >= 3
    for path in written:
        text = path.read_bytes().decode("utf-8")  # strict: a surrogate could not have been encoded
        assert not [ch for ch in text if ch not in "\n" and (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F)], path
    candidates = json.loads((tmp_path / "out" / "candidates.json").read_text(encoding="utf-8"))
    assert len(candidates) == 2
    assert next(c for c in candidates if c["title"].startswith("Acme"))["link"] is None  # a link with \x01 is dropped
    assert "\x1b" not in result.output


def test_an_entry_that_cannot_be_read_is_skipped_with_f917(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry whose reading raises costs that entry only: F917, the others are read."""
    real = parse._entry

    def fragile(feed: str, raw: Any) -> parse.Entry | None:
        if "Toyota" in str(raw.get("title")):
            raise ValueError("cannot read this one")
        return real(feed, raw)

    monkeypatch.setattr(parse, "_entry", fragile)
    result = watch(tmp_path, {"Good": GOOD})
    assert result.exit_code == 0, result.output
    assert "warning: Good: F917 entry " in result.stderr
    assert "cannot read this one" in result.stderr
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "| Good | read | 4 | 4 |" in report
    assert "F917: 1 entry skipped" in report


def test_a_feed_that_breaks_the_reader_is_f916_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any exception while one feed is read is that feed's F916; the other feeds, report and state are written."""
    real = pipeline.fetch

    def breaking(url: str, **kwargs: Any) -> FetchResult:
        if "broken" in url:
            raise RuntimeError("something nobody foresaw")
        return real(url, **kwargs)

    monkeypatch.setattr(pipeline, "fetch", breaking)
    result = watch(tmp_path, {"Broken": "https://broken.example/feed", "Good": GOOD})
    assert result.exit_code == 0, result.output
    assert "warning: Broken: F916 could not be read: RuntimeError: something nobody foresaw" in result.stderr
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "- **Broken**: F916" in report and "| Good | read | 5 | 5 |" in report
    assert (tmp_path / "state.json").is_file()


# Item 4: --timeout is a deadline for the whole request.


def test_headers_trickled_one_byte_at_a_time_hit_the_deadline(server: tuple[str, Log]) -> None:
    """Headers arriving a byte every 0.25 s never trip a per-read timeout; the whole-request deadline stops them."""
    base, _ = server
    box = _returns_within(30, lambda: fetch(f"{base}/trickle-headers", timeout=1))
    assert box, "fetch did not return: the deadline does not cover the headers"
    got = box[0]
    assert (got.status, got.code) == ("failed", "F910")
    assert "connect, headers and body must all arrive" in got.reason


def test_trickled_headers_are_a_warning_in_a_run(tmp_path: Path, server: tuple[str, Log]) -> None:
    """In a run the slow feed is an F910 warning and the good feed is read."""
    base, _ = server
    box = _returns_within(
        60, lambda: watch(tmp_path, {"Drip": f"{base}/trickle-headers", "Good": GOOD}, "--timeout", "1")
    )
    assert box, "the run did not finish"
    result = box[0]
    assert result.exit_code == 0, result.output
    assert "warning: Drip: F910 timed out after 1 s" in result.stderr


# Item 5: parsing is bounded: a linear pre-scan refuses pathological markup, a deadline kills the rest.


def _many_attributes(count: int) -> bytes:
    attributes = b" ".join(b"a%d='1'" % i for i in range(count))
    return _rss(b"<title>t</title>").replace(b"<item>", b"<item " + attributes + b">", 1)


def test_two_hundred_thousand_attributes_are_refused_before_parsing(tmp_path: Path) -> None:
    """The 2.4 MB feed that ran for minutes is an F919 warning naming the feed and the offset."""
    body = _many_attributes(200_000)
    assert 2_000_000 < len(body) < 5 * 1024 * 1024
    result = watch(tmp_path, {"Attrs": _feed_file(tmp_path, "attrs.xml", body), "Good": GOOD})
    assert result.exit_code == 0, result.output
    assert "warning: Attrs: F919 markup too pathological to parse: a tag of 2" in result.stderr
    assert "bytes at line 1 (byte 82); at most 65536" in result.stderr
    assert "- **Attrs**: F919" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (_many_attributes(MAX_ATTRIBUTES + 1), f"an element with {MAX_ATTRIBUTES + 1} attributes"),
        (b"<rss>" + b"<a>" * (MAX_DEPTH + 1), f"nested more than {MAX_DEPTH} deep"),
        (b"<rss><item title='" + b"x" * 70_000 + b"'/></rss>", "a tag of 70"),
    ],
)
def test_prescan_refuses_pathological_markup(body: bytes, why: str) -> None:
    """Too many attributes, too deep, too long a tag: each refused with where it was found."""
    refusal = prescan(body)
    assert refusal is not None and why in refusal and "at line 1 (byte " in refusal


def test_prescan_passes_real_feeds() -> None:
    """Every fixture feed passes, CDATA and comments full of markup included."""
    for path in sorted(FEEDS.glob("*.*")):
        assert prescan(path.read_bytes()) is None, path.name
    assert prescan(b"<rss><![CDATA[" + b"<a>" * 5000 + b"]]><!--" + b"<b x='1'>" * 5000 + b"--></rss>") is None


def test_a_parse_that_outlives_its_deadline_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the pre-scan out of the way, a quadratic parse is stopped at the deadline: F918, no child left."""
    monkeypatch.setattr(bounded, "prescan", lambda body: None)
    parsed = parse_with_limits(_many_attributes(20_000), "Slow", timeout=0.5)
    assert (parsed.code, parsed.entries) == ("F918", ())
    assert parsed.problem == "parsing took longer than 0.5 s; stopped"
    assert multiprocessing.active_children() == []


def test_parse_deadline_in_a_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--parse-timeout reaches the parse: the slow feed is an F918 warning and the run goes on."""
    monkeypatch.setattr(bounded, "prescan", lambda body: None)
    slow = _feed_file(tmp_path, "slow.xml", _many_attributes(20_000))
    result = watch(tmp_path, {"Slow": slow, "Good": GOOD}, "--parse-timeout", "0.5")
    assert result.exit_code == 0, result.output
    assert "warning: Slow: F918 parsing took longer than 0.5 s" in result.stderr
    assert "| Good | read | 5 | 5 |" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_a_parser_crash_in_the_child_is_f916(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception escaping the parser in the child is reported, not lost."""

    def crash(*args: Any, **kwargs: Any) -> parse.ParsedFeed:
        raise MemoryError("out of memory")

    monkeypatch.setattr(bounded, "parse_feed", crash)
    parsed = parse_with_limits((FEEDS / "rss20.xml").read_bytes(), "Crash")
    assert parsed.code == "F916"
    assert "MemoryError" in (parsed.problem or "")


# Item 6: bad state files, FIFOs, compressed and truncated bodies.

_VALID = '{"version": 1, "feeds": {}, "seen": {"abc": "2099-03-01"}}'
BAD_STATES = {
    "latin-1 bytes": b'{"version": 1, "seen": {"caf\xe9": "2099-03-01"}}',
    "utf-16": _VALID.encode("utf-16"),
    "utf-16-le, no BOM": _VALID.encode("utf-16-le"),
    "nested": b"[" * 200_000 + b"]" * 200_000,
    "nested object": b'{"version": 1, "seen": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_001,
    "5000 digits": b'{"version": 1, "seen": {}, "n": ' + b"9" * 5000 + b"}",
    "surrogate key": b'{"version": 1, "seen": {"\\ud800": "2099-03-01"}}',
    "surrogate validator": b'{"version": 1, "feeds": {"https://a.example/": {"etag": "\\udc00"}}}',
    "not a date": b'{"version": 1, "seen": {"abc": "soon"}}',
}


@pytest.mark.parametrize("name", sorted(BAD_STATES))
def test_bad_state_file_is_exit_2_and_left_untouched(tmp_path: Path, name: str) -> None:
    """A state file the watch did not write is refused before any feed is read; its bytes stay as they were."""
    state = tmp_path / "state.json"
    state.write_bytes(BAD_STATES[name])
    result = watch(tmp_path, {"Good": GOOD})
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "is not a usable state file" in result.stderr
    assert state.read_bytes() == BAD_STATES[name]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_today_far_from_now_is_exit_2_and_the_state_untouched(tmp_path: Path, day: str) -> None:
    """`--today 0001-01-01` overflowed the pruning with a traceback; now it is a usage error."""
    assert watch(tmp_path, {"Good": GOOD}).exit_code == 0
    before = (tmp_path / "state.json").read_bytes()
    result = watch(tmp_path, {"Good": GOOD}, "--today", day)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert f"--today {day} is outside 1900-01-01..2199-12-31" in result.stderr
    assert (tmp_path / "state.json").read_bytes() == before


def _release(fifo: Path) -> None:
    # If a reader is stuck opening the FIFO (the bug), opening the write end lets it go.
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def test_a_fifo_named_as_a_feed_is_refused(tmp_path: Path) -> None:
    """A file: source that is a FIFO blocked the run forever in open(); now it is F921."""
    fifo = tmp_path / "feed.xml"
    os.mkfifo(fifo)
    try:
        box = _returns_within(20, lambda: fetch(fifo.as_uri()))
    finally:
        _release(fifo)
    assert box, "fetch blocked on the FIFO"
    assert (box[0].code, box[0].status) == ("F921", "failed")
    assert "a FIFO, not a regular file" in box[0].reason
    assert fetch(tmp_path.as_uri()).code == "F921"
    assert fetch(Path("/dev/zero").as_uri()).code == "F921"


def test_a_fifo_named_as_the_state_is_refused(tmp_path: Path) -> None:
    """A state path that is a FIFO is a StateError (exit 2), not a hang."""
    fifo = tmp_path / "state.json"
    os.mkfifo(fifo)

    def load() -> object:
        try:
            return load_state(fifo)
        except StateError as exc:
            return exc

    try:
        box = _returns_within(20, load)
    finally:
        _release(fifo)
    assert box, "load_state blocked on the FIFO"
    assert isinstance(box[0], StateError) and "not a regular file" in str(box[0])


def test_gzip_feeds_are_read(tmp_path: Path, server: tuple[str, Log]) -> None:
    """Content-Encoding: gzip over HTTP and a .gz file: both read like the plain feed."""
    base, _ = server
    gz = _feed_file(tmp_path, "rss20.xml.gz", gzip.compress((FEEDS / "rss20.xml").read_bytes()))
    result = watch(tmp_path, {"Served": f"{base}/gzip/rss20.xml", "File": gz})
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "| Served | read | 5 | 5 |" in report
    assert "| File | read | 5 |" in report


def test_gzip_bomb_and_damaged_gzip_are_refused(server: tuple[str, Log]) -> None:
    """The inflated size counts against --max-bytes (F911); damaged data is F922."""
    base, _ = server
    bomb = fetch(f"{base}/gzip-bomb", max_bytes=1024 * 1024)
    assert (bomb.code, bomb.body) == ("F911", b"")
    assert "decompresses to more than 1048576 bytes" in bomb.reason
    assert fetch(f"{base}/gzip-bad").code == "F922"


def test_a_body_shorter_than_its_content_length_is_truncated(server: tuple[str, Log]) -> None:
    """A body that ends 1,000 bytes early used to be accepted; now it is F920."""
    base, _ = server
    got = fetch(f"{base}/short")
    assert (got.status, got.code) == ("failed", "F920")
    assert "truncated" in got.reason


# A property: whatever characters an entry carries, reading it never raises and nothing unencodable comes out.

_POINTS = st.integers(min_value=0, max_value=0x110010)
_PIECES = st.one_of(
    _POINTS.map(lambda p: b"&#x%X;" % p),
    _POINTS.map(lambda p: b"&#%d;" % p),
    st.text(max_size=8).map(lambda t: t.encode("utf-8")),
    st.binary(max_size=4),
    st.sampled_from([b"<b>", b"</i>", b"<![CDATA[", b"]]>", b"&amp;", b"&bogus;", b"<script>", b"\xed\xa0\x80"]),
)


@settings(max_examples=150, deadline=None)
@given(title=st.lists(_PIECES, max_size=12).map(b"".join), link=st.lists(_PIECES, max_size=4).map(b"".join))
def test_any_entry_text_reads_cleanly(title: bytes, link: bytes) -> None:
    """Generated titles and links (charrefs to any code point, raw bytes, stray markup): no exception, clean text."""
    body = _rss(b"<title>Acme " + title + b"</title><link>https://a.example/" + link + b"</link>")
    parsed = parse_feed(body, "Fuzz")
    for entry in parsed.entries:
        for text in (entry.title, entry.summary, entry.link or "", entry.uid):
            text.encode("utf-8")  # strict: raises on a lone surrogate
            assert not [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cs")], repr(text)
