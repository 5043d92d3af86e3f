"""Text that reaches a terminal: control characters shown as escapes, never obeyed.

Case files, file names, feed titles and command-line arguments are untrusted. An ESC (``\\x1b``)
starts an ANSI sequence that can erase or recolour the line (``ESC[2K``), a ``\\r`` moves the
cursor back so later text overwrites a diagnostic, and C1 controls (``\\x9b`` is an 8-bit CSI) do
the same in some terminals (issue 12, item 9). Every message the CLI prints passes through
``safe``, which renders each such character as a visible Python-style escape (``\\x1b``,
``\\r``): the reader sees what is in the file, and the terminal state cannot change.
"""

from __future__ import annotations

import functools
import re

# C0 controls, DEL and C1 controls; the Unicode line and paragraph separators, which some terminals
# and editors treat as line breaks; and the bidirectional overrides and isolates, which reorder
# what is displayed ("Trojan Source", CVE-2021-42574).
_OTHERS = r"\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_ANY = re.compile(r"[\x00-\x1f" + _OTHERS + "]")
_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f" + _OTHERS + "]")
_NOT_C0 = re.compile(f"[{_OTHERS}]")

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


@functools.lru_cache(maxsize=64)
def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _replace(match: re.Match[str]) -> str:
    return _escape(match.group())


def safe(text: str) -> str:
    """Return ``text`` for one terminal line: every control character, tab and newline escaped."""
    return _ANY.sub(_replace, text)


def safe_lines(text: str) -> str:
    """Return multi-line ``text`` for a terminal: line breaks and tabs kept, other controls escaped."""
    return _BUT_LINES.sub(_replace, text)


def json_safe(text: str) -> str:
    """Escape DEL, C1 and the separators in JSON text as ``\\uXXXX``, which JSON decodes back.

    ``json.dumps(ensure_ascii=False)`` escapes only C0, so DEL and C1 would reach a terminal raw.
    These characters can only occur inside JSON strings, where a ``\\u`` escape means the same.
    """
    return _NOT_C0.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character ``safe_lines`` escapes: anything but tab and newline."""
    return _BUT_LINES.search(text) is not None
