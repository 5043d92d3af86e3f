"""The renderer without MkDocs: escaping, citations, feed, exports, facets and file handling."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from casebook.render import Corpus, SiteSettings, generate, render_site
from casebook.render.citations import apa, bibtex, bibtex_escape, csl_json
from casebook.render.exports import csv_guard, csv_unguard
from casebook.render.facets import FACET_BY_KEY, FACETS, quadrant
from casebook.render.feed import atom_feed, xml_text
from casebook.render.markdown import esc, safe_url, text
from tests.helpers import MINIMAL, minimal_case

SETTINGS = SiteSettings(site_url="https://casebook.example/", repo_url="https://git.example/cb", edit_uri="edit/main/")


def test_esc_neutralises_markdown_and_html() -> None:
    """Markup becomes entities and every Markdown syntax character is backslash-escaped."""
    assert esc("<b>[x](y) *z* | a_b") == r"&lt;b&gt;\[x\]\(y\) \*z\* \| a\_b"
    assert esc('it\'s "quoted"\nnext line') == 'it\'s "quoted" next line'
    assert text("<i>a\n b</i>") == "&lt;i&gt;a b&lt;/i&gt;"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://a.example/x?y=1&z=2", True),
        ("http://a.example", True),
        ("javascript:alert(1)", False),
        ("https://a b", False),
    ],
)
def test_safe_url_allows_only_http(url: str, ok: bool) -> None:
    """Only http(s) links without whitespace reach an href."""
    assert (safe_url(url) is not None) is ok


def test_bibtex_escape_keeps_braces_balanced() -> None:
    """No case text can close the BibTeX field or start a macro."""
    escaped = bibtex_escape("a}b{c\\d%e&f$g#h_i^j~k")
    assert escaped == r"a\}b\{c\textbackslash{}d\%e\&f\$g\#h\_i\^{}j\~{}k"


def test_citations_pin_revision_and_review_date() -> None:
    """BibTeX, APA and CSL-JSON carry the case's own revision and the last-reviewed date, not today."""
    case = minimal_case()
    corpus = Corpus.build([case], SETTINGS)
    revision = hashlib.sha256(Path(case.path).read_bytes()).hexdigest()[:12]
    assert f"howpublished = {{Casebook, unreleased, revision {revision}}}" in bibtex(case, corpus)
    assert "date = {2099-01-31}" in bibtex(case, corpus)
    assert f"(2099). Acme's fictional widget recall [Case study, revision {revision}, not yet released]" in apa(
        case, corpus
    )
    item = json.loads(csl_json(case, corpus))[0]
    assert item["issued"] == {"date-parts": [[2099, 1, 31]]}
    assert item["URL"] == "https://casebook.example/cases/2099-acme-minimal/"


def test_corpus_digest_follows_content_not_order() -> None:
    """The same cases in any order give one digest; a changed word gives another."""
    case = minimal_case()
    other = dataclasses.replace(case, id="2099-acme-other")
    assert Corpus.build([case, other]).digest == Corpus.build([other, case]).digest
    edited = dataclasses.replace(case, title=case.title + "!")
    assert Corpus.build([edited, other]).digest != Corpus.build([case, other]).digest


def test_feed_drops_characters_xml_cannot_carry() -> None:
    """A control character in case text cannot make the feed unreadable."""
    assert xml_text("a\x0bb\x00c\ufffe") == "abc"
    case = dataclasses.replace(minimal_case(), title="Bad \x0b title & <tag>")
    feed = atom_feed(Corpus.build([case], SETTINGS))
    ET.fromstring(feed.encode("utf-8"))
    parsed = feedparser.parse(io.BytesIO(feed.encode("utf-8")))
    assert parsed.bozo == 0 and parsed.entries[0].title == "Bad  title & <tag>"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "plain", "'quoted", "'=kept"])
def test_csv_guard_round_trips(value: str) -> None:
    """Formula starts get an apostrophe, and csv_unguard restores the exact value."""
    guarded = csv_guard(value)
    assert not guarded.startswith(("=", "+", "-", "@", "\t"))
    assert csv_unguard(guarded) == value


def test_facets_give_every_case_a_value() -> None:
    """Each facet finds at least one value for a case; the quadrant is touch then scale."""
    case = minimal_case()
    assert quadrant(case) == "low-touch-high-scale"
    for facet in FACETS:
        assert facet.of(case), facet.key
        assert all(facet.label(v) for v in facet.of(case))
    assert FACET_BY_KEY["stage"].of(case) == ("design", "incident_response")


