"""Corpus releases as data: each release leaves ``releases/<tag>/release.json`` in its tagged commit.

The manifest names every case of the release with its revision (the first 12 hex digits of the
SHA-256 of its file: ``sha256sum cases/<id>.yaml`` checks it) and status, and what the release
added, changed, renamed and withdrew. Pages read these manifests, not git, so a case page can say
in which release it last changed in any build, shallow clone or tarball included.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casebook.model import Case

TAG = re.compile(r"^v(\d{4})\.(\d{2})\.([1-9]\d*)$")
"""A release tag: ``vYYYY.MM.N``, N counting the releases of that month from 1."""

MANIFEST = "release.json"
REVISION_LENGTH = 12


def releases_dir(cases_dir: Path) -> Path:
    """Where release folders live: ``releases/`` beside the cases folder."""
    return cases_dir.resolve().parent / "releases"


def tag_key(tag: str) -> tuple[int, int, int]:
    """Sort key of a release tag (year, month, number); raises ``ValueError`` for other names."""
    match = TAG.match(tag)
    if not match:
        raise ValueError(f"not a release tag: {tag!r} (expected vYYYY.MM.N)")
    return int(match[1]), int(match[2]), int(match[3])


def revision(case: Case) -> str:
    """The case's own revision: a digest of its file's bytes (of its content when it has no file)."""
    path = Path(case.path) if case.path else None
    if path is not None and path.is_file():
        data = path.read_bytes()
    else:
        from casebook.render.records import canonical_json, case_record  # render imports this module

        data = canonical_json(case_record(case)).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:REVISION_LENGTH]


@dataclass(frozen=True)
class CaseState:
    """A case as a release saw it."""

    revision: str
    status: str
    title: str = ""


@dataclass(frozen=True)
class Release:
    """One release manifest."""

    tag: str
    date: str
    previous: str | None
    cases: Mapping[str, CaseState]
    added: tuple[str, ...] = ()
    changed: tuple[tuple[str, str], ...] = ()
    withdrawn: tuple[tuple[str, str], ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The manifest as JSON-ready data."""
        return {
            "tag": self.tag,
            "date": self.date,
            "previous": self.previous,
            "cases": {
                ident: {"revision": s.revision, "status": s.status, "title": s.title}
                for ident, s in sorted(self.cases.items())
            },
            "added": list(self.added),
            "changed": [{"id": i, "reason": r} for i, r in self.changed],
            "withdrawn": [{"id": i, "reason": r} for i, r in self.withdrawn],
            "renamed": [{"from": old, "to": new} for old, new in self.renamed],
            **dict(self.extra),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Release:
        """Read a manifest; raises ``KeyError``/``TypeError``/``ValueError`` when malformed."""
        known = {"tag", "date", "previous", "cases", "added", "changed", "withdrawn", "renamed"}
        tag = str(data["tag"])
        tag_key(tag)
        return cls(
            tag=tag,
            date=str(data["date"]),
            previous=data.get("previous"),
            cases={
                str(i): CaseState(str(s["revision"]), str(s["status"]), str(s.get("title", "")))
                for i, s in data["cases"].items()
            },
            added=tuple(str(i) for i in data.get("added", ())),
            changed=tuple((str(c["id"]), str(c["reason"])) for c in data.get("changed", ())),
            withdrawn=tuple((str(c["id"]), str(c["reason"])) for c in data.get("withdrawn", ())),
            renamed=tuple((str(c["from"]), str(c["to"])) for c in data.get("renamed", ())),
            extra={k: v for k, v in data.items() if k not in known},
        )


def manifest_text(release: Release) -> str:
    """The manifest file's text: indented, sorted, one trailing newline."""
    return json.dumps(release.to_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


class ReleaseDataError(Exception):
    """A release manifest cannot be read."""


def load_releases(folder: Path) -> list[Release]:
    """Every release under ``folder``, oldest first; a missing folder has none."""
    if not folder.is_dir():
        return []
    found = []
    for child in folder.iterdir():
        manifest = child / MANIFEST
        if not (TAG.match(child.name) and manifest.is_file()):
            continue
        try:
            release = Release.from_json(json.loads(manifest.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ReleaseDataError(f"{manifest}: cannot read the release manifest: {exc}") from exc
        if release.tag != child.name:
            raise ReleaseDataError(f"{manifest}: names tag {release.tag!r} but lives in {child.name}/")
        found.append(release)
    return sorted(found, key=lambda r: tag_key(r.tag))


@dataclass(frozen=True)
class Pin:
    """Where a case stands against the releases: what a citation names."""

    revision: str
    release: str | None
    """The release whose text this revision is (the first of the unbroken run of releases holding it)."""
    changed_since: str | None
    """The newest release, when it holds the case and the case changed after it (a case added since
    then has neither ``release`` nor ``changed_since``)."""


def pin(releases: Sequence[Release], case_id: str, current: str) -> Pin:
    """Which release a case's current revision last changed in, if any."""
    first: str | None = None
    for release in reversed(releases):
        state = release.cases.get(case_id)
        if state is None or state.revision != current:
            break
        first = release.tag
    if first is None and releases and case_id in releases[-1].cases:
        return Pin(current, None, releases[-1].tag)
    return Pin(current, first, None)
