"""casebook.page_hold: a page's HTML and SVGs come back exactly as they were handed over."""

from __future__ import annotations

from types import SimpleNamespace

from casebook.page_hold import HeldPages, pack, unpack

# Beyond Latin-1 (an arrow) and beyond the BMP: both must survive the round trip.
HTML = "<h1>Acme → recall</h1>\n<p>caf\u00e9 \U0001f600</p>" * 50


def _page(src: str, content: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src), content=content)


def test_pack_round_trips_and_shrinks() -> None:
    assert unpack(pack(HTML)) == HTML
    assert len(pack(HTML)) < len(HTML.encode("utf-8")) / 4


def test_html_is_taken_and_given_back_once() -> None:
    held = HeldPages()
    page = _page("cases/a.md", HTML)
    page.content = held.hold_html("cases/a.md", HTML)
    assert page.content == ""  # MkDocs holds nothing of it meanwhile
    held.give_back(page)
    assert page.content == HTML
    page.content = "changed by a template"
    held.give_back(page)  # nothing left to give: the page keeps what it has
    assert page.content == "changed by a template"


def test_kept_and_empty_pages_are_never_taken() -> None:
    held = HeldPages()
    held.keep("tags.md")
    assert held.hold_html("tags.md", HTML) == HTML  # Material's tags plugin writes into it later
    assert held.hold_html("cached.md", "") == ""
    page = _page("tags.md", "filled in")
    held.give_back(page)
    assert page.content == "filled in"


def test_svgs_come_back_in_order_and_clear_forgets() -> None:
    held = HeldPages()
    svgs = ['<svg a="1">→</svg>', "<svg b='2'></svg>"]
    held.hold_svgs("cases/a.md", svgs)
    held.hold_svgs("plain.md", [])
    assert held.take_svgs("cases/a.md") == svgs
    assert held.take_svgs("cases/a.md") == [] and held.take_svgs("plain.md") == []
    held.hold_svgs("cases/b.md", svgs)
    held.hold_html("cases/b.md", HTML)
    held.clear()
    page = _page("cases/b.md", "")
    held.give_back(page)
    assert held.take_svgs("cases/b.md") == [] and page.content == ""
