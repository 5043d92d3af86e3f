"""Failure-mode pages and organization pages (issue 14, item 5)."""

from __future__ import annotations

import re

import pytest

from casebook.render import Corpus, SiteSettings, generate
from casebook.render.context import org_slug
from casebook.validation import load_corpus
from casebook.vocabulary import load_vocabulary
from tests.helpers import ROOT

SITE = ROOT / "tests" / "fixtures" / "cases" / "site"


@pytest.fixture(scope="module")
def corpus_pages() -> tuple[Corpus, dict[str, str]]:
    """The site fixture corpus and every page generated from it."""
    cases = load_corpus(SITE).cases
    return Corpus.build(cases), generate(cases, SiteSettings())


def test_a_page_per_organization_with_several_cases(corpus_pages: tuple[Corpus, dict[str, str]]) -> None:
    """United has two cases and a page listing both; organizations with one case have none."""
    corpus, pages = corpus_pages
    orgs = {p for p in pages if p.startswith("organizations/") and p != "organizations/index.md"}
    names = [c.organization.name for c in corpus.cases]
    expected = {f"organizations/{org_slug(n)}.md" for n in names if names.count(n) > 1}
    assert orgs == expected and "organizations/united-airlines.md" in orgs
    united = pages["organizations/united-airlines.md"]
    for case in corpus.cases:
        shown = f"](../cases/{case.id}.md)" in united
        assert shown is (case.organization.name == "United Airlines")
        if shown:  # its case page links to the organization page
            assert "](../organizations/united-airlines.md)" in pages[f"cases/{case.id}.md"]


def test_a_page_per_failure_mode(corpus_pages: tuple[Corpus, dict[str, str]]) -> None:
    """Every vocabulary failure mode has a page with its definition, rule, every case and stage counts."""
    corpus, pages = corpus_pages
    vocabulary = load_vocabulary()["failure_modes"]
    for mode in vocabulary.slugs:
        page = pages[f"failure-modes/{mode}.md"]
        assert "**Definition.**" in page and "**When to use it.**" in page
        having = [c for c in corpus.cases if any(e.failure_mode == mode for e in c.chain)]
        for case in having:
            assert f"](../cases/{case.id}.md)" in page, (mode, case.id)
        events = sum(1 for c in corpus.cases for e in c.chain if e.failure_mode == mode)
        counted = sum(int(n) for n in re.findall(r"^\| [^|]+ \| (\d+) \|$", page, flags=re.MULTILINE))
        assert counted == events, mode
    index = pages["failure-modes/index.md"]
    assert all(f"]({m}.md)" in index for m in vocabulary.slugs)


def test_timeline_links_failure_modes(corpus_pages: tuple[Corpus, dict[str, str]]) -> None:
    """Each failure mode in a timeline links to its page."""
    _corpus, pages = corpus_pages
    page = pages["cases/2009-united-breaks-guitars.md"]
    assert 'href="../../failure-modes/' in page
