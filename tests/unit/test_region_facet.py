"""The Region facet: filter, browse by country name, patterns by continent (issue #16)."""

from __future__ import annotations

import dataclasses

from casebook.graph import analyse_corpus
from casebook.model import Case
from casebook.render.browse import facet_page
from casebook.render.context import Corpus
from casebook.render.facets import FACET_BY_KEY
from casebook.render.filter_index import filter_files
from casebook.render.patterns import patterns_page
from tests.helpers import minimal_case


def _case(case_id: str, regions: tuple[str, ...]) -> Case:
    return dataclasses.replace(minimal_case(), id=case_id, regions=regions)


CASES = [_case("2099-a", ("GB", "IE")), _case("2098-b", ("global",)), _case("2097-c", ("US", "BR"))]


def test_values_are_the_codes_that_occur_worldwide_first_then_by_name() -> None:
    """Worldwide, then Brazil, Ireland, United Kingdom, United States: by English name, not code."""
    facet = FACET_BY_KEY["region"]
    assert facet.values(CASES) == ["global", "BR", "IE", "GB", "US"]
    assert facet.label("GB") == "United Kingdom" and facet.label("global") == "Worldwide"
    groups = dict(facet.groups(CASES))
    assert [c.id for c in groups["GB"]] == ["2099-a"] and [c.id for c in groups["global"]] == ["2098-b"]


def test_browse_page_names_countries_and_anchors_codes() -> None:
    """browse/region: a section per country, titled by name, anchored by code."""
    page = facet_page(FACET_BY_KEY["region"], Corpus.build(CASES, None))
    assert "## United Kingdom { #GB }" in page and "## Worldwide { #global }" in page
    assert "# Cases by region" in page


def test_filter_index_carries_the_region_facet() -> None:
    """The filter page's index lists the region facet with each case's codes."""
    files = filter_files(Corpus.build(CASES, None))
    blob = "\n".join(files.values())
    assert "Region" in blob and "United Kingdom" in blob


def test_patterns_page_counts_cases_by_continent() -> None:
    """GB+IE is one European case; US+BR counts in North and Latin America; global is worldwide."""
    corpus = Corpus.build(CASES, None)
    page = patterns_page(corpus, analyse_corpus(corpus.cases, corpus.chains))
    section = page.split("{ #regions }")[1]
    for continent in ("Europe", "North America", "Latin America", "Worldwide"):
        row = next(line for line in section.splitlines() if line.startswith(f"| {continent} |"))
        assert row.split(" | ")[1] == "1", row
