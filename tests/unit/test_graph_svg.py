"""The chain and patterns SVGs: structure, accessibility, scoped styles, and inert case text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from casebook.graph import analyse_corpus, render_chain_svg
from casebook.graph.patterns_svg import render_patterns_svg, safe_href
from casebook.graph.text import escape, wrap
from casebook.model import Case
from casebook.validation import validate_paths
from tests.chains import chain_case, ev
from tests.helpers import minimal_case

NS = "{http://www.w3.org/2000/svg}"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
INJECTION = FIXTURES / "graph" / "2099-fixture-injection.yaml"


@pytest.fixture(scope="module")
def injection() -> Case:
    """The fixture whose every text field carries markup and script."""
    result = validate_paths([INJECTION])
    assert result.errors == 0, result.diagnostics
    return result.cases[0]


def _assert_inert(svg: str) -> None:
    root = ET.fromstring(svg)
    for element in root.iter():
        tag = element.tag.removeprefix(NS)
        assert tag not in ("script", "foreignObject", "iframe", "img", "image", "use"), tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (tag, name)
            if name in ("href", "{http://www.w3.org/1999/xlink}href"):
                assert value.startswith("#") or not value.lower().lstrip().startswith("javascript"), value
    assert "<!ENTITY" not in svg and "<![CDATA[" not in svg and "<?xml-stylesheet" not in svg


def test_injection_fixture_renders_as_inert_text(injection: Case) -> None:
    """Script, event handlers, CDATA and entity tricks in every field come out as text."""
    svg = render_chain_svg(injection)
    _assert_inert(svg)
    root = ET.fromstring(svg)
    title = root.find(f"{NS}title")
    assert title is not None and title.text == f"Failure chain: {injection.title}"
    texts = "".join(root.itertext())
    assert "<script>alert(1)</script>" in texts  # shown to the reader, as text
    assert '"><svg onload=alert(1)>' in texts


def test_injection_in_patterns_svg(injection: Case) -> None:
    """Corpus pictures escape too, and drop javascript: links from link_for."""
    svg = render_patterns_svg(
        analyse_corpus([injection]),
        lambda stage: "javascript:alert(1)" if stage == "design" else f'"><x onload=1>/{stage}/',
    )
    _assert_inert(svg)
    assert "javascript" not in svg


def test_root_is_an_accessible_scalable_image() -> None:
    """Labelled by its own title and desc, viewBox and 100% width.

    The role is graphics-document, not img: an img's children are presentational, so its
    links would be focus stops hidden from screen readers (axe-core nested-interactive).
    """
    root = ET.fromstring(render_chain_svg(minimal_case()))
    assert root.get("role") == "graphics-document"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox", ""))
    ids = {e.get("id"): e.tag.removeprefix(NS) for e in root.iter() if e.get("id")}
    labelled = (root.get("aria-labelledby") or "").split()
    assert [ids[i] for i in labelled] == ["title", "desc"]
    desc = root.find(f"{NS}desc")
    assert desc is not None and desc.text and "3 events across 2 stages" in desc.text


def test_every_event_is_a_link_to_its_anchor_with_a_tooltip() -> None:
    """Each node is <a href="#event-ID"> with the full description in its <title>."""
    case = minimal_case()
    root = ET.fromstring(render_chain_svg(case))
    links = root.findall(f".//{NS}a")
    assert [a.get("href") for a in links] == [f"#event-{e.id}" for e in case.chain]
    for link, event in zip(links, case.chain, strict=True):
        tip = link.find(f"{NS}title")
        assert tip is not None and tip.text and event.description in tip.text and event.title in tip.text


def test_ids_are_prefixed_by_case_and_unique_across_graphs() -> None:
    """Two graphs can share a page: all their ids differ, and markers point at their own ids."""
    one = render_chain_svg(minimal_case())
    two = render_chain_svg(
        chain_case(
            ev("x", "2010-01-01"), ev("y", "2010-01-02", kind="response", caused_by=["x"]), ident="2099-other-case"
        )
    )
    ids_one = re.findall(r' id="([^"]+)"', one)
    ids_two = re.findall(r' id="([^"]+)"', two)
    assert len(set(ids_one)) == len(ids_one) and not set(ids_one) & set(ids_two)
    assert all(i.startswith("cb-2099-acme-minimal-") for i in ids_one)
    for ref in re.findall(r"url\(#([^)]+)\)", two):
        assert ref in ids_two


def test_styles_are_scoped_and_self_contained() -> None:
    """Every CSS rule targets a cb- class; dark and print schemes exist; vars have fallbacks."""
    svg = render_chain_svg(minimal_case())
    style = ET.fromstring(svg).find(f"{NS}style")
    assert style is not None and style.text
    css = re.sub(r"@media print\{(.*)\}", r"\1", style.text)
    for selector_list in re.findall(r"([^{}]+)\{[^{}]*\}", css):
        for selector in selector_list.split(","):
            assert re.search(r"\.cb-(chain|patterns)\b", selector), selector
    assert '[data-md-color-scheme="slate"] .cb-chain{' in style.text
    assert "@media print" in style.text
    assert not re.search(r"var\(--[\w-]+\)", style.text)  # every var() carries a fallback
    assert "@import" not in svg and "url(http" not in svg and "<script" not in svg


def test_kinds_differ_in_shape_as_well_as_colour() -> None:
    """Break, amplifier, response, recovery and context nodes have different outlines."""
    case = chain_case(
        ev("b", "2010-01-01"),
        ev("a", "2010-01-02", kind="amplifier", caused_by=["b"]),
        ev("r", "2010-01-03", kind="response", caused_by=["a"]),
        ev("v", "2010-01-04", kind="recovery", caused_by=["r"]),
        ev("c", "2010-01-05", kind="context", caused_by=["v"]),
    )
    root = ET.fromstring(render_chain_svg(case))
    shapes = {}
    for link in root.findall(f".//{NS}a"):
        path = link.find(f"{NS}path")
        assert path is not None
        commands = re.sub(r"[^A-Z]", "", path.get("d", ""))
        inner = link.find(f"{NS}rect") is not None
        shapes[link.get("class")] = (commands, inner)
    assert len(set(shapes.values())) == 4  # context differs from recovery by its dashed outline only
    assert shapes["cb-node cb-node-recovery"][1] is True


def test_chain_svg_is_deterministic_and_has_no_blank_lines() -> None:
    """Same case, same bytes; no blank line that would end a Markdown HTML block."""
    case = minimal_case()
    assert render_chain_svg(case) == render_chain_svg(case)
    assert "\n\n" not in render_chain_svg(case)


def test_patterns_svg_links_and_is_deterministic() -> None:
    """Stage names and row cells link through link_for; None means no link."""
    analysis = analyse_corpus([minimal_case()])
    svg = render_patterns_svg(analysis, lambda s: None if s == "sales" else f"../browse/{s}/")
    root = ET.fromstring(svg)
    hrefs = {a.get("href") for a in root.iter(f"{NS}a")}
    assert "../browse/design/" in hrefs and "../browse/sales/" not in hrefs
    assert svg == render_patterns_svg(analysis, lambda s: None if s == "sales" else f"../browse/{s}/")
    assert root.get("role") == "graphics-document"
    unlinked = ET.fromstring(render_patterns_svg(analysis))
    assert unlinked.find(f".//{NS}a") is None and unlinked.get("role") == "img"


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("../x/", True),
        ("/x/", True),
        ("https://e.org/", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:x", False),
        ("data:text/html,x", False),
        ("", False),
    ],
)
def test_safe_href(href: str, kept: bool) -> None:
    """Only relative and http(s) links survive."""
    assert (safe_href(href) == href) is kept


def test_escape_removes_characters_xml_cannot_hold() -> None:
    """Control characters go, whitespace collapses, markup characters become entities."""
    assert escape("a\x00b\x1f <&>\"'") == "ab &lt;&amp;&gt;&quot;&#39;"
    assert escape("two\n\nparagraphs\t here ") == "two paragraphs here"


def test_wrap_splits_long_words_and_ellipsises() -> None:
    """Long words are hyphenated across lines; extra lines end in an ellipsis."""
    lines = wrap("x" * 60, 100, 13, 3)
    assert all(line.endswith("-") for line in lines[:-1])
    assert wrap("one two three four five six seven eight nine ten", 40, 13, 2)[-1].endswith("…")
    assert wrap("", 100, 13, 3) == [""]
    # A long word fills the rest of the current line before it breaks, instead of orphaning it.
    assert wrap("' onmouseover='alert(1)' x='", 136, 13, 6)[0].startswith("' onmouseover")


def test_public_api_is_exported() -> None:
    """The names the site calls are importable from casebook.graph itself."""
    import casebook.graph as api

    for name in (
        "build_chain_graph",
        "analyse_chain",
        "render_chain_svg",
        "analyse_corpus",
        "render_patterns_svg",
        "similar_cases",
    ):
        assert name in api.__all__ and callable(getattr(api, name))


def test_reading_tags_clear_the_break_tags_on_every_real_case() -> None:
    """The perspective rings' tags ("main", "1", ...) and the "first break" / "customers felt it"
    tags never cover one another, on every case of the corpus that has perspectives."""
    from casebook.graph.text import text_width
    from casebook.validation import load_corpus

    checked = 0
    for case in load_corpus(Path(__file__).parents[2] / "cases").cases:
        if not case.perspectives:
            continue
        svg = render_chain_svg(case)
        marks = [
            tuple(float(v) for v in m.groups())
            for m in re.finditer(
                r'<g class="cb-mark"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg
            )
        ]
        for m in re.finditer(r'<text class="cb-ring-tag" x="([\d.]+)" y="([\d.]+)"([^>]*)>([^<]+)</text>', svg):
            x, y, tag, width = float(m[1]), float(m[2]), m[4], text_width(m[4], 10) * 1.12
            left = x - width if 'text-anchor="end"' in m[3] else x
            right, top, bottom = left + width, y - 10, y + 2
            for mx, my, mw, mh in marks:
                assert right <= mx or left >= mx + mw or bottom <= my or top >= my + mh, (case.id, tag)
            checked += 1
    assert checked > 0
