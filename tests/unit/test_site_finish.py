"""The site-finish defects of issue 14 that the generated Markdown shows, and the handout's pieces."""

from __future__ import annotations

import re

import pytest

from casebook.build import loopback_site_url_warning
from casebook.graph import render_chain_svg
from casebook.model import Figure
from casebook.render import Corpus, SiteSettings, generate
from casebook.render.case_sections import format_value
from casebook.render.context import in_sentence
from casebook.render.guides import PLACEHOLDER, guide_pages
from casebook.render.print_graph import MIN_PT, PAGE_BOX_PX, plan_print, tile_svg
from casebook.render.qr import qr_svg
from casebook.validation import load_corpus
from tests.helpers import ROOT, minimal_case

SETTINGS = SiteSettings(site_url="https://casebook.example/", repo_url="https://git.example/cb", edit_uri="edit/main/")
SITE = ROOT / "tests" / "fixtures" / "cases" / "site"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """Every generated page of the site fixture corpus."""
    return generate(load_corpus(SITE).cases, SETTINGS)


def _figure(value: float, unit: str) -> Figure:
    return Figure(metric="m", value=float(value), unit=unit, as_of=minimal_case().start, source="s")


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (2_500_000_000, "USD (more than)", "more than USD 2,500,000,000"),
        (12, "people (at least)", "at least 12 people"),
        (80, "percent (approximate)", "about 80 percent"),
        (5, "bottles (up to)", "up to 5 bottles"),
        (3, "deaths (reported)", "3 deaths (reported)"),
        (1_200_000, "USD", "USD 1,200,000"),
        (2.5, "USD per share", "USD 2.5 per share"),
    ],
)
def test_figures_read_as_a_person_says_them(value: float, unit: str, shown: str) -> None:
    """A bound in the unit's brackets comes before the number instead of trailing as a raw value."""
    assert format_value(_figure(value, unit)) == shown


def test_labels_in_sentences_keep_acronyms() -> None:
    """``CEO`` stays upper case inside a sentence; ordinary labels start lower case."""
    assert in_sentence("CEO") == "CEO"
    assert in_sentence("Social-media team") == "social-media team"


def test_case_page_shows_no_raw_values(pages: dict[str, str]) -> None:
    """No doubled quadrant label, no ``voice: ceo``, no YAML field name in the graph caption."""
    for path, page in pages.items():
        if not re.fullmatch(r"cases/[^/]+\.md", path) or path == "cases/index.md":
            continue
        engagement = page.split("Engagement\n:   ", 1)[1].split("\n", 1)[0]
        shown = re.sub(r"\([^)]*\)|<[^>]+>", "", engagement)  # the visible words, not the link target
        assert shown.count("touch") == 1, (path, shown)  # "High touch, low scale" once, not twice
        assert "voice: " not in page
        assert "<code>caused_by</code>" not in page
        assert "(more than)" not in page and "(approximate)" not in page
    tylenol = pages["cases/1982-johnson-johnson-tylenol.md"]
    assert "spoken for by: CEO" in tylenol


def test_data_page_has_no_literal_backticks(pages: dict[str, str]) -> None:
    """Names in backticks in the column meanings become code, not escaped backticks."""
    data = pages["data/index.md"]
    assert "\\`" not in data
    assert "<code>sectors</code>" in data


def test_contribute_page_names_the_repository() -> None:
    """``git clone <this repository>`` becomes the repository's address on the site."""
    page = guide_pages(SETTINGS)["guide/contributing.md"]
    assert PLACEHOLDER not in page
    assert "git clone https://git.example/cb.git" in page


@pytest.mark.parametrize(
    ("url", "warns"),
    [("http://127.0.0.1:8000/", True), ("", True), ("http://localhost:8000/", True), ("https://x.example/", False)],
)
def test_loopback_site_url_warns(url: str, warns: bool) -> None:
    """A build whose site URL points at this machine gets a loud warning naming CASEBOOK_SITE_URL."""
    message = loopback_site_url_warning(url)
    assert (message is not None) is warns
    if message:
        assert "CASEBOOK_SITE_URL" in message


