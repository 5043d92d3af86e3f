"""Case pages show the organization's own words, perspectives and the review record (issue 18).

Built from the v2 fixtures (a case with every field) and the hostile corpus, whose perspective,
statement and review carry script, attribute-breaking quotes and ``javascript:`` links in every
free-text field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from tests.sites import BuiltSite

pytestmark = pytest.mark.slow

GetSite = Callable[[str], BuiltSite]


class _Elements(HTMLParser):
    """Every element with its attributes, and the text inside elements with a given class."""

    def __init__(self, watch: str) -> None:
        super().__init__(convert_charrefs=True)
        self.watch = watch
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.depth = 0
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.elements.append((tag, found))
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            return
        watched = self.watch in (found.get("class") or "").split()
        self.stack.append(watched)
        self.depth += watched

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.depth -= self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def _parse(html: str, watch: str) -> _Elements:
    parser = _Elements(watch)
    parser.feed(html)
    parser.close()
    return parser


def _text(parser: _Elements) -> str:
    return " ".join("".join(parser.text).split())


def test_full_case_shows_reply_perspective_and_review(built_site: GetSite) -> None:
    """The box, the two readings side by side, the toggle (hidden until the script runs) and the record."""
    site = built_site("v2")
    page = site.page("cases/2099-acme-full/index.html")
    reply = _text(_parse(page, "cb-reply"))
    assert "Press release: Acme said it was recalling every widget" in reply and "every widget" in reply
    readings = _text(_parse(page, "cb-readings"))
    assert "Main analysis" in readings and "Perspective 1" in readings
    assert "Fault kept quiet, at the incident response stage (main analysis: design)" in readings
    assert "Lasting damage (main analysis: partially restored)" in readings
    assert "Conflict of interestnone" in readings
    elements = _parse(page, "cb-views").elements
    group = next(a for t, a in elements if "cb-views" in (a.get("class") or ""))
    assert "hidden" in group and group.get("role") == "group"
    buttons = [a for t, a in elements if t == "button" and a.get("data-view")]
    assert [(b["data-view"], b["aria-pressed"]) for b in buttons] == [
        ("all", "true"),
        ("main", "false"),
        ("p-silence-reading", "false"),
    ]
    # The screen graph's rings; the printed handout's graph pages (issue 14) repeat them per tile.
    printed = [i for i, (_, a) in enumerate(elements) if "cb-print-graph" in (a.get("class") or "").split()]
    screen = elements[: printed[0]] if printed else elements
    views = [a.get("data-view") for t, a in screen if t == "g" and "cb-view" in (a.get("class") or "").split()]
    assert views == ["main", "p-silence-reading"]
    assert "Checked by 1 reviewer; 6 claims re-read against sources on 2099-06-03, 1 correction" in page
    assert 'id="reviews"' in page


def test_none_found_and_no_perspectives(built_site: GetSite) -> None:
    """A reply of none_found says what was searched; a case without perspectives has no toggle or marks."""
    page = built_site("v2").page("cases/2099-acme-withdrawn/index.html")
    reply = _text(_parse(page, "cb-reply"))
    assert reply.startswith("No statement by") and "Searched:" in reply
    assert "cb-views" not in page and "cb-view" not in page and 'id="perspectives"' not in page


def test_hostile_perspective_reply_and_review_stay_text(built_site: GetSite) -> None:
    """Every payload in the new sections shows as text; no element, handler or script URL comes from it."""
    page = built_site("hostile").page("cases/2099-hostile-payloads/index.html")
    readings = _parse(page, "cb-readings")
    text = _text(readings)
    for payload in (
        '<script>alert(1)</script> "><img src=x onerror=alert(1)>',
        "javascript:alert(1) [x](javascript:alert(1))",
        "' onmouseover='alert(1) \" onfocus=\"alert(1)",
        '<iframe src="javascript:alert(1)"></iframe> *emphasis* | table |',
        '</section></div><script>alert(1)</script> <a href="javascript:alert(1)">click</a>',
    ):
        assert payload in text, payload
    reply = _text(_parse(page, "cb-reply"))
    assert "</q><script>alert(1)</script>" in reply and "[x](javascript:alert(1)) {{ config }}" in reply
    for tag, attrs in readings.elements:
        assert tag not in ("iframe", "img") or attrs.get("src") != "x", tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    buttons = [a for t, a in readings.elements if t == "button" and "cb-view-button" in (a.get("class") or "")]
    assert buttons[-1]["data-view"] == "p-hostile-reading"
    assert '<script>alert(1)</script> "><img src=x onerror=alert(1)>' not in page  # only escaped forms


def test_cases_json_marks_disputed_and_reply(built_site: GetSite) -> None:
    """derived.disputed, disputed_stages and has_reply in the download; the filter offers the facet."""
    site = built_site("v2")
    records = {r["id"]: r["derived"] for r in json.loads(site.page("data/cases.json"))["cases"]}
    assert records["2099-acme-full"]["disputed"] is True
    assert records["2099-acme-full"]["disputed_stages"] == ["incident_response"]
    assert records["2099-acme-full"]["has_reply"] is True
    assert records["2099-acme-withdrawn"]["has_reply"] is False
    index = json.loads(site.page("filter/cases.json"))
    facet = next(i for i, f in enumerate(index["facets"]) if f["key"] == "dissent")
    assert index["facets"][facet]["title"] == "Analysts disagree"
    rows = {row[0]: row[4][facet] for row in index["cases"]}
    values = index["facets"][facet]["values"]
    assert [values[n] for n in rows["2099-acme-full"]] == ["disputed", "perspectives"]
    filter_page = site.page("filter/index.html")
    assert 'name="dissent" value="disputed"' in filter_page
    patterns = site.page("patterns/index.html")
    assert "Where analysts disagree on the first break" in patterns
