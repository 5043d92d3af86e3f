"""Former ids across the corpus: a renamed case keeps its old id in ``aliases`` (format v2).

I702: an alias is the id of a case that still exists, so the old address would serve two cases.
I703: two cases claim the same former id, so its redirect could go to either.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from casebook.diagnostics import Diagnostic
from casebook.loading import LoadResult


def check_aliases(loaded: Iterable[tuple[LoadResult, Path]], known_ids: set[str]) -> Iterator[Diagnostic]:
    """Report aliases that are live ids, and aliases claimed by more than one case.

    ``known_ids`` holds every case id of the corpus (file names), including files not loaded.
    """
    items = sorted(loaded, key=lambda item: item[0].path)
    live = known_ids | {result.data["id"] for result, _ in items}
    claimed: dict[str, str] = {}
    for result, _path in items:
        for i, alias in enumerate(result.data.get("aliases", []) or []):
            if not isinstance(alias, str):
                continue
            where = ("aliases", i)
            if alias in live:
                yield result.diagnostic(
                    where, "I702", f"former id '{alias}' is still a case id; a renamed case's old file must be gone"
                )
            elif alias in claimed and claimed[alias] != result.path:
                yield result.diagnostic(where, "I703", f"former id '{alias}' is also an alias in {claimed[alias]}")
            else:
                claimed.setdefault(alias, result.path)
