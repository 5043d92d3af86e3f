"""Item 12 of #12: a missing, non-folder or empty cases folder is exit 2 with a message, everywhere.

Before the fix `build --cases /nonexistent` exited 1 with a traceback, `stats` on an empty folder
exited 0 with zero counts, and `validate dir.yaml/` (a folder) said "0 files checked" and passed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.conftest import ROOT, VALID, cli

COMMANDS = {
    "build": lambda cases, tmp: ["build", "--cases", cases, "--out", tmp / "out"],
    "render": lambda cases, tmp: ["render", "--cases", cases, "--out", tmp / "docs"],
    "stats": lambda cases, tmp: ["stats", "--cases", cases],
    "graph": lambda cases, tmp: ["graph", "2099-acme-minimal", "--cases", cases],
    "show": lambda cases, tmp: ["show", "2099-acme-minimal", "--cases", cases],
    "patterns": lambda cases, tmp: ["patterns", "--cases", cases],
}


def _bad_folder(kind: str, tmp: Path) -> Path:
    if kind == "missing":
        return tmp / "nowhere"
    if kind == "file":
        (tmp / "cases.txt").write_text("not a folder\n", encoding="utf-8")
        return tmp / "cases.txt"
    folder = tmp / "cases"
    folder.mkdir()
    if kind == "template-only":
        shutil.copy(ROOT / "cases" / "_TEMPLATE.yaml", folder / "_TEMPLATE.yaml")
    return folder


@pytest.mark.parametrize("kind", ["missing", "file", "empty", "template-only"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_cases_option_refuses_a_bad_folder(tmp_path: Path, command: str, kind: str) -> None:
    """Exit 2 with a message naming the folder, never a traceback or a clean exit."""
    folder = _bad_folder(kind, tmp_path)
    result = cli(*COMMANDS[command](folder, tmp_path))
    assert result.exit_code == 2, result.output
    assert folder.name in result.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "docs").exists()


@pytest.mark.parametrize("kind", ["missing", "empty", "template-only"])
def test_the_default_cases_folder_is_checked_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """With no --cases, a bad cases/ in the working folder is the same usage error."""
    monkeypatch.setenv("CASEBOOK_HOME", str(tmp_path))  # the fallback project has no cases either
    if kind != "missing":
        _bad_folder(kind, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = cli("stats")
    assert result.exit_code == 2 and "cases" in result.output


@pytest.mark.parametrize("kind", ["folder-named-yaml", "empty", "template-only", "missing"])
def test_validate_refuses_paths_without_cases(tmp_path: Path, kind: str) -> None:
    """`validate dir.yaml/` where dir.yaml is a folder, or a folder with no case: exit 2."""
    if kind == "folder-named-yaml":
        path = tmp_path / "dir.yaml"
        path.mkdir()
    else:
        path = _bad_folder(kind, tmp_path)
    result = cli("validate", f"{path}/")
    assert result.exit_code == 2, result.output
    assert "0 files checked" not in result.output


def test_validate_names_the_empty_one_among_good_paths(tmp_path: Path) -> None:
    """One empty folder among good paths is still exit 2, and the message names it."""
    (tmp_path / "empty").mkdir()
    result = cli("validate", VALID, tmp_path / "empty")
    assert result.exit_code == 2 and "empty" in result.output


def test_new_may_write_the_first_case_but_not_into_a_file(tmp_path: Path) -> None:
    """`new` starts a corpus in an empty folder; a --cases that is a file is exit 2."""
    args = ["new", "--org", "Acme", "--year", "2099", "--title", "A title", "--slug", "first"]
    (tmp_path / "fresh").mkdir()
    assert cli(*args, "--cases", tmp_path / "fresh").exit_code == 0
    (tmp_path / "afile").write_text("x\n", encoding="utf-8")
    result = cli(*args, "--cases", tmp_path / "afile")
    assert result.exit_code == 2 and "not a folder" in result.output
