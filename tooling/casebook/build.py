"""``casebook build``: render the pages, build with ``mkdocs build --strict`` beside the old
output, and swap the new output in only when the build succeeds.

The MkDocs hook (site/hooks/casebook_hook.py) renders the same pages for ``mkdocs serve``; both
read the cases folder from ``CASEBOOK_CASES`` so they always agree.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from casebook.render import RenderResult, render_site

CASES_ENV = "CASEBOOK_CASES"


class BuildError(Exception):
    """The site could not be built; the previous output is untouched."""


def cases_dir_from_env(default: Path) -> Path:
    """The cases folder the hook and the CLI agree on."""
    return Path(os.environ.get(CASES_ENV) or default)


@contextlib.contextmanager
def _cases_env(cases_dir: Path) -> Iterator[None]:
    old = os.environ.get(CASES_ENV)
    os.environ[CASES_ENV] = str(cases_dir.resolve())
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(CASES_ENV, None)
        else:
            os.environ[CASES_ENV] = old


class _CountWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_file: Path, cases_dir: Path, out_dir: Path | None = None) -> tuple[Path, RenderResult]:
    """Render and build the site; return the output folder and what the render wrote.

    Raises:
        BuildError: MkDocs failed or warned (strict); the old output is left in place.
        RenderError: a case is invalid; nothing was built.
    """
    # Imported here so that `casebook validate` does not pay for importing MkDocs.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _cases_env(cases_dir):
        try:
            config = load_config(config_file=str(config_file), strict=True)
        except MkDocsException as exc:
            raise BuildError(f"cannot load {config_file}: {exc}") from exc
        rendered = render_site(cases_dir, Path(config.docs_dir))
        target = Path(out_dir or config.site_dir).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        config.site_dir = str(staging)
        counter = _CountWarnings()
        logging.getLogger("mkdocs").addHandler(counter)
        try:
            build(config)
            if counter.messages:
                raise BuildError(f"{len(counter.messages)} warnings in strict mode: " + "; ".join(counter.messages[:5]))
        except (MkDocsException, BuildError) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildError(str(exc)) from exc
        finally:
            logging.getLogger("mkdocs").removeHandler(counter)
    _swap(staging, target)
    return target, rendered


def _swap(staging: Path, target: Path) -> None:
    # Two renames: the old output stays complete until the new one is in place.
    retired = target.with_name(f".{target.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
