"""What keeps the site usable at 10,000 cases: bounded lists, case pages independent of corpus size, a compact filter index."""

from __future__ import annotations

import json
import re

import pytest

from casebook.model import Case, build_case
from casebook.render import Corpus, generate
from casebook.render.browse import BROWSE_LIMIT, PAGE_LIMIT, VALUE_MINIMUM, facet_page, value_limit
from casebook.render.case_chain import chain_section
from casebook.render.case_page import case_page
from casebook.render.facets import FACET_BY_KEY, FACETS
from casebook.render.filter_index import filter_facets, filter_index, filter_text
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
        sections = pages[f"browse/{facet.slug}.md"].split("\n## ")[1:]
        for section in sections:
            assert section.count("](../cases/") <= BROWSE_LIMIT
        # A facet with many values (regions) lists fewer under each: the page stays bounded too.
        listed = sum(section.count("](../cases/") for section in sections)
        assert listed <= max(PAGE_LIMIT, VALUE_MINIMUM * len(sections)), facet.key


def test_a_facet_with_many_values_lists_fewer_under_each() -> None:
    """Twelve stages keep 100 a value; two hundred regions get the minimum."""
    assert value_limit(12) == BROWSE_LIMIT and value_limit(200) == VALUE_MINIMUM and value_limit(40) == 37


def test_a_case_page_marks_only_its_searched_parts_for_pagefind(corpus: Corpus) -> None:
    """Pagefind indexes the marked parts (ADR 0008): the hidden title block, the lead, the
    timeline and the lessons; the event meta lines and sources inside them are ignored."""
    case = corpus.cases[0]
    page = generate(list(corpus.cases))[f"cases/{case.id}.md"]
    bodies = re.findall(r"<(\w+) class=\"([\w-]+)\"[^>]*data-pagefind-body", page)
    assert [cls for _tag, cls in bodies] == ["cb-pagefind", "cb-lead", "cb-timeline", "cb-lessons"]
    assert f"{' '.join(case.summary.split())}</p>" in page
    assert page.count('cb-event-meta" data-pagefind-ignore') == len(case.chain)
    assert "data-search-exclude" not in page


def test_a_case_page_does_not_depend_on_the_corpus_size(corpus: Corpus) -> None:
    """Issue 15 item 3: the same case, with the same related and similar cases shown, renders the
    same page in a small corpus and a large one (no size switch, as the lean search entry was),
    apart from the corpus digest in the citation."""
    case = corpus.cases[0]
    similar = corpus.similar(case)
    shown = {r.id for r in case.related} | {i for i, _ in similar}
    small = Corpus.build([c for c in corpus.cases if c.id in shown or c.id == case.id])
    assert len(small.cases) < len(corpus.cases) / 10
    digest = re.compile(r"\+corpus\.[0-9a-f]+")
    pages = [digest.sub("", case_page(case, c, chain_section(case, c), similar)) for c in (corpus, small)]
    assert pages[0] == pages[1]


def test_filter_index_is_compact_and_decodes(corpus: Corpus) -> None:
    """Each case is a short row; its facet positions decode to the case's values; the text lines up."""
    index = filter_index(corpus)
    cases = {c.id: c for c in corpus.cases}
    for case_id, _title, _org, _year, positions in index["cases"]:
        for facet, listed, chosen in zip(filter_facets(corpus), index["facets"], positions, strict=True):
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
