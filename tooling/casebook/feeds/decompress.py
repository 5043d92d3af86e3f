"""Compressed feed bodies: gzip or deflate, undone with the size cap applied to the result.

A server may send ``Content-Encoding: gzip`` whether or not it was asked, and a ``.gz`` file
may be named as a feed; both used to reach the parser compressed and be refused as not a feed.
The decompressed size counts against ``--max-bytes``, so a gzip bomb (a few kilobytes that
inflate to gigabytes) stops at the cap (F911); a damaged stream is F922.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

_GZIP_MAGIC = b"\x1f\x8b"
_GZIP, _ZLIB, _RAW = 16 + zlib.MAX_WBITS, zlib.MAX_WBITS, -zlib.MAX_WBITS


class DecompressError(Exception):
    """The body cannot be used; ``code`` is F911 (too large once inflated) or F922 (damaged)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _inflate(body: bytes, wbits: int, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise DecompressError("F922", f"damaged compressed body ({exc})") from exc
    if len(out) > max_bytes:
        raise DecompressError("F911", f"decompresses to more than {max_bytes} bytes")
    if not inflater.eof:
        raise DecompressError("F922", "compressed body ends before its end marker (truncated)")
    return out


def decompress(body: bytes, headers: Mapping[str, str], max_bytes: int) -> bytes:
    """The body with any gzip or deflate encoding undone; other bodies are returned as they are.

    Args:
        body: The bytes as received (already within ``max_bytes``).
        headers: Response headers with lower-case names.
        max_bytes: The cap on the decompressed size.

    Raises:
        DecompressError: The body is damaged (F922), inflates past the cap (F911), or uses an
            encoding we cannot undo (F922).
    """
    encoding = headers.get("content-encoding", "").strip().lower()
    if encoding in ("gzip", "x-gzip") or (encoding in ("", "identity") and body.startswith(_GZIP_MAGIC)):
        return _inflate(body, _GZIP, max_bytes)
    if encoding == "deflate":  # a zlib stream by the RFC, raw deflate by some servers' habit
        try:
            return _inflate(body, _ZLIB, max_bytes)
        except DecompressError as exc:
            if exc.code != "F922":
                raise
            return _inflate(body, _RAW, max_bytes)
    if encoding in ("", "identity"):
        return body
    raise DecompressError("F922", f"unsupported Content-Encoding '{encoding[:40]}'")
