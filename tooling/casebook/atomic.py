"""Atomic writes: a temporary file beside the target, then a rename, so readers never see half a file.

Three rules from the reliability issue (#12):

* a symlink is written *through*: the temporary file goes beside the link's target and replaces
  the target, so the link stays a link;
* a character device or FIFO (``-o /dev/null``, a pipe) is written directly, never replaced by a
  regular file; a block device is refused;
* new files get ``0666 & ~umask`` (``tempfile.mkstemp`` would make them 0600, unreadable to a web
  server running as another user); a file that already exists keeps its mode.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

_FILE_MODE = 0o666  # the kernel applies the umask to this, as for any open(..., "w")
_DIR_MODE = 0o777


def make_temp_dir(parent: Path, prefix: str) -> Path:
    """Create a new, uniquely named folder in ``parent`` with ``0777 & ~umask`` (``mkdtemp`` gives 0700)."""
    for _ in range(100):
        candidate = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            candidate.mkdir(mode=_DIR_MODE)
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(parent / prefix))


def _open_temp(parent: Path, name: str) -> tuple[int, Path]:
    for _ in range(100):
        candidate = parent / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, _FILE_MODE), candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(parent / name))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_special(path: Path, data: bytes) -> None:
    # A device or FIFO: open it for writing as a shell redirection would; nothing to rename.
    fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def write_bytes_atomic(path: Path, data: bytes, *, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically, creating parent folders.

    ``fsync=False`` skips the flush to disk, for scratch data such as a synthetic corpus.

    Raises:
        OSError: the write failed (for example ``ENOSPC``); the old file, if any, is unchanged and
            no temporary file is left behind.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        existing = path.stat()
    except FileNotFoundError:
        existing = None
    if existing is not None:
        if stat.S_ISCHR(existing.st_mode) or stat.S_ISFIFO(existing.st_mode):
            _write_special(path, data)
            return
        if stat.S_ISBLK(existing.st_mode):
            raise OSError(errno.EPERM, "refusing to write to a block device", str(path))
        if stat.S_ISDIR(existing.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    fd, tmp = _open_temp(path.parent, path.name)
    try:
        try:
            if existing is not None:
                os.fchmod(fd, stat.S_IMODE(existing.st_mode))
            _write_all(fd, data)
            if fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str, *, fsync: bool = True) -> None:
    """Write UTF-8 text to ``path`` atomically."""
    write_bytes_atomic(path, text.encode("utf-8"), fsync=fsync)


def write_if_changed(path: Path, text: str | bytes, *, fsync: bool = True) -> bool:
    """Write only when the content differs; return whether it wrote. Keeps `mkdocs serve` from looping."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    # Only a regular file is compared: reading a FIFO would block or swallow someone else's data.
    if path.is_file() and path.read_bytes() == data:
        return False
    write_bytes_atomic(path, data, fsync=fsync)
    return True
