"""Scoring: signal kinds add up, headlines count double, co-occurrence and routine news adjust."""

from __future__ import annotations

import re

from casebook.feeds.score import score_text
from casebook.feeds.signals import ROUTINE, SIGNALS


def test_signal_table_is_well_formed() -> None:
    """Kinds are unique, weights positive, every pattern compiles and none matches the empty string."""
    assert len({s.kind for s in SIGNALS}) == len(SIGNALS)
    for signal in (*SIGNALS, ROUTINE):
        assert (signal.weight > 0) == (signal is not ROUTINE)
        for pattern in signal.patterns:
            assert re.compile(pattern).fullmatch("") is None, pattern
        assert signal.regex().search("") is None


def test_no_signal_scores_zero() -> None:
    """Ordinary news has no reasons and no score."""
    score = score_text("City council approves new park", "Residents welcomed the plan.")
    assert (score.value, score.kinds, score.reasons) == (0.0, (), ())


def test_headline_counts_double() -> None:
    """The same word is worth more in the headline than in the summary."""
    assert score_text("Acme recalls kettles", "").value == 6
    assert score_text("Acme news", "Acme recalls kettles").value == 3


def test_several_kinds_score_more_than_their_sum() -> None:
    """A recall with an apology and a fine gets a co-occurrence bonus, and says so."""
    score = score_text("Acme recalls kettles, apologises and is fined", "")
    assert score.kinds == ("recall", "apology", "fine")
    assert score.value == 6 + 4 + 6 + 4
    assert score.reasons[-1] == "3 kinds of signal together (+4)"


def test_routine_news_scores_less() -> None:
    """Launches and earnings pull a score down, never below zero."""
    plain = score_text("Hooli recall", "").value
    routine = score_text("Hooli launches phone after recall", "Quarterly results beat forecasts.").value
    assert routine < plain
    assert score_text("Hooli launches phone", "Earnings up.").value == 0


def test_feed_weight_multiplies() -> None:
    """A feed's weight scales the score and is listed as a reason."""
    score = score_text("Acme recalls kettles", "", weight=0.5)
    assert score.value == 3
    assert score.reasons[-1] == "feed weight x0.5"


def test_inflections_and_spellings() -> None:
    """British and American spellings and inflections are all found."""
    for headline in ("Bank apologizes", "Bank apologised", "Bank says sorry", "Shoppers boycott Acme", "Acme sued"):
        assert score_text(headline, "").value > 0, headline
