"""A wide chain graph on screen: it fits or says what is out of view, on a laptop and on a phone."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.sites import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BOEING = "2019-boeing-737-max"


@pytest.fixture(scope="module")
def wide(built_site: Callable[[str], BuiltSite]) -> BuiltSite:
    """Boeing and CrowdStrike, the widest graphs of the corpus, served on loopback."""
    return built_site("wide")


def _hidden_nodes(tab: Page) -> int:
    """Events not wholly inside the graph's visible scroll area (measured by the test itself)."""
    return int(
        tab.evaluate(
            """() => {
              const view = document.querySelector('.cb-graph-scroll').getBoundingClientRect();
              return [...document.querySelectorAll('.cb-graph-scroll a.cb-node')].filter((n) => {
                const b = n.getBoundingClientRect();
                return b.left < view.left - 1 || b.right > view.right + 1;
              }).length;
            }"""
        )
    )


def _open(tab: Page, url: str, width: int) -> None:
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(url)
    tab.locator(".cb-graph-scroll").scroll_into_view_if_needed()


def test_laptop_shows_the_whole_graph_or_the_cue(wide: BuiltSite, page: tuple[Page, Watch]) -> None:
    """At 1,366 px every Boeing event is in view, or the cue counts exactly the ones that are not."""
    tab, watch = page
    _open(tab, f"{wide.url}cases/{BOEING}/", 1366)
    hidden = _hidden_nodes(tab)
    cue = tab.locator(".cb-graph-cue")
    if hidden == 0:
        assert cue.inner_text() == ""
    else:
        expect(cue).to_be_visible()
        expect(cue).to_have_text(re.compile(rf"Scroll right for {hidden} more events"))
        expect(tab.locator(".cb-graph-size")).to_be_visible()
    assert watch.errors == []


def test_phone_offers_the_timeline_and_shows_the_cue(wide: BuiltSite, page: tuple[Page, Watch]) -> None:
    """At 390 px the timeline link comes first and the cue says how many events are off screen."""
    tab, watch = page
    _open(tab, f"{wide.url}cases/{BOEING}/", 390)
    expect(tab.locator(".cb-timeline-first")).to_be_visible()
    hidden = _hidden_nodes(tab)
    assert hidden > 0
    expect(tab.locator(".cb-graph-cue")).to_have_text(re.compile(rf"Scroll right for {hidden} more events"))
    # Scrolling to the end moves the count to the left and says so.
    tab.locator(".cb-graph-scroll").evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    expect(tab.locator(".cb-graph-cue")).to_have_text(re.compile(r"more to the left"))
    assert watch.errors == []


def test_full_size_draws_the_graph_at_its_own_width(wide: BuiltSite, page: tuple[Page, Watch]) -> None:
    """Full size sets the SVG to its drawn width; Fit to width brings the scaled view back."""
    tab, watch = page
    _open(tab, f"{wide.url}cases/{BOEING}/", 1366)
    button = tab.locator(".cb-graph-size")
    drawn = float(tab.locator("figure.cb-graph svg.cb-chain").get_attribute("viewBox").split()[2])  # type: ignore[union-attr]
    fitted = tab.locator("figure.cb-graph svg.cb-chain").bounding_box()
    assert fitted is not None and fitted["width"] >= 0.75 * drawn - 1  # never below the legible minimum
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    full = tab.locator("figure.cb-graph svg.cb-chain").bounding_box()
    assert full is not None and abs(full["width"] - drawn) < 2
    button.click()
    expect(button).to_have_text("Full size")
    assert watch.errors == []
