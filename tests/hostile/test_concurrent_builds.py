"""Item 2 of #12: builds never share a docs folder.

Before the fix every build rendered into the configured ``site/docs``: three builds of different
corpora at once gave FileNotFoundError tracebacks, and two exited 0 shipping the other corpus's
cases.json and feed.xml. A build while ``mkdocs serve`` re-rendered site/docs could do the same.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from casebook.build import build_site
from casebook.render import render_site
from casebook.validation import load_corpus
from tests.hostile.conftest import FIXTURE_CASES
from tests.sites import copy_project

pytestmark = pytest.mark.slow

CORPORA = ("valid", "real", "site")
CASEBOOK = Path(sys.executable).with_name("casebook")


def _ids(corpus: str) -> set[str]:
    return {case.id for case in load_corpus(FIXTURE_CASES / corpus).cases}


def _shipped(out: Path) -> tuple[set[str], str]:
    data = json.loads((out / "data" / "cases.json").read_text(encoding="utf-8"))
    return {case["id"] for case in data["cases"]}, (out / "feed.xml").read_text(encoding="utf-8")


def test_three_concurrent_builds_each_ship_their_own_corpus(tmp_path: Path) -> None:
    """Three `casebook build` processes on one project, different corpora, all at once."""
    project = copy_project(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CASEBOOK_SITE_URL": "http://127.0.0.1:8000/"}
    runs = {
        corpus: subprocess.Popen(
            [CASEBOOK, "build", "--config", project / "mkdocs.yml", "--cases", FIXTURE_CASES / corpus, "--out", out],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for corpus in CORPORA
        for out in [tmp_path / f"out-{corpus}"]
    }
    for corpus, run in runs.items():
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        assert "Traceback" not in out + err
        ids, feed = _shipped(tmp_path / f"out-{corpus}")
        assert ids == _ids(corpus), corpus
        others = set().union(*(_ids(c) for c in CORPORA if c != corpus)) - ids
        assert not any(f"/cases/{other}/" in feed for other in others), corpus
    assert sorted(p.name for p in (project / "site" / "docs").iterdir()) == ["about.md", "assets"]
    assert not list(tmp_path.glob(".out-*.new-*"))


def test_a_build_while_the_docs_folder_is_re_rendered(tmp_path: Path) -> None:
    """What `mkdocs serve` does (render another corpus into site/docs, again and again) cannot
    reach a build running at the same time, and neither side fails."""
    project = copy_project(tmp_path)
    docs = project / "site" / "docs"
    stop = threading.Event()
    failures: list[BaseException] = []
    renders = 0

    def serve_like() -> None:
        nonlocal renders
        corpora = [FIXTURE_CASES / "real", FIXTURE_CASES / "site"]
        while not stop.is_set():
            try:
                render_site(corpora[renders % 2], docs)
            except BaseException as exc:
                failures.append(exc)
                return
            renders += 1

    worker = threading.Thread(target=serve_like)
    worker.start()
    try:
        out, _ = build_site(project / "mkdocs.yml", FIXTURE_CASES / "valid", tmp_path / "out")
    finally:
        stop.set()
        worker.join()
    assert failures == [] and renders > 0
    assert _shipped(out)[0] == {"2099-acme-minimal"}
    assert not (out / "cases" / "2010-google-buzz").exists()
