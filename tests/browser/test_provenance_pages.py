"""The provenance pages in Chromium: Releases, the data dictionary and a case's History are accessible."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.sites import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UBG = "2009-united-breaks-guitars"


@pytest.mark.parametrize("path", ["data/releases/", "data/dictionary/", "data/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_provenance_pages(site: BuiltSite, page: tuple[Page, Watch], path: str, scheme: str) -> None:
    """axe-core reports no serious or critical violation, in either colour scheme."""
    tab, watch = page
    tab.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    tab.goto(site.url + path)
    tab.wait_for_load_state("networkidle")
    found = Axe().run(tab).response["violations"]
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert watch.external == [] and watch.errors == []


def test_history_shows_commits_with_links(site: BuiltSite, page: tuple[Page, Watch]) -> None:
    """The fixture cases are committed in this repository: their History lists dated commits."""
    tab, watch = page
    tab.goto(site.url + f"cases/{UBG}/")
    items = tab.locator("ul.cb-history > li")
    expect(items.first).to_be_visible()
    stamp = items.first.locator("time").get_attribute("datetime") or ""
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", stamp)
    assert items.first.locator("a").get_attribute("href", timeout=1000) is not None  # the commit on the host
    assert watch.external == []
