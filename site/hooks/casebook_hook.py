"""MkDocs hook: render the case pages before every build, so `mkdocs serve` follows edits.

All the work is in the casebook library (casebook.render); this file only wires one MkDocs
event to it, which keeps the site portable to other MkDocs-compatible generators.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from casebook.build import cases_dir_from_env, prerendered, settings_from_config
from casebook.config_urls import ConfigURLError, check_mkdocs_config
from casebook.ownership import OutputError
from casebook.render import RenderError, render_site
from casebook.render.search_trim import searched_part, strip_search_attributes
from casebook.render.svg_slots import lift_svgs, restore_svgs

log = logging.getLogger("mkdocs.hooks.casebook")

# SVGs taken out of each page's Markdown, by page source path, until the page is written.
_LIFTED: dict[str, list[str]] = {}
# Whole page HTML while Material's search reads only its searched part (casebook.render.search_trim).
_WHOLE: dict[str, tuple[str, str]] = {}


def on_config(config: Any) -> Any:
    """Refuse non-http(s) site URLs; make `mkdocs serve` rebuild when a case, the schema or the renderer changes."""
    try:
        check_mkdocs_config(config)
    except ConfigURLError as exc:
        raise PluginError(str(exc)) from exc
    root = Path(config.config_file_path).parent
    import casebook  # imported here only to find the package folder

    for folder in (cases_dir_from_env(root / "cases"), root / "schema", Path(casebook.__file__).parent):
        if folder.is_dir() and str(folder) not in config.watch:
            config.watch.append(str(folder))
    return config


def on_pre_build(config: Any) -> None:
    """Render generated pages into docs_dir; invalid cases stop the build with located errors."""
    root = Path(config.config_file_path).parent
    # `casebook build` has just rendered these pages; only their warnings are left to report.
    result = prerendered(Path(config.docs_dir))
    if result is not None:
        for diagnostic in result.diagnostics:
            log.warning(diagnostic.format())
        return
    try:
        result = render_site(cases_dir_from_env(root / "cases"), Path(config.docs_dir), settings_from_config(config))
    except RenderError as exc:
        for diagnostic in exc.diagnostics:
            log.error(diagnostic.format())
        raise PluginError(str(exc)) from exc
    except (OutputError, OSError) as exc:
        raise PluginError(f"cannot render into {config.docs_dir}: {exc}") from exc
    for diagnostic in result.diagnostics:
        log.warning(diagnostic.format())


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    """Take inline SVGs out before Markdown and search parse the page (casebook.render.svg_slots)."""
    text, lifted = lift_svgs(markdown)
    if lifted:
        _LIFTED[page.file.src_uri] = lifted
    return text


def on_post_page(output: str, *, page: Any, config: Any) -> str:
    """Put the page's SVGs back into its finished HTML."""
    return restore_svgs(output, _LIFTED.pop(page.file.src_uri, []))


@event_priority(100)  # before Material's search plugin (priority 0) reads page.content
def _show_search_its_part(context: Any, *, page: Any, config: Any, nav: Any) -> Any:
    part = searched_part(page.content or "")
    if part is not None:
        _WHOLE[page.file.src_uri] = (page.content, part)
        page.content = part
    return context


def _search_strips_attributes(config: Any) -> bool:
    return any(
        type(plugin).__module__.startswith("material.plugins.search") and plugin.config.enabled
        for plugin in config.plugins.values()
    )


@event_priority(-100)  # after every other on_page_context, before the template renders the page
def _restore_whole_page(context: Any, *, page: Any, config: Any, nav: Any) -> Any:
    whole, part = _WHOLE.pop(page.file.src_uri, (None, None))
    if whole is None or part is None:
        return context
    rest = whole[len(part) :]
    if _search_strips_attributes(config):
        part, rest = strip_search_attributes(part), strip_search_attributes(rest)
    if page.content != part:
        raise PluginError(f"{page.file.src_uri}: page content changed unexpectedly during on_page_context")
    page.content = part + rest
    return context


on_page_context = CombinedEvent(_show_search_its_part, _restore_whole_page)
