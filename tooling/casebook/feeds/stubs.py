"""Draft case stubs: the case template with the news entry filled in as the first source.

A stub is ``cases/_TEMPLATE.yaml`` with a handful of single-line values replaced: the id, the
first source (the entry's own title, real link, date and feed), and hints marked TODO for the
title and organization. Every other TODO stays, so ``casebook validate`` reports the stub as
unfinished (H803) with the line of each gap. Values are written as YAML double-quoted scalars,
so nothing a feed says can change the structure of the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import yaml

from casebook.feeds.parse import Entry
from casebook.feeds.sources import Feed
from casebook.feeds.text import STOPWORDS, slugify, words
from casebook.loading import JsonPath, load_text

_CASE_ID = re.compile(r"^(19|20)\d{2}-[a-z0-9]+(-[a-z0-9]+)+$")
_COMMENT = re.compile(r"\s+#")


class TemplateError(Exception):
    """The case template does not have the fields a stub fills in."""


def quote(value: str) -> str:
    """A YAML double-quoted scalar for ``value`` on one line."""
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1_000_000).rstrip("\n")


def stub_id(entry: Entry, organization: str | None, today: dt.date, taken: set[str]) -> str:
    """A case id ``<year>-<org>-<slug>`` for the entry, not in ``taken`` (which it joins).

    The year is the entry's, or today's when the entry is undated; the org is the guessed
    organization (``unknown`` without one); the slug is a few words of the headline.
    """
    year = entry.published[:4] if entry.published and entry.published[:2] in ("19", "20") else str(today.year)
    org = slugify(organization or "", max_words=3) or "unknown"
    org_words = set(words(organization or ""))
    topic = [w for w in words(entry.title) if w not in STOPWORDS and w not in org_words]
    slug = slugify(" ".join(topic), max_words=5) or "news"
    base = f"{year}-{org}-{slug}"
    candidate, n = base, 2
    while candidate in taken or not _CASE_ID.match(candidate):
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _replace(lines: list[str], positions: Mapping[JsonPath, tuple[int, int]], path: JsonPath, value: str) -> None:
    if path not in positions:
        raise TemplateError(f"the case template has no single-line value at {path}")
    line_no, col = positions[path]
    line = lines[line_no - 1]
    start = col - 1
    comment = _COMMENT.search(line, start)
    end = comment.start() if comment else len(line.rstrip())
    if line[start:end].lstrip().startswith((">", "|")):
        raise TemplateError(f"the case template holds a block scalar at {path}")
    lines[line_no - 1] = line[:start] + value + line[end:]


def render_stub(template: str, *, case_id: str, entry: Entry, feed: Feed, organization: str | None) -> str:
    """Fill the case template from a news entry.

    Args:
        template: The text of ``cases/_TEMPLATE.yaml``.
        case_id: The stub's id (and file name without ``.yaml``).
        entry: The entry; it must have an http(s) link.
        feed: The feed it came from (name as publisher, tags for the source type).
        organization: The guessed organization, offered as a TODO hint.

    Returns:
        The stub's YAML text.

    Raises:
        TemplateError: The template lacks a field a stub fills, or the result would not load.
    """
    if entry.link is None:
        raise TemplateError("an entry without an http(s) link cannot become a stub")
    loaded = load_text(template, "_TEMPLATE.yaml")
    if not loaded.ok:
        raise TemplateError("the case template does not load: " + "; ".join(d.format() for d in loaded.diagnostics))
    hint = f" (guessed from the headline: {organization})" if organization else ""
    values: dict[JsonPath, str] = {
        ("id",): case_id,
        ("title",): f"TODO our own headline, at most 120 characters (the news said: {entry.title})",
        ("organization", "name"): f"TODO organization{hint}",
        ("sources", 0, "id"): slugify(feed.name, max_words=3) or "news",
        ("sources", 0, "title"): entry.title,
        ("sources", 0, "publisher"): feed.name,
        ("sources", 0, "url"): entry.link,
    }
    if entry.published:
        values[("sources", 0, "published")] = entry.published
    if feed.source_type:
        values[("sources", 0, "type")] = feed.source_type
    lines = template.split("\n")
    for path, value in values.items():
        _replace(lines, loaded.positions, path, quote(value))
    # After the editor modeline, which belongs on the first line.
    at = 1 if lines and lines[0].startswith("# yaml-language-server:") else 0
    lines.insert(
        at, "# Draft proposed by `casebook watch` from a news entry: read the source, then replace every TODO."
    )
    text = "\n".join(lines)
    check = load_text(text, f"{case_id}.yaml")
    if not check.ok or check.data["sources"][0]["url"] != entry.link:
        raise TemplateError("the filled-in stub does not load back as written")
    return text
