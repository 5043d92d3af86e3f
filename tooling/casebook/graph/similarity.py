"""Similar cases by chain shape, with the reasons a reader can check.

Each case becomes a set of *tokens*, each from one family:

* where it broke: the first-break stage, every break stage;
* how it travelled: failure modes of breaks and amplifiers, stage-to-stage steps along
  ``caused_by`` links, and failure-mode-to-stage steps (a break of mode M causing an event at
  stage S: "inadequate testing → product use");
* how it came out and was answered: detection channel, crisis type, response strategies,
  corrective actions, consequences and the trust verdict;
* what it is about: the organization's sector and the case's tags;
* what the chain says: the words of the summary, the event titles and descriptions and the
  lessons (four letters or more, without a fixed list of common words and the organization's own
  names, with a light suffix strip so that "recall", "recalls" and "recalled" count as one word).

Two cases score the cosine of their token sets, each token weighted by its family alone
(``WEIGHTS``; 1 unless listed): a case's sector and tags are single labels that sum up what many
of its words say, so they weigh 3. The weights are fixed, not learnt from the corpus, so the score
and the reasons of a pair depend on those two cases only: editing, adding or removing a third case
changes neither (a case page changes only when something it shows changes, issue 15). Curated
``related`` links are not an input. Scores are rounded to four places, so ties are real ties and
are broken by case id. The shared tokens with most weight become the *reasons* shown beside each
suggestion, chain shape before words.
"""

from __future__ import annotations

import math
import re
import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from casebook.graph.analysis import FAILURE_KINDS, cached_analysis
from casebook.model import Case
from casebook.vocabulary import load_vocabulary

Token = tuple[str, str]
"""``(family, value)``; a step's value is ``"from>to"``."""

REASONS = 3
"""Reasons shown beside a suggestion, the weightiest first."""

WEIGHTS = {"sector": 3.0, "tag": 3.0}
"""The weight of a token by its family; every other family weighs 1 (module docstring)."""

_TEXT = frozenset({"word"})
"""Families that help the score but explain less than chain shape: their reasons come last."""

_WORD = re.compile(r"[a-z]{4,}")
_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "were",
        "have",
        "been",
        "their",
        "they",
        "them",
        "than",
        "then",
        "when",
        "which",
        "while",
        "what",
        "also",
        "after",
        "before",
        "into",
        "over",
        "about",
        "more",
        "most",
        "some",
        "such",
        "only",
        "other",
        "these",
        "those",
        "said",
        "says",
        "would",
        "could",
        "should",
        "being",
        "does",
        "each",
        "many",
        "much",
        "very",
        "both",
        "within",
        "without",
        "until",
        "since",
        "where",
        "there",
        "here",
        "because",
        "through",
        "against",
        "among",
        "first",
        "later",
        "years",
        "year",
        "month",
        "months",
        "days",
        "week",
        "weeks",
        "company",
        "companies",
        "customers",
        "customer",
        "people",
    ]
)


@dataclass(frozen=True)
class Suggestion:
    """One similar case: its id, score in [0, 1] and the reasons, weightiest first."""

    id: str
    score: float
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """``{"id", "score", "reasons"}``."""
        return {"id": self.id, "score": self.score, "reasons": list(self.reasons)}


_CACHE: dict[int, tuple[weakref.ref[Case], frozenset[Token]]] = {}


def tokens(case: Case) -> frozenset[Token]:
    """The case's tokens (module docstring), cached per case object."""
    hit = _CACHE.get(id(case))
    if hit is not None and hit[0]() is case:
        return hit[1]
    return remember_tokens(case, frozenset(_tokens(case)))


def remember_tokens(case: Case, found: frozenset[Token]) -> frozenset[Token]:
    """Make ``found`` (``tokens(case)`` of an earlier build, from the build cache) the case's tokens."""
    key = id(case)
    _CACHE[key] = (weakref.ref(case, lambda _ref: _CACHE.pop(key, None)), found)
    return found


def _tokens(case: Case) -> Iterable[Token]:
    chain = cached_analysis(case)
    events = {e.id: e for e in case.chain}
    a = case.analysis
    yield ("first_break", chain.first_break_stage)
    yield from (("broke_at", s) for s in chain.break_stages)
    for e in case.chain:
        if e.kind in FAILURE_KINDS and e.failure_mode:
            yield ("mode", e.failure_mode)
        for c in e.caused_by:
            cause = events[c]
            if cause.stage != e.stage:
                yield ("step", f"{cause.stage}>{e.stage}")
            if cause.kind in FAILURE_KINDS and cause.failure_mode:
                yield ("mode_step", f"{cause.failure_mode}>{e.stage}")
    yield ("detection", a.detection_channel)
    yield ("crisis", a.crisis_type)
    yield ("verdict", a.verdict)
    yield from (("response", s) for s in a.strategies)
    yield from (("corrective", s) for s in a.corrective_actions)
    yield from (("outcome", s) for s in a.consequences)
    yield ("sector", case.organization.sector)
    yield from (("tag", t) for t in case.tags)
    own = set(_WORD.findall(" ".join([case.organization.name, *case.organization.aliases]).lower()))
    parts = [case.summary, *(f"{e.title} {e.description}" for e in case.chain), *(x.text for x in a.lessons)]
    text = " ".join(parts).lower()
    yield from (("word", _stem(w)) for w in set(_WORD.findall(text)) - _STOP - own)


