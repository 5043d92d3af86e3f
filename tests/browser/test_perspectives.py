"""The perspectives toggle in Chromium: buttons with aria-pressed show one reading on the chain graph.

Without JavaScript the buttons stay hidden and every reading's rings show; with it, pressing a
button leaves only that reading's rings and marks its card. The page stays accessible (axe).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Watch
from tests.sites import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FULL = "cases/2099-acme-full/"


@pytest.fixture(scope="module")
def v2(built_site: Callable[[str], BuiltSite]) -> BuiltSite:
    """The v2 fixture site: a case with a perspective, a reply and a review record."""
    return built_site("v2")


def _visible_views(tab: Page) -> list[str]:
    views: list[str] = tab.eval_on_selector_all(
        "figure.cb-graph g.cb-view",
        "gs => gs.filter(g => getComputedStyle(g).display !== 'none').map(g => g.dataset.view)",
    )
    return views


def test_toggle_shows_one_reading_at_a_time(v2: BuiltSite, page: tuple[Page, Watch]) -> None:
    """All readings first; each button presses itself alone and leaves only its rings on the graph."""
    tab, watch = page
    tab.goto(v2.url + FULL)
    group = tab.get_by_role("group", name="Show a reading on the graph")
    expect(group).to_be_visible()
    everything = group.get_by_role("button", name="All readings")
    main = group.get_by_role("button", name="Main analysis")
    other = group.get_by_role("button", name="1: casebook-tests")
    expect(everything).to_have_attribute("aria-pressed", "true")
    assert _visible_views(tab) == ["main", "p-silence-reading"]

    other.click()
    expect(other).to_have_attribute("aria-pressed", "true")
    expect(everything).to_have_attribute("aria-pressed", "false")
    expect(main).to_have_attribute("aria-pressed", "false")
    assert _visible_views(tab) == ["p-silence-reading"]
    expect(tab.locator("#perspective-silence-reading")).to_have_class("cb-reading cb-reading--on")

    main.press("Enter")  # a keyboard user gets the same
    expect(main).to_have_attribute("aria-pressed", "true")
    assert _visible_views(tab) == ["main"]
    expect(tab.locator("#reading-main")).to_have_class("cb-reading cb-reading--main cb-reading--on")
    expect(tab.locator("#perspective-silence-reading")).to_have_class("cb-reading")

    everything.click()
    assert _visible_views(tab) == ["main", "p-silence-reading"]
    assert watch.errors == [] and watch.external == [] and watch.dialogs == []


def test_without_javascript_every_reading_shows(v2: BuiltSite, browser: Browser) -> None:
    """No script: no buttons, and the graph rings the main first break and the perspective's."""
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(v2.url + FULL)
        expect(tab.locator(".cb-views")).to_be_hidden()
        assert _visible_views(tab) == ["main", "p-silence-reading"]
        expect(tab.locator("#perspective-silence-reading")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_a_case_with_perspectives(v2: BuiltSite, page: tuple[Page, Watch], scheme: str) -> None:
    """The reply box, the readings and the toggle add no serious or critical axe violation."""
    tab, watch = page
    tab.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    tab.goto(v2.url + FULL)
    tab.wait_for_load_state("networkidle")
    tab.get_by_role("button", name="1: casebook-tests").click()
    found = Axe().run(tab).response["violations"]
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert watch.external == [] and watch.errors == []
