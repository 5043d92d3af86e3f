"""Make Pagefind's bundle byte-for-byte reproducible: same site in, same bytes out.

Pagefind 1.5.2 writes each filter's values, and the list of filters in its metadata file, in the
order of a Rust hash map, which is seeded at random in every run; so two runs over the same site
give different filter files and names (everything else it writes is stable). Casebook promises
identical output for identical input (a rebuild must equal a clean build), so after Pagefind has
run, ``canonicalize`` rewrites those files in sorted order: each file is gzip over
``pagefind_dcd`` + CBOR (RFC 8949); the filter files are renamed by a hash of their new bytes,
and the metadata file and ``pagefind-entry.json`` are updated to the new names.

The small CBOR codec below covers what these files hold: unsigned integers, byte and text
strings, arrays and maps.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

MAGIC = b"pagefind_dcd"


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + value.to_bytes(size, "big")
    raise ValueError(f"integer too large for CBOR: {value}")


def encode(value: Any) -> bytes:
    """CBOR for ints >= 0, bytes, str, lists and dicts (in their own order)."""
    if isinstance(value, bool) or value is None:
        return bytes([0xF5 if value is True else 0xF4 if value is False else 0xF6])
    if isinstance(value, int) and value >= 0:
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")


def decode(data: bytes) -> Any:
    """The one CBOR item that ``data`` holds."""
    value, end = _decode(data, 0)
    if end != len(data):
        raise ValueError("trailing bytes after the CBOR item")
    return value


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    first = data[at]
    major, info = first >> 5, first & 31
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info not in simple:
            raise ValueError(f"unsupported CBOR simple value {info}")
        return simple[info], at
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise ValueError("indefinite-length CBOR items are not supported")
    if major == 0:
        return arg, at
    if major in (2, 3):
        chunk = data[at : at + arg]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(arg):
            key, at = _decode(data, at)
            mapping[key], at = _decode(data, at)
        return mapping, at
    raise ValueError(f"unsupported CBOR major type {major}")


def read(path: Path) -> Any:
    """A Pagefind file's content."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path.name} is not a Pagefind file")
    return decode(data[len(MAGIC) :])


def _pack(value: Any) -> tuple[bytes, str]:
    data = gzip.compress(MAGIC + encode(value), compresslevel=9, mtime=0)
    return data, hashlib.sha256(data).hexdigest()


def canonicalize(bundle: Path) -> None:
    """Rewrite ``bundle``'s filter and metadata files in sorted order, under names from their bytes."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        filters = meta[3]  # [version, pages, index chunks, filters, sorts, meta fields]
        renamed = []
        for name, old in filters:
            path = bundle / "filter" / f"{old}.pf_filter"
            content = read(path)
            content[1] = sorted(content[1], key=lambda item: str(item[0]))
            data, digest = _pack(content)
            new = f"{language}_{digest[:7]}"
            path.unlink()
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(data)
            renamed.append([name, new])
        meta[3] = sorted(renamed)
        data, digest = _pack(meta)
        info["hash"] = f"{language}_{digest[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(data)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
