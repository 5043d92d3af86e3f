"""CLI behaviour: exit codes, usage errors, explain, version."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from casebook import __version__
from casebook.cli import main
from casebook.codes import CODES, GATES

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "cases" / "valid"


def test_missing_path_is_usage_error(tmp_path: Path) -> None:
    """A path that does not exist is exit 2 with a message, not a traceback."""
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_unknown_format_is_usage_error() -> None:
    """click's own usage errors also exit 2."""
    assert CliRunner().invoke(main, ["validate", "--format", "xml", str(VALID)]).exit_code == 2


def test_clean_is_zero() -> None:
    """A valid folder exits 0."""
    assert CliRunner().invoke(main, ["validate", str(VALID)]).exit_code == 0


def test_version() -> None:
    """--version prints the package version."""
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_explain_every_code() -> None:
    """Every registered code explains itself, and lookups ignore case."""
    for code in CODES:
        result = CliRunner().invoke(main, ["explain", code.lower()])
        assert result.exit_code == 0
        assert result.output.startswith(code) and "How to fix:" in result.output


def test_explain_lists_codes_by_gate() -> None:
    """With no code, every gate and code is listed."""
    output = CliRunner().invoke(main, ["explain"]).output
    assert all(code in output for code in CODES)
    assert all(f"{letter}xxx" in output for letter in GATES)


def test_explain_unknown_code() -> None:
    """An unknown code is a usage error."""
    assert CliRunner().invoke(main, ["explain", "Z999"]).exit_code == 2


def test_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    """A folder with no cases is a usage error (#12: it used to say '0 files checked' and pass)."""
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "no case files in" in result.output


def test_unreadable_file_is_usage_error(tmp_path: Path) -> None:
    """A case path that is not a readable file (a broken link) is exit 2."""
    link = tmp_path / "2099-a-b.yaml"
    link.symlink_to(tmp_path / "missing-target.yaml")
    result = CliRunner().invoke(main, ["validate", str(link)])
    assert result.exit_code == 2
