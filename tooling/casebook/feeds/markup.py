"""Raw feed bytes, before the parser: refuse pathological markup, defuse bad character references.

feedparser (through ``xml.sax`` and its sgmllib fallback) has two weaknesses that one hostile
feed can exploit to stop a whole run: a numeric character reference to a lone surrogate or an
out-of-range code point (``&#xD800;``, ``&#x110000;``, a 5,000-digit ``&#9...;``) raises inside
the parser instead of being reported, and an element with hundreds of thousands of attributes
takes time quadratic in their number. Both are dealt with here, in one linear pass each, so the
parser only ever sees bytes it can finish with.
"""

from __future__ import annotations

import re

MAX_ATTRIBUTES = 256
"""Attributes on one element; real feeds use a handful, so this leaves ample room."""
MAX_TAG_BYTES = 64 * 1024
"""Bytes between one tag's ``<`` and ``>``."""
MAX_DEPTH = 1000
"""Elements open at once; feeds are a few levels deep, with some XHTML inside entries."""

# A numeric character reference, however many digits: a huge number is matched (and replaced)
# without ever being converted to an int of thousands of digits.
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_REPLACEMENT = b"&#xFFFD;"
_ATTRIBUTE = re.compile(rb"[^\s=<>/\"']+\s*=")


def _allowed(point: int) -> bool:
    # The characters XML 1.0 allows: tab, newline, carriage return, and everything from space
    # up, except surrogates and the two non-characters U+FFFE and U+FFFF.
    if point in (0x9, 0xA, 0xD):
        return True
    return 0x20 <= point <= 0x10FFFF and not 0xD800 <= point <= 0xDFFF and point not in (0xFFFE, 0xFFFF)


def _defuse(match: re.Match[bytes]) -> bytes:
    hex_digits, decimal = match.group(1), match.group(2)
    digits = hex_digits or decimal
    if len(digits.lstrip(b"0")) > 8:  # far beyond U+10FFFF, whatever the base
        return _REPLACEMENT
    point = int(hex_digits, 16) if hex_digits else int(decimal)
    return match.group() if _allowed(point) else _REPLACEMENT


def defuse_charrefs(body: bytes) -> tuple[bytes, int]:
    """Replace references to characters XML forbids with U+FFFD; return the bytes and how many.

    Only ASCII-compatible encodings spell references this way; a UTF-16 body passes through
    unchanged (the per-feed isolation in the pipeline covers it).
    """
    return _CHARREF.subn(_defuse, body)


def _skip(body: bytes, start: int, opener: bytes, closer: bytes) -> int:
    end = body.find(closer, start + len(opener))
    return len(body) if end < 0 else end + len(closer)


def _where(body: bytes, at: int) -> str:
    line = body.count(b"\n", 0, at) + 1
    return f"at line {line} (byte {at})"


def prescan(body: bytes) -> str | None:
    """Why the markup is too pathological to parse, or None when it is fine.

    One pass over the tags, each found with ``bytes.find`` from where the last one ended, so the
    scan is linear whatever the input: CDATA sections, comments and declarations are skipped,
    and each tag is checked for its length, its number of attributes and the nesting depth.
    """
    depth = 0
    at = body.find(b"<")
    while at >= 0:
        if body.startswith(b"<![CDATA[", at):
            end = _skip(body, at, b"<![CDATA[", b"]]>")
        elif body.startswith(b"<!--", at):
            end = _skip(body, at, b"<!--", b"-->")
        else:
            close = body.find(b">", at + 1)
            end = len(body) if close < 0 else close + 1
            length = end - at
            if length > MAX_TAG_BYTES:
                return f"a tag of {length} bytes {_where(body, at)}; at most {MAX_TAG_BYTES}"
            tag = body[at + 1 : end - 1] if close >= 0 else body[at + 1 :]
            if tag[:1] not in (b"!", b"?"):
                attributes = len(_ATTRIBUTE.findall(tag))
                if attributes > MAX_ATTRIBUTES:
                    return f"an element with {attributes} attributes {_where(body, at)}; at most {MAX_ATTRIBUTES}"
                if tag.startswith(b"/"):
                    depth = max(depth - 1, 0)
                elif not tag.endswith(b"/"):
                    depth += 1
                    if depth > MAX_DEPTH:
                        return f"elements nested more than {MAX_DEPTH} deep {_where(body, at)}"
        at = body.find(b"<", end)
    return None
