"""Incremental builds (issue 15): a rebuild that reuses the build cache writes exactly the site a
clean build writes, after edits of several kinds, and a cache from other code or another
vocabulary is never read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casebook import search_index
from casebook.build import build_site
from casebook.build_cache import CACHE_ENV
from tests.sites import CORPORA, ROOT, copy_project

pytestmark = pytest.mark.slow

NEW_CASE = ROOT / "tests" / "fixtures" / "cases" / "valid" / "2099-acme-minimal.yaml"
EDITED = "1993-pepsi-syringe-hoax"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _assert_same(rebuilt: Path, clean: Path) -> None:
    ours, theirs = _tree(rebuilt), _tree(clean)
    assert sorted(ours) == sorted(theirs)
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert differ == [], differ


def _no_pagefind(site: Path, bundle: Path) -> None:
    raise AssertionError("Pagefind ran although no indexed page changed")


def _entries(cache: Path, kind: str) -> set[str]:
    return {p.name for p in cache.rglob("*") if p.is_file() and p.parent.parent.name == kind}


def test_rebuilds_equal_clean_builds_after_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Title edit, new case, deleted case: each cached rebuild into the same output equals a clean build."""
    project = copy_project(tmp_path)
    cases = tmp_path / "cases"
    shutil.copytree(CORPORA / "site", cases)
    cache = tmp_path / "cache"
    out = project / "out"

    def rebuild_and_compare(step: str) -> dict[str, str]:
        monkeypatch.setenv(CACHE_ENV, str(cache))
        _, rendered = build_site(project / "mkdocs.yml", cases, out, keep_texts=True)
        monkeypatch.setenv(CACHE_ENV, "off")
        clean, _ = build_site(project / "mkdocs.yml", cases, tmp_path / f"clean-{step}")
        _assert_same(out, clean)
        return rendered.pages

    generated = sorted(rebuild_and_compare("first"))
    checked = _entries(cache, "check")
    # Builds render into their own staging docs folder (#12): the pages are the generated Markdown
    # plus the hand-written pages of the project's docs folder.
    hand_written = [
        p.relative_to(project / "site" / "docs").as_posix() for p in (project / "site" / "docs").rglob("*.md")
    ]
    pages = sorted({*(p for p in generated if p.endswith(".md")), *hand_written})
    assert len(checked) == 5 and len(_entries(cache, "html")) == len(pages) - 1  # all but the tags index

    # Nothing changed: every case page is as before, so the search bundle comes from the cache.
    assert len(_entries(cache, "pagefind")) == 1
    monkeypatch.setenv(CACHE_ENV, str(cache))
    with monkeypatch.context() as patched:
        patched.setattr(search_index, "_run_pagefind", _no_pagefind)
        build_site(project / "mkdocs.yml", cases, out)
    monkeypatch.setenv(CACHE_ENV, "off")
    _assert_same(out, build_site(project / "mkdocs.yml", cases, tmp_path / "clean-unchanged")[0])
    assert len(_entries(cache, "pagefind")) == 1

    path = cases / f"{EDITED}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Reports of syringes", "title: Claims of syringes", 1), encoding="utf-8")
    case_pages = _entries(cache, "page")
    rendered = rebuild_and_compare("title")
    assert len(_entries(cache, "check") - checked) == 1  # only the edited file was checked again
    # A case page is rendered again only if it shows the edited title: the case itself and the
    # cases that list it as related or similar, not every page (#15: pages depend on what they show).
    showing = [
        p
        for p, md in rendered.items()
        if p.startswith("cases/") and p.count("/") == 1 and p != "cases/index.md" and "Claims of syringes" in md
    ]
    assert f"cases/{EDITED}.md" in showing and "Claims of syringes" in rendered[f"cases/{EDITED}/tabletop.md"]
    assert len(_entries(cache, "page") - case_pages) == len(showing)
    assert "Claims of syringes" in (out / "cases" / EDITED / "index.html").read_text(encoding="utf-8")

    # An event's description is shown on its own case page only: that one page is rendered again.
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("An 82-year-old man in Tacoma", "A man of 82 in Tacoma", 1), encoding="utf-8")
    case_pages, html_pages = _entries(cache, "page"), _entries(cache, "html")
    after = rebuild_and_compare("description")
    assert len(_entries(cache, "page") - case_pages) == 1
    # MkDocs builds again only the pages whose Markdown changed: that case page and the data pages
    # that list file sizes; every other page's HTML comes from the cache.
    changed = [p for p in after if p.endswith(".md") and after[p] != rendered.get(p)]
    # (with its tabletop page, which tells the same events: issue 14)
    assert {p for p in changed if p.startswith("cases/")} == {f"cases/{EDITED}.md", f"cases/{EDITED}/tabletop.md"}
    assert len(_entries(cache, "html") - html_pages) == len(changed) < 5

    shutil.copy(NEW_CASE, cases / NEW_CASE.name)
    rebuild_and_compare("new")
    assert (out / "cases" / NEW_CASE.stem / "index.html").is_file()

    (cases / NEW_CASE.name).unlink()
    rebuild_and_compare("deleted")
    assert not (out / "cases" / NEW_CASE.stem).exists()
    assert len(_entries(cache, "check")) == 5  # the deleted case's entries were pruned


def _cli_build(project: Path, cases: Path, out: Path, env: dict[str, str]) -> None:
    command = [sys.executable, "-c", "from casebook.cli import main; main()", "build"]
    command += ["--config", str(project / "mkdocs.yml"), "--cases", str(cases), "--out", str(out)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_vocabulary_change_is_not_served_from_the_cache(tmp_path: Path) -> None:
    """A changed label reaches every page that shows it; the old cache folder is dropped."""
    project = copy_project(tmp_path)
    home = tmp_path / "home"
    shutil.copytree(ROOT / "schema", home / "schema")
    for document in ("CONTRIBUTING.md", "docs/vocabulary.md"):  # the guide pages copy them
        (home / document).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / document, home / document)
    cache = tmp_path / "cache"
    env = {**os.environ, "CASEBOOK_HOME": str(home), CACHE_ENV: str(cache), "NO_MKDOCS_2_WARNING": "1"}
    out = project / "out"
    cases = CORPORA / "site"
    _cli_build(project, cases, out, env)
    before = set(cache.glob("*/*"))  # cache/<name>/<signature>
    vocabulary = home / "schema" / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(
        text.replace("label: Airlines and travel", "label: Air travel and tourism", 1), encoding="utf-8"
    )
    _cli_build(project, cases, out, env)
    clean = tmp_path / "clean"
    _cli_build(project, cases, clean, {**env, CACHE_ENV: "off"})
    _assert_same(out, clean)
    assert "Air travel and tourism" in (out / "cases" / "2009-united-breaks-guitars" / "index.html").read_text()
    after = set(cache.glob("*/*"))
    assert {p.parent.name for p in before} == {p.parent.name for p in after} == {"corpus", "pages", "search"}
    assert before.isdisjoint(after)  # new signatures; the old folders are gone
