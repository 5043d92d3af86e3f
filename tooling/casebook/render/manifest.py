"""The render manifest: which files ``casebook render`` generated, so it never prunes anything else.

``render`` used to delete every file in its generated folders that it had not just written; run on
a repository root that removed every ``cases/*.yaml`` (issue #12). Now it removes only the files
listed here by its previous run. The manifest is read as untrusted input: an entry that is
absolute, climbs out with ``..`` or leads outside the folder through a linked folder is ignored
(a linked file is harmless: pruning it removes the link, not what it points to).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from casebook.atomic import write_text_atomic
from casebook.ownership import RENDER_MANIFEST, OutputRefusedError

_KIND = "casebook render"


def read_manifest(docs_dir: Path) -> set[str]:
    """The docs-relative paths the previous render wrote into ``docs_dir`` (empty if none).

    Raises:
        OutputRefusedError: a manifest exists but is not one Casebook wrote.
    """
    path = docs_dir / RENDER_MANIFEST
    if not path.exists() and not path.is_symlink():
        return set()
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError) as exc:
        raise OutputRefusedError(f"cannot read {path} ({exc}); remove it if Casebook did not write it") from exc
    files = data.get("files") if isinstance(data, dict) and data.get("generator") == _KIND else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise OutputRefusedError(f"{path} is not a Casebook render manifest; remove it or choose another --out")
    root = docs_dir.resolve()
    inside = functools.lru_cache(maxsize=None)(lambda parent: (docs_dir / parent).resolve().is_relative_to(root))
    return {f for f in files if _plain(f) and inside(PurePosixPath(f).parent)}


def _plain(entry: str) -> bool:
    """A relative path that does not climb out (``..``), nor smuggle a separator or a NUL."""
    pure = PurePosixPath(entry)
    return not (pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in entry or "\0" in entry)


Fingerprint = tuple[str, int, int]
"""What a generated file was written from and how it was left: the digest of its compressed text
(``render.write_docs``), its size and its modification time in nanoseconds."""


def read_fingerprints(docs_dir: Path) -> dict[str, Fingerprint]:
    """The fingerprints the previous render recorded (``write_manifest``); malformed entries are left out."""
    try:
        data = json.loads((docs_dir / RENDER_MANIFEST).read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    found = data.get("fingerprints") if isinstance(data, dict) and data.get("generator") == _KIND else None
    if not isinstance(found, dict):
        return {}
    out: dict[str, Fingerprint] = {}
    for name, value in found.items():
        numbers = isinstance(value, list) and all(isinstance(n, int) and not isinstance(n, bool) for n in value[1:])
        if numbers and len(value) == 3 and isinstance(value[0], str) and _plain(name):
            out[name] = (value[0], value[1], value[2])
    return out


def write_manifest(docs_dir: Path, files: Iterable[str], fingerprints: dict[str, Fingerprint] | None = None) -> None:
    """Record ``files`` as what Casebook generated in ``docs_dir`` (atomically), with their fingerprints."""
    data: dict[str, object] = {"generator": _KIND, "files": sorted(set(files))}
    if fingerprints:
        data["fingerprints"] = {name: list(value) for name, value in sorted(fingerprints.items())}
    write_text_atomic(docs_dir / RENDER_MANIFEST, json.dumps(data, indent=0, ensure_ascii=False) + "\n")
