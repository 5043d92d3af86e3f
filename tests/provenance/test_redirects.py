"""A case id never dies: redirect pages at former ids, and a withdrawn case's page says why."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

from casebook.render import Corpus, SiteSettings, generate
from casebook.render.redirects import redirect_html
from casebook.validation import load_corpus
from tests.conftest import FIXTURES

V2 = FIXTURES / "cases" / "v2"
SETTINGS = SiteSettings(site_url="https://cb.example/kb/")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_former_id_gets_a_redirect_page() -> None:
    """Meta refresh, canonical link and a plain link, all to the case's current address."""
    pages = generate(load_corpus(V2).cases, SETTINGS)
    page = pages["cases/2099-acme-widgets/index.html"]
    tags = _tags(page)
    assert ("meta", {"http-equiv": "refresh", "content": "0; url=../2099-acme-full/"}) in tags
    assert ("link", {"rel": "canonical", "href": "https://cb.example/kb/cases/2099-acme-full/"}) in tags
    assert ("a", {"href": "../2099-acme-full/"}) in tags
    assert "formerly <code>2099-acme-widgets</code>" in page
    assert "cases/2099-acme-widgets.md" not in pages  # no themed page competes with it


def test_redirect_page_escapes_the_title() -> None:
    """The title is case text: it cannot close the <title> or add markup."""
    case = load_corpus(V2).cases[0]
    hostile = dataclasses.replace(case, title='</title><script>alert(1)</script> "x"')
    page = redirect_html("2099-old", hostile, Corpus.build([hostile], SETTINGS))
    assert "<script>" not in page and "&lt;/title&gt;&lt;script&gt;" in page
    assert [t for t, _ in _tags(page)].count("script") == 0


def test_withdrawn_case_keeps_a_page_saying_why() -> None:
    """The page is still there, opening with the date and reason of the withdrawal."""
    pages = generate(load_corpus(V2).cases, SETTINGS)
    page = pages["cases/2099-acme-withdrawn.md"]
    notice = page.split("cb-withdrawn", 1)[1].split("</div>", 1)[0]
    assert '<time datetime="2099-07-01">2099-07-01</time>' in notice
    assert "The memo turned out to be a forgery, so the chain cannot be sourced." in notice
    assert page.index("cb-withdrawn") < page.index('class="cb-lead"')
    assert "cb-withdrawn" not in pages["cases/2099-acme-full.md"]


def test_history_lists_the_changes_noted_in_the_case() -> None:
    """A case's `changes` notes appear in its History section."""
    pages = generate(load_corpus(V2).cases, SETTINGS)
    history = pages["cases/2099-acme-full.md"].split("## History", 1)[1].split("## Cite", 1)[0]
    assert '<ul class="cb-changes">' in history
    assert '<time datetime="2099-06-03">2099-06-03</time> Added the inquiry\'s finding on the spring.</li>' in history
