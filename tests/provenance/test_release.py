"""``casebook release`` on a scratch git repository: tag, changelog entry, CITATION.cff, data, refusals."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from casebook.cli import main
from casebook.provenance.release import next_tag
from tests.helpers import MINIMAL
from tests.provenance.gitrepo import CHANGELOG, GIT_ENV, Repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    repo = Repo(tmp_path / "repo")
    repo.write_case("2099-acme-first", "The first fictional recall")
    repo.write_case("2099-acme-second", "The second fictional recall")
    (repo.root / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    repo.commit("feat(cases): two fictional cases")
    return repo


def release(repo: Repo, day: str, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["release", "--cases", str(repo.cases), "--date", day, *extra])
    return result.exit_code, result.output


def test_first_release_tags_and_writes_changelog_citation_and_data(repo: Repo) -> None:
    """The first release adds every case; the tag points at a commit holding all its files."""
    code, out = release(
        repo, "2026-12-04", "--site-url", "https://cb.example/", "--repository", "https://git.example/cb"
    )
    assert code == 0, out
    assert repo.git("tag", "--list").split() == ["v2026.12.1"]
    assert repo.git("status", "--porcelain") == ""
    assert repo.git("log", "-1", "--format=%s", "v2026.12.1").strip() == "release: v2026.12.1"
    changelog = (repo.root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog\n\n## [Unreleased]\n\n## [v2026.12.1] - 2026-12-04\n")
    assert "### Cases added\n\n- `2099-acme-first`: The first fictional recall\n- `2099-acme-second`" in changelog
    assert changelog.index("- A tooling change.") > changelog.index("## [v2026.12.1]")  # the notes moved in
    cff = yaml.safe_load((repo.root / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert (cff["version"], str(cff["date-released"]), cff["license"]) == ("v2026.12.1", "2026-12-04", "CC-BY-4.0")
    assert cff["repository-code"] == "https://git.example/cb"
    manifest = json.loads((repo.root / "releases/v2026.12.1/release.json").read_text(encoding="utf-8"))
    first = (repo.cases / "2099-acme-first.yaml").read_bytes()
    assert manifest["cases"]["2099-acme-first"]["revision"] == hashlib.sha256(first).hexdigest()[:12]
    assert manifest["added"] == ["2099-acme-first", "2099-acme-second"]
    package = json.loads(repo.git("show", "v2026.12.1:releases/v2026.12.1/datapackage.json"))
    assert package["version"] == "v2026.12.1"
    assert {r["name"] for r in package["resources"]} == {"cases", "events", "sources", "impacts", "lessons"}


def test_second_release_lists_changed_cases_with_reasons(repo: Repo) -> None:
    """A case edited after a release is listed as changed, with the subject of the commit that changed it."""
    assert release(repo, "2026-12-04")[0] == 0
    path = repo.cases / "2099-acme-second.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("The second fictional recall", "The second recall"))
    repo.commit("fix(cases): shorter title for the second recall", date="2026-12-10T09:00:00+00:00")
    repo.write_case("2099-acme-third", "A third fictional recall")
    repo.commit("feat(cases): a third case", date="2026-12-11T09:00:00+00:00")
    code, out = release(repo, "2026-12-20")
    assert code == 0, out
    assert sorted(repo.git("tag", "--list").split()) == ["v2026.12.1", "v2026.12.2"]
    changelog = (repo.root / "CHANGELOG.md").read_text(encoding="utf-8")
    section = changelog.split("## [v2026.12.2] - 2026-12-20\n", 1)[1].split("## [v2026.12.1]", 1)[0]
    assert "3 cases, 1 added, 1 changed" in section
    assert "### Cases added\n\n- `2099-acme-third`: A third fictional recall\n" in section
    assert "### Cases changed\n\n- `2099-acme-second`: fix(cases): shorter title for the second recall\n" in section
    assert "2099-acme-first" not in section  # unchanged since the previous release
    cff = yaml.safe_load((repo.root / "CITATION.cff").read_text(encoding="utf-8"))
    assert (cff["version"], str(cff["date-released"])) == ("v2026.12.2", "2026-12-20")
    manifest = json.loads((repo.root / "releases/v2026.12.2/release.json").read_text(encoding="utf-8"))
    assert manifest["previous"] == "v2026.12.1"


def test_refuses_a_dirty_tree(repo: Repo) -> None:
    """An uncommitted edit stops the release before anything is written or tagged."""
    (repo.cases / "2099-acme-first.yaml").write_text("id: 2099-acme-first\n", encoding="utf-8")
    code, out = release(repo, "2026-12-04")
    assert code == 2
    assert "uncommitted changes" in out and "2099-acme-first.yaml" in out
    assert repo.git("tag", "--list") == ""
    assert not (repo.root / "releases").exists()
    assert (repo.root / "CHANGELOG.md").read_text(encoding="utf-8") == CHANGELOG


def test_refuses_an_invalid_corpus(repo: Repo) -> None:
    """A committed but invalid case stops the release with exit 1 and its diagnostics."""
    (repo.cases / "2099-acme-broken.yaml").write_text("id: 2099-acme-broken\ntitle: [unclosed\n", encoding="utf-8")
    repo.commit("broken")
    code, out = release(repo, "2026-12-04")
    assert code == 1
    assert "2099-acme-broken.yaml" in out and "corpus has errors" in out
    assert repo.git("tag", "--list") == ""


def test_dry_run_writes_nothing(repo: Repo) -> None:
    """--dry-run prints the entry and leaves the tree and tags alone."""
    code, out = release(repo, "2026-12-04", "--dry-run")
    assert code == 0, out
    assert "## [v2026.12.1] - 2026-12-04" in out and "would tag v2026.12.1" in out
    assert repo.git("status", "--porcelain") == "" and repo.git("tag", "--list") == ""


@pytest.mark.parametrize(
    ("existing", "day", "expected"),
    [
        ([], "2026-12-04", "v2026.12.1"),
        (["v2026.12.1", "v2026.12.2", "v2026.11.7", "other"], "2026-12-31", "v2026.12.3"),
        (["v2026.12.9"], "2027-01-02", "v2027.01.1"),
        (["v2026.12.9", "v2026.12.10"], "2026-12-31", "v2026.12.11"),
    ],
)
def test_next_tag_counts_the_months_releases(existing: list[str], day: str, expected: str) -> None:
    """N counts releases within the month, numerically (10 after 9)."""
    import datetime as dt

    assert next_tag(existing, dt.date.fromisoformat(day)) == expected


def test_citation_cff_update_keeps_what_a_maintainer_wrote() -> None:
    """Only version and date-released change; comments and other keys stay; missing keys are added."""
    from casebook.provenance.changelog import citation_cff

    current = (Path(__file__).resolve().parents[2] / "CITATION.cff").read_text(encoding="utf-8")
    updated = citation_cff(current, version="v2026.12.1", date="2026-12-04", repository="x", url="y")
    assert updated.startswith(current.rstrip("\n"))  # nothing of the committed file is lost
    data = yaml.safe_load(updated)
    assert (data["version"], str(data["date-released"]), data["cff-version"]) == ("v2026.12.1", "2026-12-04", "1.2.0")
    again = citation_cff(updated, version="v2026.12.2", date="2026-12-20", repository="x", url="y")
    assert again.count("version: ") == 2 and "version: v2026.12.2" in again and "v2026.12.1" not in again


def test_changelog_entry_goes_above_older_releases() -> None:
    """The newest release is first under Unreleased; older sections stay below it, unchanged."""
    from casebook.provenance.changelog import insert_entry

    text = "# Changelog\n\n## [Unreleased]\n\n- pending note\n\n## [v2026.11.1] - 2026-11-01\n\nold\n"
    out = insert_entry(text, "## [v2026.12.1] - 2026-12-04\n\nnew\n")
    assert out == (
        "# Changelog\n\n## [Unreleased]\n\n## [v2026.12.1] - 2026-12-04\n\nnew\n\n- pending note\n\n"
        "## [v2026.11.1] - 2026-11-01\n\nold\n"
    )
    assert insert_entry("# Changelog\n", "## [v1] - d\n").startswith("# Changelog\n\n## [Unreleased]\n\n## [v1] - d")


def test_release_lists_renamed_and_withdrawn_cases_and_uses_changes_notes(repo: Repo) -> None:
    """A rename (old id in aliases), a withdrawal and a `changes` note each land in the entry."""
    assert release(repo, "2026-12-04")[0] == 0
    repo.git("mv", "cases/2099-acme-first.yaml", "cases/2099-acme-premier.yaml")
    path = repo.cases / "2099-acme-premier.yaml"
    text = path.read_text(encoding="utf-8").replace("2099-acme-first", "2099-acme-premier")
    path.write_text(text + "aliases: [2099-acme-first]\n", encoding="utf-8")
    second = repo.cases / "2099-acme-second.yaml"
    text = second.read_text(encoding="utf-8").replace("status: draft", "status: withdrawn")
    second.write_text(text + "withdrawn:\n  date: 2026-12-12\n  reason: The source was a forgery.\n", encoding="utf-8")
    repo.write_case("2099-acme-third", "A third recall")
    repo.commit("feat(cases): third; rename; withdraw", date="2026-12-10T09:00:00+00:00")
    assert release(repo, "2026-12-20")[0] == 0
    third = repo.cases / "2099-acme-third.yaml"
    third.write_text(
        third.read_text(encoding="utf-8")
        + "changes:\n  - date: 2026-12-21\n    summary: Added the regulator's notice.\n",
        encoding="utf-8",
    )
    repo.commit("chore: edit", date="2026-12-21T09:00:00+00:00")
    assert release(repo, "2026-12-21")[0] == 0
    assert release(repo, "2026-12-22")[0] == 0  # nothing changed: an entry that says so
    changelog = (repo.root / "CHANGELOG.md").read_text(encoding="utf-8")
    second_entry = changelog.split("## [v2026.12.2] - 2026-12-20\n", 1)[1].split("## [v2026.12.1]", 1)[0]
    assert (
        "### Cases renamed\n\n- `2099-acme-first` is now `2099-acme-premier` (the old address redirects)\n"
        in second_entry
    )
    assert "### Cases withdrawn\n\n- `2099-acme-second`: The source was a forgery.\n" in second_entry
    assert "### Cases added\n\n- `2099-acme-third`: A third recall\n" in second_entry
    third_entry = changelog.split("## [v2026.12.3] - 2026-12-21\n", 1)[1].split("## [v2026.12.2]", 1)[0]
    assert "### Cases changed\n\n- `2099-acme-third`: Added the regulator's notice.\n" in third_entry
    assert "No case changed since the previous release." in changelog.split("## [v2026.12.4] - 2026-12-22\n", 1)[1]


def test_refuses_outside_git_and_a_bad_date(tmp_path: Path, repo: Repo) -> None:
    """A corpus outside a git work tree, or a date that is not YYYY-MM-DD, is a usage error (exit 2)."""
    outside = tmp_path / "plain" / "cases"
    outside.mkdir(parents=True)
    (outside / MINIMAL.name).write_bytes(MINIMAL.read_bytes())
    result = CliRunner().invoke(main, ["release", "--cases", str(outside), "--date", "2026-12-04"])
    assert result.exit_code == 2 and "not inside a git work tree" in result.output
    code, out = release(repo, "04/12/2026")
    assert code == 2 and "is not a date" in out
    assert repo.git("tag", "--list") == ""
