"""Matching entries to existing cases, clustering stories across feeds, guessing organizations."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.feeds.cluster import cluster, guess_organization, same_story
from casebook.feeds.match import CaseKey, index_cases, match_entry
from casebook.validation import load_corpus

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds" / "cases"


@pytest.fixture(scope="module")
def index() -> tuple[CaseKey, ...]:
    """Match keys of the two fixture cases (Toyota, Google Buzz)."""
    corpus = load_corpus(CASES)
    assert len(corpus.cases) == 2
    return index_cases(corpus.cases)


@pytest.mark.parametrize(
    ("title", "summary", "case"),
    [
        ("Toyota recall widens", "", "2010-toyota-recalls"),
        ("TOYOTA’S RECALLS: what went wrong", "", "2010-toyota-recalls"),
        ("Carmaker news", "Toyota Motor Corp. recalled more cars.", "2010-toyota-recalls"),
        ("Google Buzz settlement revisited", "", "2010-google-buzz"),
        ("Toyota opens a plant in Texas", "", None),
        ("Google fined over ad tech", "", None),
        ("Buzz about a new gadget", "", None),
    ],
)
def test_match_entry(index: tuple[CaseKey, ...], title: str, summary: str, case: str | None) -> None:
    """An entry matches a case when it names the organization and shares a topic word with the title."""
    found = match_entry(title, summary, index)
    assert (found.case_id if found else None) == case


@pytest.mark.parametrize(
    ("title", "organization"),
    [
        ("Toyota recalls 1m cars", "Toyota"),
        ("FTC fines Acme Corp over fake reviews", "Acme Corp"),
        ("Acme Heaters Recalls Space Heaters Due to Fire Hazard", "Acme Heaters"),
        ("Watchdog fines Umbrella Corp €2m over terms", "Umbrella Corp"),
        ("The CMA says Marks & Spencer misled shoppers", "Marks & Spencer"),
        ("3M settles earplug lawsuits", "3M"),
        ("why prices are rising", None),
    ],
)
def test_guess_organization(title: str, organization: str | None) -> None:
    """The first capitalised run that is not a regulator, article or headline verb."""
    assert guess_organization(title) == organization


def test_same_story() -> None:
    """Same link, close headlines, or looser headlines about the same organization."""
    assert same_story("A", "https://x.example/1", "B", "https://x.example/1")
    assert same_story("Globex Bank apologises for outage", None, "Globex Bank outage: bank apologises", None)
    assert same_story("Globex Bank outage locks customers out", None, "Globex Bank apologises to customers", None)
    assert not same_story("Globex Bank outage", None, "Initech data breach", None)


def test_cluster_keeps_order_and_groups() -> None:
    """Groups follow the order of their first member; the leader comes first."""
    items = [
        ("Globex Bank outage: bank apologises", None),
        ("Initech breach", None),
        ("Globex Bank apologises for outage", None),
    ]
    groups = cluster(items, lambda item: item)
    assert groups == [[items[0], items[2]], [items[1]]]
