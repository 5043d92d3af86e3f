"""Progress lines appear on a terminal only: never in CI, in pipes, or with machine output."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from casebook import progress as progress_module
from casebook.cli import main
from casebook.progress import Progress, for_stderr, wanted
from casebook.validation import validate_paths

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "cases" / "valid"


class FakeTTY(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as on a developer's machine, even when the test suite itself runs in CI."""
    monkeypatch.delenv("CI", raising=False)


def test_shown_on_a_terminal(no_ci: None) -> None:
    """On a terminal the phase is counted, and the line is erased at the end."""
    stream = FakeTTY()
    shown = Progress(stream, enabled=wanted(stream))
    shown.start("checking", 3, "files")
    for _ in range(3):
        shown.advance()
    shown.close()
    text = stream.getvalue()
    assert "checking 0 of 3 files (0%)" in text
    assert "checking 3 of 3 files (100%)" in text
    assert text.endswith("\r")
    assert "\n" not in text


def test_note_for_phases_without_a_count(no_ci: None) -> None:
    """A phase that cannot count its steps shows its name."""
    stream = FakeTTY()
    shown = Progress(stream, enabled=True)
    shown.note("building the site with MkDocs")
    assert "building the site with MkDocs..." in stream.getvalue()


def test_quiet_when_not_a_terminal(no_ci: None) -> None:
    """Pipes and files get nothing."""
    assert not wanted(io.StringIO())


def test_quiet_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """With CI set, even a terminal gets nothing."""
    monkeypatch.setenv("CI", "true")
    assert not wanted(FakeTTY())


def test_quiet_for_machine_output(no_ci: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """--format json and github never draw progress, even on a terminal."""
    monkeypatch.setattr(sys, "stderr", FakeTTY())
    assert not for_stderr(machine_output=True).enabled
    assert for_stderr(machine_output=False).enabled


def test_validate_reports_each_file(no_ci: None) -> None:
    """validate_paths counts every file it checks."""
    stream = FakeTTY()
    shown = Progress(stream, enabled=True)
    result = validate_paths([VALID], progress=shown)
    assert shown.done == result.files
    assert f"checking {result.files} of {result.files} files" in stream.getvalue()


def test_cli_stderr_has_no_progress_when_not_a_terminal(no_ci: None) -> None:
    """Through the CLI with a captured (non-terminal) stderr, nothing but the report is written."""
    result = CliRunner().invoke(main, ["validate", str(VALID)])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "checking" not in result.output


def test_cli_draws_on_a_terminal(no_ci: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """With stderr taken for a terminal, validate draws progress there for text output only."""
    monkeypatch.setattr(progress_module, "wanted", lambda stream: True)
    for fmt, expected in (("text", True), ("json", False), ("github", False)):
        result = CliRunner().invoke(main, ["validate", "--format", fmt, str(VALID)])
        assert result.exit_code == 0
        assert ("checking" in result.stderr) is expected
        assert "checking" not in result.stdout