def _stem(word: str) -> str:
    """A light suffix strip, so that "recall", "recalls" and "recalled" are one word."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def weight(token: Token) -> float:
    """A token's weight: its family's (``WEIGHTS``), the same in every corpus."""
    return WEIGHTS.get(token[0], 1.0)


class Scorer:
    """The score and reasons of any two of a list of cases; each pair depends on its two cases only."""

    def __init__(self, cases: Sequence[Case]) -> None:
        self.tokens = [tokens(c) for c in cases]
        self.ids = [c.id for c in cases]
        self.weight = {t: weight(t) for ts in self.tokens for t in ts}
        self.square = {t: w * w for t, w in self.weight.items()}
        self.norm = [math.sqrt(sum(map(self.square.__getitem__, ts))) for ts in self.tokens]

    def score(self, i: int, j: int) -> float:
        """The rounded cosine of cases ``i`` and ``j`` (positions in the list given)."""
        if not self.norm[i] or not self.norm[j]:
            return 0.0
        shared = self.tokens[i] & self.tokens[j]
        return round(sum(map(self.square.__getitem__, shared)) / (self.norm[i] * self.norm[j]), 4)

    def reasons(self, i: int, j: int, limit: int = REASONS) -> tuple[str, ...]:
        """Plain-words reasons for the pair, one per family, chain shape first, weightiest first."""
        by_family: dict[str, list[str]] = defaultdict(list)
        mass: dict[str, float] = defaultdict(float)
        for family, value in sorted(self.tokens[i] & self.tokens[j], key=lambda t: (-self.weight[t], t)):
            by_family[family].append(value)
            mass[family] += self.square[family, value]
        # Chain shape first: shared words help the score but explain less than a shared failure mode.
        order = sorted(mass, key=lambda f: (f in _TEXT, -mass[f], f))
        return tuple(_reason(f, by_family[f]) for f in order[:limit] if mass[f] > 0)


def _label(list_name: str, slug: str) -> str:
    return load_vocabulary()[list_name].terms[slug].label.lower()


def _pair(family: str, value: str) -> str:
    left, right = value.split(">")
    first = _label("failure_modes" if family == "mode_step" else "stages", left)
    return f"{first} → {_label('stages', right)}"


def _reason(family: str, values: list[str]) -> str:
    top = values[:3]
    if family == "first_break":
        return f"both first broke at {_label('stages', top[0])}"
    if family == "broke_at":
        return "both broke at " + ", ".join(_label("stages", v) for v in top)
    if family == "mode":
        return "shared failure modes: " + ", ".join(_label("failure_modes", v) for v in top)
    if family == "mode_step":
        return "both: " + "; ".join(_pair(family, v) for v in top)
    if family == "step":
        return "both travelled " + "; ".join(_pair(family, v) for v in top)
    if family == "detection":
        return f"both came to light through {_label('detection_channels', top[0])}"
    if family == "crisis":
        return f"both {_label('crisis_types', top[0])}"
    if family == "verdict":
        return f"same verdict: {_label('trust_verdicts', top[0])}"
    if family == "response":
        return "both responded with " + ", ".join(_label("response_strategies", v) for v in top)
    if family == "corrective":
        return "both took corrective action: " + ", ".join(_label("corrective_actions", v) for v in top)
    if family == "outcome":
        return "both cost " + ", ".join(_label("consequences", v) for v in top)
    if family == "sector":
        return f"both in {_label('sectors', top[0])}"
    if family == "tag":
        return "both tagged " + ", ".join(values[:4])
    return "both mention " + ", ".join(values[:4])


def rank(scorer: Scorer, i: int, candidates: Iterable[int], limit: int) -> list[Suggestion]:
    """The ``limit`` best of ``candidates`` for case ``i``: positive scores, best first, ties by id."""
    scored = [(scorer.score(i, j), scorer.ids[j], j) for j in candidates if j != i]
    best = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1]))[: max(limit, 0)]
    return [Suggestion(ident, value, scorer.reasons(i, j)) for value, ident, j in best]


def similarity(a: Case, b: Case) -> float:
    """Score two cases in [0, 1]; the score depends on these two cases only."""
    return Scorer([a, b]).score(0, 1)


def suggestions(case: Case, cases: Iterable[Case], limit: int = 5) -> list[Suggestion]:
    """Score ``case`` against every other case (the exhaustive reference), with reasons.

    Args:
        case: The case to match.
        cases: The corpus; ``case`` itself (by id) is skipped.
        limit: At most this many results.

    Returns:
        Suggestions, best first; equal scores in case-id order.
    """
    corpus = [c for c in cases if c.id != case.id] + [case]
    scorer = Scorer(corpus)
    return rank(scorer, len(corpus) - 1, range(len(corpus) - 1), limit)


def similar_cases(case: Case, cases: Iterable[Case], limit: int = 5) -> list[tuple[str, float]]:
    """``(case_id, score)`` of the cases most like ``case``, best first (see ``suggestions``)."""
    return [(s.id, s.score) for s in suggestions(case, cases, limit)]


def exhaustive_index(cases: Sequence[Case], limit: int = 5) -> dict[str, list[Suggestion]]:
    """Every case scored against every other: the quadratic reference ``graph.neighbours`` must equal."""
    scorer = Scorer(cases)
    return {case.id: rank(scorer, i, range(len(cases)), limit) for i, case in enumerate(cases)}
