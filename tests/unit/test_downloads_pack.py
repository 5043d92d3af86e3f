"""Chain graph downloads (standalone SVG, PNG drawn once per SVG) and the session pack's records."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from casebook.build_cache import BuildCache
from casebook.graph import render_chain_svg
from casebook.render import Corpus, SiteSettings
from casebook.render.downloads import draw_png, key_of, standalone_svg, svg_digest, with_key, write_pngs
from casebook.render.pack import pack_record, pack_script
from casebook.validation import load_corpus
from tests.helpers import ROOT, minimal_case

SETTINGS = SiteSettings(site_url="https://casebook.example/")
HOSTILE = ROOT / "tests" / "fixtures" / "cases" / "hostile"


def test_standalone_svg_needs_no_custom_properties() -> None:
    """The download spells its colours out and links events to the case page."""
    case = minimal_case()
    svg = standalone_svg(render_chain_svg(case), case, Corpus.build([case], SETTINGS))
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    assert "var(" not in svg
    assert 'href="https://casebook.example/cases/2099-acme-minimal/#event-' in svg


def test_png_carries_the_svg_it_was_drawn_from(tmp_path: Path) -> None:
    """A PNG is drawn once; a second render with the same SVG leaves it alone; a changed SVG redraws it."""
    case = minimal_case()
    svg = standalone_svg(render_chain_svg(case), case, Corpus.build([case], SETTINGS))
    png = draw_png(svg)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and key_of(png) == svg_digest(svg)
    pages = {f"cases/{case.id}/chain.svg": svg}
    written, owned = write_pngs(tmp_path, pages)
    assert written == [f"cases/{case.id}/chain.png"] and owned == {f"cases/{case.id}/chain.png"}
    assert write_pngs(tmp_path, pages)[0] == []
    pages[f"cases/{case.id}/chain.svg"] = svg.replace("Break", "Brk", 1)
    assert write_pngs(tmp_path, pages)[0] == [f"cases/{case.id}/chain.png"]
    assert key_of(with_key(png, "0" * 64)) == "0" * 64


def test_pack_record_escapes_case_text() -> None:
    """Case text in the pack record is an escaped attribute value that reads back the same."""
    cases = load_corpus(HOSTILE).cases
    corpus = Corpus.build(cases, SETTINGS)
    for case in cases:
        element = pack_script(case, corpus)[0]
        found = re.fullmatch(r'<div class="cb-pack-data" hidden data-pack="([^"<>]*)"></div>', element)
        assert found is not None
        assert json.loads(html.unescape(found.group(1))) == json.loads(json.dumps(pack_record(case, corpus)))


def test_pack_record_fields() -> None:
    """The comparison row holds the first break, break stages, failure modes, days and verdict."""
    case = minimal_case()
    record = pack_record(case, Corpus.build([case], SETTINGS))
    assert set(record) == {
        "id",
        "title",
        "organization",
        "year",
        "first_break",
        "break_stages",
        "failure_modes",
        "days_to_first_response",
        "verdict",
    }
    assert re.search(r"\(\d{4}", str(record["first_break"]))


def test_large_corpora_offer_svg_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above PNG_CASES no PNG is drawn and the case page links the SVG only."""
    import casebook.render.downloads as downloads

    case = minimal_case()
    corpus = Corpus.build([case], SETTINGS)
    monkeypatch.setattr(downloads, "PNG_CASES", 0)
    assert downloads.write_pngs(tmp_path, {f"cases/{case.id}/chain.svg": "<svg/>"}) == ([], set())
    assert "PNG" not in downloads.download_links(case, corpus)
    monkeypatch.setattr(downloads, "PNG_CASES", 1)
    assert "chain.png" in downloads.download_links(case, corpus)


def test_png_cache_spares_a_fresh_docs_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build's fresh staging folder gets its PNGs from the build cache instead of drawing them again."""
    import casebook.render.downloads as downloads

    case = minimal_case()
    svg = standalone_svg(render_chain_svg(case), case, Corpus.build([case], SETTINGS))
    pages = {f"cases/{case.id}/chain.svg": svg}
    cache = BuildCache(tmp_path / "cache")
    first, _ = downloads.write_pngs(tmp_path / "one", pages, cache=cache)
    stored = list((cache.folder / downloads.CACHE_KIND).glob("*/*"))
    assert first and len(stored) == 1 and key_of(stored[0].read_bytes()) == svg_digest(svg)

    def refuse(_svg: str) -> bytes:
        raise AssertionError("drawn again")

    monkeypatch.setattr(downloads, "draw_png", refuse)
    second, _ = downloads.write_pngs(tmp_path / "two", pages, cache=BuildCache(tmp_path / "cache"))
    assert second == first
    assert (tmp_path / "two" / first[0]).read_bytes() == (tmp_path / "one" / first[0]).read_bytes()


def test_png_cache_is_pruned_with_the_build(tmp_path: Path) -> None:
    """A changed graph's old PNG leaves the cache when the build prunes; a PNG already in place stays."""
    import casebook.render.downloads as downloads

    case = minimal_case()
    svg = standalone_svg(render_chain_svg(case), case, Corpus.build([case], SETTINGS))
    pages = {f"cases/{case.id}/chain.svg": svg}
    downloads.write_pngs(tmp_path / "docs", pages, cache=BuildCache(tmp_path / "cache"))

    def entries() -> list[bytes | None]:
        return [key_of(p.read_bytes()) for p in (tmp_path / "cache").glob(f"*/{downloads.CACHE_KIND}/*/*")]

    again = BuildCache(tmp_path / "cache")  # the PNG is already in docs: nothing read, the entry kept
    assert downloads.write_pngs(tmp_path / "docs", pages, cache=again)[0] == []
    again.prune((downloads.CACHE_KIND,))
    assert entries() == [svg_digest(svg)]

    changed = {f"cases/{case.id}/chain.svg": svg.replace("Break", "Brk", 1)}
    later = BuildCache(tmp_path / "cache")
    downloads.write_pngs(tmp_path / "docs", changed, cache=later)
    later.prune((downloads.CACHE_KIND,))
    assert entries() == [svg_digest(changed[f"cases/{case.id}/chain.svg"])]


def test_a_failing_png_cache_write_does_not_fail_the_render(tmp_path: Path) -> None:
    """The cache only saves work: a PNG that cannot be stored there is still written to docs."""
    import casebook.render.downloads as downloads

    case = minimal_case()
    svg = standalone_svg(render_chain_svg(case), case, Corpus.build([case], SETTINGS))
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    written, _ = downloads.write_pngs(tmp_path / "docs", {f"cases/{case.id}/chain.svg": svg}, cache=BuildCache(blocker))
    assert key_of((tmp_path / "docs" / written[0]).read_bytes()) == svg_digest(svg)
