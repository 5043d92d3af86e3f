"""H805: loaded words in our own prose, outside quotations and source entries."""

from __future__ import annotations

from casebook.gates import neutral
from casebook.loading import load_text


def _codes(text: str) -> list[tuple[str, int, str]]:
    loaded = load_text(text, "case.yaml")
    assert loaded.ok
    return [(d.code, d.line, d.message.split("'")[1]) for d in neutral.check(loaded)]


def test_loaded_word_in_prose_warns_case_insensitively() -> None:
    found = _codes("summary: The launch was Clearly a failure.\nlessons:\n  - It was shocking.\n")
    assert found == [("H805", 1, "Clearly"), ("H805", 3, "shocking")]


def test_word_boundaries_hold() -> None:
    assert _codes("summary: Unclearly worded terms; shockingly is not on the list.\n") == []


def test_quotes_sources_and_quote_fields_are_not_checked() -> None:
    text = (
        'summary: The judge called it a "shameful chapter" and \u201cdisastrous\u201d.\n'
        "sources:\n  - id: a\n    title: An appalling day\n"
        "chain:\n  - id: e\n    quote: an outrageous act\n"
    )
    assert _codes(text) == []


def test_allow_comment_allows_only_the_named_word_on_its_value() -> None:
    text = "# casebook: allow-word shameful\ntitle: A shameful and disastrous week\nsummary: A shameful week.\n"
    assert _codes(text) == [("H805", 2, "disastrous"), ("H805", 3, "shameful")]


def test_validate_reports_h805_as_a_warning() -> None:
    loaded = load_text("summary: Obviously wrong.\n", "case.yaml")
    [diagnostic] = list(neutral.check(loaded))
    assert diagnostic.severity.value == "warning"
