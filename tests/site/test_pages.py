"""The built fixture site: a page per case with its parts, every link resolves, the Pagefind index."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from casebook import search_index
from casebook.build_cache import BuildCache
from casebook.codes import CODES
from casebook.countries import country_name
from casebook.graph import analyse_chain
from casebook.render.facets import FACETS, dissent_facet
from casebook.render.references import load_schema, walk
from casebook.search_index import index_site
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
        if case.impact:
            assert "impact" in ids
        # No heading shows attribute-list braces (an empty `{ }` once printed as text after "Impact").
        assert not re.search(r"<h[1-6][^>]*>[^<]*\{", page)


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
    facets = (*FACETS, dissent_facet({c.id: analyse_chain(c) for c in site.cases}))
    assert [f["key"] for f in index["facets"]] == [f.key for f in facets]
    for case_id, title, organization, year, positions in index["cases"]:
        case = by_id[case_id]
        assert (title, organization, year) == (case.title, case.organization.name, case.year)
        for facet, chosen, listed in zip(facets, positions, index["facets"], strict=True):
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


def test_pagefind_indexes_each_case_once_with_its_searched_parts(site: BuiltSite) -> None:
    """The Pagefind bundle (ADR 0008) holds one record per case page and no other page; a record has
    the title, organization and aliases, summary, event descriptions and lessons, the event
    anchors for sub-results, the meta and the filters, and none of the sources, cite box or event
    meta lines."""
    bundle = site.root / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(site.cases)
    records = {}
    for path in (bundle / "fragment").iterdir():
        record = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        records[record["url"]] = record
    assert sorted(records) == sorted(f"/cases/{c.id}/" for c in site.cases)
    case = next(c for c in site.cases if c.id == "2009-united-breaks-guitars")
    record = records[f"/cases/{case.id}/"]
    content = record["content"]
    for alias in case.organization.aliases:
        assert alias in content
    assert " ".join(case.summary.split())[:60] in content
    event = next(e for e in case.chain if "tarmac" in e.description)
    assert "tarmac" in content and case.analysis.lessons[0].text[:40] in content
    assert {"element": "h3", "id": f"event-{event.id}"}.items() <= next(
        a for a in record["anchors"] if a["id"] == f"event-{event.id}"
    ).items()
    assert "¶" not in content and "@misc" not in content and "CSL-JSON" not in content
    assert case.sources[0].title not in content  # sources are not searched
    assert record["meta"] == {"title": case.title, "organization": case.organization.name, "year": str(case.year)}
    assert record["filters"]["year"] == [str(case.year)]
    assert record["filters"]["region"] == sorted(country_name(r) for r in case.regions)
    assert set(record["filters"]) == {
        "first break stage",
        "break stage",
        "failure mode",
        "sector",
        "region",
        "year",
        "verdict",
        "touch and scale",
    }
    assert not (bundle / "pagefind-ui.js").exists()  # the site has its own search box


def test_pagefind_bundle_is_reproducible(site: BuiltSite, tmp_path: Path) -> None:
    """Pagefind run again on the same site writes the same bytes (casebook.pagefind_canon)."""
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    index_site(copy)
    ours = {p.relative_to(copy): p.read_bytes() for p in (copy / "pagefind").rglob("*") if p.is_file()}
    theirs = {p.relative_to(site.root): p.read_bytes() for p in (site.root / "pagefind").rglob("*") if p.is_file()}
    assert ours == theirs


def test_pagefind_bundle_comes_from_the_cache_only_for_the_same_pages(
    site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached bundle is the bytes Pagefind wrote; a case page changed outside its indexed parts
    reuses it, a change inside them runs Pagefind again (#15)."""
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    cache = BuildCache(tmp_path / "cache")
    index_site(copy, cache)
    theirs = {p.relative_to(site.root): p.read_bytes() for p in (site.root / "pagefind").rglob("*") if p.is_file()}
    runs: list[Path] = []
    monkeypatch.setattr(search_index, "_run_pagefind", lambda source, bundle: runs.append(bundle))
    index_site(copy, BuildCache(tmp_path / "cache"))
    assert runs == []
    assert {p.relative_to(copy): p.read_bytes() for p in (copy / "pagefind").rglob("*") if p.is_file()} == theirs
    page = next(copy.glob("cases/*/index.html"))
    page.write_bytes(page.read_bytes().replace(b"</main>", b"<p>changed</p></main>", 1))
    index_site(copy, BuildCache(tmp_path / "cache"))
    assert runs == []  # outside every data-pagefind-body: not in the slim copy
    page.write_bytes(
        page.read_bytes().replace(
            b'<p class="cb-lead" data-pagefind-body>', b'<p class="cb-lead" data-pagefind-body>Changed ', 1
        )
    )
    index_site(copy, BuildCache(tmp_path / "cache"))
    assert len(runs) == 1  # into a private folder, then copied into the site where its bytes differ


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
