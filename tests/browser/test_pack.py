"""Session packs in Chromium: picked on the filter page, the selection in the address, one page set."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.sites import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

THREE = ["2009-united-breaks-guitars", "2017-united-express-3411", "2010-google-buzz"]


def test_pack_from_a_mailed_link(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """/pack/?cases=a,b,c gives a comparison row and a handout per case and one merged source list,
    with unique ids, offline."""
    tab, watch = page
    tab.goto(site.url + "pack/?cases=" + ",".join(THREE))
    expect(tab.locator("#cb-pack-status")).to_contain_text("3 cases", timeout=30_000)
    rows = tab.locator("#cb-pack-compare tbody tr")
    expect(rows).to_have_count(3)
    expect(tab.locator(".cb-pack-case")).to_have_count(3)
    cases = {c.id: c for c in site.cases}
    for n, ident in enumerate(THREE):
        expect(rows.nth(n).locator("td").first).to_contain_text(cases[ident].title)
        expect(tab.locator(".cb-pack-case").nth(n).locator("h1")).to_have_text(cases[ident].title)
    urls = {s.url for ident in THREE for s in cases[ident].sources}
    expect(tab.locator("#cb-pack-sources li")).to_have_count(len(urls))
    duplicates = tab.evaluate(
        "() => { const seen = {}, dup = []; document.querySelectorAll('[id]').forEach(e => {"
        " if (seen[e.id]) dup.push(e.id); seen[e.id] = 1; }); return dup; }"
    )
    assert duplicates == []
    assert watch.external == [] and watch.errors == []


def test_pack_from_the_filter_page(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """Filtering, then "Make a session pack of these", opens a pack of exactly the cases shown."""
    tab, watch = page
    tab.goto(site.url + "filter/")
    expect(tab.locator("#cb-pack-these")).to_be_hidden()  # every case is shown: no pack offered
    # "United" also finds every case in the United States now that regions are searched (#16).
    tab.locator("#cb-text").fill("Airlines")
    shown = tab.locator("#cb-results > li")
    expect(shown).to_have_count(2, timeout=30_000)  # the filter's text file loads first
    tab.locator("#cb-pack-these").click()
    expect(tab.locator("#cb-pack-compare tbody tr")).to_have_count(2, timeout=30_000)
    assert "cases=" in tab.url and tab.url.count(",") == 1
    assert watch.external == [] and watch.errors == []


def test_pack_and_tabletop_of_hostile_cases_run_nothing(hostile: BuiltSite, page: tuple[Page, Watch]) -> None:
    """A pack and a tabletop of the hostile corpus show the payloads as text and run none of them."""
    tab, watch = page
    ids = [c.id for c in hostile.cases]
    tab.goto(hostile.url + "pack/?cases=" + ",".join(ids))
    expect(tab.locator("#cb-pack-compare tbody tr")).to_have_count(len(ids), timeout=30_000)
    expect(tab.locator("#cb-pack-compare tbody")).to_contain_text("<script>alert(1)</script>")
    for ident in ids:
        tab.goto(hostile.url + f"cases/{ident}/tabletop/")
        for _ in range(4):
            tab.keyboard.press("ArrowRight")
    assert tab.locator("article img, article iframe").count() == 0
    assert watch.dialogs == [] and watch.external == []
