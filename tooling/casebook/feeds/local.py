"""Reading a ``file:`` feed: regular files only, never a FIFO or a device, with the size cap.

urllib's file handler opens whatever the path names: a FIFO blocks the run forever in
``open()``, and ``/dev/zero`` or ``/dev/urandom`` never end. Here the file is opened without
blocking, checked with ``fstat`` on the open descriptor (so a swap after the check changes
nothing), and refused unless it is a regular file (F921).
"""

from __future__ import annotations

import mimetypes
import os
import stat
import urllib.parse
import urllib.request

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))  # fmt: skip


class LocalError(Exception):
    """A file: feed that cannot be read; ``code`` is the F-code to report."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_local(url: str, max_bytes: int) -> tuple[bytes, dict[str, str]]:
    """The bytes of a ``file:`` URL on this machine, and a guessed Content-Type.

    Raises:
        LocalError: F915 (missing, unreadable or on another host), F921 (not a regular file)
            or F911 (larger than ``max_bytes``).
    """
    parts = urllib.parse.urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise LocalError("F915", f"file: URL on another host ({parts.netloc})")
    path = urllib.request.url2pathname(parts.path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise LocalError("F915", f"{exc.strerror}: {path}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise LocalError("F921", f"{path} is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise LocalError("F911", f"larger than {max_bytes} bytes")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:  # the file may grow after fstat; the cap holds anyway
            chunk = os.read(fd, min(1 << 16, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise LocalError("F911", f"larger than {max_bytes} bytes")
    except OSError as exc:
        raise LocalError("F915", f"{exc.strerror}: {path}") from exc
    finally:
        os.close(fd)
    kind, _ = mimetypes.guess_type(path)
    return b"".join(chunks), ({"content-type": kind} if kind else {})
