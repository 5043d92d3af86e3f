"""Symbolic links in the cases folder (issue 12, item 7): a loop is a usage error (exit 2), never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.helpers import NAME, TEXT, run, write_case


def _commands(cases: Path, out: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate", str(cases)],
        "stats": ["stats", "--cases", str(cases)],
        "patterns": ["patterns", "--cases", str(cases)],
        "render": ["render", "--cases", str(cases), "--out", str(out)],
        "build": ["build", "--cases", str(cases), "--out", str(out)],
    }


@pytest.mark.parametrize("command", ["validate", "stats", "patterns", "render", "build"])
@pytest.mark.parametrize("kind", ["loop", "broken"])
def test_case_named_link_that_leads_nowhere_is_exit_2(tmp_path: Path, command: str, kind: str) -> None:
    """x.yaml -> y.yaml -> x.yaml (or a link to a missing file) stops the command with exit 2 and says which."""
    cases = write_case(tmp_path / "cases", TEXT)
    if kind == "loop":
        (cases / "2099-a-x.yaml").symlink_to("2099-a-y.yaml")
        (cases / "2099-a-y.yaml").symlink_to("2099-a-x.yaml")
    else:
        (cases / "2099-a-x.yaml").symlink_to("missing.yaml")
    result = run(*_commands(cases, tmp_path / "out")[command])
    assert result.exit_code == 2, result.output
    wanted = "symbolic link loop" if kind == "loop" else "broken symbolic link"
    assert wanted in result.output and "2099-a-x.yaml" in result.output


@pytest.mark.parametrize("command", ["validate", "stats", "patterns"])
def test_loops_that_are_not_case_files_are_ignored(tmp_path: Path, command: str) -> None:
    """A looping link without a case name, and a link to the folder itself, change nothing: one case checked."""
    cases = write_case(tmp_path / "cases", TEXT)
    (cases / "a").symlink_to("b")
    (cases / "b").symlink_to("a")
    (cases / "self").symlink_to(".")
    result = run(*_commands(cases, tmp_path / "out")[command])
    assert result.exit_code == 0, result.output


def test_graph_and_show_of_a_case_beside_a_loop(tmp_path: Path) -> None:
    """graph and show read the one case asked for; a looping neighbour does not break them."""
    cases = write_case(tmp_path / "cases", TEXT)
    (cases / "a.yaml").symlink_to("b.yaml")
    (cases / "b.yaml").symlink_to("a.yaml")
    for command in ("graph", "show"):
        result = run(command, "--cases", str(cases), NAME.removesuffix(".yaml"))
        assert result.exit_code == 0, result.output


def test_looping_file_given_directly(tmp_path: Path) -> None:
    """validate on the looping file itself: exit 2, named as a loop rather than as missing."""
    (tmp_path / "x.yaml").symlink_to("y.yaml")
    (tmp_path / "y.yaml").symlink_to("x.yaml")
    result = run("validate", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2 and "symbolic link loop" in result.output
