"""What pages need to know about provenance: the releases, each case's pin and history.

Built once per render by ``load_provenance`` from the release manifests and (for history) git;
``Provenance()`` (no releases, no history) is what a render outside a checkout gets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from casebook.model import Case
from casebook.provenance.history import Change, History, case_histories
from casebook.provenance.releases import Pin, Release, load_releases, pin, releases_dir, revision


@dataclass(frozen=True)
class Provenance:
    """Releases (oldest first), case histories (``None``: not available in this build) and pins."""

    releases: tuple[Release, ...] = ()
    histories: History | None = None
    release_dir: Path | None = None
    _pins: dict[str, Pin] = field(default_factory=dict, compare=False, repr=False)

    def pin(self, case: Case) -> Pin:
        """The case's revision and the release it last changed in (computed once per case)."""
        if case.id not in self._pins:
            self._pins[case.id] = pin(self.releases, case.id, revision(case))
        return self._pins[case.id]

    def history(self, case: Case) -> tuple[Change, ...] | None:
        """The case file's commits, newest first, or ``None`` when git cannot say."""
        if self.histories is None:
            return None
        return self.histories.get(case.id, ())

    @property
    def latest(self) -> Release | None:
        """The newest release, if any."""
        return self.releases[-1] if self.releases else None

    def release(self, tag: str) -> Release | None:
        """The release with this tag."""
        return next((r for r in self.releases if r.tag == tag), None)


def load_provenance(cases_dir: Path, cases: Iterable[Case], *, history: bool = True) -> Provenance:
    """Read the release manifests beside ``cases_dir`` and, when ``history``, the cases' git history.

    Raises:
        ReleaseDataError: a release manifest is malformed.
    """
    folder = releases_dir(cases_dir)
    ids = [c.id for c in cases]
    histories: Mapping[str, tuple[Change, ...]] | None = case_histories(cases_dir, ids) if history else None
    return Provenance(tuple(load_releases(folder)), histories, folder)
