"""Did-you-mean suggestions for near-miss names and values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """Return the choice nearest to ``word``, or None when nothing is close enough."""
    options = list(choices)
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    # Word order and underscores trip difflib ("mode_failure"); compare the sets of parts too.
    parts = set(word.lower().replace("-", "_").split("_"))
    scored = [(len(parts & set(o.split("_"))) / max(len(parts), 1), o) for o in options]
    best = max(scored, default=(0.0, ""))
    return best[1] if best[0] >= 0.5 else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` or an empty string."""
    match = closest(word, choices)
    return f"; did you mean '{match}'?" if match else ""
