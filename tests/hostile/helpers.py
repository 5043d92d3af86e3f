"""Hostile variants of the minimal fixture case, and a CLI runner that fails on any traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from casebook.cli import main
from tests.helpers import MINIMAL

TEXT = MINIMAL.read_text(encoding="utf-8")
NAME = MINIMAL.name


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in the text")


def variant(old: str, new: str) -> str:
    """The minimal case with its first ``old`` replaced by ``new`` (which must change the text)."""
    assert old in TEXT, old
    return TEXT.replace(old, new, 1)


def write_case(folder: Path, text: str, name: str = NAME) -> Path:
    """Write ``text`` as a case file in a new folder; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the CLI in-process; any exception other than a clean exit fails the test."""
    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"casebook {' '.join(args)} raised {result.exception!r}\n{result.output}")
    assert "Traceback" not in result.output
    return result
