"""Similar cases for a whole corpus at once, without scoring every pair (issue 15, item 5).

Scoring every pair grows with the square of the corpus. Here each case looks only at the cases
that share its tokens, through an inverted index (token → cases holding it), and it reads its
tokens rarest first: rare tokens carry most of the weight (``graph.similarity``), so the cases
that can still reach its top few are found early. After each token the search knows

* a *lower bound* for every case seen so far: the weight shared on the tokens read, and
* an *upper bound* for every case not seen: by Cauchy-Schwarz, no case can share more than the
  weight of the tokens not yet read, ``sqrt(sum w²) / |a|``.

It stops as soon as ``limit`` seen cases are certainly better than any unseen one (with a margin
for rounding), and then scores exactly only the seen cases whose upper bound still reaches the
cut-off. The search also stops when reading the next token would take it past ``budget(n)``
postings, a multiple of ``log2 n``: the cost per case is then bounded and the whole index costs
``O(n log n)``. A search stopped by the budget is not proved exact; :func:`exactness` counts
such cases, and the tests check that on the real corpus every result equals the exhaustive one.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence

from casebook.graph.similarity import Scorer, Suggestion, Token, rank
from casebook.model import Case

MARGIN = 2e-4
"""Rounding to four places moves a score by at most 5e-5; bounds are compared with this margin."""

POSTINGS_PER_LOG = 1024
"""Postings one case may read per ``log2 n``; :func:`budget`."""

EXACT_LIMIT = 4
"""At most this many times ``limit`` seen cases are scored exactly per case."""


def budget(n: int) -> int:
    """Postings one case may read in a corpus of ``n`` cases: ``POSTINGS_PER_LOG * ceil(log2 n)``."""
    return POSTINGS_PER_LOG * max(1, math.ceil(math.log2(max(n, 2))))


def _unseen_bound(left: float, smallest: float) -> float:
    """At most how much weight, over its own norm, a case not seen yet can share with the unread tokens.

    A case of norm ``m`` shares at most ``min(left, m²)``, and ``min(left, m²) / m`` is largest at
    ``m = sqrt(left)``; no case's norm is below ``smallest``.
    """
    if smallest * smallest >= left:
        return left / smallest if smallest else 0.0
    return math.sqrt(left)


def _search(
    scorer: Scorer, postings: dict[Token, list[int]], i: int, limit: int, cap: int, smallest: float
) -> tuple[list[int], bool]:
    """Candidates for case ``i`` (a few, to be scored exactly) and whether the bounds prove them complete."""
    norm_i = scorer.norm[i]
    if not norm_i:
        return [], True
    remaining = norm_i * norm_i
    shared: dict[int, float] = defaultdict(float)
    read = 0
    complete = True
    # Most weight per posting first: rare and heavy tokens narrow the bounds soonest.
    for token in sorted(scorer.tokens[i], key=lambda t: (-scorer.square[t] / len(postings[t]), t)):
        people = postings[token]
        if read + len(people) > cap:
            complete = False
            continue  # a cheaper token may still fit the budget
        read += len(people)
        square = scorer.square[token]
        remaining -= square
        for j in people:
            shared[j] += square
    shared.pop(i, None)
    if not shared:
        return [], complete
    # Bounds on each seen case's cosine: what is shared so far, plus at most the unread weight of
    # case i or the weight case j has not matched yet, whichever is less.
    left = max(remaining, 0.0) if not complete else 0.0
    low = {j: s / (norm_i * scorer.norm[j]) for j, s in shared.items()}
    high = {j: (s + min(left, scorer.norm[j] ** 2 - s)) / (norm_i * scorer.norm[j]) for j, s in shared.items()}
    cutoff = heapq.nlargest(min(limit, len(low)), low.values())[-1]
    reach = [j for j in shared if high[j] + MARGIN >= cutoff]
    proved = complete or (len(low) >= limit and cutoff > _unseen_bound(left, smallest) / norm_i + MARGIN)
    if len(reach) > EXACT_LIMIT * limit:
        reach = heapq.nlargest(EXACT_LIMIT * limit, reach, key=lambda j: (low[j], -j))
        proved = False
    return reach, proved


def suggestion_index(
    cases: Sequence[Case], limit: int = 5, cap: int | None = None
) -> tuple[dict[str, list[Suggestion]], int]:
    """Similar cases with reasons for every case, and how many searches the budget cut short.

    Args:
        cases: The corpus (ids unique, as validation guarantees).
        limit: At most this many similar cases per case.
        cap: Postings one case may read; :func:`budget` of the corpus size by default.

    Returns:
        ``({case id: suggestions best first}, number of cases whose search was not proved exact)``.
    """
    if limit <= 0 or len(cases) < 2:
        return {case.id: [] for case in cases}, 0
    scorer = Scorer(cases)
    postings: dict[Token, list[int]] = defaultdict(list)
    for j, own in enumerate(scorer.tokens):
        for token in own:
            postings[token].append(j)
    allowed = budget(len(cases)) if cap is None else cap
    smallest = min((n for n in scorer.norm if n), default=0.0)
    out: dict[str, list[Suggestion]] = {}
    unproved = 0
    for i, case in enumerate(cases):
        candidates, proved = _search(scorer, postings, i, limit, allowed, smallest)
        unproved += not proved
        out[case.id] = rank(scorer, i, candidates, limit)
    return out, unproved


def similar_index(cases: Sequence[Case], limit: int = 5) -> dict[str, list[tuple[str, float]]]:
    """``{case id: [(similar id, score), ...]}`` for every case, best first; see the module docstring."""
    found, _ = suggestion_index(cases, limit)
    return {ident: [(s.id, s.score) for s in found[ident]] for ident in found}


def exactness(cases: Sequence[Case], limit: int = 5) -> int:
    """How many cases' searches the budget cut short (0: every result is proved exact)."""
    return suggestion_index(cases, limit)[1]
