"""The real corpus is a test too: one test per case file, so a failure names the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.validation import expand_paths, validate_paths

CASES_DIR = Path(__file__).resolve().parents[2] / "cases"
CASE_FILES = expand_paths([CASES_DIR])


def test_corpus_is_not_empty() -> None:
    """The three founding cases, at least, are in cases/."""
    ids = {p.stem for p in CASE_FILES}
    assert {"2010-google-buzz", "2009-toyota-unintended-acceleration", "2009-united-breaks-guitars"} <= ids


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case_is_valid(path: Path) -> None:
    """Each case passes every gate, warnings included, in the context of the whole corpus."""
    result = validate_paths([path])
    assert [d.format() for d in result.diagnostics] == []


def test_whole_corpus_validates_together() -> None:
    """Cross-file gates (unique ids, related ids) hold over the whole folder; every break of a
    reviewed case names the control that would have stopped it (C506, `--require controls`) and
    every reviewed case records its review (R407, `--require reviews`)."""
    result = validate_paths([CASES_DIR], require=frozenset({"controls", "reviews"}))
    assert [d.format() for d in result.diagnostics] == []
    assert len(result.cases) == len(CASE_FILES)
