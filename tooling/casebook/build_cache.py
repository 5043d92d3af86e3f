"""The incremental-build cache: results keyed by the hash of everything they were made from.

A rebuild after one edit redoes only the work whose inputs changed (issue 15): each case file's
validation, each chain's analysis, each case's serialised records (``render.case_records``), each
case page's Markdown, each page's finished HTML, each SQLite file and the Pagefind bundle are
stored under a key that hashes their inputs, so an unchanged input finds its result and a
changed one never does. Results are never trusted by time stamps, only by content.

Every key also hashes a *signature* of the code and data that make results: the package version
and the text of every module of the package, the vocabulary and schema, and the versions of
MkDocs and Material. A cache from another version, another vocabulary or edited code is
therefore never read; its folder is deleted on the next build. The cache lives in
``.cache/casebook/`` beside mkdocs.yml (``CASEBOOK_CACHE`` moves it; git-ignored) and only
ever holds what this machine computed; deleting it only costs one full build.

Entries a build did not use are pruned when it succeeds (``prune``), so the cache stays the size
of one corpus.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import shutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import casebook
from casebook.atomic import write_bytes_atomic
from casebook.resources import schema_dir

CACHE_ENV = "CASEBOOK_CACHE"
"""Environment variable naming the cache folder; ``off`` disables the cache."""


def digest(*parts: bytes | str) -> str:
    """SHA-256 over the parts, each length-prefixed so that no two lists of parts collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _dist_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


@functools.cache
def signature() -> str:
    """A hash of what makes every cached result: versions, the package's code and data files."""
    package = Path(casebook.__file__).parent
    parts: list[bytes | str] = [casebook.__version__, _dist_version("mkdocs"), _dist_version("mkdocs-material")]
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".json", ".yaml"} and path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    for path in sorted(schema_dir().glob("*")):  # the vocabulary and schema in use
        if path.is_file():
            parts += [path.name, path.read_bytes()]
    return digest(*parts)


class BuildCache:
    """Results by kind and key under ``root/<signature>/<kind>/``; records which keys a build used."""

    def __init__(self, root: Path, *, extra: str = "") -> None:
        self.root = root
        self.sig = digest(signature(), extra)
        self.folder = root / self.sig[:20]
        self.used: dict[str, set[str]] = {}
        self.hits = 0
        self.misses = 0

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key

    def key(self, *parts: bytes | str) -> str:
        """A key for a result made from ``parts`` (the signature is part of every key)."""
        return digest(self.sig, *parts)

    def get_bytes(self, kind: str, key: str) -> bytes | None:
        """The stored result, or None; the key counts as used either way."""
        self.used.setdefault(kind, set()).add(key)
        try:
            data = self._path(kind, key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def keep(self, kind: str, key: str) -> None:
        """Count an entry as used without reading it (its result is already in place), so ``prune`` keeps it."""
        self.used.setdefault(kind, set()).add(key)

    def put_bytes(self, kind: str, key: str, data: bytes) -> None:
        """Store a result (atomically: a reader never sees half an entry)."""
        self.used.setdefault(kind, set()).add(key)
        # The cache only saves work: a full disk, or another build pruning the same cache folder at
        # this moment (concurrent builds, #12), must not fail this build.
        with contextlib.suppress(OSError):
            write_bytes_atomic(self._path(kind, key), data)

    def get(self, kind: str, key: str) -> Any:
        """A stored Python object, or None (an unreadable entry counts as missing)."""
        data = self.get_bytes(kind, key)
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except Exception:
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store a Python object."""
        self.put_bytes(kind, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self, kinds: tuple[str, ...] | None = None) -> None:
        """Delete entries of ``kinds`` (all used kinds) this build did not use, and other signatures' folders."""
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other.is_dir() and other != self.folder:
                    shutil.rmtree(other, ignore_errors=True)
        for kind in kinds if kinds is not None else tuple(self.used):
            used = self.used.get(kind, set())
            base = self.folder / kind
            if not base.is_dir():
                continue
            for entry in base.glob("*/*"):
                if entry.name not in used:
                    entry.unlink(missing_ok=True)


def open_cache(project: Path, name: str, *, extra: str = "") -> BuildCache | None:
    """The cache ``name`` for a project folder (where mkdocs.yml is); None when ``CASEBOOK_CACHE=off``.

    Each name has its own folder, so pruning one (``prune`` drops other signatures) keeps the others.
    """
    where = os.environ.get(CACHE_ENV, "")
    if where.lower() == "off":
        return None
    return BuildCache((Path(where) if where else project / ".cache" / "casebook") / name, extra=extra)
