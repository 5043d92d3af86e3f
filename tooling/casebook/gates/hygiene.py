"""Hygiene gate: no personal contact data, control characters or template TODO markers in case text.

Runs before the schema, on any loaded mapping, because an unfinished scaffold should be told
"unfinished" rather than "not in the vocabulary".

Almost no case has a finding, so a cheap necessary condition for each pattern is first tested
once on all of a case's text joined by NUL characters; only when one holds are the strings
checked one by one, and that pass decides. Every per-string match still shows in the joined text
(NUL is neither a word character, a hyphen nor a space, so the patterns' edges hold at the joins).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from casebook.diagnostics import Diagnostic
from casebook.gates import neutral
from casebook.loading import JsonPath, LoadResult
from casebook.terminal import has_control, safe

TODO = re.compile(r"\bTODO\b")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# North American numbers such as (555) 123-4567 or 555-123-4567, and international +CC numbers.
PHONE = re.compile(
    r"(?<![\w-])(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-])|\+\d{1,3}(?:[ .-]?\d{2,4}){3,5}(?!\w)"
)
URL_FIELDS = {"url", "archived_url"}
# What any PHONE match without a "+" must contain: three digits, a separator, three digits, a separator.
_PHONE_HINT = re.compile(r"\d\d\d[-. )]\s?\d\d\d[-. ]\d")


def strings(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """Yield (path, text) for every string in a loaded document."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from strings(child, (*path, index))


def _joined(value: Any) -> tuple[str, str, bool]:
    """All strings, and the strings outside URL fields, each joined by NUL; no paths built.

    The third value says whether any string or key holds a control character (H804).
    """
    every: list[str] = []
    prose: list[str] = []
    keys: list[str] = []
    stack: list[tuple[Any, Any]] = [(value, None)]
    while stack:
        item, key = stack.pop()
        if isinstance(item, str):
            every.append(item)
            if key not in URL_FIELDS:
                prose.append(item)
        elif isinstance(item, dict):
            keys.extend(item)
            stack.extend((child, name) for name, child in item.items())
        elif isinstance(item, list):
            stack.extend((child, None) for child in item)
    # Joined by newlines for this test, since a newline is allowed and NUL is not.
    controls = has_control("\n".join(every)) or has_control("\n".join(keys))
    return "\0".join(every), "\0".join(prose), controls


def _keys(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*path, key), key
            yield from _keys(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _keys(child, (*path, index))


def _control_message(text: str, what: str) -> str:
    char = next(c for c in text if has_control(c))
    return f"control character {safe(char)} in {what}; case text may hold line breaks and tabs, nothing else"


def check_controls(loaded: LoadResult) -> Iterator[Diagnostic]:
    """Report strings and keys holding control characters (NUL, ESC, DEL, C1, bidi overrides).

    They reach the pages, the DOT output and the terminal, where an ESC sequence or a carriage
    return can rewrite what the reader sees (issue 12, item 9). Tab and newline are allowed:
    YAML block text is made of them.
    """
    for path, text in strings(loaded.data):
        if has_control(text):
            yield loaded.diagnostic(path, "H804", _control_message(text, "text"))
    for path, key in _keys(loaded.data):
        if has_control(key):
            yield loaded.diagnostic(path, "H804", _control_message(key, "a key"), key=True)


def todo_paths(loaded: LoadResult) -> frozenset[JsonPath]:
    """Paths whose value still carries a TODO marker."""
    return frozenset(path for path, text in strings(loaded.data) if TODO.search(text))


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """Report control characters, TODO markers, email addresses and phone numbers."""
    every, prose, controls = _joined(loaded.data)
    if controls:
        yield from check_controls(loaded)
    if neutral.LOADED.search(prose):  # the joined text holds every checked string
        yield from neutral.check(loaded)
    if "TODO" not in every and "@" not in prose and "+" not in prose and not _PHONE_HINT.search(prose):
        return
    for path, text in strings(loaded.data):
        if TODO.search(text):
            yield loaded.diagnostic(path, "H803", f"unfinished: replace the TODO marker ({text.strip()[:60]!r})")
            continue
        if path and path[-1] in URL_FIELDS:
            continue
        if match := EMAIL.search(text):
            yield loaded.diagnostic(path, "H801", f"email address '{match.group()}' in case text")
        if match := PHONE.search(text):
            yield loaded.diagnostic(path, "H802", f"phone number '{match.group()}' in case text")
