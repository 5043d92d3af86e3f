"""Dates gate: every date is a real calendar date; a period does not end before it starts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from casebook.dates import DateError, certainly_before, parse_partial_date
from casebook.diagnostics import Diagnostic
from casebook.loading import JsonPath, LoadResult

DATE_FIELDS = {"date", "published", "accessed", "as_of", "start", "end", "last_reviewed"}


def date_paths(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """Yield (path, value) for every date-valued field in a case (diagnostics are sorted later)."""
    # An explicit stack rather than nested generators, through which every yield would pass
    # up each level of the document: this walk ran over every node of every case.
    stack: list[tuple[JsonPath, Any]] = [(path, value)]
    while stack:
        here, item = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                if key in DATE_FIELDS and isinstance(child, (str, int)):
                    yield (*here, key), child
                elif isinstance(child, (dict, list)):
                    stack.append(((*here, key), child))
        elif isinstance(item, list):
            stack.extend(((*here, i), child) for i, child in enumerate(item) if isinstance(child, (dict, list)))


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """Check calendar validity of every date and the order of the period."""
    for path, value in date_paths(loaded.data):
        try:
            parse_partial_date(value)
        except DateError as exc:
            yield loaded.diagnostic(path, "D600", str(exc))
    period = loaded.data["period"]
    try:
        start = parse_partial_date(period["start"])
        end = parse_partial_date(period["end"]) if "end" in period else None
    except DateError:
        return
    if end is not None and certainly_before(end, start):
        yield loaded.diagnostic(("period", "end"), "D602", f"period ends ({end}) before it starts ({start})")
