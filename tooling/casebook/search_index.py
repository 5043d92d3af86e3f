"""Index a built site with Pagefind (ADR 0008): the search bundle goes to ``<site>/pagefind/``.

Runs after MkDocs has written the site, from the hook's ``on_post_build``, so ``casebook build``
and ``mkdocs serve`` both get it. Pagefind is the ``pagefind[bin]`` wheel pinned in
pyproject.toml (a Rust binary; no Node). Only case pages are read (``--glob``): they alone carry
``data-pagefind-body`` (``render.pagefind_marks``), so other pages would add nothing but time.
Permalink anchors (``¶``) are left out so that they do not end up in excerpts. The bundle is
then made reproducible (``casebook.pagefind_canon``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from casebook.pagefind_canon import canonicalize

BUNDLE = "pagefind"
"""The bundle's folder under the site root; site/docs/assets/search.js loads it from there."""

GLOB = "cases/*/index.html"
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's own search interfaces: the site has its own (site/docs/assets/search.js)."""
EXCLUDE = ".headerlink"


class SearchIndexError(Exception):
    """Pagefind failed; the message carries its output."""


def pagefind_command(site: Path) -> list[str]:
    """The command that indexes ``site`` (Pagefind's Python wrapper finds the pinned binary)."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE,
        "--glob",
        GLOB,
        "--exclude-selectors",
        EXCLUDE,
        "--silent",
    ]


def index_site(site: Path) -> Path:
    """Write the Pagefind bundle for the built ``site``; return the bundle folder.

    Raises:
        SearchIndexError: Pagefind is missing or failed.
    """
    bundle = site / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)  # a stale bundle would keep deleted cases findable
    try:
        done = subprocess.run(pagefind_command(site), capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexError(f"cannot run Pagefind: {exc}") from exc
    if done.returncode != 0 or not (bundle / "pagefind.js").is_file():
        output = (done.stderr or done.stdout).strip()
        raise SearchIndexError(f"Pagefind failed (exit {done.returncode}): {output[-500:]}")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    try:
        canonicalize(bundle)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise SearchIndexError(f"unexpected Pagefind bundle in {bundle}: {exc}") from exc
    return bundle
