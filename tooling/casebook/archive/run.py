"""What ``casebook archive`` does over a corpus, and its report (text, Markdown for an issue, JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from casebook.archive.edit import EditError, record
from casebook.archive.links import LinkChecker, LinkResult
from casebook.archive.wayback import Lookup, Wayback
from casebook.model import Case

RECORDED_FIELDS = ("archived_url", "archived")
"""What a confirmed snapshot adds to a source: its address and its date (format v2)."""


@dataclass(frozen=True)
class SourceRef:
    """One source of one case."""

    case_id: str
    path: str
    source_id: str
    url: str
    accessed: str
    archived_url: str | None


def sources(cases: Iterable[Case]) -> list[SourceRef]:
    """Every source of these cases, by case id then file order."""
    return [
        SourceRef(c.id, c.path, s.id, s.url, str(s.accessed), s.archived_url)
        for c in sorted(cases, key=lambda c: c.id)
        for s in c.sources
    ]


@dataclass
class Report:
    """What a run found and did."""

    checked: int = 0
    found: list[tuple[SourceRef, Lookup]] = field(default_factory=list)
    recorded: list[SourceRef] = field(default_factory=list)
    not_found: list[SourceRef] = field(default_factory=list)
    errors: list[tuple[SourceRef, str]] = field(default_factory=list)
    saved: list[SourceRef] = field(default_factory=list)
    refused: list[tuple[SourceRef, str]] = field(default_factory=list)
    dead: list[tuple[SourceRef, LinkResult]] = field(default_factory=list)
    alive: int = 0
    suggested: dict[str, str] = field(default_factory=dict)
    """For dead links without an archive copy: a snapshot the archive has (URL by source URL), not recorded."""


def lookup(
    refs: list[SourceRef],
    wayback: Wayback,
    *,
    save: bool = False,
    write: bool = True,
    fields: tuple[str, ...] = RECORDED_FIELDS,
    progress: Callable[[str], None] = lambda _: None,
) -> Report:
    """Find (and with ``save`` request) snapshots for sources without an archive copy; record confirmed ones."""
    report = Report()
    answers: dict[str, Lookup] = {}
    for ref in refs:
        if ref.archived_url:
            continue
        report.checked += 1
        found = answers.get(ref.url)
        if found is None:
            progress(f"looking up {ref.url}")
            found = wayback.lookup(ref.url, ref.accessed)
            if found.snapshot is None and found.error is None and save:
                error = wayback.save(ref.url)
                if error:
                    report.errors.append((ref, f"Save Page Now: {error}"))
                else:
                    report.saved.append(ref)
                    found = wayback.lookup(ref.url)  # confirmed only if the archive now says so
            answers[ref.url] = found
        if found.error:
            report.errors.append((ref, found.error))
        elif found.snapshot is None:
            report.not_found.append(ref)
        else:
            report.found.append((ref, found))
            if write:
                values = {"archived_url": found.snapshot.url, "archived": found.snapshot.date}
                try:
                    record(Path(ref.path), ref.source_id, {k: values[k] for k in fields})
                    report.recorded.append(ref)
                except (EditError, OSError) as exc:
                    report.refused.append((ref, str(exc)))
    return report


def check(
    refs: list[SourceRef],
    checker: LinkChecker,
    progress: Callable[[str], None] = lambda _: None,
    wayback: Wayback | None = None,
) -> Report:
    """Check every source link (each distinct URL once); with ``wayback``, look up copies of dead ones."""
    report = Report()
    results: dict[str, LinkResult] = {}
    for ref in refs:
        report.checked += 1
        if ref.url not in results:
            progress(f"checking {ref.url}")
            results[ref.url] = checker.check(ref.url)
        result = results[ref.url]
        if result.alive:
            report.alive += 1
        else:
            report.dead.append((ref, result))
    if wayback is not None:
        for ref, _ in report.dead:
            if not ref.archived_url and ref.url not in report.suggested:
                found = wayback.lookup(ref.url, ref.accessed)
                if found.snapshot is not None:
                    report.suggested[ref.url] = found.snapshot.url
    return report


def _ref(ref: SourceRef) -> str:
    return f"{ref.case_id} [{ref.source_id}]"


def format_text(report: Report, *, checking: bool, wrote: bool) -> str:
    """For people at a terminal."""
    lines: list[str] = []
    if checking:
        lines.append(f"checked {report.checked} source links: {report.alive} answer, {len(report.dead)} dead")
        for ref, result in report.dead:
            copy = ref.archived_url or (
                f"none recorded; the archive has {report.suggested[ref.url]}"
                if ref.url in report.suggested
                else "none recorded"
            )
            lines.append(f"  DEAD {_ref(ref)} {ref.url} ({result.reason}); archived: {copy}")
        return "\n".join(lines) + "\n"
    verb = "recorded" if wrote else "would record"
    lines.append(
        f"looked up {report.checked} sources without an archive copy: {len(report.found)} found "
        f"({len(report.recorded) if wrote else len(report.found)} {verb}), {len(report.not_found)} not archived, "
        f"{len(report.errors)} errors" + (f", {len(report.saved)} captures requested" if report.saved else "")
    )
    for ref, found in report.found:
        assert found.snapshot is not None
        lines.append(f"  FOUND {_ref(ref)} {found.snapshot.date} {found.snapshot.url}")
    lines += [f"  NONE  {_ref(ref)} {ref.url}" for ref in report.not_found]
    lines += [f"  ERROR {_ref(ref)} {ref.url}: {error}" for ref, error in report.errors]
    lines += [f"  LEFT  {_ref(ref)}: {why}" for ref, why in report.refused]
    return "\n".join(lines) + "\n"


def _cell_url(url: str) -> str:
    # Case text is untrusted: a URL must not end its autolink or its table cell early.
    return url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")


def format_markdown(report: Report) -> str:
    """The dead-link report as the body of one GitHub issue."""
    lines = [
        f"`casebook archive --check` found {len(report.dead)} dead links among {report.checked} source links.",
        "",
        "| Case | Source | Link | Problem | Archive copy |",
        "|---|---|---|---|---|",
    ]
    for ref, result in report.dead:
        if ref.archived_url:
            copy = f"[archived](<{_cell_url(ref.archived_url)}>)"
        elif ref.url in report.suggested:
            copy = f"none recorded; the archive has [a copy](<{_cell_url(report.suggested[ref.url])}>): run `casebook archive`"
        else:
            copy = "none recorded, none found"
        cell = result.reason.replace("|", "\\|").replace("<", "&lt;")
        lines.append(f"| `{ref.case_id}` | `{ref.source_id}` | <{_cell_url(ref.url)}> | {cell} | {copy} |")
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    """For machines (the weekly workflow counts ``dead``)."""
    data = {
        "checked": report.checked,
        "alive": report.alive,
        "dead": [
            {
                "case": r.case_id,
                "source": r.source_id,
                "url": r.url,
                "status": x.status,
                "reason": x.reason,
                "archived_url": r.archived_url,
                "suggested_archive": report.suggested.get(r.url),
            }
            for r, x in report.dead
        ],
        "found": [
            {
                "case": r.case_id,
                "source": r.source_id,
                "url": r.url,
                "archived_url": f.snapshot.url,
                "archived": f.snapshot.date,
            }
            for r, f in report.found
            if f.snapshot is not None
        ],
        "recorded": [{"case": r.case_id, "source": r.source_id} for r in report.recorded],
        "not_found": [{"case": r.case_id, "source": r.source_id, "url": r.url} for r in report.not_found],
        "errors": [{"case": r.case_id, "source": r.source_id, "url": r.url, "error": e} for r, e in report.errors],
        "refused": [{"case": r.case_id, "source": r.source_id, "why": w} for r, w in report.refused],
        "captures_requested": [{"case": r.case_id, "source": r.source_id} for r in report.saved],
    }
    return json.dumps(data, indent=1, sort_keys=True) + "\n"
