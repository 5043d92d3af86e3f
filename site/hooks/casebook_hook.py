"""MkDocs hook: render the case pages before every build, so `mkdocs serve` follows edits.

All the work is in the casebook library (casebook.render); this file only wires one MkDocs
event to it, which keeps the site portable to other MkDocs-compatible generators.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from casebook.build import cases_dir_from_env, prerendered, settings_from_config
from casebook.render import RenderError, render_site

log = logging.getLogger("mkdocs.hooks.casebook")


def on_config(config: Any) -> Any:
    """Make `mkdocs serve` rebuild when a case, the schema or the renderer changes."""
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
    for diagnostic in result.diagnostics:
        log.warning(diagnostic.format())
