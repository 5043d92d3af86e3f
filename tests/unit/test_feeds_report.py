"""Untrusted text in the report renders as the same text and nothing else."""

from __future__ import annotations

import re

import markdown
import pytest

from casebook.feeds.report import md_link, md_text

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "**bold** _it_ `code` ~~gone~~",
    "# heading",
    "- list item",
    "1. ordered",
    "> quote",
    "text {onclick=alert(1)}",
    "a | b | c",
    "&lt;b&gt; &amp; &copy;",
    "$x^2$ and :smile:",
    "@octocat see #1 at https://evil.example and www.evil.example",
    "line\nbreak\r\nand tab\t!",
    "back\\slash",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_renders_as_itself(text: str) -> None:
    """Python-Markdown turns the escaped text into one paragraph with no element inside it."""
    rendered = markdown.markdown(md_text(text), extensions=["attr_list", "tables"])
    assert re.fullmatch(r"<p>[^<]*</p>", rendered), rendered
    assert "<" not in rendered[3:-4]


def test_github_triggers_are_defused() -> None:
    """Bare URLs, www hosts, @mentions and #numbers carry a zero-width space."""
    escaped = md_text("@octocat #1 https://evil.example www.evil.example")
    for trigger in ("@octocat", "#1", "https://", "www."):
        assert trigger not in escaped


def test_md_link_only_links_http() -> None:
    """http(s) links are written, percent-encoded; anything else is plain text."""
    assert md_link("ok", "https://a.example/x?q=(1) y") == "ok"  # whitespace: not a safe link
    assert md_link("ok", "https://a.example/x?q=(1)<y>") == "[ok](https://a.example/x?q=%281%29%3Cy%3E)"
    assert md_link("bad", "javascript:alert(1)") == "bad"
    assert md_link("none", None) == "none"
    rendered = markdown.markdown(md_link("[x](javascript:alert(1))", "https://a.example/"))
    assert rendered.count("<a ") == 1
    assert 'href="https://a.example/"' in rendered
