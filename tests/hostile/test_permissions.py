"""Item 13 of #12: written files and the built site honour the umask.

Before the fix the site's root was 0700 (mkdtemp) and every atomic write 0600 (mkstemp), so a
web server running as another user could not read the site.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from casebook.atomic import write_text_atomic
from tests.hostile.conftest import VALID, cli
from tests.sites import copy_project


@pytest.fixture(params=[0o022, 0o077], ids=["umask022", "umask077"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under this umask, then restore the old one."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_atomic_writes_honour_the_umask(tmp_path: Path, umask: int) -> None:
    """A new file gets 0666 & ~umask, its new parent folders 0777 & ~umask."""
    target = tmp_path / "new" / "file.txt"
    write_text_atomic(target, "x")
    assert _mode(target) == 0o666 & ~umask
    assert _mode(target.parent) == 0o777 & ~umask


def test_an_existing_file_keeps_its_mode(tmp_path: Path, umask: int) -> None:
    """Replacing a file keeps the mode its owner gave it."""
    target = tmp_path / "state.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "{}\n")
    assert _mode(target) == 0o640


def test_render_and_graph_files_honour_the_umask(tmp_path: Path, umask: int) -> None:
    """Pages from `render` and a picture from `graph -o` are as readable as the umask allows."""
    assert cli("render", "--cases", VALID, "--out", tmp_path / "docs").exit_code == 0
    assert cli("graph", VALID / "2099-acme-minimal.yaml", "-o", tmp_path / "g.svg").exit_code == 0
    for path in (tmp_path / "docs" / "index.md", tmp_path / "docs" / "data" / "cases.json", tmp_path / "g.svg"):
        assert _mode(path) == 0o666 & ~umask, path


@pytest.mark.slow
def test_the_built_site_honours_the_umask(tmp_path: Path, umask: int) -> None:
    """The site's root folder and its files follow the umask, not mkdtemp's 0700."""
    project = copy_project(tmp_path)
    out = tmp_path / "out"
    assert cli("build", "--config", project / "mkdocs.yml", "--cases", VALID, "--out", out).exit_code == 0
    assert _mode(out) == 0o777 & ~umask
    for path in (out / "index.html", out / "data" / "cases.json", out / "cases" / "2099-acme-minimal" / "index.html"):
        assert _mode(path) == 0o666 & ~umask, path
    assert _mode(out / "cases") == 0o777 & ~umask
