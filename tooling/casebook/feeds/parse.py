"""Parsing fetched bytes into plain-text entries with feedparser.

feedparser is only ever given ``io.BytesIO(body)``: handed a ``str`` or ``bytes`` it first tries
the value as a URL and then as a local file path, which would let a feed URL read files
(tech-notes section 6). ``bozo`` means "not well-formed", not "unusable": a feed with entries is
used and the problem noted; a body with no entries and no recognised format is not a feed (F912).
Character references XML forbids are defused first (``markup.defuse_charrefs``), and an entry
that still cannot be read is skipped with F917 rather than losing the rest of the feed.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import time
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax import SAXParseException

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe

from casebook.feeds.markup import defuse_charrefs
from casebook.feeds.text import html_to_text, one_line

MAX_ENTRIES = 500
"""Entries read per feed; a feed that lists more is cut, never a reason to stall the run."""


@dataclass(frozen=True)
class Entry:
    """One feed entry, reduced to plain text."""

    feed: str
    title: str
    link: str | None
    summary: str
    published: str | None
    uid: str


@dataclass(frozen=True)
class ParsedFeed:
    """The entries of one feed, or why it is not a feed (``problem``, with its ``code``)."""

    entries: tuple[Entry, ...] = ()
    problem: str | None = None
    note: str | None = None
    code: str = "F912"
    skipped: tuple[str, ...] = ()
    """One F917 reason per entry that could not be read."""


def safe_link(value: Any) -> str | None:
    """Return ``value`` when it is an absolute http(s) URL with a host and no whitespace, else None."""
    if not isinstance(value, str):
        return None
    link = value.strip()
    parts = urllib.parse.urlsplit(link)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in link):
        return None
    # Control characters, lone surrogates, or U+FFFD standing in for one: not a link to follow.
    if not link.isprintable() or "\ufffd" in link:
        return None
    return link


def _date(raw: Any) -> str | None:
    parsed = raw.get("published_parsed") or raw.get("updated_parsed")
    if not isinstance(parsed, time.struct_time):
        return None
    # feedparser normalises to UTC; round-trip through a timestamp to reject nonsense dates.
    try:
        stamp = calendar.timegm(parsed)
    except (OverflowError, ValueError):
        return None
    day = time.strftime("%Y-%m-%d", time.gmtime(stamp))
    return day if "1900" <= day[:4] <= "2199" else None


def _uid(feed: str, raw: Mapping[str, Any], link: str | None, title: str) -> str:
    # A link is the same story whichever feed carries it; ids and titles are only unique per feed.
    key = link or f"{feed}\n{raw.get('id') or title}"
    # surrogatepass: an id may hold a lone surrogate; it must still hash, and hash the same each run.
    return hashlib.sha256(str(key).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _entry(feed: str, raw: Any) -> Entry | None:
    title = html_to_text(str(raw.get("title") or ""), limit=300)
    summary = html_to_text(str(raw.get("summary") or ""), limit=1000)
    if not title:
        title = html_to_text(summary, limit=120)
    if not title:
        return None
    link = safe_link(raw.get("link"))
    return Entry(
        feed=feed, title=title, link=link, summary=summary, published=_date(raw), uid=_uid(feed, raw, link, title)
    )


def parse_feed(body: bytes, feed: str, *, url: str = "", headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse a fetched body into entries.

    Args:
        body: The bytes as fetched.
        feed: The feed's name, recorded on every entry.
        url: Where the bytes came from; relative links resolve against it.
        headers: Response headers (lower-case names); the content type helps find the encoding.

    Returns:
        The entries in feed order, or a ``problem`` when the body is not a feed.
    """
    response_headers = {k: v for k, v in (headers or {}).items() if k in ("content-type", "content-language")}
    if url:
        response_headers["content-location"] = url
    body, _ = defuse_charrefs(body)
    parsed = feedparser.parse(io.BytesIO(body), response_headers=response_headers)
    version = parsed.get("version") or ""
    raw_entries = list(parsed.get("entries") or [])[:MAX_ENTRIES]
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not raw_entries and not version:
        why = f": {_describe(bozo)}" if bozo else ""
        return ParsedFeed(problem=f"not an RSS or Atom feed{why}")
    entries, skipped = _entries(feed, raw_entries)
    note = None
    if bozo is not None and not isinstance(bozo, ThingsNobodyCaresAboutButMe):
        # feedparser's own name for charset/content-type quibbles; broken XML is worth a line.
        read = "1 entry" if len(entries) == 1 else f"{len(entries)} entries"
        note = f"not well-formed XML ({_describe(bozo)}); {read} read anyway"
    return ParsedFeed(entries=entries, note=note, skipped=skipped)


def _entries(feed: str, raw_entries: list[Any]) -> tuple[tuple[Entry, ...], tuple[str, ...]]:
    entries: list[Entry] = []
    skipped: list[str] = []
    for number, raw in enumerate(raw_entries, start=1):
        try:
            entry = _entry(feed, raw)
        except Exception as exc:  # one unreadable entry costs that entry, never the feed
            skipped.append(f"entry {number} skipped: {_describe(exc) or type(exc).__name__}")
            continue
        if entry is not None:
            entries.append(entry)
    return tuple(entries), tuple(skipped)


def _describe(problem: object) -> str:
    if isinstance(problem, SAXParseException):
        text = f"line {problem.getLineNumber()}: {problem.getMessage()}"
    else:
        text = str(problem)
    return one_line(text, limit=160)
