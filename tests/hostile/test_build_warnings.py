"""MkDocs warnings in strict mode name their page and, for a case page, the case file (issue 12, item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.render import site
from tests.helpers import MINIMAL
from tests.hostile.helpers import run
from tests.sites import copy_project


def test_strict_mode_warnings_are_shown_with_their_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken anchor on a case page and a broken link on a hand-written page are each listed with where they are."""
    project = copy_project(tmp_path)
    about = project / "site" / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n", encoding="utf-8")
    real = site.case_page

    def broken_case_page(*args: object, **kwargs: object) -> str:
        return real(*args, **kwargs) + "\n[x](#no-such-anchor)\n"  # type: ignore[arg-type]

    monkeypatch.setattr(site, "case_page", broken_case_page)
    out = tmp_path / "out"
    args = ["build", "--config", str(project / "mkdocs.yml"), "--cases", str(MINIMAL.parent), "--out", str(out)]
    result = run(*args, env={"NO_MKDOCS_2_WARNING": "1"})
    assert result.exit_code == 1, result.output
    docs = project / "site" / "docs"
    case_line = next(line for line in result.output.splitlines() if "#no-such-anchor" in line)
    assert f"{docs / 'cases' / '2099-acme-minimal.md'} (generated from {MINIMAL})" in case_line
    about_line = next(line for line in result.output.splitlines() if "no-such-page.md" in line)
    assert str(about) in about_line
    assert "2 warnings in strict mode" in result.output
    assert not out.exists()
