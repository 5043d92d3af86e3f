"""The built fixture site: a page per case with its parts, every link resolves, lean search index."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from casebook.codes import CODES
from casebook.render.case_page import SEARCH_LEAD, split_lead
from casebook.render.facets import FACETS
from casebook.render.references import load_schema, walk
from casebook.vocabulary import load_vocabulary
from tests.site.linkcheck import check_links, parse
from tests.sites import BuiltSite, build_fixture_site, copy_project

pytestmark = pytest.mark.slow

GetSite = Callable[[str], BuiltSite]


@pytest.fixture(scope="module")
def site(built_site: GetSite) -> BuiltSite:
    """Five real cases, copied into tests/fixtures/cases/site."""
    return built_site("site")


def test_every_case_has_a_page_with_its_parts(site: BuiltSite) -> None:
    """Title, graph, an anchor per event that a graph node links to, sources, cite box, edit link."""
    for case in site.cases:
        page = site.page(f"cases/{case.id}/index.html")
        ids = parse(site.root / "cases" / case.id / "index.html").ids
        assert f'data-case="{case.id}"' in page, "the chain graph is inline"
        for event in case.chain:
            assert f"event-{event.id}" in ids
            assert f'xlink:href="#event-{event.id}"' in page
        assert {f"source-{s.id}" for s in case.sources} <= ids
        assert {"chain", "sources", "cite", "discussion-questions"} <= ids
        assert "@misc{casebook-" + case.id in page
        assert f"/edit/main/cases/{case.id}.yaml" in page
        assert "Days to first response" in page


def test_related_and_similar_cases_are_linked(site: BuiltSite) -> None:
    """A related case named in the YAML appears with its relation; similar cases are listed."""
    page = site.page("cases/2009-united-breaks-guitars/index.html")
    assert 'href="../2017-united-express-3411/"' in page
    assert "same organization" in page
    assert "Similar cases" in page


def test_every_internal_link_and_anchor_resolves(site: BuiltSite) -> None:
    """The stdlib checker finds no broken link in any built page."""
    assert check_links(site.root, site.url) == []


def test_browse_pages_cover_every_facet_with_counts(site: BuiltSite) -> None:
    """One page per facet; each case is listed under its sector."""
    for facet in FACETS:
        assert (site.root / "browse" / facet.slug / "index.html").is_file()
    sectors = site.page("browse/sector/index.html")
    for case in site.cases:
        assert f'href="../../cases/{case.id}/"' in sectors
    years = parse(site.root / "browse" / "year" / "index.html").ids
    assert {str(c.year) for c in site.cases} <= years


def test_filter_index_lists_every_case_with_its_facets(site: BuiltSite) -> None:
    """The compact index has every case with every facet's values; the text file lines up with it."""
    index = json.loads(site.page("filter/cases.json"))
    by_id = {c.id: c for c in site.cases}
    assert sorted(row[0] for row in index["cases"]) == sorted(by_id)
    assert [f["key"] for f in index["facets"]] == [f.key for f in FACETS]
    for case_id, title, organization, year, positions in index["cases"]:
        case = by_id[case_id]
        assert (title, organization, year) == (case.title, case.organization.name, case.year)
        for facet, chosen, listed in zip(FACETS, positions, index["facets"], strict=True):
            assert [listed["values"][n] for n in chosen] == list(facet.of(case))
    text = json.loads(site.page("filter/text.json"))
    assert text["version"] == index["version"]
    for row, words in zip(index["cases"], text["text"], strict=True):
        case = by_id[row[0]]
        assert case.summary in words and all(e.title in words for e in case.chain)


def test_patterns_page_links_to_the_cases_behind_it(site: BuiltSite) -> None:
    """The heat map is inline and every case appears in the first-break table."""
    page = site.page("patterns/index.html")
    assert 'class="cb-patterns"' in page
    for case in site.cases:
        assert f'href="../cases/{case.id}/"' in page
    assert 'href="../filter/?response=' in page


def test_reference_pages_cover_schema_and_codes(site: BuiltSite) -> None:
    """Every schema property, every vocabulary value and every diagnostic code is documented."""
    schema = site.page("reference/case-format/index.html")
    root = load_schema()
    for path, _node, _required in walk(root, root):
        assert f"<code>{path}</code>" in schema
    for terms in load_vocabulary().values():
        for term in terms.terms.values():
            assert f"<code>{term.slug}</code>" in schema
    codes = site.page("reference/diagnostics/index.html")
    for code in CODES:
        assert f'id="{code.lower()}"' in codes


def test_search_index_has_one_lean_entry_per_case(site: BuiltSite) -> None:
    """Each case gives search one entry: title, summary, organization and event titles (ADR 0006)."""
    index = json.loads(site.page("search/search_index.json"))
    case_docs = [doc for doc in index["docs"] if doc["location"].startswith("cases/")]
    locations = {doc["location"] for doc in case_docs}
    assert {f"cases/{c.id}/" for c in site.cases} <= locations
    assert all(loc == "cases/" or (loc.count("/") == 2 and "#" not in loc) for loc in locations), locations
    case = next(c for c in site.cases if c.id == "2009-united-breaks-guitars")
    entry = next(doc for doc in case_docs if doc["location"] == f"cases/{case.id}/")
    _head, tail = split_lead(case.summary)
    assert tail == ""
    assert case.organization.name in entry["text"] and " ".join(case.summary.split())[-40:] in entry["text"]
    assert "Irlweg" in entry["text"]  # a word only an event title holds
    assert len(entry["text"]) < SEARCH_LEAD + 200 * len(case.chain)
    text = json.dumps(case_docs)
    assert "customer-relations employee" not in text  # event descriptions are not indexed
    assert "@misc" not in text and "CSL-JSON" not in text
    assert not any(doc["location"].startswith(("browse/", "filter/", "patterns/")) for doc in index["docs"])


def test_same_corpus_builds_byte_identical_pages(site: BuiltSite, tmp_path: Path) -> None:
    """A second build of the same corpus gives the same bytes for every generated page and file."""
    out = tmp_path / "again"
    build_fixture_site(site.name, copy_project(tmp_path), site.url, out)
    generated = [
        p.relative_to(site.root) for p in site.root.rglob("*") if p.is_file() and p.parts[-1] != "sitemap.xml.gz"
    ]
    assert len(generated) > 50
    for relative in generated:
        assert (out / relative).read_bytes() == (site.root / relative).read_bytes(), relative
