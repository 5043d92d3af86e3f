"""Pagefind search in Chromium (ADR 0008): found by event text, with the event linked; filters
narrow with counts; the keyboard opens, moves and goes; no request leaves 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.sites import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UBG = "2009-united-breaks-guitars"


def _clean(watch: Watch) -> None:
    assert watch.external == [], "requests left 127.0.0.1"
    assert watch.errors == [], "console or page errors"
    assert watch.dialogs == []


def _open(tab: Page, url: str) -> None:
    tab.goto(url)
    tab.locator("body").press("/")
    expect(tab.locator("dialog.cb-search")).to_be_visible()


def test_a_word_of_an_event_description_finds_the_case_and_its_event(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """'tarmac' is only in an event description of United Breaks Guitars: the result links to the
    case, names the event with a link to #event-<id>, and marks the word in the excerpt."""
    tab, watch = page
    case = next(c for c in site.cases if c.id == UBG)
    event = next(e for e in case.chain if "tarmac" in e.description)
    assert sum("tarmac" in e.description for c in site.cases for e in c.chain) == 1
    _open(tab, site.url)
    tab.locator(".cb-search__input").press_sequentially("tarmac")
    results = tab.locator(".cb-search__result")
    # Each keystroke starts a search; a partial word ("ta") may also find one case, so wait for the
    # whole word's results (slow on a loaded machine), not just for one result.
    expect(results.first.locator("mark").first).to_have_text(re.compile("tarmac", re.I), timeout=15_000)
    expect(results).to_have_count(1, timeout=15_000)
    expect(results.first.locator(".cb-search__title")).to_have_attribute("href", re.compile(f"/cases/{UBG}/$"))
    linked = results.first.locator(".cb-search__event")
    expect(linked.first).to_have_attribute("href", re.compile(f"/cases/{UBG}/#event-{event.id}$"))
    expect(linked.first).to_have_text(event.title)
    _clean(watch)


def test_keyboard_moves_and_enter_goes(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """Arrow down selects the first link; Enter opens that page."""
    tab, watch = page
    _open(tab, site.url + "about/")
    tab.locator(".cb-search__input").press_sequentially("guitar")
    first = tab.locator(".cb-search__results a").first
    expect(first).to_be_visible(timeout=15_000)
    target = first.get_attribute("href")
    tab.keyboard.press("ArrowDown")
    expect(first).to_have_class(re.compile("cb-search__selected"))
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(target or "", timeout=10_000)
    _clean(watch)


def test_filters_narrow_with_counts(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """With no words, each filter value shows how many cases have it; ticking one leaves exactly
    that many results, all of them cases with that value."""
    tab, watch = page
    _open(tab, site.url)
    tab.locator(".cb-search__more summary").click()  # counts are loaded when the filters are opened
    sector = tab.locator('.cb-search__filter input[data-key="sector"]').first
    expect(sector).to_be_attached(timeout=15_000)
    value = sector.get_attribute("data-value") or ""
    label = sector.locator("xpath=..")
    count = int(re.search(r"\((\d+)\)", label.inner_text()).group(1))  # type: ignore[union-attr]
    having = [c for c in site.cases if _sector_label(c.organization.sector) == value]
    assert count == len(having) < len(site.cases)
    sector.check()
    results = tab.locator(".cb-search__result")
    expect(results).to_have_count(min(count, 10), timeout=10_000)
    expect(tab.locator(".cb-search__status")).to_contain_text(f"{count} case")
    hrefs = {results.nth(i).locator(".cb-search__title").get_attribute("href") for i in range(results.count())}
    assert {h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs if h} <= {c.id for c in having}
    _clean(watch)


def test_a_search_fetches_filter_files_only_once_the_filters_are_opened(
    site: BuiltSite, page: tuple[Page, Watch]
) -> None:
    """Filter files are the largest part of a query's bytes at 10,000 cases (ADR 0008): a search
    fetches none of them; opening "Filters" fetches them and shows counts for the results."""
    tab, watch = page
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(request.url))
    _open(tab, site.url)
    tab.locator(".cb-search__input").press_sequentially("tarmac")
    results = tab.locator(".cb-search__result")
    expect(results).to_have_count(1, timeout=15_000)
    tab.wait_for_load_state("networkidle")
    assert any(".pf_fragment" in u for u in fetched) and not any(".pf_filter" in u for u in fetched)
    expect(tab.locator(".cb-search__filter")).to_have_count(0)
    tab.locator(".cb-search__more summary").click()
    counts = tab.locator(".cb-search__filter .cb-search__count")
    expect(counts.first).to_have_text("(1)", timeout=15_000)  # one result: every value shown counts 1
    assert all(text == "(1)" for text in counts.all_inner_texts())
    assert any(".pf_filter" in u for u in fetched)
    _clean(watch)


def _sector_label(slug: str) -> str:
    from casebook.render.context import label

    return label("sectors", slug)
