"""The corpus meets the bar the project set for it: reviewed cases are complete, and together the
cases cover sectors, decades and recoveries (issue: corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.model import Case
from casebook.stats import coverage
from casebook.validation import load_corpus
from casebook.vocabulary import is_primary_source

CASES = load_corpus(Path(__file__).resolve().parents[2] / "cases").cases
REVIEWED = [case for case in CASES if case.status == "reviewed"]


@pytest.mark.parametrize("case", REVIEWED, ids=[c.id for c in REVIEWED])
def test_reviewed_case_meets_the_bar(case: Case) -> None:
    """At least 5 events over 3 stages, 4 sources (2 primary or news), 3 to 5 questions, figures."""
    assert len(case.chain) >= 5
    assert len({event.stage for event in case.chain}) >= 3
    assert len(case.sources) >= 4
    assert sum(is_primary_source(s.type) or s.type == "news" for s in case.sources) >= 2
    assert 3 <= len(case.discussion_questions) <= 5
    assert case.impact, "impact figures"
    assert case.analysis.lessons


def test_corpus_spread() -> None:
    """40+ reviewed cases, 9+ sectors, every decade from the 1980s to the 2020s, 4+ recoveries."""
    report = coverage(CASES)
    assert report.by_status["reviewed"] >= 40
    assert sum(1 for n in report.by_sector.values() if n) >= 9
    assert all(report.by_decade[decade] for decade in ("1980s", "1990s", "2000s", "2010s", "2020s"))
    assert report.by_verdict["restored"] >= 4


def test_cases_the_workshops_ask_for_are_present() -> None:
    """The cases named by the founding posts and the workshop list are all in the corpus."""
    ids = {case.id for case in CASES}
    required = {
        "2010-google-buzz",
        "2009-toyota-unintended-acceleration",
        "2009-united-breaks-guitars",
        "2006-walmart-fake-blog",
        "2005-dell-hell",
        "2009-maytag-dooce",
        "2007-facebook-beacon",
        "2009-amazon-kindle-1984",
        "1982-johnson-johnson-tylenol",
        "2005-sony-bmg-rootkit",
        "2009-dominos-prank-video",
        "2011-netflix-qwikster",
        "2015-volkswagen-dieselgate",
        "2016-samsung-galaxy-note7",
        "2016-wells-fargo-fake-accounts",
        "2017-equifax-breach",
        "2017-united-express-3411",
        "2019-boeing-737-max",
        "2022-southwest-holiday-meltdown",
        "2024-air-canada-chatbot",
        "2024-crowdstrike-channel-file-291",
    }
    assert required <= ids
