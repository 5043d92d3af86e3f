"""Feed HTML becomes one line of plain text; word forms compare across inflections."""

from __future__ import annotations

import pytest

from casebook.feeds.text import html_to_text, key_tokens, slugify, stem, words


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Hello <b>world</b></p>", "Hello world"),
        ("<script>alert(1)</script>Safe<style>p{}</style>", "Safe"),
        ("a &amp; b &lt;c&gt; &eacute;&#8217;", "a & b é’"),  # "<c>" unescaped is a tag, and dropped
        ("&lt;script&gt;alert(1)&lt;/script&gt;after", "after"),  # escaped markup is still markup
        ("&amp;lt;b&amp;gt; shown", "&lt;b&gt; shown"),  # escaped twice: literal text, not a tag
        ("<p onclick='x()'>one</p>\n\n\t<p>two</p>", "one two"),
        ("x < y and y > z", "x < y and y > z"),
        ("nul\x00and\u202ebidi\u200bzero", "nul and bidi zero"),
        ("<script>never closed", ""),
        ("<iframe src='https://evil.example'>inside</iframe>kept", "kept"),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    """Tags go, script/style/iframe content goes with them, entities unescape, space collapses."""
    assert html_to_text(html) == text


def test_html_to_text_cuts_long_text_at_a_word() -> None:
    """Long text is cut at a word boundary with an ellipsis."""
    assert html_to_text("word " * 100, limit=22) == "word word word word…"


def test_words_fold_case_accents_and_possessives() -> None:
    """Toyota's, TOYOTA and toyota are the same word; accents are dropped."""
    assert words("Toyota’s CAFÉ crème") == ["toyota", "cafe", "creme"]


def test_stem_and_key_tokens() -> None:
    """Inflections meet; stopwords and numbers do not count."""
    assert {stem("recalls"), stem("recalled"), stem("recalling"), stem("recall")} == {"recall"}
    assert key_tokens("The 2 recalls of the Prius") == {"recall", "prius"}


def test_slugify() -> None:
    """Slugs are lower-case ASCII words joined by hyphens."""
    assert slugify("Café Crème S.A.'s new ‘recall’!", max_words=4) == "cafe-creme-s-a"
    assert slugify("!!!") == ""
