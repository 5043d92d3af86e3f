"""Index a built site with Pagefind (ADR 0008): the search bundle goes to ``<site>/pagefind/``.

Runs after MkDocs has written the site, from the hook's ``on_post_build``, so ``casebook build``
and ``mkdocs serve`` both get it. Pagefind is the ``pagefind[bin]`` wheel pinned in
pyproject.toml (a Rust binary; no Node). Only case pages are indexed: they alone carry
``data-pagefind-body`` (``render.pagefind_marks``), so other pages would add nothing but time.
Pagefind reads slim copies of them (``casebook.pagefind_slim``: the body elements, a seventh of
the page) from a private temporary folder at the same paths, and writes the bundle into the
site. Permalink anchors (``¶``) are left out so that they do not end up in excerpts. The bundle
is then made reproducible (``casebook.pagefind_canon``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeGuard

from casebook.build_cache import BuildCache
from casebook.pagefind_canon import canonicalize
from casebook.pagefind_slim import slim_page
from casebook.site_writes import sync_folder

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
KIND = "pagefind"
"""The build cache's kind for whole bundles (``index_site``)."""


class SearchIndexError(Exception):
    """Pagefind failed; the message carries its output."""


def pagefind_command(source: Path, bundle: Path) -> list[str]:
    """The command that indexes the pages under ``source`` into ``bundle`` (Pagefind's Python
    wrapper finds the pinned binary)."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(source),
        "--output-path",
        str(bundle),
        "--glob",
        GLOB,
        "--exclude-selectors",
        EXCLUDE,
        "--silent",
    ]


def slim_pages(site: Path) -> dict[str, bytes]:
    """The slim copy of every case page of ``site``, by its path in the site."""
    return {page.relative_to(site).as_posix(): slim_page(page.read_bytes()) for page in sorted(site.glob(GLOB))}


def _inputs_key(pages: dict[str, bytes], cache: BuildCache) -> str:
    """A key over everything Pagefind reads: its version and options, every slim page's path and bytes."""
    # Not the interpreter's path nor the folders (the command's first word, --site, --output-path):
    # another venv or temporary folder gives the same bundle.
    parts: list[bytes | str] = [*_versions(), *pagefind_command(Path(), Path())[1:]]
    for name, data in sorted(pages.items()):
        parts += [name, data]
    return cache.key(KIND, *parts)


def _versions() -> list[str]:
    """The Pagefind wrapper's version and its binary's (the wheel extra)."""
    out = []
    for name in ("pagefind", "pagefind-bin"):
        try:
            out.append(version(name))
        except PackageNotFoundError:
            out.append("-")
    return out


def index_site(site: Path, cache: BuildCache | None = None) -> Path:
    """Write the Pagefind bundle for the built ``site``; return the bundle folder.

    With a ``cache``, a bundle made from the same slim pages (every byte of every one) is written
    back from the cache instead of running Pagefind again (issue 15): an edit that changes no
    indexed part of a case page (a hand-written page, a similar case's title, a rebuild with
    nothing changed) skips the search index.
    The bundle is reproducible (``canonicalize``), so the stored bytes are what Pagefind would write.

    Raises:
        SearchIndexError: Pagefind is missing or failed.
    """
    bundle = site / BUNDLE
    pages = slim_pages(site)
    key = _inputs_key(pages, cache) if cache is not None else ""
    stored = cache.get(KIND, key) if cache is not None else None
    if _whole(stored):
        files = stored
    else:
        folder = scratch(sum(map(len, pages.values())))
        with tempfile.TemporaryDirectory(prefix="casebook-pagefind-", dir=folder) as temporary:  # mode 0700: ours
            source, made = Path(temporary) / "site", Path(temporary) / BUNDLE
            write_pages(pages, source)
            _run_pagefind(source, made)
            files = {p.relative_to(made).as_posix(): p.read_bytes() for p in sorted(made.rglob("*")) if p.is_file()}
        if cache is not None:
            cache.put(KIND, key, files)
    # Only changed files are written and files of no bundle removed (a stale one would keep a
    # deleted case findable): a kept site folder holds the last bundle, mostly the same (#15).
    sync_folder(bundle, files)
    return bundle


def write_pages(pages: dict[str, bytes], folder: Path) -> None:
    """Write ``pages`` under ``folder`` in the order of their paths.

    Pagefind numbers pages in the order it lists the folder (an unsorted directory walk), and
    the numbers are in the index, filter and metadata files. On tmpfs that order follows the
    order of creation, on ext4 a hash of the names: either way the same pages written the same
    way give the same bundle on one machine (a rebuild equals a clean build), though not
    necessarily on another filesystem.
    """
    for name, data in sorted(pages.items()):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def scratch(needed: int = 0) -> str | None:
    """Where the slim copies go: memory (``/dev/shm``) if it has room for ``needed`` bytes twice
    over, unless ``TMPDIR`` says otherwise; else the default temporary folder.

    Measured at 1,000 cases: writing the 1,000 slim copies cost 0.25 to 1.45 s of system CPU on
    this machine's ext4 ``/tmp`` and 0.02 to 0.03 s on tmpfs, and they are read once and deleted.
    A container's ``/dev/shm`` may hold only 64 MB (the slim copies are about 170 MB at 10,000).
    """
    shm = Path("/dev/shm")
    if os.environ.get("TMPDIR") or not (shm.is_dir() and os.access(shm, os.W_OK | os.X_OK)):
        return None
    free = os.statvfs(shm)
    return str(shm) if free.f_bavail * free.f_frsize > 2 * needed else None


def _whole(stored: object) -> TypeGuard[dict[str, bytes]]:
    """Whether a cache entry is a bundle as ``index_site`` stores it (an unreadable one is not)."""
    return (
        isinstance(stored, dict)
        and "pagefind.js" in stored
        and all(isinstance(k, str) and isinstance(v, bytes) for k, v in stored.items())
    )


def _run_pagefind(source: Path, bundle: Path) -> None:
    try:
        done = subprocess.run(pagefind_command(source, bundle), capture_output=True, text=True, check=False)
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
