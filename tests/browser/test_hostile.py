"""The hostile corpus in Chromium: payloads show as text and no script runs."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.sites import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_no_payload_runs_anywhere(hostile: BuiltSite, page: tuple[Page, Watch]) -> None:
    """Visiting every page type of the hostile site opens no dialog and logs no error."""
    tab, watch = page
    paths = ["", "cases/", "browse/", "browse/stage/", "patterns/", "data/", "filter/", "filter/?text=%3Cscript%3E"]
    paths += [f"cases/{case.id}/" for case in hostile.cases]
    for path in paths:
        tab.goto(hostile.url + path)
        tab.wait_for_load_state("networkidle")
    assert watch.dialogs == []
    assert watch.errors == []
    assert watch.external == []


def test_filter_shows_payloads_as_text(hostile: BuiltSite, page: tuple[Page, Watch]) -> None:
    """The filter script puts index text into the page as text, never as markup."""
    tab, watch = page
    tab.goto(hostile.url + "filter/?text=onerror")
    results = tab.locator("#cb-results > li")
    expect(results).to_have_count(len(hostile.cases))
    expect(results.first.locator("a")).to_contain_text("<script>alert(1)</script>")
    assert tab.locator("#cb-results img, #cb-results script, #cb-results iframe").count() == 0
    assert watch.dialogs == []


def test_case_page_title_and_graph_are_text(hostile: BuiltSite, page: tuple[Page, Watch]) -> None:
    """The document title and the graph's node labels carry the payload literally."""
    tab, watch = page
    tab.goto(hostile.url + "cases/2099-hostile-second/")
    assert tab.title().startswith("Second: </title><script>alert(1)</script>")
    expect(tab.locator("h1")).to_contain_text('"><img src=x onerror=alert(1)>')
    # the screen graph, not its print-only copies (render/print_graph.py)
    expect(tab.locator("figure.cb-graph svg.cb-chain")).to_contain_text("<script>alert(1)</script>")
    assert tab.locator("article img, article iframe").count() == 0
    assert watch.dialogs == []
