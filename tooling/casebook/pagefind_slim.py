"""Slim copies of the case pages for Pagefind: only what it indexes (issue 15, ADR 0008).

A built case page is about 126 KB (68 KB of it inline SVG) but Pagefind keeps only its
``data-pagefind-body`` elements (``render.pagefind_marks``), about 17 KB. Reading the rest costs
two thirds of Pagefind's time, and a change there (a similar case's title, the cite box) would
otherwise run Pagefind again. ``slim_page`` keeps each body element whole (with its
``data-pagefind-ignore`` parts: Pagefind drops those itself) inside a minimal document that
carries the page's ``<html lang>``.

What Pagefind 1.5.2 reads outside the body elements once a page has one (``fossick/parser.rs``):
the ``lang`` of ``<html>``; ``data-pagefind-filter``, ``-meta``, ``-default-meta`` and ``-sort``
on any element; the first ``<h1>`` and the ``<title>``, but only as a title when no
``title`` meta is given; the first ``<img>`` after the title as the ``image`` meta; and an
ancestor of a body marked ``data-pagefind-ignore`` with a value other than ``index``/``true``,
which drops the body. The text and ids outside the bodies are cleared when the first body
closes. ``slim_page`` checks each of these on the page: where one could change the record, it
returns the page whole, so a slim copy never indexes differently from its page.

The markup is ours and escaped (``render.markdown.attr``, ``text``), so no ``<`` inside a body
starts anything but a tag: counting a body's own tag name finds its end without parsing HTML.
"""

from __future__ import annotations

import bisect
import re

PREFIX = b"data-pagefind-"
_ATTR = re.compile(rb"\sdata-pagefind-([a-z-]+)(?:=\"([^\"]*)\")?")
_OPEN = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*>")
_HTML = re.compile(rb"<html\b[^<>]*>", re.IGNORECASE)
_LANG = re.compile(rb"\slang=\"([^\"]*)\"")
_IMG = re.compile(rb"<img(?=[\s/>])", re.IGNORECASE)
_TITLE_META = re.compile(rb"\sdata-pagefind-meta=\"[^\"]*\btitle\b")
_VOID = {b"br", b"hr", b"img", b"input", b"meta", b"link", b"source", b"wbr", b"area", b"col"}
_HARMLESS_IGNORE = {None, b"", b"index", b"true"}
"""``data-pagefind-ignore`` values that do not drop the element's children's bodies."""

HEAD = b'<!doctype html>\n<html%s>\n<head><meta charset="utf-8"><title>x</title></head>\n<body>\n'
TAIL = b"\n</body>\n</html>\n"


def _element(data: bytes, at: int) -> tuple[int, int] | None:
    """``(start, end)`` of the element whose start tag holds offset ``at``; None if not found."""
    start = data.rfind(b"<", 0, at)
    tag = _OPEN.match(data, start) if start >= 0 else None
    if tag is None or tag.end() <= at:
        return None
    name = tag.group(1).lower()
    if name in _VOID or tag.group(0).endswith(b"/>"):
        return start, tag.end()
    pattern = re.compile(rb"<(/?)" + re.escape(name) + rb"(?=[\s/>])", re.IGNORECASE)
    depth = 1
    for found in pattern.finditer(data, tag.end()):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            close = data.find(b">", found.end())
            return (start, close + 1) if close >= 0 else None
    return None


def _marks(data: bytes) -> list[tuple[int, bytes, bytes | None]]:
    """Every ``data-pagefind-*`` attribute: offset, name and value (None without one).

    ``bytes.find`` rather than a regular expression over the whole page: this runs over every
    case page of every build, and a regex scan of 200 KB costs about a millisecond.
    """
    marks = []
    at = data.find(PREFIX)
    while at >= 0:
        found = _ATTR.match(data, at - 1)
        if found is not None:
            marks.append((at, found.group(1), found.group(2)))
        at = data.find(PREFIX, at + len(PREFIX))
    return marks


def _bodies(data: bytes, marks: list[tuple[int, bytes, bytes | None]]) -> list[tuple[int, int]] | None:
    """The spans of the page's body elements, in order; None if one cannot be delimited."""
    spans: list[tuple[int, int]] = []
    for at, name, _value in marks:
        if name != b"body" or (spans and at < spans[-1][1]):
            continue
        span = _element(data, at)
        if span is None:
            return None
        spans.append(span)
    return spans


def _outside_matters(data: bytes, marks: list[tuple[int, bytes, bytes | None]], spans: list[tuple[int, int]]) -> bool:
    """Whether anything outside the bodies could change the page's record (the module docstring)."""
    if not any(_TITLE_META.search(data, a, b) for a, b in spans):
        return True  # the title would come from the <h1> or <title>
    starts = [a for a, _b in spans]
    for at, name, value in marks:
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and at < spans[i][1]:
            continue  # inside a body: Pagefind reads it from the slim copy as from the page
        if name != b"ignore":
            return True  # filters, meta, sort, weight and the like count wherever they are
        if value in _HARMLESS_IGNORE:
            continue
        element = _element(data, at)
        if element is None or any(element[0] < s and e <= element[1] for s, e in spans):
            return True  # an excluded ancestor drops the bodies inside it
    edges = [0, *(x for span in spans for x in span), len(data)]
    return any(_img_in(data, a, b) for a, b in zip(edges[::2], edges[1::2], strict=True))


def _img_in(data: bytes, start: int, end: int) -> bool:
    # Tag names are case-insensitive; and "<" is too common for bytes.find to skip ahead: the
    # regular expression is the faster of the two here (0.07 ms against 0.2 ms a page).
    return _IMG.search(data, start, end) is not None


def slim_page(data: bytes) -> bytes:
    """What Pagefind needs of a built page: its body elements in a minimal document, or the page whole."""
    marks = _marks(data)
    spans = _bodies(data, marks)
    if not spans or _outside_matters(data, marks, spans):
        return data
    html = _HTML.search(data)
    lang = _LANG.search(html.group(0)) if html else None
    attrs = b' lang="%s"' % lang.group(1) if lang else b""
    return HEAD % attrs + b"\n".join(data[a:b] for a, b in spans) + TAIL
