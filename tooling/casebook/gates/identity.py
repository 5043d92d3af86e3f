"""Identity gates across the corpus: file name equals id, ids are unique, related ids exist."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from casebook.diagnostics import Diagnostic
from casebook.loading import LoadResult
from casebook.suggest import did_you_mean


def check_file_name(loaded: LoadResult, path: Path) -> Iterator[Diagnostic]:
    """The file must be named ``<id>.yaml``."""
    ident = loaded.data["id"]
    if path.stem != ident:
        yield loaded.diagnostic(
            ("id",), "I700", f"id '{ident}' does not match the file name '{path.name}' (expected {ident}.yaml)"
        )


def check_corpus(loaded: Iterable[tuple[LoadResult, Path]], known_ids: set[str]) -> Iterator[Diagnostic]:
    """Report duplicate ids between files and ``related`` ids that are not in the corpus.

    ``known_ids`` holds the ids of every case in the corpus, including files not loaded in this
    run (their ids are their file names, which the I700 gate keeps true).
    """
    first: dict[str, str] = {}
    items = list(loaded)
    # The file named after the id owns it; the others are the duplicates.
    for result, _path in sorted(items, key=lambda item: (item[1].stem != item[0].data["id"], item[0].path)):
        ident = result.data["id"]
        if ident in first:
            yield result.diagnostic(("id",), "I701", f"case id '{ident}' is also declared in {first[ident]}")
        else:
            first[ident] = result.path
    corpus = known_ids | set(first)
    for result, _path in items:
        for i, rel in enumerate(result.data.get("related", [])):
            if rel["id"] not in corpus:
                yield result.diagnostic(
                    ("related", i, "id"),
                    "R403",
                    f"related case '{rel['id']}' is not in the corpus{did_you_mean(rel['id'], sorted(corpus))}",
                )
