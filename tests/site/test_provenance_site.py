"""A built site with a release: Releases page, per-release and latest data, SQLite files, History, cite box."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from casebook.build import build_site
from casebook.datapkg.package import package_files
from casebook.provenance.releases import CaseState, Release, manifest_text, revision
from casebook.validation import load_corpus
from tests.site.linkcheck import check_links
from tests.sites import CORPORA, BuiltSite, copy_project

pytestmark = pytest.mark.slow

REAL = CORPORA / "real"
TOYOTA, BUZZ = "2009-toyota-unintended-acceleration", "2010-google-buzz"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real fixture cases outside git, with release v2026.12.1 holding all but Buzz as they are now."""
    project = copy_project(tmp_path_factory.mktemp("provenance-site"))
    cases_dir = project / "cases"
    shutil.copytree(REAL, cases_dir)
    cases = load_corpus(cases_dir).cases
    released = [c for c in cases if c.id != BUZZ]
    release = Release(
        tag="v2026.12.1",
        date="2026-12-01",
        previous=None,
        cases={c.id: CaseState(revision(c), c.status, c.title) for c in released},
        added=tuple(sorted(c.id for c in released)),
    )
    folder = project / "releases" / release.tag
    for name, text in package_files(released, version=release.tag, released=release.date).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    (folder / "release.json").write_text(manifest_text(release), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_SITE_URL", "https://cb.example/")
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        build_site(project / "mkdocs.yml", cases_dir, project / "out")
    return project / "out"


def test_release_data_is_served_as_committed(built: Path) -> None:
    """/data/releases/<tag>/ holds the committed files byte for byte; /data/latest/ is the same release."""
    root = built.parent / "releases" / "v2026.12.1"
    for path in root.rglob("*"):
        if path.is_file():
            relative = path.relative_to(root)
            assert (built / "data" / "releases" / "v2026.12.1" / relative).read_bytes() == path.read_bytes()
            assert (built / "data" / "latest" / relative).read_bytes() == path.read_bytes()
    package = json.loads((built / "data" / "latest" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        data = (built / "data" / "latest" / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()


def test_every_package_has_its_sqlite_file(built: Path) -> None:
    """The build's corpus, latest and the release each get casebook.sqlite with their own rows."""
    counts = {}
    for folder in ("data", "data/latest", "data/releases/v2026.12.1"):
        db = sqlite3.connect(built / folder / "casebook.sqlite")
        counts[folder] = db.execute("SELECT count(*) FROM cases").fetchone()[0]
        db.close()
    assert counts == {"data": 3, "data/latest": 2, "data/releases/v2026.12.1": 2}


def test_releases_page_and_case_pages_name_the_release(built: Path) -> None:
    """The Releases page lists the release; Toyota last changed in it, Buzz is not in a release yet."""
    page = (built / "data" / "releases" / "index.html").read_text(encoding="utf-8")
    assert 'id="v2026-12-1"' in page and "Released 2026-12-01: 2 cases" in page
    toyota = (built / "cases" / TOYOTA / "index.html").read_text(encoding="utf-8")
    assert 'Last changed in release <a href="../../data/releases/#v2026-12-1">v2026.12.1</a>' in toyota
    assert "(Version v2026.12.1) [Case study, revision" in toyota
    buzz = (built / "cases" / BUZZ / "index.html").read_text(encoding="utf-8")
    assert "Not yet in a release" in buzz and "not yet released" in buzz


def test_history_degrades_outside_git(built: Path) -> None:
    """These cases are not in a git work tree: the History section says so."""
    toyota = (built / "cases" / TOYOTA / "index.html").read_text(encoding="utf-8")
    assert 'id="history"' in toyota and "History not available in this build" in toyota


def test_data_dictionary_lists_every_column(built: Path) -> None:
    """Generated from the descriptor: every table and column appears."""
    page = (built / "data" / "dictionary" / "index.html").read_text(encoding="utf-8")
    package = json.loads((built / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert f'id="{resource["name"]}"' in page
        for field in resource["schema"]["fields"]:
            assert f"<code>{field['name']}</code>" in page


def test_links_resolve(built: Path) -> None:
    """Every internal link of the new pages resolves (the stdlib link checker)."""
    problems = check_links(built, "https://cb.example/")
    assert problems == []


def test_redirect_and_withdrawn_pages_in_a_built_site(built_site: Callable[[str], BuiltSite]) -> None:
    """MkDocs copies the redirect page as it is; its link and the withdrawn page resolve."""
    site = built_site("v2")
    redirect = site.page("cases/2099-acme-widgets/index.html")
    assert 'http-equiv="refresh" content="0; url=../2099-acme-full/"' in redirect
    assert (site.root / "cases" / "2099-acme-full" / "index.html").is_file()
    withdrawn = site.page("cases/2099-acme-withdrawn/index.html")
    assert "This case was withdrawn on" in withdrawn and "forgery" in withdrawn
    assert check_links(site.root, site.url) == []
