"""Parsing the fixture feeds: every format, odd encodings, missing dates, hostile markup."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import feedparser
import pytest

from casebook.feeds import parse
from casebook.feeds.parse import parse_feed, safe_link

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def _parse(name: str) -> parse.ParsedFeed:
    return parse_feed((FEEDS / name).read_bytes(), name, url=(FEEDS / name).as_uri())


@pytest.mark.parametrize(
    ("name", "count"),
    [("rss091.xml", 2), ("rss092.xml", 2), ("rss10.rdf", 2), ("rss20.xml", 5), ("atom.xml", 3), ("latin1.xml", 1)],
)
def test_every_format_parses(name: str, count: int) -> None:
    """RSS 0.91, 0.92, 1.0 (RDF), 2.0 and Atom all give entries with plain-text titles."""
    parsed = _parse(name)
    assert parsed.problem is None
    assert len(parsed.entries) == count
    assert all(e.title and "<" not in e.title for e in parsed.entries)


def test_feedparser_only_ever_gets_bytes_io(monkeypatch: pytest.MonkeyPatch) -> None:
    """A str or bytes would be tried as a URL or a local path; only BytesIO is ever passed."""
    seen: list[Any] = []
    real = feedparser.parse

    def spy(source: Any, **kwargs: Any) -> Any:
        seen.append(source)
        return real(source, **kwargs)

    monkeypatch.setattr(parse.feedparser, "parse", spy)
    parse_feed(b"/etc/passwd", "x")
    parse_feed(b"file:///etc/passwd", "x")
    assert seen and all(isinstance(s, io.BytesIO) for s in seen)


def test_iso_8859_1_declared_in_the_prolog() -> None:
    """The prolog's encoding wins: accented letters come through."""
    [entry] = _parse("latin1.xml").entries
    assert entry.title.startswith("Café Crème SA recall")
    assert "49 £" in entry.summary
    assert entry.published == "2099-03-03"


def test_entities_and_escaped_html_become_text() -> None:
    """Numeric entities decode and escaped HTML in descriptions is reduced to its text."""
    umbrella = _parse("rss092.xml").entries[0]
    assert umbrella.title == "Watchdog fines Umbrella Corp €2m over “misleading” subscription terms"
    assert umbrella.summary == "The regulator said Umbrella Corp’s hidden fees misled customers & ordered refunds."


def test_missing_dates_are_none_and_dates_are_days() -> None:
    """RSS 0.91 items have no date; RDF dc:date and Atom updated become YYYY-MM-DD."""
    assert {e.published for e in _parse("rss091.xml").entries} == {None}
    assert [e.published for e in _parse("rss10.rdf").entries] == ["2099-03-02", "2099-03-01"]
    assert _parse("atom.xml").entries[0].published == "2099-03-03"


def test_script_and_markup_never_survive() -> None:
    """Script bodies, tags and hostile links are gone from titles, summaries and links."""
    entries = _parse("rss20.xml").entries + _parse("atom.xml").entries
    for e in entries:
        for text in (e.title, e.summary):
            assert "<" not in text and "alert(" not in text.replace("[click](javascript:alert(1))", "")
        assert e.link is None or e.link.startswith(("http://", "https://"))
    soylent = next(e for e in entries if "Soylent" in e.title)
    assert soylent.title == "Soylent boycott grows after misleading ads & backlash"
    assert soylent.summary == "Shoppers call for a boycott."
    assert soylent.link is None  # javascript: is not a link


def test_not_a_feed_and_broken_feed() -> None:
    """An HTML page is a problem (F912); broken XML with readable entries is used, with a note."""
    assert (_parse("notafeed.html").problem or "").startswith("not an RSS or Atom feed")
    assert parse_feed(b"", "x").problem
    broken = _parse("broken.xml")
    assert broken.problem is None
    assert [e.title for e in broken.entries] == ["Wonka fined over recall & apology delays"]
    assert broken.note and "not well-formed" in broken.note and "1 entry read" in broken.note


def test_uids_are_stable_and_shared_by_link() -> None:
    """The same link is the same uid whichever feed carries it; parsing twice gives the same uids."""
    first, second = _parse("rss20.xml"), _parse("rss20.xml")
    assert [e.uid for e in first.entries] == [e.uid for e in second.entries]
    a = parse_feed(
        b"<rss version='2.0'><channel><item><title>T</title><link>https://x.example/1</link></item></channel></rss>",
        "A",
    )
    b = parse_feed(
        b"<rss version='2.0'><channel><item><title>U</title><link>https://x.example/1</link></item></channel></rss>",
        "B",
    )
    assert a.entries[0].uid == b.entries[0].uid


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://a.example/x?y=1", "https://a.example/x?y=1"),
        (" http://a.example ", "http://a.example"),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("file:///etc/passwd", None),
        ("https://a.example/x y", None),
        ("https:///nohost", None),
        (None, None),
    ],
)
def test_safe_link(value: object, expected: str | None) -> None:
    """Only absolute http(s) URLs with a host are links."""
    assert safe_link(value) == expected


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    """A feed declaring an external entity gets its text back literally, never the file's content."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        "<rss version='2.0'><channel><title>x</title><item><title>Leak &xxe; recall</title>"
        "<link>https://x.example/1</link></item></channel></rss>"
    ).encode()
    parsed = parse_feed(body, "x")
    assert all("TOP-SECRET" not in e.title + e.summary for e in parsed.entries)
