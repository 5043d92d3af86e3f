"""``casebook release``: cut a corpus release as a git tag ``vYYYY.MM.N``.

In order: refuse a dirty work tree (exit 2) or an invalid corpus (exit 1); compare every case's
revision with the previous release's manifest; write the CHANGELOG.md entry, CITATION.cff and
``releases/<tag>/`` (the manifest and the data package's descriptor and CSV files); commit those
files alone and tag the commit. Nothing is written until every check has passed, and a failed
commit leaves the files for the maintainer to inspect (the message says so).

A changed case's one-line reason is its newest ``changes`` note dated after the previous release,
or else the newest commit subject that touched its file since that release's tag.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from casebook.atomic import write_text_atomic
from casebook.datapkg.package import package_files
from casebook.model import Case
from casebook.provenance import git
from casebook.provenance.changelog import citation_cff, entry, insert_entry
from casebook.provenance.history import subjects_since
from casebook.provenance.releases import (
    MANIFEST,
    TAG,
    CaseState,
    Release,
    load_releases,
    manifest_text,
    releases_dir,
    revision,
    tag_key,
)

DEFAULT_REPOSITORY = "https://github.com/casebook-kb/casebook"


class ReleaseError(Exception):
    """The release cannot be cut; ``exit_code`` is 1 for an invalid corpus, 2 otherwise."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class ReleasePlan:
    """What a release will write, by path relative to the repository root."""

    release: Release
    entry: str = ""
    files: dict[str, str] = field(default_factory=dict)


def next_tag(existing: Sequence[str], day: dt.date) -> str:
    """``vYYYY.MM.N`` with N one more than the month's highest release so far."""
    month = (day.year, day.month)
    numbers = [tag_key(t)[2] for t in existing if TAG.match(t) and tag_key(t)[:2] == month]
    return f"v{day.year:04d}.{day.month:02d}.{max(numbers, default=0) + 1}"


def _reason(case: Case, since_date: str | None, subjects: Callable[[Case], list[str]]) -> str:
    notes = [c for c in case.changes if since_date is None or str(c.date) > since_date]
    if notes:
        newest = max(notes, key=lambda c: str(c.date))
        return " ".join(str(newest.summary).split())
    found = subjects(case)
    if not found:
        return "edited"
    more = f" (and {len(found) - 1} more commits)" if len(found) > 1 else ""
    return found[0] + more


def _withdrawal(case: Case) -> str | None:
    if case.withdrawn is not None:
        return " ".join(case.withdrawn.reason.split())
    return "withdrawn" if case.status == "withdrawn" else None


def compare(
    cases: Sequence[Case], previous: Release | None, subjects: Callable[[Case], list[str]]
) -> tuple[dict[str, CaseState], list[str], list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """Each case's state, and what was added, changed, withdrawn and renamed since ``previous``."""
    states = {c.id: CaseState(revision(c), c.status, c.title) for c in sorted(cases, key=lambda c: c.id)}
    before = dict(previous.cases) if previous else {}
    added, changed, withdrawn, renamed = [], [], [], []
    for case in sorted(cases, key=lambda c: c.id):
        old = before.get(case.id)
        former = next((a for a in case.aliases if a in before and a not in states), None)
        reason = _withdrawal(case)
        if reason is not None and (old is None or old.status != "withdrawn"):
            withdrawn.append((case.id, reason))
        elif former is not None and old is None:
            renamed.append((former, case.id))
        elif old is None:
            added.append(case.id)
        elif old.revision != states[case.id].revision:
            changed.append((case.id, _reason(case, previous.date if previous else None, subjects)))
    return states, added, changed, withdrawn, renamed


def plan_release(
    root: Path, cases_dir: Path, cases: Sequence[Case], day: dt.date, *, site_url: str = "", repository: str = ""
) -> ReleasePlan:
    """Everything the release will write, computed without writing anything."""
    folder = releases_dir(cases_dir)
    earlier = load_releases(folder)
    tag = next_tag([*git.tags(root, "v*"), *(r.tag for r in earlier)], day)
    previous = earlier[-1] if earlier else None
    since = (
        previous.tag
        if previous and git.try_run(root, "rev-parse", "--verify", "--quiet", f"{previous.tag}^{{commit}}")
        else None
    )
    relative = cases_dir.resolve().relative_to(root.resolve()).as_posix()

    def subjects(case: Case) -> list[str]:
        return subjects_since(root, since, f"{relative}/{case.id}.yaml")

    states, added, changed, withdrawn, renamed = compare(cases, previous, subjects)
    release = Release(
        tag=tag,
        date=day.isoformat(),
        previous=previous.tag if previous else None,
        cases=states,
        added=tuple(added),
        changed=tuple(changed),
        withdrawn=tuple(withdrawn),
        renamed=tuple(renamed),
    )
    base = folder.relative_to(root.resolve()).as_posix() + f"/{tag}"
    files = {
        f"{base}/{name}": text
        for name, text in package_files(cases, version=tag, site_url=site_url, released=release.date).items()
    }
    files[f"{base}/{MANIFEST}"] = manifest_text(release)
    changelog = root / "CHANGELOG.md"
    current = changelog.read_text(encoding="utf-8") if changelog.is_file() else "# Changelog\n"
    section = entry(release, {c.id: c.title for c in cases})
    files["CHANGELOG.md"] = insert_entry(current, section)
    cff = root / "CITATION.cff"
    files["CITATION.cff"] = citation_cff(
        cff.read_text(encoding="utf-8") if cff.is_file() else None,
        version=tag,
        date=release.date,
        repository=repository or DEFAULT_REPOSITORY,
        url=site_url or repository or DEFAULT_REPOSITORY,
    )
    return ReleasePlan(release, section, files)


def check_ready(root: Path) -> None:
    """Refuse a dirty tree, or a repository where git cannot commit.

    Raises:
        ReleaseError: with the reason.
    """
    try:
        changed = git.dirty(root)
    except git.GitError as exc:
        raise ReleaseError(f"not a git work tree: {exc}") from exc
    if changed:
        listed = ", ".join(changed[:5]) + (" ..." if len(changed) > 5 else "")
        raise ReleaseError(f"the work tree has uncommitted changes ({listed}); commit or stash them first")
    if git.try_run(root, "var", "GIT_COMMITTER_IDENT") is None:
        raise ReleaseError("git has no committer identity: set user.name and user.email")


def apply_release(root: Path, plan: ReleasePlan) -> None:
    """Write the plan's files, commit them and tag the commit.

    Raises:
        ReleaseError: git failed; the files written so far are left in place for inspection.
    """
    for relative, text in sorted(plan.files.items()):
        write_text_atomic(root / relative, text)
    tag = plan.release.tag
    try:
        git.run(root, "add", "--", *sorted(plan.files))
        git.run(root, "commit", "--quiet", "-m", f"release: {tag}", "--", *sorted(plan.files))
        git.run(root, "tag", "-a", tag, "-m", f"Casebook corpus release {tag}")
    except git.GitError as exc:
        raise ReleaseError(f"wrote the release files but git failed: {exc}; inspect and commit by hand") from exc
