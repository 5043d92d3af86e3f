"""MkDocs hook: render the case pages before every build, so `mkdocs serve` follows edits.

All the work is in the casebook library (casebook.render); this file only wires one MkDocs
event to it, which keeps the site portable to other MkDocs-compatible generators.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from casebook import site_writes
from casebook.build import cases_dir_from_env, prerendered, settings_from_config
from casebook.build_cache import open_cache
from casebook.config_urls import ConfigURLError, check_mkdocs_config
from casebook.ownership import OutputError
from casebook.page_cache import BLANK, TAGS_MARKER, PageCache, nav_signature
from casebook.page_hold import HeldPages
from casebook.render import RenderError, render_site
from casebook.render.svg_slots import lift_svgs, restore_svgs
from casebook.search_index import SearchIndexError, index_site

log = logging.getLogger("mkdocs.hooks.casebook")

# Each page's HTML and the SVGs taken out of its Markdown, compressed, until the page is written.
_HELD = HeldPages()
# Finished case pages from earlier builds (casebook.page_cache), for the build now running.
_PAGES: list[PageCache] = []


def on_config(config: Any) -> Any:
    """Refuse non-http(s) site URLs; make `mkdocs serve` rebuild when a case, the schema or the renderer changes."""
    try:
        check_mkdocs_config(config)
    except ConfigURLError as exc:
        raise PluginError(str(exc)) from exc
    root = Path(config.config_file_path).parent
    import casebook  # imported here only to find the package folder

    cases = cases_dir_from_env(root / "cases")
    releases = cases.resolve().parent / "releases"  # casebook.provenance.releases.releases_dir
    for folder in (cases, releases, root / "schema", Path(casebook.__file__).parent):
        if folder.is_dir() and str(folder) not in config.watch:
            config.watch.append(str(folder))
    return config


def _close_pages(*, prune: bool) -> None:
    while _PAGES:
        _PAGES.pop().close(prune=prune)


def on_pre_build(config: Any) -> None:
    """Render generated pages into docs_dir; invalid cases stop the build with located errors.

    From here to on_post_build MkDocs writes only what changed into the site folder (casebook.site_writes).
    """
    _close_pages(prune=False)
    _HELD.clear()
    site_writes.start(config.site_dir)
    pages = PageCache.open(config)
    if pages is not None:
        _PAGES.append(pages)
    root = Path(config.config_file_path).parent
    # `casebook build` has just rendered these pages; only their warnings are left to report.
    result = prerendered(Path(config.docs_dir))
    if result is not None:
        for diagnostic in result.diagnostics:
            log.warning(diagnostic.format())
        return
    try:
        cache = open_cache(root, "corpus")  # `mkdocs serve` redoes only what an edit changed (issue 15)
        result = render_site(
            cases_dir_from_env(root / "cases"), Path(config.docs_dir), settings_from_config(config), cache=cache
        )
    except RenderError as exc:
        site_writes.finish(prune=False)
        for diagnostic in exc.diagnostics:
            log.error(diagnostic.format())
        raise PluginError(str(exc)) from exc
    except (OutputError, OSError) as exc:
        site_writes.finish(prune=False)
        raise PluginError(f"cannot render into {config.docs_dir}: {exc}") from exc
    for diagnostic in result.diagnostics:
        log.warning(diagnostic.format())


def on_nav(nav: Any, *, config: Any, files: Any) -> Any:
    """The page cache keys every page by the navigation it shows (casebook.page_cache)."""
    if _PAGES:
        _PAGES[0].nav = nav_signature(nav)
    return nav


def on_env(env: Any, *, config: Any, files: Any) -> Any:
    """Give cached pages their blank template (casebook.page_cache)."""
    env.loader = ChoiceLoader([DictLoader({BLANK: ""}), env.loader])
    return env


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    """Use a cached page's HTML if its inputs are unchanged; else take inline SVGs out before
    Markdown parses the page (casebook.render.svg_slots)."""
    if TAGS_MARKER in markdown:
        _HELD.keep(page.file.src_uri)  # Material's tags plugin writes into its HTML after conversion
    if _PAGES:
        markdown = _PAGES[0].before_markdown(markdown, page)
    text, lifted = lift_svgs(markdown)
    _HELD.hold_svgs(page.file.src_uri, lifted)
    return text


@event_priority(-100)  # after every other handler: none may read the Markdown after this one
def on_page_content(html: str, *, page: Any, config: Any, files: Any) -> str:
    """A cached page keeps the anchors and anchor links MkDocs checks (casebook.page_cache).

    MkDocs keeps every page's Markdown and HTML until every page is converted (#15): the Markdown
    is dropped, the HTML held compressed until the page is built (casebook.page_hold). The
    Markdown becomes an empty string, not None: a page's title is None while its Markdown is.
    """
    if _PAGES:
        _PAGES[0].after_render(page, files)
    page.markdown = ""
    return _HELD.hold_html(page.file.src_uri, html)


@event_priority(100)  # before every other handler: they and the template read the whole page
def on_page_context(context: Any, *, page: Any, config: Any, nav: Any) -> Any:
    """Give the page back the HTML held since its conversion (casebook.page_hold)."""
    _HELD.give_back(page)
    return context


@event_priority(-100)  # after every other handler: a cached page is the final HTML
def on_post_page(output: str, *, page: Any, config: Any) -> str:
    """Put the page's SVGs back into its finished HTML; serve or store it through the page cache."""
    output = restore_svgs(output, _HELD.take_svgs(page.file.src_uri))
    # MkDocs keeps every page's HTML to the end of the build; nothing reads it once the page is
    # written (links are checked from the anchors the conversion found), so it is dropped (#15).
    page.content = ""
    return _PAGES[0].after_page(output, page) if _PAGES else output


def on_post_build(config: Any) -> None:
    """Index the written site with Pagefind (casebook.search_index), for `casebook build` and `mkdocs serve`."""
    site_writes.finish(prune=True)  # before Pagefind: it reads the pages this build wrote
    search = open_cache(Path(config.config_file_path).parent, "search")  # unchanged pages, same bundle (#15)
    try:
        index_site(Path(config.site_dir), search)
    except SearchIndexError as exc:
        _close_pages(prune=False)
        raise PluginError(str(exc)) from exc
    if search is not None:
        search.prune()
    _close_pages(prune=True)


def on_build_error(error: Exception) -> None:
    """Stop the page cache listening; keep every entry (the build did not finish); put MkDocs' writes back."""
    site_writes.finish(prune=False)
    _close_pages(prune=False)
    _HELD.clear()
