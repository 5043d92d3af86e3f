"""Regions gate: ``global`` stands alone in ``regions``; a list of countries never includes it."""

from __future__ import annotations

from collections.abc import Iterator

from casebook.countries import GLOBAL
from casebook.diagnostics import Diagnostic
from casebook.loading import LoadResult


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """V302: ``global`` beside country codes (the schema has checked each value)."""
    regions = loaded.data["regions"]
    if GLOBAL in regions and len(regions) > 1:
        yield loaded.diagnostic(
            ("regions", regions.index(GLOBAL)),
            "V302",
            "region 'global' stands alone: list the countries where customers were harmed, or 'global' only",
        )
