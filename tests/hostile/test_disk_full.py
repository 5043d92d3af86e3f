"""Item 10 of #12: a full disk is exit 2 with "No space left on device", and leaves nothing behind.

Before the fix `build` left a partial `.out.new-*` folder on every try and printed a traceback,
and `synth` left truncated YAML files.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from casebook import atomic, staging
from casebook.commands.synth import render_case
from casebook.synth import synth_corpus
from tests.hostile.conftest import VALID, cli, snapshot
from tests.sites import copy_project

CASEBOOK = Path(sys.executable).with_name("casebook")


def _full(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "somewhere")


def _build(project: Path, out: Path) -> Any:
    return cli("build", "--config", project / "mkdocs.yml", "--cases", VALID, "--out", out)


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if ".new-" in p.name or p.name.endswith(".tmp")]


@pytest.mark.slow
@pytest.mark.parametrize("where", ["casebook.atomic._write_all", "mkdocs.utils.write_file"])
def test_a_full_disk_during_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """ENOSPC while rendering or while MkDocs writes: exit 2, old site byte-identical, no staging left."""
    project = copy_project(tmp_path)
    out = tmp_path / "out"
    assert _build(project, out).exit_code == 0
    before = snapshot(out)
    monkeypatch.setattr(where, _full)
    result = _build(project, out)
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output
    assert snapshot(out) == before
    assert _leftovers(tmp_path) == []


def test_synth_on_a_full_disk_leaves_whole_files_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The third file hits ENOSPC halfway: exit 2, the files written are whole, no temporary file."""
    real = atomic._write_all
    calls = 0

    def third_fails(fd: int, data: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            real(fd, data[: len(data) // 2])
            _full()
        real(fd, data)

    monkeypatch.setattr(atomic, "_write_all", third_fails)
    out = tmp_path / "synthetic"
    result = cli("synth", "--count", "5", "--out", out)
    assert result.exit_code == 2 and "No space left on device" in result.output
    expected = {f"{d['id']}.yaml": render_case(d) for d in synth_corpus(5, 0)}
    written = sorted(out.iterdir())
    assert {p.name for p in written} == set(list(expected)[:2])  # files are written in generation order
    for path in written:
        assert path.read_text(encoding="utf-8") == expected[path.name]
        yaml.safe_load(path.read_text(encoding="utf-8"))


def test_render_and_graph_on_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`render --out` and `graph -o` report ENOSPC as exit 2 and leave no temporary file."""
    monkeypatch.setattr(atomic, "_write_all", _full)
    render = ["render", "--cases", VALID, "--out", tmp_path / "docs"]
    graph = ["graph", VALID / "2099-acme-minimal.yaml", "-o", tmp_path / "g.svg"]
    for args in (render, graph):
        result = cli(*args)
        assert result.exit_code == 2 and "No space left on device" in result.output, result.output
    assert _leftovers(tmp_path) == [] and not (tmp_path / "g.svg").exists()


def _staged(parent: Path, name: str, marker: bool = True) -> Path:
    folder = parent / f".out.new-{name}"
    (folder / "site").mkdir(parents=True)
    (folder / "site" / "index.html").write_text("partial\n", encoding="utf-8")
    if marker:
        (folder / staging.STAGING_MARKER).write_text("casebook build\n", encoding="utf-8")
    return folder


def test_stale_staging_is_removed_and_only_ours(tmp_path: Path) -> None:
    """A killed build's staging goes; a running build's (lock held) and a look-alike without the
    marker stay; a build killed mid-swap gets its previous output put back."""
    dead, alive, lookalike = _staged(tmp_path, "dead"), _staged(tmp_path, "alive"), _staged(tmp_path, "x", False)
    (dead / "old").mkdir()
    (dead / "old" / "index.html").write_text("previous site\n", encoding="utf-8")
    with (alive / staging.STAGING_MARKER).open("r+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        removed = staging.remove_stale(tmp_path / "out")
    assert removed == [dead] and not dead.exists()
    assert alive.is_dir() and lookalike.is_dir()
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8") == "previous site\n"


@pytest.mark.slow
def test_a_killed_build_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    """kill -9 in the middle of a build: the next build succeeds and writes the whole site (the kept
    work folder it left is brought up to date), and no fresh staging folder is left."""
    project = copy_project(tmp_path)
    out = tmp_path / "out"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cases = VALID.parent / "site"
    args = [CASEBOOK, "build", "--config", project / "mkdocs.yml", "--cases", cases, "--out", out]
    run = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300  # a bound on waiting, not an assertion on time
    work = staging.work_folder(out)
    while not (work / "docs" / "cases").is_dir() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    run.kill()
    run.wait()
    if run.returncode == 0:
        pytest.skip("the build finished before it could be killed")
    assert cli("build", "--config", project / "mkdocs.yml", "--cases", cases, "--out", out).exit_code == 0
    assert list(tmp_path.glob(".out.new-*")) == []
    clean = tmp_path / "clean"
    assert cli("build", "--config", project / "mkdocs.yml", "--cases", cases, "--out", clean).exit_code == 0
    assert snapshot(out) == snapshot(clean)


@pytest.mark.slow
def test_a_really_full_disk(tmp_path: Path, small_disk: Path) -> None:
    """On a real small tmpfs filled up to the last megabyte: exit 2, old site kept, nothing left."""
    project = copy_project(tmp_path)
    out = small_disk / "out"
    assert _build(project, out).exit_code == 0
    before = snapshot(out)
    stat = os.statvfs(small_disk)
    filler = small_disk / "filler"
    with filler.open("wb") as handle:
        free = stat.f_bavail * stat.f_frsize - 1024 * 1024
        handle.write(b"\0" * max(free, 0))
    result = _build(project, out)
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert snapshot(out) == before
    assert _leftovers(small_disk) == []
    filler.unlink()
    assert _build(project, out).exit_code == 0


def test_new_on_a_full_disk_leaves_no_half_case(small_disk: Path) -> None:
    """`new` on a full disk: exit 2 with the reason, and no truncated case file."""
    cases = small_disk / "cases"
    cases.mkdir()
    with (small_disk / "filler").open("wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:  # until ENOSPC: the tmpfs is bounded
            handle.write(b"\0" * 65536)
    result = cli("new", "--org", "Acme", "--year", "2099", "--title", "A title", "--slug", "full", "--cases", cases)
    assert result.exit_code == 2 and "No space left on device" in result.output, result.output
    assert list(cases.iterdir()) == []
