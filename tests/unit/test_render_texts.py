"""casebook.render.texts: the render's texts read back exactly as written, held compressed."""

from __future__ import annotations

from casebook.render.texts import PageTexts

PAGE = "# Acme → recall\n\n" + "caf\u00e9 \U0001f600 <svg>…</svg>\n" * 200


def test_texts_read_back_as_written_and_are_held_compressed() -> None:
    texts = PageTexts()
    texts["cases/a.md"] = PAGE
    texts["index.md"] = ""
    assert texts["cases/a.md"] == PAGE and texts["index.md"] == ""
    assert texts.encoded("cases/a.md") == PAGE.encode("utf-8")  # what the writer writes
    assert len(texts._packed["cases/a.md"]) < len(PAGE.encode("utf-8")) / 10
    assert texts == {"cases/a.md": PAGE, "index.md": ""}  # compares like the dict it replaces
    assert list(texts) == ["cases/a.md", "index.md"] and "index.md" in texts and len(texts) == 2


def test_update_replace_and_delete_behave_like_a_dict() -> None:
    texts = PageTexts()
    texts.update({"b.md": "one", "a.md": "two"})
    texts["b.md"] = "three"
    del texts["a.md"]
    assert dict(texts) == {"b.md": "three"} and "a.md" not in texts
    assert texts.get("a.md") is None
