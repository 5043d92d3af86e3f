"""Dates gate: every date is a real calendar date; a period does not end before it starts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from casebook.dates import DateError, certainly_before, parse_partial_date
from casebook.diagnostics import Diagnostic
from casebook.loading import JsonPath, LoadResult

DATE_FIELDS = {"date", "published", "accessed", "as_of", "start", "end", "last_reviewed", "public_date", "archived"}


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


def _public_year(loaded: LoadResult) -> Iterator[Diagnostic]:
    """D603: the case's year is its id's year, so ``public_date`` must fall in it."""
    if "public_date" not in loaded.data:
        return
    try:
        public = parse_partial_date(loaded.data["public_date"])
    except DateError:
        return  # D600 above
    id_year = int(loaded.data["id"][:4])
    if public.year != id_year:
        yield loaded.diagnostic(
            ("public_date",),
            "D603",
            f"public_date {public} is in {public.year}, but the id says the failure became public in {id_year}",
        )


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """Check calendar validity of every date and the order of the period."""
    for path, value in date_paths(loaded.data):
        try:
            parse_partial_date(value)
        except DateError as exc:
            yield loaded.diagnostic(path, "D600", str(exc))
    yield from _public_year(loaded)
    period = loaded.data["period"]
    try:
        start = parse_partial_date(period["start"])
        end = parse_partial_date(period["end"]) if "end" in period else None
    except DateError:
        return
    if end is not None and certainly_before(end, start):
        yield loaded.diagnostic(("period", "end"), "D602", f"period ends ({end}) before it starts ({start})")
