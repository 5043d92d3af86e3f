"""Hygiene gate: no personal contact data and no template TODO markers in case text.

Runs before the schema, on any loaded mapping, because an unfinished scaffold should be told
"unfinished" rather than "not in the vocabulary".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from casebook.diagnostics import Diagnostic
from casebook.loading import JsonPath, LoadResult

TODO = re.compile(r"\bTODO\b")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# North American numbers such as (555) 123-4567 or 555-123-4567, and international +CC numbers.
PHONE = re.compile(
    r"(?<![\w-])(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-])|\+\d{1,3}(?:[ .-]?\d{2,4}){3,5}(?!\w)"
)
URL_FIELDS = {"url", "archived_url"}


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


def todo_paths(loaded: LoadResult) -> frozenset[JsonPath]:
    """Paths whose value still carries a TODO marker."""
    return frozenset(path for path, text in strings(loaded.data) if TODO.search(text))


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """Report TODO markers, email addresses and phone numbers."""
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
