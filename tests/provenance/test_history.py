"""Case history from a scripted git history: renames followed, shallow clones and no git degrade."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from casebook.provenance.history import case_histories
from casebook.provenance.state import Provenance
from casebook.render import Corpus
from casebook.render.history import UNAVAILABLE, history_section
from casebook.validation import load_corpus
from tests.provenance.gitrepo import GIT_ENV, Repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    repo = Repo(tmp_path / "repo")
    repo.write_case("2099-acme-old-name", "A fictional recall")
    repo.commit("feat(cases): the recall", date="2026-01-05T10:00:00+00:00")
    path = repo.cases / "2099-acme-old-name.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("A fictional recall", "A fictional widget recall"))
    repo.commit("fix(cases): <script>alert(1)</script> title says which product", date="2026-02-06T10:00:00+00:00")
    repo.write_case("2099-acme-other", "Another fictional recall")
    repo.commit("feat(cases): another case", date="2026-03-07T10:00:00+00:00")
    repo.git("mv", "cases/2099-acme-old-name.yaml", "cases/2099-acme-new-name.yaml")
    new = repo.cases / "2099-acme-new-name.yaml"
    new.write_text(new.read_text(encoding="utf-8").replace("2099-acme-old-name", "2099-acme-new-name"))
    repo.commit("refactor(cases): a clearer id", date="2026-04-08T10:00:00+00:00")
    return repo


def test_history_follows_renames_newest_first(repo: Repo) -> None:
    """The renamed case keeps the commits made under its old name; each case sees only its own commits."""
    history = case_histories(repo.cases, ["2099-acme-new-name", "2099-acme-other"])
    assert history is not None
    new = history["2099-acme-new-name"]
    assert [(c.date, c.summary) for c in new] == [
        ("2026-04-08", "refactor(cases): a clearer id"),
        ("2026-02-06", "fix(cases): <script>alert(1)</script> title says which product"),
        ("2026-01-05", "feat(cases): the recall"),
    ]
    assert new[0].renamed_from == "2099-acme-old-name" and new[1].renamed_from is None
    assert [c.summary for c in history["2099-acme-other"]] == ["feat(cases): another case"]
    assert len(new[0].commit) == 40


def test_history_section_lists_escaped_commits(repo: Repo) -> None:
    """The page shows dates and subjects, escaped, with the rename noted."""
    cases = load_corpus(repo.cases).cases
    provenance = Provenance(histories=case_histories(repo.cases, [c.id for c in cases]))
    corpus = Corpus.build(cases, provenance=provenance)
    html = "\n".join(history_section(corpus.by_id["2099-acme-new-name"], corpus))
    assert '<time datetime="2026-02-06">2026-02-06</time> fix(cases): &lt;script&gt;alert(1)&lt;/script&gt;' in html
    assert "<script>" not in html
    assert "renamed from <code>2099-acme-old-name</code>" in html
    assert "Not yet in a release" in html


def test_shallow_clone_says_history_is_not_available(repo: Repo, tmp_path: Path) -> None:
    """A depth-1 clone would show one commit as each case's whole history: it shows none instead."""
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{repo.root}", str(shallow)],
        check=True,
        capture_output=True,
    )
    assert case_histories(shallow / "cases", ["2099-acme-new-name"]) is None
    cases = load_corpus(shallow / "cases").cases
    corpus = Corpus.build(cases, provenance=Provenance(histories=None))
    assert UNAVAILABLE in "\n".join(history_section(cases[0], corpus))


def test_outside_git_history_is_not_available(tmp_path: Path) -> None:
    """A folder that is not in a git work tree has no history, and that is not an error."""
    folder = tmp_path / "cases"
    folder.mkdir()
    assert case_histories(folder, ["2099-x"]) is None


def test_uncommitted_case_has_an_empty_history(repo: Repo) -> None:
    """A case written but not committed yet has no commits."""
    repo.write_case("2099-acme-fresh", "Fresh")
    history = case_histories(repo.cases, ["2099-acme-fresh"])
    assert history == {"2099-acme-fresh": ()}
