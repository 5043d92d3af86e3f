"""casebook.pagefind_slim: a slim copy keeps the body elements whole and is made only when
nothing outside them could change what Pagefind records for the page."""

from __future__ import annotations

import pytest

from casebook.pagefind_slim import slim_page
from casebook.search_index import scratch

HEAD = b'<!doctype html><html lang="en" class="no-js"><head><title>T</title></head><body><h1 id="t">T</h1>'
TITLE = b'<div class="cb-pagefind" data-pagefind-body hidden><span data-pagefind-meta="title[data-value]" data-value="T"></span></div>'
TIMELINE = (
    b'<div class="cb-timeline" data-pagefind-body="data-pagefind-body">\n<div class="cb-event-item">\n'
    b'<h3 id="event-e1">One</h3><p class="cb-event-meta" data-pagefind-ignore="data-pagefind-ignore">x</p>'
    b"<p>Said <em>so</em>.</p>\n</div>\n<div><div>nested</div></div>\n</div>"
)
SIMILAR = b'<div class="cb-similar" data-pagefind-ignore="data-pagefind-ignore"><p>Other case</p></div>'


def _page(*parts: bytes) -> bytes:
    return HEAD + b"\n".join(parts) + b"</body></html>"


def test_keeps_every_body_whole_in_order_with_the_language() -> None:
    slim = slim_page(_page(TITLE, b"<svg><text>chain</text></svg>", TIMELINE, SIMILAR))
    assert slim.startswith(b'<!doctype html>\n<html lang="en">\n')
    assert TITLE + b"\n" + TIMELINE in slim  # the nested divs and the ignored meta line kept whole
    assert b"<svg" not in slim and b"Other case" not in slim and b'id="t"' not in slim


def test_a_page_without_a_language_gets_none() -> None:
    page = _page(TITLE).replace(b' lang="en"', b"")
    assert b"<html>" in slim_page(page) and b"lang" not in slim_page(page)


@pytest.mark.parametrize(
    "outside",
    [
        b'<span data-pagefind-filter="sector:Retail"></span>',  # a filter outside the bodies counts
        b'<span data-pagefind-meta="image:/x.png"></span>',
        b'<p data-pagefind-sort="year:1999">x</p>',
        b'<img src="/x.png" alt="x">',  # the first image after the title becomes the image meta
    ],
)
def test_a_page_that_pagefind_reads_outside_its_bodies_is_kept_whole(outside: bytes) -> None:
    page = _page(TITLE, outside, TIMELINE)
    assert slim_page(page) is page


def test_a_body_inside_an_excluded_element_keeps_the_page_whole() -> None:
    page = _page(TITLE, b'<div data-pagefind-ignore="all"><section>' + TIMELINE + b"</section></div>")
    assert slim_page(page) is page
    harmless = _page(TITLE, b'<div data-pagefind-ignore="index">' + TIMELINE + b"</div>")
    assert TIMELINE in slim_page(harmless)


def test_without_a_title_meta_or_without_bodies_the_page_is_kept_whole() -> None:
    untitled = _page(TIMELINE)  # Pagefind would take the title from the <h1>
    assert slim_page(untitled) is untitled
    plain = _page(b"<p>no body</p>")
    assert slim_page(plain) is plain


def test_an_unclosed_body_keeps_the_page_whole() -> None:
    page = HEAD + TITLE + b"<div data-pagefind-body><div>never closed</div>"
    assert slim_page(page) is page


def test_the_attribute_quoted_in_case_text() -> None:
    """Inside a body the words are only text of that body; outside, they cannot be told from a
    mark without parsing, so the page is kept whole (correct, only slower)."""
    page = _page(TITLE, b'<p class="cb-lead" data-pagefind-body>Use data-pagefind-body to mark.</p>')
    assert slim_page(page) is not page and b"Use data-pagefind-body to mark." in slim_page(page)
    outside = _page(TITLE, b"<p>Quoting data-pagefind-body here.</p>", TIMELINE)
    assert slim_page(outside) is outside


def test_slim_copies_go_to_memory_only_with_room_and_without_tmpdir(monkeypatch: pytest.MonkeyPatch) -> None:
    """``/dev/shm`` (tmpfs) when it has room; ``TMPDIR`` or too little room: the default folder."""
    monkeypatch.delenv("TMPDIR", raising=False)
    assert scratch(1 << 62) is None  # no tmpfs holds that
    monkeypatch.setenv("TMPDIR", "/tmp")
    assert scratch(0) is None
