"""Scoring entries for customer-trust failure signals, with the reasons kept for the report.

The score of an entry is::

    sum over signal kinds found of weight x (TITLE_FACTOR if in the headline else 1)
    + CO_OCCURRENCE_BONUS per extra kind (capped)
    + ROUTINE.weight per routine phrase (capped)
    then x the feed's weight, never below zero, rounded to one decimal.

Each term is written down as a reason, so a person can see why an entry ranks where it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casebook.feeds.parse import Entry
from casebook.feeds.signals import (
    CO_OCCURRENCE_BONUS,
    CO_OCCURRENCE_CAP,
    ROUTINE,
    ROUTINE_CAP,
    SIGNALS,
    TITLE_FACTOR,
    Signal,
)
from casebook.feeds.text import fold

_COMPILED: tuple[tuple[Signal, re.Pattern[str]], ...] = tuple((s, s.regex()) for s in SIGNALS)
_ROUTINE = ROUTINE.regex()


@dataclass(frozen=True)
class Score:
    """An entry's score, the signal kinds behind it and one reason per term."""

    value: float
    kinds: tuple[str, ...]
    reasons: tuple[str, ...]


def _number(value: float) -> str:
    return f"{value:g}"


def score_text(title: str, summary: str, *, weight: float = 1.0) -> Score:
    """Score a headline and summary.

    Args:
        title: Plain-text headline.
        summary: Plain-text summary.
        weight: The feed's weight; multiplies the total.

    Returns:
        The score with its signal kinds and human-readable reasons.
    """
    head, body = fold(title), fold(summary)
    total = 0
    kinds: list[str] = []
    reasons: list[str] = []
    for signal, pattern in _COMPILED:
        hit = pattern.search(head)
        where = "headline"
        factor = TITLE_FACTOR
        if hit is None:
            hit, where, factor = pattern.search(body), "summary", 1
        if hit is None:
            continue
        points = signal.weight * factor
        total += points
        kinds.append(signal.kind)
        reasons.append(f"{signal.label}: '{hit.group()}' in the {where} (+{points})")
    if len(kinds) > 1:
        bonus = min(CO_OCCURRENCE_BONUS * (len(kinds) - 1), CO_OCCURRENCE_CAP)
        total += bonus
        reasons.append(f"{len(kinds)} kinds of signal together (+{bonus})")
    routine = sorted({m.group() for m in _ROUTINE.finditer(head + " \n " + body)})[:ROUTINE_CAP]
    if routine:
        penalty = ROUTINE.weight * len(routine)
        total += penalty
        reasons.append(f"{ROUTINE.label}: {', '.join(repr(r) for r in routine)} ({penalty})")
    value = max(0.0, round(total * weight, 1))
    if weight != 1.0 and kinds:
        reasons.append(f"feed weight x{_number(weight)}")
    return Score(value=value, kinds=tuple(kinds), reasons=tuple(reasons))


def score_entry(entry: Entry, *, weight: float = 1.0) -> Score:
    """Score one parsed entry; see ``score_text``."""
    return score_text(entry.title, entry.summary, weight=weight)
