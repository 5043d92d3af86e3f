"""Browser fixtures: Debian's Chromium through Playwright, with every request leaving 127.0.0.1
recorded and aborted, and console errors, page errors and dialogs collected.

Without chromium the browser tests skip locally and fail in CI (``CI=true``), so that a CI image
without the browser cannot pass by skipping them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Dialog, Page, Route, sync_playwright

from tests.sites import BuiltSite

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Watch:
    """What a page did that a test may need to refuse."""

    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium (or the browser named by ``CASEBOOK_CHROMIUM``); skip without it, except in CI."""
    path = os.environ.get("CASEBOOK_CHROMIUM") or shutil.which("chromium")
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is not installed; CI must run the browser tests (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One Chromium for the whole session."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site(built_site: Callable[[str], BuiltSite]) -> BuiltSite:
    """The real-case fixture site, served on loopback."""
    return built_site("site")


@pytest.fixture(scope="session")
def hostile(built_site: Callable[[str], BuiltSite]) -> BuiltSite:
    """The hostile-payload fixture site, served on loopback."""
    return built_site("hostile")


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    """A fresh context and page; requests to any host but 127.0.0.1 are aborted and recorded."""
    watch = Watch()
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def route(request_route: Route) -> None:
        url = request_route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            watch.external.append(url)
            request_route.abort()

    context.route("**/*", route)
    opened = context.new_page()
    opened.on("console", lambda message: watch.errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: watch.errors.append(str(error)))

    def dialog(shown: Dialog) -> None:
        watch.dialogs.append(shown.message)
        shown.dismiss()

    opened.on("dialog", dialog)
    yield opened, watch
    context.close()
