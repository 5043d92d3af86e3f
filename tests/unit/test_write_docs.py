"""Generated files are written only when they changed, and an unchanged one is not even read
(issue 15): the manifest's fingerprint of its compressed text and of the file as it was left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casebook.progress import Progress
from casebook.render.manifest import Fingerprint
from casebook.render.texts import PageTexts
from casebook.render.write_docs import write_generated


def _texts(**texts: str) -> PageTexts:
    pages = PageTexts()
    for name, text in texts.items():
        pages[f"{name}.md"] = text
    return pages


def _write(docs: Path, pages: PageTexts, known: dict[str, Fingerprint]) -> tuple[list[str], dict[str, Fingerprint]]:
    return write_generated(docs, sorted(pages), pages, {}, known, fsync=False, progress=Progress(enabled=False))


def test_unchanged_files_are_neither_read_nor_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _texts(a="# A →\n", b="# B\n")
    written, prints = _write(tmp_path, pages, {})
    assert written == ["a.md", "b.md"] and set(prints) == {"a.md", "b.md"}
    again = _texts(a="# A →\n", b="# B, edited\n")
    decoded: list[str] = []
    real = PageTexts.encoded
    monkeypatch.setattr(PageTexts, "encoded", lambda self, name: decoded.append(name) or real(self, name))
    written, after = _write(tmp_path, again, prints)
    assert written == ["b.md"] and decoded == ["b.md"]  # a.md: same compressed text, file as left
    assert after["a.md"] == prints["a.md"]
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "# B, edited\n"


def test_a_file_changed_since_is_compared_and_put_right(tmp_path: Path) -> None:
    pages = _texts(a="# A\n")
    _, prints = _write(tmp_path, pages, {})
    (tmp_path / "a.md").write_text("# someone's edit\n", encoding="utf-8")
    written, _ = _write(tmp_path, pages, prints)
    assert written == ["a.md"] and (tmp_path / "a.md").read_text(encoding="utf-8") == "# A\n"
    # A deleted file is written again; a file whose time moved is compared, and left alone when
    # its bytes are the text's.
    (tmp_path / "a.md").unlink()
    written, _ = _write(tmp_path, pages, prints)
    assert written == ["a.md"]
    stat = (tmp_path / "a.md").stat()
    os.utime(tmp_path / "a.md", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert _write(tmp_path, pages, prints)[0] == []  # compared, same bytes: not written
