"""What keeps the site usable at 10,000 cases: bounded lists, lean search entries, a compact filter index."""

from __future__ import annotations

import json
import re

import pytest

from casebook.model import Case, build_case
from casebook.render import Corpus, generate
from casebook.render import case_page as case_page_module
from casebook.render.browse import BROWSE_LIMIT, facet_page
from casebook.render.case_page import LEAN_LEAD, SEARCH_LEAD, split_lead
from casebook.render.facets import FACET_BY_KEY, FACETS
from casebook.render.filter_index import filter_index, filter_text
from casebook.render.guides import COVERAGE_LIMIT, coverage_page
from casebook.render.patterns import LIST_LIMIT, case_links
from casebook.synth import synth_corpus


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """A synthetic corpus big enough for every cap to apply (some stages have over 100 cases)."""
    return Corpus.build([build_case(data, "") for data in synth_corpus(250, 3)])


def test_case_links_name_a_bounded_number(corpus: Corpus) -> None:
    """A table cell names LIST_LIMIT cases and counts the rest."""
    cell = case_links(list(corpus.cases))
    assert cell.count("](../cases/") == LIST_LIMIT
    assert cell.endswith(f" and {len(corpus.cases) - LIST_LIMIT} more")
    assert "more" not in case_links(list(corpus.cases[:3]))


def test_facet_sections_list_the_newest_then_link_to_the_filter(corpus: Corpus) -> None:
    """A value with more than BROWSE_LIMIT cases lists the newest ones and links to the filter for the rest."""
    page = facet_page(FACET_BY_KEY["stage"], corpus)
    assert "more, older: [filter them](../filter/index.md?stage=" in page
    for section in page.split("\n## ")[1:]:
        assert section.count("](../cases/") <= BROWSE_LIMIT


def test_generated_pages_stay_bounded(corpus: Corpus) -> None:
    """No table row, quadrant or browse section of the patterns and browse pages names every case."""
    pages = generate(list(corpus.cases))
    for row in re.split(r"\n|<section", pages["patterns/index.md"]):
        assert row.count("](../cases/") + row.count('href="../cases/') <= LIST_LIMIT
    for facet in FACETS:
        for section in pages[f"browse/{facet.slug}.md"].split("\n## ")[1:]:
            assert section.count("](../cases/") <= BROWSE_LIMIT


def test_every_case_section_is_left_out_of_search(corpus: Corpus) -> None:
    """Every sub-heading of a case page is excluded; the lead and the event titles are searched."""
    case = corpus.cases[0]
    page = generate(list(corpus.cases))[f"cases/{case.id}.md"]
    headings = re.findall(r"^#{2,6} .*$", page, flags=re.MULTILINE)
    assert headings and all("data-search-exclude" in h for h in headings), headings
    assert f'<p class="cb-lead">{" ".join(case.summary.split())}</p>' in page
    assert 'class="cb-search-terms" hidden>' in page


def test_a_large_corpus_searches_only_the_summary_opening(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above FULL_TEXT_CASES a case gives search its summary's opening only, and no event titles."""
    monkeypatch.setattr(case_page_module, "FULL_TEXT_CASES", 100)
    case = corpus.cases[0]
    page = generate(list(corpus.cases))[f"cases/{case.id}.md"]
    head, tail = split_lead(case.summary, LEAN_LEAD)
    assert len(head) <= LEAN_LEAD and tail
    assert f"<span data-search-exclude>{tail.strip()}</span>" in page
    assert "cb-search-terms" not in page


@pytest.mark.parametrize("summary", ["Short.", "One. Two. " * 40, "x" * 1600, "word " * 400])
def test_split_lead_keeps_every_character(summary: str) -> None:
    """The searched part and the rest give back the summary, whitespace collapsed."""
    for limit in (LEAN_LEAD, SEARCH_LEAD):
        head, tail = split_lead(summary, limit)
        assert head + tail == " ".join(summary.split())
        assert len(head) <= limit


def test_filter_index_is_compact_and_decodes(corpus: Corpus) -> None:
    """Each case is a short row; its facet positions decode to the case's values; the text lines up."""
    index = filter_index(corpus)
    cases = {c.id: c for c in corpus.cases}
    for case_id, _title, _org, _year, positions in index["cases"]:
        for facet, listed, chosen in zip(FACETS, index["facets"], positions, strict=True):
            assert [listed["values"][n] for n in chosen] == list(facet.of(cases[case_id]))
    raw = json.dumps(index, separators=(",", ":"))
    assert len(raw) / len(corpus.cases) < 400
    text = filter_text(corpus)["text"]
    assert [row[0] for row in index["cases"]] == [c.id for c in corpus.newest_first()]
    assert all(cases[row[0]].summary in words for row, words in zip(index["cases"], text, strict=True))


def test_case_page_does_not_grow_with_the_corpus() -> None:
    """The same case renders to the same page in a corpus of 20 and of 200 (bar its similar cases)."""
    small = [build_case(d, "") for d in synth_corpus(20, 4)]
    large = [build_case(d, "") for d in synth_corpus(200, 4)]
    one: Case = small[5]
    page_small = generate(small)[f"cases/{one.id}.md"]
    page_large = generate(large)[f"cases/{one.id}.md"]
    assert abs(len(page_large) - len(page_small)) / len(page_small) < 0.05


def test_coverage_page_lists_are_bounded(corpus: Corpus) -> None:
    """The Coverage page names at most COVERAGE_LIMIT items under a heading and counts the rest."""
    page = coverage_page(list(corpus.cases))
    for section in page.split("\n## ")[1:]:
        assert section.count("](../cases/") <= COVERAGE_LIMIT
