"""The release's words: its CHANGELOG.md entry and CITATION.cff.

The entry goes where Keep a Changelog puts a release: the ``## [Unreleased]`` heading stays on
top, empty, and what was under it moves into the release's section, after the lists of cases.
CITATION.cff is edited line by line (``version`` and ``date-released`` only), so what a
maintainer added to it stays.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from casebook.provenance.releases import Release

UNRELEASED = "## [Unreleased]"

CITATION_TEMPLATE = """\
cff-version: 1.2.0
message: "If you use Casebook, please cite it as below. To cite one case, use the Cite box on its page."
title: "Casebook: an open knowledge base of customer-trust failures"
type: dataset
authors:
  - name: Casebook contributors
version: {version}
date-released: {date}
license: CC-BY-4.0
repository-code: "{repository}"
url: "{url}"
keywords:
  - customer trust
  - case studies
  - crisis communication
"""


def entry(release: Release, titles: Mapping[str, str]) -> str:
    """The release's section: a line of counts, then cases added, changed, renamed and withdrawn."""
    counts = [f"{len(release.cases)} cases"]
    for label, items in (("added", release.added), ("changed", release.changed), ("withdrawn", release.withdrawn)):
        if items:
            counts.append(f"{len(items)} {label}")
    lines = [
        f"## [{release.tag}] - {release.date}",
        "",
        f"Corpus release: {', '.join(counts)}. Data files in `releases/{release.tag}/`.",
        "",
    ]
    if release.added:
        lines += ["### Cases added", ""]
        lines += [f"- `{ident}`: {titles.get(ident, '')}".rstrip(": ") for ident in release.added]
        lines.append("")
    if release.changed:
        lines += ["### Cases changed", ""]
        lines += [f"- `{ident}`: {reason}" for ident, reason in release.changed]
        lines.append("")
    if release.renamed:
        lines += ["### Cases renamed", ""]
        lines += [f"- `{old}` is now `{new}` (the old address redirects)" for old, new in release.renamed]
        lines.append("")
    if release.withdrawn:
        lines += ["### Cases withdrawn", ""]
        lines += [f"- `{ident}`: {reason}" for ident, reason in release.withdrawn]
        lines.append("")
    if not (release.added or release.changed or release.renamed or release.withdrawn):
        lines += ["No case changed since the previous release.", ""]
    return "\n".join(lines)


def insert_entry(changelog: str, section: str) -> str:
    """The changelog with ``section`` as the newest release; the Unreleased notes move into it."""
    if UNRELEASED not in changelog:
        head, _, rest = changelog.partition("\n## ")
        rest = ("## " + rest) if rest else ""
        return f"{head.rstrip()}\n\n{UNRELEASED}\n\n{section.rstrip()}\n\n{rest}".rstrip() + "\n"
    before, _, after = changelog.partition(UNRELEASED)
    match = re.search(r"^## \[", after, flags=re.MULTILINE)
    pending, older = (after[: match.start()], after[match.start() :]) if match else (after, "")
    body = section.rstrip()
    if pending.strip():
        body += "\n\n" + pending.strip()
    return f"{before}{UNRELEASED}\n\n{body}\n" + (f"\n{older.rstrip()}\n" if older else "")


def citation_cff(current: str | None, *, version: str, date: str, repository: str, url: str) -> str:
    """CITATION.cff for a release: ``current`` with its version and date updated, or a new file."""
    if current is None:
        return CITATION_TEMPLATE.format(version=version, date=date, repository=repository, url=url)
    text = current
    for key, value in (("version", version), ("date-released", date)):
        line = f"{key}: {value}"
        pattern = re.compile(rf"^{re.escape(key)}:.*$", flags=re.MULTILINE)
        text = pattern.sub(line, text, count=1) if pattern.search(text) else text.rstrip("\n") + f"\n{line}\n"
    return text
