"""Helpers for the hostile suite: a throw-away clone of the repository, tree snapshots, a CLI runner."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from casebook.cli import main
from tests.sites import copy_project

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CASES = ROOT / "tests" / "fixtures" / "cases"
VALID = FIXTURE_CASES / "valid"


def cli(*args: str | Path) -> Result:
    """Run the CLI in-process; fail the test on any traceback."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every file's bytes and every folder and link under ``root``, by relative path."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[key] = f"-> {path.readlink()}"
        elif path.is_dir():
            found[key] = "<dir>"
        else:
            found[key] = path.read_bytes()
    return found


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A repository-like folder: .git, cases/, mkdocs.yml, site/, pyproject.toml and an uncommitted file."""
    repo = tmp_path / "clone"
    repo.mkdir()
    copy_project(repo)
    shutil.copytree(VALID, repo / "cases")
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    (repo / ".git").mkdir()
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (repo / "NOTES.txt").write_text("uncommitted work\n", encoding="utf-8")
    return repo


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 48 MB tmpfs mounted in tmp_path (skipped where mounting is not allowed)."""
    mount = tmp_path / f"tmpfs-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mount], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", mount], check=False)