def test_case_page_headings_and_engagement_read_cleanly() -> None:
    """The Impact heading carries its anchor (no stray braces), and Engagement names the quadrant once."""
    case = minimal_case()
    page = generate([case])[f"cases/{case.id}.md"]
    assert "## Impact { #impact }" in page and "{ }" not in page
    engagement = next(line for line in page.splitlines() if "browse/quadrant.md" in line)
    assert "[Low touch, high scale](" in engagement and "(low touch, high scale)" not in engagement


def test_edit_url_points_at_the_yaml_file() -> None:
    """The edit link is repository + edit path + cases/<id>.yaml, and absent without a repository."""
    case = minimal_case()
    assert SETTINGS.edit_url(case) == "https://git.example/cb/edit/main/cases/2099-acme-minimal.yaml"
    assert SiteSettings().edit_url(case) is None


def test_render_writes_only_changes_and_prunes_what_it_wrote(tmp_path: Path) -> None:
    """A second render writes nothing; a page it wrote whose case went is removed; other files stay."""
    cases_dir = tmp_path / "cases"
    cases_dir.mkdir()
    (cases_dir / MINIMAL.name).write_bytes(MINIMAL.read_bytes())
    other = cases_dir / "2099-acme-other.yaml"
    other.write_text(MINIMAL.read_text(encoding="utf-8").replace("2099-acme-minimal", "2099-acme-other"), "utf-8")
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    (docs / "browse").mkdir()
    (docs / "browse" / "mine.md").write_text("# not generated\n", encoding="utf-8")
    first = render_site(cases_dir, docs, SETTINGS)
    assert "feed.xml" in first.written and "cases/2099-acme-other.md" in first.written
    assert first.removed == []
    other.unlink()
    second = render_site(cases_dir, docs, SETTINGS)
    # the case page and what belongs to it: its tabletop, graph files, and the organization page
    # that two cases of one organization had (issue 14)
    own = [r for r in second.removed if not r.startswith("organizations/")]
    assert own == [
        "cases/2099-acme-other.md",
        "cases/2099-acme-other/chain.png",
        "cases/2099-acme-other/chain.svg",
        "cases/2099-acme-other/tabletop.md",
    ]
    assert all(r.startswith("organizations/") and r.endswith(".md") for r in second.removed if r not in own)
    assert render_site(cases_dir, docs, SETTINGS).written == []
    assert (docs / "about.md").read_text(encoding="utf-8") == "# About\n"
    assert (docs / "browse" / "mine.md").read_text(encoding="utf-8") == "# not generated\n"


def test_generate_is_deterministic() -> None:
    """The same cases give the same files, whatever order they come in."""
    case = minimal_case()
    other = dataclasses.replace(case, id="2099-acme-other", related=())
    assert generate([case, other], SETTINGS) == generate([other, case], SETTINGS)


def test_an_empty_corpus_still_renders_every_page() -> None:
    """A fresh clone without cases builds: pages, feed and exports exist and are well formed."""
    pages = generate([], SETTINGS)
    assert {"index.md", "cases/index.md", "filter/index.md", "patterns/index.md", "feed.xml"} <= set(pages)
    assert json.loads(pages["data/cases.json"])["cases"] == []
    assert feedparser.parse(io.BytesIO(pages["feed.xml"].encode("utf-8"))).bozo == 0


def test_an_edit_re_renders_only_the_case_pages_that_show_it(tmp_path: Path) -> None:
    """A summary edit changes the corpus version but no other case page: theirs come from the cache."""
    import shutil

    from casebook.build_cache import BuildCache
    from tests.helpers import ROOT

    cases_dir = tmp_path / "cases"
    shutil.copytree(ROOT / "tests" / "fixtures" / "cases" / "site", cases_dir)

    def entries() -> set[str]:
        return {p.name for p in (tmp_path / "cache").glob("*/page/*/*")}

    first = render_site(cases_dir, tmp_path / "one", SETTINGS, cache=BuildCache(tmp_path / "cache"))
    before = entries()
    path = cases_dir / "2010-google-buzz.yaml"
    text_before = path.read_text(encoding="utf-8")
    edited = text_before.replace("summary: >-\n", "summary: >-\n  Edited. ", 1)
    assert edited != text_before
    path.write_text(edited, encoding="utf-8")
    second = render_site(cases_dir, tmp_path / "two", SETTINGS, cache=BuildCache(tmp_path / "cache"))
    assert second.pages == render_site(cases_dir, tmp_path / "clean", SETTINGS).pages
    assert first.pages["data/cases.json"] != second.pages["data/cases.json"]  # the corpus version moved
    assert len(before) == 5 and len(entries() - before) == 1
