"""The private work folder of one ``casebook build``, and the swap that publishes it.

Each build works in a folder beside its output folder: ``docs/`` (a copy of the hand-written docs
sources plus this build's generated pages), ``site/`` (MkDocs' output) and ``old/`` (the previous
output, during the swap). Builds never share a docs folder while they run, so two builds of
different corpora, or a build and ``mkdocs serve``, cannot publish each other's pages (#12).

The folder is ``.<out>.work/``, kept from one build to the next (issue 15): its ``docs/`` is the
last build's, so only changed pages are written, and after the swap its ``site/`` holds the
output the new one replaced, which the next build brings up to date (``casebook.site_writes``)
instead of writing thousands of unchanged files into an empty folder. It costs a second copy of
the site on disk. When another build of the same output holds it, a build works in a fresh
``.<out>.new-XXXXXXXX/`` instead, removed when it ends, as every build did before.

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
from casebook.site_writes import remove_unlisted

STAGING_MARKER = ".casebook-staging"


def _prefix(target: Path) -> str:
    return f".{target.name}.new-"


def work_folder(target: Path) -> Path:
    """The work folder a build of ``target`` keeps for the next one."""
    return target.parent / f".{target.name}.work"


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
    kept = work_folder(target)
    if kept.is_dir() and not kept.is_symlink() and (kept / STAGING_MARKER).is_file():
        with _taken(kept / STAGING_MARKER) as free:
            if free:
                _put_back(kept / "old", target)
    for entry in sorted(target.parent.glob(f"{_prefix(target)}*")):
        if entry.is_symlink() or not entry.is_dir() or not (entry / STAGING_MARKER).is_file():
            continue
        with _taken(entry / STAGING_MARKER) as stale:
            if not stale:
                continue
            _put_back(entry / "old", target)
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _put_back(old: Path, target: Path) -> None:
    """A build killed between the two renames of the swap: its previous output goes back in place."""
    if not target.exists() and not target.is_symlink() and old.is_dir() and not old.is_symlink():
        old.rename(target)


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


@contextlib.contextmanager
def kept(target: Path) -> Iterator[Path]:
    """The kept work folder of ``target``, locked; a fresh ``staging`` folder when that is busy or not ours."""
    folder = work_folder(target)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o777)
        fd = os.open(folder / f"{STAGING_MARKER}.tmp", os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        os.write(fd, b"casebook build work folder, kept for the next build\n")
        os.close(fd)
        (folder / f"{STAGING_MARKER}.tmp").rename(folder / STAGING_MARKER)
    marker = folder / STAGING_MARKER
    ours = folder.is_dir() and not folder.is_symlink() and marker.is_file() and not marker.is_symlink()
    fd = os.open(marker, os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW) if ours else -1
    try:
        if fd < 0 or not _lock(fd):
            with staging(target) as fresh:
                yield fresh
            return
        _put_back(folder / "old", target)
        yield folder
    finally:
        if fd >= 0:
            os.close(fd)


def _lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def copy_docs_sources(source: Path, docs: Path, generated: tuple[str, ...]) -> None:
    """Make ``docs`` hold the hand-written docs (about.md, assets/, ...) of ``source`` as they are now,
    besides the generated top-level names, which are left alone; unchanged files are not rewritten.

    The generated folders are skipped at the top level only: ``mkdocs serve`` may be rewriting
    them in the shared docs folder at this moment, and ``casebook.render`` keeps them in ``docs``.
    """
    skip = {*generated, RENDER_MANIFEST, "__pycache__"}
    wanted: set[Path] = set()
    for folder, dirs, files in os.walk(source, followlinks=True):  # as copytree did: a linked folder is copied
        here = Path(folder)
        if here == source:
            dirs[:] = [d for d in dirs if d not in skip]
            files = [f for f in files if f not in skip]
        for name in files:
            relative = (here / name).relative_to(source)
            wanted.add(relative)
            data = (here / name).read_bytes()
            target = docs / relative
            if not target.is_file() or target.is_symlink() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.unlink(missing_ok=True)
                shutil.copyfile(here / name, target)
    remove_unlisted(docs, {docs / relative for relative in wanted}, skip_top=skip.__contains__)


def publish(site: Path, target: Path, work: Path) -> None:
    """Put ``site`` in place of ``target``: two renames, the old output complete until the second.

    In a kept work folder (``kept``) the old output then becomes its ``site/``, for the next build.
    """
    if target.exists():
        target.rename(work / "old")
    try:
        site.rename(target)
    except OSError:
        _put_back(work / "old", target)  # the old output stays published
        raise
    if work == work_folder(target) and (work / "old").is_dir():
        (work / "old").rename(site)
