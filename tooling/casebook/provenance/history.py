"""Each case file's history from git: the commits that changed it, following renames.

One ``git log --name-status -M`` over the cases folder replaces a ``git log --follow`` per file:
the same rename detection, one process for the whole corpus instead of one per case. Walking the
log newest first, each current file is tracked under its current name; a rename entry (``R``)
moves the tracking to the old name, an add (``A``) ends it.

A shallow clone has lost the older commits (its oldest commit would look like every case's
creation), so there, as outside git, the history is ``None``: "not available in this build".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from casebook.provenance import git

_RECORD, _FIELD = "\x1e", "\x1f"
_FORMAT = f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%s"


@dataclass(frozen=True)
class Change:
    """One commit that changed a case file."""

    date: str
    commit: str
    summary: str
    renamed_from: str | None = None

    @property
    def short(self) -> str:
        """The abbreviated commit id shown on pages."""
        return self.commit[:10]


History = Mapping[str, tuple[Change, ...]]
"""Case id to its changes, newest first."""


def _parse(log: str) -> list[tuple[str, str, str, list[list[str]]]]:
    commits = []
    for record in log.split(_RECORD)[1:]:
        head, _, body = record.partition("\n")
        commit, date, summary = ([*head.split(_FIELD), "", ""])[:3]
        entries = [line.split("\t") for line in body.splitlines() if "\t" in line]
        commits.append((commit, date[:10], summary.strip(), entries))
    return commits


def case_histories(cases_dir: Path, ids: Iterable[str]) -> History | None:
    """The history of each case file ``<id>.yaml`` in ``cases_dir``, or ``None`` when git cannot say.

    ``None`` outside a git work tree, without git, or in a shallow clone.
    """
    root = git.toplevel(cases_dir)
    if root is None or git.is_shallow(root):
        return None
    folder = cases_dir.resolve().relative_to(root.resolve()).as_posix()
    prefix = "" if folder == "." else folder + "/"
    log = git.try_run(root, "log", "--no-merges", "-M", "--name-status", _FORMAT, "--", prefix or ".")
    if log is None:
        return None
    tracking = {f"{prefix}{ident}.yaml": ident for ident in ids}
    found: dict[str, list[Change]] = {ident: [] for ident in tracking.values()}
    for commit, date, summary, entries in _parse(log):
        for entry in entries:
            status, paths = entry[0], entry[1:]
            if status.startswith("R") and len(paths) == 2 and paths[1] in tracking:
                ident = tracking.pop(paths[1])
                tracking[paths[0]] = ident
                old = Path(paths[0]).stem
                found[ident].append(Change(date, commit, summary, renamed_from=old if old != ident else None))
            elif paths and paths[0] in tracking:
                ident = tracking[paths[0]]
                found[ident].append(Change(date, commit, summary))
                if status.startswith("A") or status.startswith("D"):
                    tracking.pop(paths[0])
    return {ident: tuple(changes) for ident, changes in found.items()}


def subjects_since(root: Path, since: str | None, path: str) -> list[str]:
    """Commit subjects touching ``path`` after the commit ``since`` (all when ``None``), newest first."""
    span = [f"{since}..HEAD"] if since else ["HEAD"]
    out = git.try_run(root, "log", "--no-merges", "--follow", "--format=%s", *span, "--", path)
    return [line.strip() for line in (out or "").splitlines() if line.strip()]
