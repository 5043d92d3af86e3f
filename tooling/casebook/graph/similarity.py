"""Similar cases: how much two chains share in stages, failure modes and stage transitions.

The score is a weighted mean of three Jaccard indices (shared / combined):

* failure modes used by breaks and amplifiers, weight 0.4: *how* links failed says most;
* stages touched, weight 0.3: *where* the chain ran;
* stage-to-stage transitions along ``caused_by`` links, weight 0.3: *how* it travelled.

A family that both cases leave empty (two single-stage chains have no transitions) drops out
of the mean instead of counting as a disagreement, so the score stays in [0, 1] and two cases
with identical features score 1. Scores are rounded to four places, so ties are real ties and
are broken by case id.
"""

from __future__ import annotations

import heapq
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from casebook.model import Case

WEIGHTS = {"failure_modes": 0.4, "stages": 0.3, "transitions": 0.3}


@dataclass(frozen=True)
class Features:
    """The sets a case is compared by."""

    failure_modes: frozenset[str]
    stages: frozenset[str]
    transitions: frozenset[tuple[str, str]]


# Sites ask for the neighbours of every case, which compares every pair; computing features once
# per case object keeps that quadratic step to set operations. Keyed by identity, because hashing
# a frozen Case hashes its whole tree on every call.
_CACHE: dict[int, tuple[weakref.ref[Case], Features]] = {}


def features(case: Case) -> Features:
    """Return the comparison features of a case (cached per case object)."""
    hit = _CACHE.get(id(case))
    if hit is not None and hit[0]() is case:
        return hit[1]
    stage_of = {e.id: e.stage for e in case.chain}
    found = Features(
        failure_modes=frozenset(e.failure_mode for e in case.chain if e.failure_mode),
        stages=frozenset(stage_of.values()),
        transitions=frozenset(
            (stage_of[cause], e.stage) for e in case.chain for cause in e.caused_by if stage_of[cause] != e.stage
        ),
    )
    key = id(case)
    _CACHE[key] = (weakref.ref(case, lambda _ref: _CACHE.pop(key, None)), found)
    return found


def _jaccard(left: frozenset[Any], right: frozenset[Any], weight: float) -> tuple[float, float]:
    union = len(left | right)
    return (weight * len(left & right) / union, weight) if union else (0.0, 0.0)


def score(a: Features, b: Features) -> float:
    """Score two feature sets in [0, 1] (module docstring)."""
    parts = (
        _jaccard(a.failure_modes, b.failure_modes, WEIGHTS["failure_modes"]),
        _jaccard(a.stages, b.stages, WEIGHTS["stages"]),
        _jaccard(a.transitions, b.transitions, WEIGHTS["transitions"]),
    )
    weight = sum(w for _, w in parts)
    return round(sum(s for s, _ in parts) / weight, 4) if weight else 0.0


def similarity(a: Case, b: Case) -> float:
    """Score how alike two cases' chains are, in [0, 1] (module docstring)."""
    return score(features(a), features(b))


def similar_cases(case: Case, cases: Iterable[Case], limit: int = 5) -> list[tuple[str, float]]:
    """Find the cases most like ``case``.

    Args:
        case: The case to match.
        cases: The corpus; ``case`` itself (by id) and cases with nothing in common are skipped.
        limit: At most this many results.

    Returns:
        ``(case_id, score)`` pairs, best first; equal scores in case-id order.
    """
    mine = features(case)
    scored = {}
    for other in cases:
        if other.id != case.id:
            value = score(mine, features(other))
            if value > 0:
                scored[other.id] = value
    best = heapq.nsmallest(max(limit, 0), ((-value, ident) for ident, value in scored.items()))
    return [(ident, -negative) for negative, ident in best]
