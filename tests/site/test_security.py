"""The hostile corpus builds, and every payload in it reaches the built pages only as text.

tests/fixtures/cases/hostile/ carries script tags, attribute breakouts, javascript: links,
template syntax, Markdown and table syntax in every free-text field. Here the built HTML is
parsed and searched for anything those payloads could have become; tests/browser checks that no
script runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from casebook.render import generate
from casebook.render.markdown import esc, md_attr
from casebook.validation import load_corpus
from tests.sites import CORPORA, BuiltSite

pytestmark = pytest.mark.slow

GetSite = Callable[[str], BuiltSite]
PAYLOAD = "<script>alert(1)</script>"


class _Scan(HTMLParser):
    """Collects what an injection would leave behind: handlers, script URLs, scripts, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        if tag in ("iframe", "object", "embed", "textarea") or (tag == "img" and ("src", "x") in attrs):
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if (
                name in ("href", "src", "xlink:href", "action")
                and value
                and re.match(r"\s*(javascript|data|vbscript):", value, re.I)
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script" and "alert(" in data:
            self.problems.append(f"script element runs {data.strip()[:40]!r}")
        if self.stack and self.stack[-1] == "title":
            self.title += data
        self.text.append(data)


def _scan(html: str) -> _Scan:
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan


@pytest.fixture(scope="module")
def hostile(built_site: GetSite) -> BuiltSite:
    """The hostile corpus, built."""
    return built_site("hostile")


def test_no_page_carries_markup_from_case_text(hostile: BuiltSite) -> None:
    """No event handler, script URL, injected element or script with a payload in any page."""
    problems = []
    for page in sorted(hostile.root.rglob("*.html")):
        problems += [f"{page.relative_to(hostile.root)}: {p}" for p in _scan(page.read_text(encoding="utf-8")).problems]
    assert problems == []


def test_payloads_show_as_text(hostile: BuiltSite) -> None:
    """The case page shows the title, the payloads and the Markdown characters literally."""
    case = next(c for c in hostile.cases if c.id == "2099-hostile-second")
    scan = _scan(hostile.page(f"cases/{case.id}/index.html"))
    text = " ".join(" ".join(scan.text).split())
    assert scan.title.startswith(case.title)  # the </title> in it did not close the element
    for payload in (
        PAYLOAD,
        '"><img src=x onerror=alert(1)>',
        "[x](javascript:alert(1))",
        "{{ config }}",
        "*emphasis*",
        "| table |",
    ):
        assert payload in text, payload


def test_svg_and_data_files_keep_payloads_inert(hostile: BuiltSite) -> None:
    """The inline SVG escapes text; the feed and filter index carry text, not markup."""
    page = hostile.page("cases/2099-hostile-payloads/index.html")
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg" class="cb-chain"')
    svg = page[start : page.index("</svg>", start)]
    assert PAYLOAD not in svg
    assert "&lt;script&gt;" in svg
    feed = hostile.page("feed.xml")
    assert PAYLOAD not in feed and "&lt;script&gt;alert(1)&lt;/script&gt;" in feed


def test_markdown_escaping_leaves_no_syntax() -> None:
    """esc() and md_attr() output has no unescaped Markdown or HTML syntax for any payload."""
    for payload in ("[x](javascript:alert(1))", "*a* _b_ `c` | d | # e", "<b>&amp;</b>", "{: #x onclick=y }"):
        escaped = esc(payload)
        assert "<" not in escaped and not re.search(r"(?<!\\)[\[\]*_`|#{}()]", escaped), escaped
        assert not re.search(r"[\[\]*_`|<>\"'(){}]", md_attr(payload))


def test_generated_sources_never_hold_raw_payloads() -> None:
    """Before MkDocs: no generated Markdown page holds a script tag from case text."""
    pages = generate(load_corpus(CORPORA / "hostile").cases)
    for path, content in pages.items():
        if path.endswith(".md"):
            body = content.split("\n---\n", 1)[-1]  # front matter values are HTML-escaped data, not Markdown
            assert PAYLOAD not in body, path
