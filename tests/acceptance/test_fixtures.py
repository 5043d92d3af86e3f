"""Every invalid fixture produces exactly the codes and lines it declares, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casebook.cli import main
from casebook.loading import load_file

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
EXPECTED: dict[str, list[str]] = load_file(CASES / "expected.yaml").data
INVALID = sorted(p.name for p in (CASES / "invalid").iterdir())


def test_every_fixture_declares_its_codes() -> None:
    """A fixture on disk without an entry in expected.yaml (or the reverse) is a mistake."""
    assert sorted(EXPECTED) == INVALID


@pytest.mark.parametrize("name", INVALID)
def test_invalid_fixture(name: str) -> None:
    """The CLI exits 1 (0 for a warning alone) and reports exactly the declared CODE@LINE set."""
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(CASES / "invalid" / name)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    report = json.loads(result.output)
    found = sorted(f"{d['code']}@{d['line']}" for d in report["diagnostics"])
    assert found == sorted(EXPECTED[name])
    only_warnings = all(d["severity"] == "warning" for d in report["diagnostics"])
    assert result.exit_code == (0 if only_warnings else 1)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", INVALID)
def test_invalid_fixture_fails_strict(name: str) -> None:
    """Under --strict every fixture, warnings included, exits 1."""
    result = CliRunner().invoke(main, ["validate", "--strict", str(CASES / "invalid" / name)])
    assert result.exit_code == 1


def test_valid_fixtures_pass_strict() -> None:
    """The valid fixtures pass with no diagnostics at all."""
    result = CliRunner().invoke(main, ["validate", "--strict", str(CASES / "valid")])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("0 errors, 0 warnings\n")
