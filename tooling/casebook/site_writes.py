"""MkDocs writes into a site folder that already holds an earlier build, and only what changed (issue 15).

MkDocs empties its site folder before every build and writes every page and every static file
again. For one edited case that is thousands of files created, and as many deleted with the old
output, for a handful of changed bytes: on an ext4 disk mounted with ``discard`` the deletions
alone took 10 to 20 s of wall time per 1,000-case rebuild. While a build runs (``start`` from the
hook's ``on_pre_build``, ``finish`` from ``on_post_build``):

- the folder is not emptied (``mkdocs.utils.clean_directory`` leaves this site folder alone);
- a page or static file whose bytes are already there is not written again
  (``mkdocs.utils.write_file``, ``mkdocs.utils.copy_file``), so its file keeps its inode and time;
- every path MkDocs wrote or would have written is recorded, and ``finish`` removes every other
  file, so the folder ends up holding exactly what a build into an empty folder would write.

Left alone by ``finish``: top-level names starting with a dot (MkDocs never writes them; the site
marker is one) and ``OWNED`` folders, which a later step rewrites whole (the Pagefind bundle).
MkDocs is patched through its module attributes, which its build looks up at each call; the
originals are put back by ``finish`` whatever happened.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OWNED = ("pagefind",)
"""Top-level folders of the site that another step writes whole (``casebook.search_index``)."""


@dataclass
class _Writes:
    site: Path
    originals: dict[str, Any]
    written: set[Path] = field(default_factory=set)


_ACTIVE: list[_Writes] = []


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _same_file(source: Path, target: Path) -> bool:
    try:
        return source.stat().st_size == target.stat().st_size and source.read_bytes() == target.read_bytes()
    except OSError:
        return False


def start(site_dir: str | Path) -> None:
    """Patch MkDocs' writes for a build into ``site_dir`` (see the module docstring)."""
    from mkdocs import utils
    from mkdocs.structure.files import File

    finish(prune=False)  # a build that never reached on_post_build or on_build_error
    names = ("write_file", "copy_file", "clean_directory")
    writes = _Writes(Path(site_dir).absolute(), {name: getattr(utils, name) for name in names})
    writes.originals["File.copy_file"] = File.copy_file

    def write_file(content: bytes, output_path: str) -> None:
        writes.written.add(Path(output_path).absolute())
        if not _same_bytes(Path(output_path), content):
            writes.originals["write_file"](content, output_path)

    def copy_file(source_path: str, output_path: str) -> None:
        target = Path(output_path)
        if target.is_dir():
            target = target / Path(source_path).name
        writes.written.add(target.absolute())
        if not _same_file(Path(source_path), target):
            writes.originals["copy_file"](source_path, output_path)

    def clean_directory(directory: str) -> None:
        if Path(directory).absolute() != writes.site:
            writes.originals["clean_directory"](directory)

    def file_copy(self: Any, dirty: bool = False) -> None:
        # Files with generated content are written by File.copy_file itself, not through utils.
        writes.written.add(Path(self.abs_dest_path).absolute())
        writes.originals["File.copy_file"](self, dirty)

    _patch(utils, {"write_file": write_file, "copy_file": copy_file, "clean_directory": clean_directory})
    File.copy_file = file_copy  # type: ignore[method-assign]
    _ACTIVE.append(writes)


def _patch(utils: Any, functions: dict[str, Any]) -> None:
    for name, function in functions.items():
        setattr(utils, name, function)


def finish(*, prune: bool) -> list[Path]:
    """Put MkDocs' own writes back; with ``prune``, remove the files this build did not write and return them."""
    if not _ACTIVE:
        return []
    from mkdocs import utils
    from mkdocs.structure.files import File

    writes = _ACTIVE.pop()
    _patch(utils, {k: v for k, v in writes.originals.items() if "." not in k})
    File.copy_file = writes.originals["File.copy_file"]  # type: ignore[method-assign]
    if not prune:
        return []
    # MkDocs never writes a top-level dot name (the site marker is one); OWNED folders are written whole later.
    return remove_unlisted(writes.site, writes.written, skip_top=lambda name: name.startswith(".") or name in OWNED)


def remove_unlisted(
    root: Path, wanted: Container[Path], *, skip_top: Callable[[str], bool] | None = None
) -> list[Path]:
    """Remove every file under ``root`` whose path is not in ``wanted``, then the folders left
    empty (never ``root``); return the files removed. Top-level names for which ``skip_top`` holds
    are left alone, whole. A link is removed like a file, never followed.
    """
    removed: list[Path] = []
    folders: list[Path] = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        links = [d for d in dirs if (here / d).is_symlink()]
        dirs[:] = [d for d in dirs if d not in links]
        names = [*files, *links]
        if here == root and skip_top is not None:
            dirs[:] = [d for d in dirs if not skip_top(d)]
            names = [n for n in names if not skip_top(n)]
        elif here != root:
            folders.append(here)
        for name in names:
            if here / name not in wanted:
                (here / name).unlink()
                removed.append(here / name)
    for here in reversed(folders):
        with contextlib.suppress(OSError):  # not empty: it holds wanted files
            here.rmdir()
    return removed


def sync_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Make ``folder`` hold exactly ``files`` (relative path: bytes), writing only those that differ."""
    for name, data in sorted(files.items()):
        path = folder / name
        if not _same_bytes(path, data):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    remove_unlisted(folder, {folder / name for name in files})