def test_qr_code_only_for_web_addresses() -> None:
    """The QR code is an inline SVG for an http(s) address and nothing for a relative path."""
    svg = qr_svg("https://casebook.example/cases/x/", 'label "with" <quotes>')
    assert svg.startswith("<svg ") and 'viewBox="0 0 ' in svg and "<script" not in svg
    assert "&lt;quotes&gt;" in svg and "&quot;with&quot;" in svg
    assert qr_svg("cases/x/", "x") == ""
    assert qr_svg("javascript:alert(1)", "x") == ""


def test_handout_blocks_are_print_only_and_not_searched(pages: dict[str, str]) -> None:
    """The case page carries the handout head (URL, QR, citation) and the graph pages, print-only."""
    page = pages["cases/2009-united-breaks-guitars.md"]
    head = page.split('<div class="cb-handout-head cb-print-only">', 1)[1].split("</div>", 1)[0]
    assert "https://casebook.example/cases/2009-united-breaks-guitars/" in head
    assert 'class="cb-qr"' in head and "Cite as" in head
    assert page.count('class="cb-print-graph ') >= 1
    assert 'class="cb-impact"' in page  # impact figures print now


def _smallest_printed_pt(svg: str, scale: float) -> float:
    sizes = [float(s) for s in re.findall(r"font-size:([0-9.]+)px", svg)]
    return min(sizes) * scale * 72 / 96


def test_print_plan_keeps_text_legible_and_tiles_cover_the_graph() -> None:
    """Every case of the real corpus prints its graph at 7 pt or more, tiles fit the smaller paper,
    and the tiles cover the whole drawing without overlap."""
    for case in load_corpus(ROOT / "cases").cases:
        svg = render_chain_svg(case)
        plan = plan_print(svg)
        assert plan is not None
        assert _smallest_printed_pt(svg, plan.scale) >= MIN_PT - 1e-9, case.id
        box_w, box_h = PAGE_BOX_PX[plan.orientation]
        width, height = (float(v) for v in re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg).groups())  # type: ignore[union-attr]
        area = 0.0
        for tile in plan.tiles:
            assert tile.width * plan.scale <= box_w + 0.5 and tile.height * plan.scale <= box_h + 0.5, case.id
            area += tile.width * tile.height
        assert area == pytest.approx(width * height), case.id


def test_tiles_cut_between_nodes_and_rename_ids() -> None:
    """A tile is a copy with its own viewBox and ids; no node outline crosses a vertical cut."""
    case = next(c for c in load_corpus(ROOT / "cases").cases if c.id == "2019-boeing-737-max")
    svg = render_chain_svg(case)
    plan = plan_print(svg)
    assert plan is not None and plan.columns > 1
    tile = plan.tiles[1]
    copy = tile_svg(svg, tile, plan.scale, "p2")
    assert f'viewBox="{tile.x:g} {tile.y:g} {tile.width:g} {tile.height:g}"' in copy
    ids = re.findall(r'\bid="([^"]+)"', copy)
    assert ids and all(i.endswith("-p2") for i in ids)
    assert "<a " not in copy and "<title" not in copy and 'aria-hidden="true"' in copy
    cuts = {t.x for t in plan.tiles if t.x > 0}
    for d in re.findall(r'<path class="cb-shape" d="([^"]+)"', svg):
        xs = [float(x) for x in re.findall(r"[ML]([0-9.]+),", d)]
        if xs:
            assert not any(min(xs) < cut < max(xs) for cut in cuts)


def test_corpus_settings_reach_pages() -> None:
    """A corpus without a site URL still renders (the QR code is then left out)."""
    pages = generate([minimal_case()], SiteSettings())
    assert 'class="cb-qr"' not in pages["cases/2099-acme-minimal.md"]
    assert Corpus.build([minimal_case()]).settings.site_url == ""
