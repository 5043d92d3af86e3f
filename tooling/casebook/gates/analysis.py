"""Analysis gate: the crisis type belongs to the crisis cluster."""

from __future__ import annotations

from collections.abc import Iterator

from casebook.diagnostics import Diagnostic
from casebook.loading import LoadResult
from casebook.vocabulary import load_vocabulary


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """Check that crisis.type is one of crisis.cluster's types."""
    crisis = loaded.data["analysis"]["crisis"]
    home = load_vocabulary()["crisis_types"].terms[crisis["type"]].extra["cluster"]
    if home != crisis["cluster"]:
        yield loaded.diagnostic(
            ("analysis", "crisis", "type"),
            "V301",
            f"crisis type '{crisis['type']}' belongs to the '{home}' cluster, not '{crisis['cluster']}'",
        )
