"""Text for SVG: escaping, width estimates and line wrapping.

The renderer cannot measure text (no fonts, no browser), so widths are estimated from a table
of per-character widths, leaning wide so that labels stay inside their boxes.
"""

from __future__ import annotations

import re
import unicodedata

# XML 1.0 allows tab, newline, carriage return and these ranges; anything else (NUL, other C0
# controls, lone surrogates, U+FFFE/FFFF) makes the document ill-formed, so it is dropped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")

# Advance widths in em of DejaVu Sans, the widest of the common sans-serif faces (Debian's
# default, measured in Chromium); narrower faces (Segoe UI, Roboto, Helvetica) then fit too.
_EM_BY_CHARS = {
    "ijl'": 0.28,
    "IJ": 0.3,
    " .,·": 0.32,
    ";:|/": 0.34,
    "f": 0.35,
    "-": 0.37,
    "rt()[]": 0.4,
    "!": 0.41,
    '"': 0.46,
    "sz": 0.53,
    "?": 0.54,
    "c": 0.55,
    "L": 0.56,
    "kF": 0.58,
    "vxyT": 0.6,
    "P": 0.61,
    "aeoY": 0.62,
    "0123456789bdghnpquES$": 0.64,
    "K": 0.66,
    "BVXZ": 0.69,
    "CR": 0.7,
    "A": 0.71,
    "U": 0.74,
    "N": 0.75,
    "H": 0.76,
    "DG&": 0.78,
    "OQ": 0.79,
    "w": 0.82,
    "+": 0.84,
    "M": 0.87,
    "%": 0.96,
    "m": 0.98,
    "W": 0.99,
}
_EM = {char: em for chars, em in _EM_BY_CHARS.items() for char in chars}


def escape(text: str) -> str:
    """Escape text for an SVG/XML text node or a double-quoted attribute.

    Every ``<``, ``>``, ``&``, ``"`` and ``'`` becomes an entity, so no field of a case can open
    an element or an attribute; characters XML cannot carry are removed. Runs of whitespace
    become one space: a blank line inside an SVG would end the raw HTML block of a Markdown page.
    """
    clean = " ".join(_NOT_XML.sub("", text).split())
    return (
        clean.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def xml_id(*parts: str) -> str:
    """Join parts into an id safe for XML and CSS (``cb-`` prefixed, other characters as ``_``)."""
    return "cb-" + "-".join(_ID_UNSAFE.sub("_", part) for part in parts)


def text_width(text: str, size: float) -> float:
    """Estimate the rendered width of ``text`` at font ``size`` in a sans-serif face, leaning wide."""
    em = 0.0
    for char in text:
        if char in _EM:
            em += _EM[char]
        elif unicodedata.east_asian_width(char) in "WF":
            em += 1.0
        else:
            em += 0.8 if char.isupper() else 0.66  # accented letters and other scripts: wide side
    return em * size


def _break_word(current: str, word: str, width: float, size: float) -> tuple[list[str], str]:
    """Hyphenate a word too long for a line: fill what is left of ``current``, then whole lines."""
    done: list[str] = []
    line = f"{current} " if current else ""
    for char in word:
        if text_width(line + char + "-", size) > width and line.strip():
            done.append(line + "-" if not line.endswith(" ") else line.rstrip())
            line = ""
        line += char
    return done, line


def wrap(text: str, width: float, size: float, max_lines: int) -> list[str]:
    """Wrap ``text`` into lines no wider than ``width`` at font ``size``.

    Words longer than a line are split with a hyphen. When the text needs more than
    ``max_lines`` lines, the last kept line ends with an ellipsis; the full text belongs in a
    tooltip.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
        elif text_width(word, size) <= width:
            lines.append(current)
            current = word
        else:
            done, current = _break_word(current, word, width, size)
            lines += done
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines or [""]


def num(value: float) -> str:
    """Format a coordinate with at most one decimal, so output is stable across platforms."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text
