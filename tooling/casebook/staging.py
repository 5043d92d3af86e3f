"""The private staging folder of one ``casebook build``, and the swap that publishes it.

Each build works in ``.<out>.new-XXXXXXXX/`` beside its output folder: ``docs/`` (a copy of the
hand-written docs sources plus this build's generated pages), ``site/`` (MkDocs' output) and
``old/`` (the previous output, during the swap). Builds never share a docs folder, so two builds
of different corpora, or a build and ``mkdocs serve``, cannot publish each other's pages (#12).

The folder holds ``.casebook-staging``, locked with ``flock`` for as long as the build runs. A
later build removes staging folders whose lock it can take (their build was killed), and only
those: a name that matches but has no marker, or a marker someone holds, is left alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from casebook.atomic import make_temp_dir
from casebook.ownership import RENDER_MANIFEST

STAGING_MARKER = ".casebook-staging"


def _prefix(target: Path) -> str:
    return f".{target.name}.new-"


@contextlib.contextmanager
def _taken(marker: Path) -> Iterator[bool]:
    """Whether the lock on ``marker`` could be taken at once, i.e. no build holds it."""
    try:
        fd = os.open(marker, os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def remove_stale(target: Path) -> list[Path]:
    """Remove staging folders of killed builds of ``target``; return them.

    A build killed between the two renames of the swap left ``target`` missing and the previous
    output in its staging ``old/``: that is put back first.
    """
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for entry in sorted(target.parent.glob(f"{_prefix(target)}*")):
        if entry.is_symlink() or not entry.is_dir() or not (entry / STAGING_MARKER).is_file():
            continue
        with _taken(entry / STAGING_MARKER) as stale:
            if not stale:
                continue
            old = entry / "old"
            if not target.exists() and not target.is_symlink() and old.is_dir() and not old.is_symlink():
                old.rename(target)
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A fresh, locked staging folder beside ``target``; removed whatever happens inside."""
    work = make_temp_dir(target.parent, _prefix(target))
    try:
        # Locked under another name, then renamed: another build never sees an unlocked marker.
        unlocked = work / f"{STAGING_MARKER}.tmp"
        fd = os.open(unlocked, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, f"casebook build, process {os.getpid()}\n".encode())
            unlocked.rename(work / STAGING_MARKER)
            yield work
        finally:
            os.close(fd)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def copy_docs_sources(source: Path, docs: Path, generated: tuple[str, ...]) -> None:
    """Copy the hand-written docs (about.md, assets/, ...) without the generated top-level names.

    The generated folders are skipped at the top level only: ``mkdocs serve`` may be rewriting
    them in the shared docs folder at this moment.
    """
    skip = {*generated, RENDER_MANIFEST, "__pycache__"}

    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n in skip] if Path(folder) == source else []

    shutil.copytree(source, docs, ignore=ignore)


def publish(site: Path, target: Path, work: Path) -> None:
    """Put ``site`` in place of ``target``: two renames, the old output complete until the second."""
    if target.exists():
        target.rename(work / "old")
    site.rename(target)
