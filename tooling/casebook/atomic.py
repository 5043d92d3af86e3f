"""Atomic writes: a temporary file beside the target, then a rename, so readers never see half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_if_changed(path: Path, text: str | bytes) -> bool:
    """Write only when the content differs; return whether it wrote. Keeps `mkdocs serve` from looping."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    write_bytes_atomic(path, data)
    return True
