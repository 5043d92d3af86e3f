"""The generated texts of a render, held compressed until they are written (issue 15).

A render holds every generated file until it writes them (``render.site``): 481 MB at 1,000
synthetic cases, three quarters of it case pages, and it grows with the corpus. A Python str with
a single character beyond Latin-1 (an arrow in a graph) takes two bytes a character, and every case
page has one. Kept as zlib-compressed UTF-8 the same texts take about a tenth of that, and the
writer takes the UTF-8 bytes it would have encoded anyway (``encoded``).

``PageTexts`` is a mapping of path to text like the dict it replaces: reading a text decompresses
it, so code that reads a few texts (the data page, the SQLite files) is unchanged.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, MutableMapping

LEVEL = 1
"""zlib's fastest level: generated pages still shrink about fivefold to tenfold, at about a
millisecond for a case page."""


def pack(text: str) -> bytes:
    """``text`` as compressed UTF-8."""
    return zlib.compress(text.encode("utf-8"), LEVEL)


def unpack(data: bytes) -> str:
    """The text ``pack`` was given."""
    return zlib.decompress(data).decode("utf-8")


class PageTexts(MutableMapping[str, str]):
    """Generated texts by docs-relative path, each stored compressed."""

    def __init__(self) -> None:
        self._packed: dict[str, bytes] = {}

    def __getitem__(self, path: str) -> str:
        return unpack(self._packed[path])

    def __setitem__(self, path: str, text: str) -> None:
        self._packed[path] = pack(text)

    def __delitem__(self, path: str) -> None:
        del self._packed[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, path: object) -> bool:
        return path in self._packed

    def put_packed(self, path: str, data: bytes) -> None:
        """Hold ``data``, a text as ``pack`` made it (from the build cache), without compressing it again."""
        self._packed[path] = data

    def packed(self, path: str) -> bytes:
        """The text at ``path`` as ``pack`` made it (what ``render.write_docs`` fingerprints)."""
        return self._packed[path]

    def encoded(self, path: str) -> bytes:
        """The text at ``path`` as UTF-8 bytes, as it is written (without a str in between)."""
        return zlib.decompress(self._packed[path])
