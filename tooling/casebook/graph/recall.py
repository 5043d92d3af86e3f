"""How well automatic similar cases find what case authors linked by hand (held-out recall).

Every curated ``related`` link is hidden (removed from the cases) before similar cases are
computed, so the score cannot have seen them; then each curated pair that is not
``same_organization`` counts as found when the linked case is among the first ``limit``
suggestions of the case that links it. Run it on a corpus with::

    .venv/bin/python -m casebook.graph.recall [CASES_DIR]
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from casebook.graph.neighbours import similar_index
from casebook.model import Case


@dataclass(frozen=True)
class Recall:
    """Curated pairs and how many of them came back."""

    pairs: int
    found: int

    @property
    def share(self) -> float:
        """``found / pairs`` (0 when there is no pair)."""
        return self.found / self.pairs if self.pairs else 0.0

    def __str__(self) -> str:
        return f"{self.found} of {self.pairs} curated pairs in the first 5 ({self.share:.1%})"


def held_out_recall(cases: Sequence[Case], limit: int = 5) -> Recall:
    """Hide every curated link, compute similar cases, and count the curated pairs found again.

    Args:
        cases: The corpus, with its curated ``related`` links.
        limit: How many suggestions count.

    Returns:
        The number of curated pairs (``same_organization`` excluded) and how many were found.
    """
    pairs = [(c.id, r.id) for c in cases for r in c.related if r.relation != "same_organization"]
    hidden = [dataclasses.replace(c, related=()) for c in cases]
    found = similar_index(hidden, limit)
    hits = sum(1 for a, b in pairs if any(ident == b for ident, _ in found[a]))
    return Recall(len(pairs), hits)


def main(argv: Sequence[str]) -> int:
    """Print the held-out recall of the corpus in ``argv[0]`` (default ``cases``)."""
    from casebook.validation import load_corpus

    folder = Path(argv[0]) if argv else Path("cases")
    result = load_corpus(folder)
    if result.errors:
        print(f"{folder}: the corpus has errors; run casebook validate", file=sys.stderr)
        return 1
    print(held_out_recall(result.cases))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
