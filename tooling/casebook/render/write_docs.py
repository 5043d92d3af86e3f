"""Write a render's generated files into its docs folder, touching only those that changed (issue 15).

The render holds every generated text compressed (``render.texts``). Comparing a text with the
file already there means decompressing it and reading the file: at 1,000 cases about 230 MB each
way on every rebuild, for the couple of dozen files a one-case edit changes. So the manifest
records, for each file written, a *fingerprint*: the SHA-256 of the compressed text it was
written from, and the file's size and modification time in nanoseconds as it was left. A text
whose compressed bytes have the same digest is the same text (compression is deterministic and
decompression is a function), and a file with the same size and time was not touched since; then
there is nothing to do. Anything else (no fingerprint, another digest, a file changed or
replaced since) goes through ``write_if_changed``, which compares the bytes.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from casebook.atomic import write_if_changed
from casebook.progress import Progress
from casebook.render.manifest import Fingerprint
from casebook.render.texts import PageTexts


def _left_as_written(path: Path, known: Fingerprint | None, token: str) -> bool:
    if known is None or known[0] != token:
        return False
    try:
        found = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(found.st_mode) and (found.st_size, found.st_mtime_ns) == known[1:]


def write_generated(
    docs_dir: Path,
    names: Iterable[str],
    pages: PageTexts,
    binaries: Mapping[str, bytes],
    known: Mapping[str, Fingerprint],
    *,
    fsync: bool,
    progress: Progress,
) -> tuple[list[str], dict[str, Fingerprint]]:
    """Write each of ``names`` (a text of ``pages`` or one of ``binaries``) that differs from its file.

    Returns:
        The names written, and every name's fingerprint for the manifest.
    """
    written: list[str] = []
    prints: dict[str, Fingerprint] = {}
    for name in names:
        data = binaries.get(name)
        token = hashlib.sha256(pages.packed(name) if data is None else data).hexdigest()
        path = docs_dir / name
        if not _left_as_written(path, known.get(name), token):
            if write_if_changed(path, pages.encoded(name) if data is None else data, fsync=fsync):
                written.append(name)
            if path.is_file() and not path.is_symlink():
                after = path.stat()
                prints[name] = (token, after.st_size, after.st_mtime_ns)
        else:
            prints[name] = known[name]
        progress.advance()
    return written, prints
