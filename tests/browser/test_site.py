"""The built site in Chromium: the filter, graph links, offline and accessible (search: test_search.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.sites import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UBG = "2009-united-breaks-guitars"


def _clean(watch: Watch) -> None:
    assert watch.external == [], "requests left 127.0.0.1"
    assert watch.errors == [], "console or page errors"
    assert watch.dialogs == []


def test_filter_finds_a_case_by_event_text(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """Words that only an event title holds are found once the filter's text file has loaded."""
    tab, watch = page
    tab.goto(site.url + "filter/")
    results = tab.locator("#cb-results > li")
    expect(results).to_have_count(len(site.cases))
    tab.locator("#cb-text").fill("Irlweg")
    expect(results).to_have_count(1)
    expect(results.first.locator("a")).to_have_attribute("href", f"../cases/{UBG}/")
    expect(tab.locator("#cb-status")).not_to_contain_text("loading")
    _clean(watch)


def test_filter_narrows_and_restores_from_the_url(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """Ticking a facet and typing narrow the list; the URL keeps both; reopening it restores them."""
    tab, watch = page
    tab.goto(site.url)
    tab.locator(".md-tabs__link", has_text="Filter").click()  # instant navigation: the script must still start
    results = tab.locator("#cb-results > li")
    expect(results).to_have_count(len(site.cases))
    with_support = [c for c in site.cases if any(e.stage == "support" for e in c.chain)]
    tab.locator("details[data-facet=stage] > summary").click()
    tab.locator("input[name=stage][value=support]").check()
    expect(results).to_have_count(len(with_support))
    tab.locator("#cb-text").fill("guitar")
    expect(results).to_have_count(1)
    expect(results.first.locator("a")).to_have_attribute("href", f"../cases/{UBG}/")
    query = parse_qs(urlsplit(tab.url).query)
    assert query == {"stage": ["support"], "text": ["guitar"]}

    tab.goto(tab.url)  # a shared link
    expect(results).to_have_count(1)
    expect(tab.locator("input[name=stage][value=support]")).to_be_checked()
    expect(tab.locator("#cb-text")).to_have_value("guitar")
    tab.locator("#cb-filter button[type=reset]").click()
    expect(results).to_have_count(len(site.cases))
    assert urlsplit(tab.url).query == ""
    _clean(watch)


def test_graph_node_click_lands_on_its_event(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """Clicking a node of the chain graph scrolls to that event in the timeline."""
    tab, watch = page
    tab.goto(f"{site.url}cases/{UBG}/")
    node = tab.locator('svg.cb-chain a[*|href="#event-washington-hearing"]')
    node.scroll_into_view_if_needed()
    node.click()
    assert tab.url.endswith("#event-washington-hearing")
    expect(tab.locator("#event-washington-hearing")).to_be_in_viewport()
    _clean(watch)


def test_pages_make_no_request_beyond_loopback(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """Every kind of page loads with no external request and no console error."""
    tab, watch = page
    for path in (
        "",
        f"cases/{UBG}/",
        "cases/",
        "browse/",
        "browse/stage/",
        "patterns/",
        "data/",
        "reference/case-format/",
        "about/",
        "404.html",
    ):
        tab.goto(site.url + path)
        tab.wait_for_load_state("networkidle")
    _clean(watch)


@pytest.mark.parametrize("path", ["", f"cases/{UBG}/", "browse/failure-mode/", "filter/?stage=support", "patterns/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(site: BuiltSite, page: tuple[Page, Watch], path: str, scheme: str) -> None:
    """axe-core reports no serious or critical WCAG violation, in either colour scheme."""
    tab, watch = page
    tab.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    tab.goto(site.url + path)
    tab.wait_for_load_state("networkidle")
    found = Axe().run(tab).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    _clean(watch)
