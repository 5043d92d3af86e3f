"""searched_part and the SVG slots: what search is shown, and SVGs taken out and put back unchanged."""

from __future__ import annotations

from casebook.render.search_trim import searched_part
from casebook.render.svg_slots import lift_svgs, restore_svgs


def test_cut_before_the_first_sub_heading_when_all_are_excluded() -> None:
    """Lead kept, every excluded section dropped."""
    html = '<h1>T</h1><p>lead</p><h2 data-search-exclude id="a">A</h2><p>x</p><h3 id="b" data-search-exclude="">B</h3>'
    assert searched_part(html) == "<h1>T</h1><p>lead</p>"


def test_no_cut_when_any_sub_heading_is_searched() -> None:
    """One searchable section anywhere means the whole page goes to search."""
    html = '<h1>T</h1><h2 data-search-exclude id="a">A</h2><h3 id="b">B</h3>'
    assert searched_part(html) is None
    assert searched_part("<h1>T</h1><p>only a lead</p>") is None


def test_attribute_must_be_the_real_one() -> None:
    """A look-alike attribute name does not count as excluded."""
    assert searched_part('<h1>T</h1><h2 data-search-excluded="1">A</h2>') is None


def test_svgs_round_trip() -> None:
    """Every SVG becomes a comment and comes back byte for byte, wherever the comment ends up."""
    page = 'a <svg class="x"><a href="#e">1</a></svg> b\n<svg>\n<g/>\n</svg> c'
    text, lifted = lift_svgs(page)
    assert "<svg" not in text and len(lifted) == 2
    assert restore_svgs(f"<main>{text}</main>", lifted) == f"<main>{page}</main>"
    assert lift_svgs("no graph") == ("no graph", [])
