"""Layout defects found by trying the site in Chromium as its users would (issue 14): a phone at
390 px, a laptop at 1,366 px, fingers on citation markers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.sites import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UBG = "2009-united-breaks-guitars"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone-sized page with touch."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=1)
    yield context.new_page()
    context.close()


def test_show_all_button_hides_when_all_are_shown(site: BuiltSite, browser: Browser) -> None:
    """With fewer cases than the filter draws at once, "Show all N cases" is not on screen."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(site.url + "filter/")
    expect(tab.locator("#cb-results > li")).to_have_count(len(site.cases))
    expect(tab.locator("#cb-more")).to_be_hidden()
    context.close()


def test_case_list_fits_a_phone(site: BuiltSite, phone: Page) -> None:
    """On a phone every cell of a case row is on screen, and a title takes at most four lines."""
    phone.goto(site.url + "cases/")
    row = phone.locator(".cb-case-table tbody tr").first
    for cell in row.locator("td").all():
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
    link = row.locator("td").first.locator("a").bounding_box()
    assert link is not None and link["height"] <= 4 * 26


def test_impact_table_fits_a_phone(site: BuiltSite, phone: Page) -> None:
    """The impact figures' value, date and source stay on screen at 390 px."""
    phone.goto(site.url + f"cases/{UBG}/")
    cells = phone.locator(".cb-impact tbody tr").first.locator("td")
    assert cells.count() == 4
    for cell in cells.all():
        box = cell.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"] + 1


def test_filter_results_start_on_the_first_screen(site: BuiltSite, phone: Page) -> None:
    """On a phone the first result is visible without scrolling past the facets."""
    phone.goto(site.url + "filter/")
    first = phone.locator("#cb-results > li").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box


def test_tags_take_one_row_on_a_phone(site: BuiltSite, phone: Page) -> None:
    """Tags above the title form one row (it scrolls sideways), not three."""
    phone.goto(site.url + f"cases/{UBG}/")
    tops = {round(box["y"]) for tag in phone.locator(".md-tags .md-tag").all() if (box := tag.bounding_box())}
    assert len(tops) == 1, tops


def test_citation_markers_are_44px_targets_on_a_phone(site: BuiltSite, phone: Page) -> None:
    """Every citation marker in the timeline is at least 44 by 44 CSS pixels to a finger."""
    phone.goto(site.url + f"cases/{UBG}/")
    refs = phone.locator(".cb-timeline a.cb-ref")
    assert refs.count() > 3
    for ref in refs.all()[:10]:
        box = ref.bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44, box


@pytest.mark.parametrize("width", [390, 1366])
def test_home_buttons_do_not_touch(site: BuiltSite, browser: Browser, width: int) -> None:
    """The home page's buttons keep a gap between them, on a phone and on a laptop."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(site.url)
    boxes = [b.bounding_box() for b in tab.locator(".md-content .md-button").all()]
    context.close()
    assert len(boxes) >= 3
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a is not None and b is not None
            apart_x = b["x"] >= a["x"] + a["width"] + 4 or a["x"] >= b["x"] + b["width"] + 4
            apart_y = b["y"] >= a["y"] + a["height"] + 4 or a["y"] >= b["y"] + b["height"] + 4
            assert apart_x or apart_y, (a, b)
