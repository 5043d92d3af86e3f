"""Similar cases for a whole corpus at once, equal to ``similar_cases`` for each case.

Every case page lists its most similar cases, and the exact top few by ``similarity`` need every
pair of cases to be scored: the fifth-best score is typically about 0.4, far too low for any
bound to rule pairs out. Scoring the pairs one at a time in Python took 5 s for 1,000 cases and
would take about 8 minutes for 10,000. Here the pairs are scored with matrix products over the
cases' feature sets (numpy, blocks of rows), and only the few cases whose score comes within
``MARGIN`` of each case's cut-off are scored again by ``similarity`` itself, so rounding and
tie-breaking are exactly those of ``similar_cases``.

Why the margin is enough: ``similarity`` rounds to four places, which moves a score by at most
5e-5. A case scoring more than 2e-4 below the ``limit``-th best unrounded score is beaten, after
rounding, by at least ``limit`` cases, so it cannot be among the results.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from casebook.graph.similarity import WEIGHTS, features, similarity
from casebook.model import Case

if TYPE_CHECKING:
    import numpy as np

MARGIN = 2e-4
"""How far below the cut-off a vectorised score must be to be left out (module docstring)."""

BLOCK = 256
"""Rows scored per matrix product: bounds memory to a few BLOCK x N arrays."""


def _incidence(cases: Sequence[Case], family: str) -> np.ndarray[Any, Any]:
    import numpy as np

    sets: list[frozenset[Any]] = [getattr(features(case), family) for case in cases]
    column = {token: i for i, token in enumerate(sorted({t for s in sets for t in s}, key=repr))}
    # float32 halves the memory traffic; counts and Jaccard indices stay within 1e-6 of exact,
    # far inside MARGIN.
    matrix = np.zeros((len(cases), max(len(column), 1)), dtype=np.float32)
    for row, tokens in enumerate(sets):
        matrix[row, [column[t] for t in tokens]] = 1.0
    return matrix


def _block_scores(
    rows: slice, matrices: dict[str, np.ndarray[Any, Any]], sizes: dict[str, np.ndarray[Any, Any]]
) -> np.ndarray[Any, Any]:
    import numpy as np

    total: Any = None
    weight: Any = None
    for family, w in WEIGHTS.items():
        matrix, size = matrices[family], sizes[family]
        shared = matrix[rows] @ matrix.T
        union = size[rows, None] + size[None, :] - shared
        if size.min() > 0:  # every case has this family: no empty union, no division by zero
            np.divide(shared, union, out=shared)
            present: Any = 1.0
        else:
            present = union > 0
            np.divide(shared, union, out=shared, where=present)
            shared[~present] = 0.0
        shared *= w
        total = shared if total is None else np.add(total, shared, out=total)
        weight = w * present if weight is None else weight + w * present
    if np.isscalar(weight):
        return total / weight  # type: ignore[no-any-return]
    return np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)  # type: ignore[no-any-return]


def similar_index(cases: Sequence[Case], limit: int = 5) -> dict[str, list[tuple[str, float]]]:
    """Return ``{case id: similar_cases(case, cases, limit)}`` for every case, computed together.

    Args:
        cases: The corpus (ids unique, as validation guarantees).
        limit: At most this many similar cases per case.

    Returns:
        For each case id, ``(case_id, score)`` pairs, best first; equal scores in case-id order.
    """
    import numpy as np

    if limit <= 0 or len(cases) < 2:
        return {case.id: [] for case in cases}
    matrices = {family: _incidence(cases, family) for family in WEIGHTS}
    sizes = {family: matrix.sum(axis=1) for family, matrix in matrices.items()}
    out: dict[str, list[tuple[str, float]]] = {}
    for start in range(0, len(cases), BLOCK):
        rows = slice(start, min(start + BLOCK, len(cases)))
        scores = _block_scores(rows, matrices, sizes)
        scores[np.arange(scores.shape[0]), np.arange(rows.start, rows.stop)] = -1.0  # never itself
        keep = min(limit, scores.shape[1] - 1)
        cutoff = -np.partition(-scores, keep - 1, axis=1)[:, keep - 1]
        for offset, row in enumerate(scores):
            case = cases[start + offset]
            candidates = np.flatnonzero((row > 0) & (row >= cutoff[offset] - MARGIN)).tolist()
            exact = ((cases[i].id, similarity(case, cases[i])) for i in candidates)
            ranked = sorted(((ident, score) for ident, score in exact if score > 0), key=lambda p: (-p[1], p[0]))
            out[case.id] = ranked[:limit]
    return out
