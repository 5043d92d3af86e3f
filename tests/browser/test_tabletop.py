"""Tabletop mode in Chromium: one slide at a time, driven by the keys a clicker sends, offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.sites import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UBG = "2009-united-breaks-guitars"


def test_tabletop_steps_with_keys_and_keeps_its_place(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """→ reveals the answer, → again moves on; ← goes back; PageDown works as a clicker; F does not
    open the search dialog; the step survives a reload; nothing leaves 127.0.0.1."""
    tab, watch = page
    tab.goto(site.url + f"cases/{UBG}/")
    tab.locator("a", has_text="run it as a tabletop exercise").click()
    expect(tab).to_have_url(site.url + f"cases/{UBG}/tabletop/")  # no #step-1: no scroll on load
    slides = tab.locator(".cb-tt-slide")
    expect(slides.locator("visible=true")).to_have_count(1)
    first = tab.locator("#step-1")
    expect(first.locator("details.cb-tt-reveal")).not_to_have_attribute("open", "")
    tab.keyboard.press("ArrowRight")
    expect(first.locator("details.cb-tt-reveal")).to_have_attribute("open", "")
    expect(first.locator(".cb-tt-answer").first).to_be_visible()
    tab.keyboard.press("ArrowRight")
    expect(tab.locator("#step-2")).to_be_visible()
    expect(tab).to_have_url(site.url + f"cases/{UBG}/tabletop/#step-2")
    expect(first).to_be_hidden()
    tab.keyboard.press("PageDown")  # what a presentation clicker sends
    tab.keyboard.press("PageDown")
    expect(tab.locator("#step-3")).to_be_visible()
    tab.keyboard.press("ArrowLeft")
    expect(tab.locator("#step-2")).to_be_visible()
    tab.keyboard.press("f")  # full screen for the deck, never the site's search box
    expect(tab.locator("dialog[open]")).to_have_count(0)
    expect(tab.locator("#step-2")).to_be_visible()
    tab.reload()
    expect(tab.locator("#step-2")).to_be_visible()
    expect(slides.locator("visible=true")).to_have_count(1)
    assert watch.external == [] and watch.errors == []


def test_tabletop_is_readable_on_a_projector(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """At 1920 x 1080 the event text is at least 24 px and the prompt at least as large."""
    tab, _watch = page
    tab.set_viewport_size({"width": 1920, "height": 1080})
    tab.goto(site.url + f"cases/{UBG}/tabletop/#step-2")
    text = tab.locator("#step-2 .cb-tt-text").first
    size = float(text.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
    prompt = float(
        tab.locator("#step-2 .cb-tt-prompt").evaluate("el => getComputedStyle(el).fontSize").removesuffix("px")
    )
    assert size >= 24 and prompt >= size


def test_tabletop_opens_at_its_title_on_a_phone(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """At 390 px the page opens at the top: the title is below the header, not scrolled under it."""
    tab, _watch = page
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(site.url + f"cases/{UBG}/tabletop/", wait_until="load")
    expect(tab.locator("#step-1")).to_be_visible()
    tab.wait_for_timeout(300)  # the browser's scroll to a fragment comes when loading ends
    header = tab.locator(".md-header").bounding_box()
    title = tab.locator(".md-content__inner > h1").bounding_box()
    assert tab.evaluate("window.scrollY") == 0
    assert header is not None and title is not None and title["y"] >= header["y"] + header["height"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
