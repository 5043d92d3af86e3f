"""Item 1 of #12: Casebook deletes or replaces only what it wrote.

Before the fix `build --out .` in a clone deleted .git, cases/ and an uncommitted file, and
`render --out <repository root>` removed every cases/*.yaml ("48 removed").
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from casebook.ownership import RENDER_MANIFEST, SITE_MARKER
from tests.hostile.conftest import VALID, cli, snapshot

REAL = VALID.parent / "real"


def _build(clone: Path, out: Path | str, cases: Path | None = None) -> tuple[int, str]:
    result = cli("build", "--config", clone / "mkdocs.yml", "--cases", cases or clone / "cases", "--out", out)
    return result.exit_code, result.output


def test_build_refuses_the_repository_it_runs_in(clone: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`build --out .` in a clone is refused and nothing in the clone changes."""
    before = snapshot(clone)
    monkeypatch.chdir(clone)
    code, output = _build(clone, ".")
    assert code == 2 and "refusing" in output
    assert snapshot(clone) == before


@pytest.mark.parametrize(
    "where", ["cases", "cases/..", "site/docs", "site/docs/inner", "cases/inner", "parent", "root", "home"]
)
def test_build_refuses_protected_folders(clone: Path, where: str) -> None:
    """The cases folder, the docs folder (and anything inside them), a folder containing the
    repository, / and the home folder are refused outright."""
    out = {"parent": clone.parent, "root": Path("/"), "home": Path.home()}.get(where, clone / where)
    before = snapshot(clone)
    code, output = _build(clone, out)
    assert code == 2, output
    assert "refusing to write into" in output
    assert snapshot(clone) == before


def test_build_refuses_a_folder_it_did_not_build(clone: Path, tmp_path: Path) -> None:
    """A non-empty folder without the marker is not replaced; the message says what to do."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work\n", encoding="utf-8")
    code, output = _build(clone, mine)
    assert code == 2 and SITE_MARKER in output and "choose a new or empty folder" in output
    assert (mine / "thesis.tex").read_text(encoding="utf-8") == "years of work\n"


@pytest.mark.parametrize("foreign", [".git", "mkdocs.yml", "pyproject.toml", "cases/2099-x.yaml"])
def test_a_marker_does_not_make_a_repository_ours(clone: Path, tmp_path: Path, foreign: str) -> None:
    """A folder holding the marker and something no site has (a repository, a corpus) is refused."""
    out = tmp_path / "out"
    (out / foreign).parent.mkdir(parents=True, exist_ok=True)
    (out / foreign).write_text("x\n", encoding="utf-8")
    (out / SITE_MARKER).write_text("forged\n", encoding="utf-8")
    before = snapshot(out)
    code, output = _build(clone, out)
    assert code == 2 and "refusing to replace" in output
    assert snapshot(out) == before


def test_build_refuses_a_file(clone: Path, tmp_path: Path) -> None:
    """--out naming a file is refused, the file kept."""
    target = tmp_path / "site.html"
    target.write_text("<p>mine</p>\n", encoding="utf-8")
    code, output = _build(clone, target)
    assert code == 2 and "site.html" in output
    assert target.read_text(encoding="utf-8") == "<p>mine</p>\n"


@pytest.mark.slow
def test_build_replaces_only_its_own_site(clone: Path, tmp_path: Path) -> None:
    """An empty folder is accepted and marked; the marked site is replaced by the next build, and a
    refused build leaves it byte-identical."""
    out = tmp_path / "out"
    out.mkdir()
    assert _build(clone, out)[0] == 0
    assert (out / SITE_MARKER).is_file() and (out / "index.html").is_file()
    assert _build(clone, out, REAL)[0] == 0
    assert "2010-google-buzz" in (out / "data" / "cases.json").read_text(encoding="utf-8")
    (out / ".git").mkdir()  # someone turned the site into a repository: no longer ours to replace
    before = snapshot(out)
    assert _build(clone, out)[0] == 2
    assert snapshot(out) == before


def test_render_into_the_repository_root_keeps_every_case(clone: Path) -> None:
    """The reproduction: `render --out <repository root>` is refused and every case file stays."""
    before = snapshot(clone)
    result = cli("render", "--cases", clone / "cases", "--out", clone)
    assert result.exit_code == 2 and "refusing" in result.output
    assert snapshot(clone) == before


def test_render_removes_only_files_its_manifest_lists(tmp_path: Path) -> None:
    """A page of a deleted case goes; a hand-written file at a generated folder's path stays."""
    cases = tmp_path / "cases"
    shutil.copytree(REAL, cases)
    docs = tmp_path / "docs"
    assert cli("render", "--cases", cases, "--out", docs).exit_code == 0
    listed = json.loads((docs / RENDER_MANIFEST).read_text(encoding="utf-8"))["files"]
    assert "cases/2010-google-buzz.md" in listed and "feed.xml" in listed
    (docs / "cases" / "notes.md").write_text("my notes\n", encoding="utf-8")
    (cases / "2010-google-buzz.yaml").unlink()
    result = cli("render", "--cases", cases, "--out", docs)
    # the case page, its tabletop page and its two graph files (issue 14)
    assert result.exit_code == 0 and "4 removed" in result.output
    assert not (docs / "cases" / "2010-google-buzz.md").exists()
    assert not (docs / "cases" / "2010-google-buzz").exists() or not any(
        (docs / "cases" / "2010-google-buzz").iterdir()
    )
    assert (docs / "cases" / "notes.md").read_text(encoding="utf-8") == "my notes\n"


def test_render_refuses_to_replace_a_hand_written_page(tmp_path: Path) -> None:
    """An existing index.md the manifest does not list is someone else's: refused, kept."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# My home page\n", encoding="utf-8")
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    result = cli("render", "--cases", VALID, "--out", docs)
    assert result.exit_code == 2 and "index.md" in result.output
    assert (docs / "index.md").read_text(encoding="utf-8") == "# My home page\n"
    assert sorted(p.name for p in docs.iterdir()) == ["about.md", "index.md"]


def test_render_adds_pages_beside_hand_written_ones(tmp_path: Path) -> None:
    """A docs folder of hand-written pages that clash with nothing (about.md, assets/) is fine."""
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    assert cli("render", "--cases", VALID, "--out", docs).exit_code == 0
    assert (docs / "about.md").read_text(encoding="utf-8") == "# About\n"
    assert (docs / "cases" / "2099-acme-minimal.md").is_file()


def test_a_crafted_manifest_cannot_delete_outside_the_folder(tmp_path: Path) -> None:
    """Manifest entries that climb out, are absolute or lead out through a link are ignored."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.md").write_text("keep me too\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "link").symlink_to(elsewhere)
    entries = ["../victim.txt", str(victim), "link/x.md", "cases/../../victim.txt"]
    (docs / RENDER_MANIFEST).write_text(json.dumps({"generator": "casebook render", "files": entries}), "utf-8")
    assert cli("render", "--cases", VALID, "--out", docs).exit_code == 0
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert (elsewhere / "x.md").read_text(encoding="utf-8") == "keep me too\n"


@pytest.mark.parametrize("text", ["not json", "[]", '{"files": ["index.md"]}', '{"generator": "casebook render"}'])
def test_render_refuses_a_manifest_it_did_not_write(tmp_path: Path, text: str) -> None:
    """A manifest that is not ours is a usage error (exit 2), not a traceback or a licence to delete."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / RENDER_MANIFEST).write_text(text, encoding="utf-8")
    result = cli("render", "--cases", VALID, "--out", docs)
    assert result.exit_code == 2 and RENDER_MANIFEST in result.output
