"""The sources file: the default list is well-formed, and mistakes get located F9xx diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.feeds.sources import check_sources, load_sources
from casebook.loading import load_text

ROOT = Path(__file__).resolve().parents[2]


def _check(text: str) -> list[tuple[int, int, str]]:
    result = check_sources(load_text(text, "sources.yaml"))
    return [(d.line, d.col, d.code) for d in result.diagnostics]


def test_default_sources_are_well_formed() -> None:
    """feeds/sources.yaml passes its schema: unique names, https feeds only, tagged by publisher kind."""
    result = load_sources(ROOT / "feeds" / "sources.yaml")
    assert result.diagnostics == []
    assert len(result.feeds) >= 8
    assert all(feed.url.startswith("https://") for feed in result.feeds)
    assert len({feed.name for feed in result.feeds}) == len(result.feeds)
    assert {feed.source_type for feed in result.feeds} == {"regulator", "news"}


def test_local_sources_resolve_relative_file_urls(fixtures: Path) -> None:
    """Relative file: URLs in the fixture list point at the fixture feeds, wherever the checkout is."""
    result = load_sources(fixtures / "feeds" / "sources-local.yaml")
    assert result.diagnostics == []
    for feed in result.feeds:
        assert feed.url.startswith("file:///")
        assert feed.url.endswith(".xml") or feed.url.endswith((".rdf", ".html"))
    assert (fixtures / "feeds" / "rss20.xml").as_uri() in {feed.url for feed in result.feeds}


def test_unknown_key_gets_did_you_mean_with_location() -> None:
    """A misspelt key is F902 at its own line and column, with a suggestion."""
    result = check_sources(load_text("feeds:\n  - name: A\n    url: https://a.example/f\n    wieght: 2\n", "s.yaml"))
    [diagnostic] = result.diagnostics
    assert (diagnostic.line, diagnostic.col, diagnostic.code) == (4, 5, "F902")
    assert "did you mean 'weight'" in diagnostic.message
    assert diagnostic.format().startswith("s.yaml:4:5: error F902 ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("feeds:\n  - name: A\n", [(2, 5, "F901")]),
        ("feeds:\n  - name: A\n    url: ftp://a.example/f\n", [(3, 10, "F903")]),
        ("feeds:\n  - name: A\n    url: javascript:alert(1)\n", [(3, 10, "F903")]),
        ("feeds:\n  - name: A\n    url: https://a.example/f\n    weight: -1\n", [(4, 13, "F900")]),
        ("feeds:\n  - name: A\n    url: https://a.example/f\n    tags: [Not A Slug]\n", [(4, 12, "F903")]),
        ("feeds: []\n", [(1, 8, "F900")]),
        ("- name: A\n  url: https://a.example/f\n", [(1, 1, "F900")]),
        ("feeds:\n  - name: A\n    url: [\n", [(4, 1, "Y100")]),
        (
            "feeds:\n  - name: A\n    url: https://a.example/f\n  - name: a\n    url: https://b.example/f\n",
            [(4, 11, "F904")],
        ),
    ],
)
def test_mistakes_are_located(text: str, expected: list[tuple[int, int, str]]) -> None:
    """Each kind of mistake has its stable code at the line and column of the offending value."""
    assert _check(text) == expected


def test_duplicate_url_is_only_a_warning() -> None:
    """The same URL twice is F905, a warning: the feeds are still usable."""
    text = "feeds:\n  - name: A\n    url: https://a.example/f\n  - name: B\n    url: https://a.example/f\n"
    result = check_sources(load_text(text, "s.yaml"))
    assert [(d.line, d.code, d.severity.value) for d in result.diagnostics] == [(5, "F905", "warning")]
    assert [feed.name for feed in result.feeds] == ["A", "B"]
