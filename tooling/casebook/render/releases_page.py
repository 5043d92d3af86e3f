"""``/data/releases/``: every corpus release, newest first, with its changes and its files."""

from __future__ import annotations

from casebook.datapkg.package import table_path
from casebook.datapkg.sqlite_db import FILE_NAME
from casebook.datapkg.tables import TABLES
from casebook.provenance.releases import Release
from casebook.render.context import Corpus
from casebook.render.markdown import esc, front_matter, text

PATH = "data/releases/index.md"


def _case(corpus: Corpus, ident: str) -> str:
    case = corpus.by_id.get(ident)
    return f"[{esc(case.title)}](../../cases/{ident}.md)" if case else f"<code>{text(ident)}</code>"


def _release(corpus: Corpus, release: Release) -> list[str]:
    downloads = ", ".join(
        f"[{name}]({release.tag}/{name})"
        for name in ("datapackage.json", FILE_NAME, *(table_path(t.name) for t in TABLES))
    )
    lines = [
        f"## {esc(release.tag)} {{ #{release.tag.replace('.', '-')} }}",
        "",
        f"Released {esc(release.date)}: {len(release.cases)} cases"
        + (f", after {esc(release.previous)}." if release.previous else ", the first release."),
        "",
        f"Data: {downloads}.",
        "",
    ]
    groups = [
        ("Added", [f"- {_case(corpus, i)}" for i in release.added]),
        ("Changed", [f"- {_case(corpus, i)}: {esc(reason)}" for i, reason in release.changed]),
        ("Renamed", [f"- <code>{text(old)}</code> is now {_case(corpus, new)}" for old, new in release.renamed]),
        ("Withdrawn", [f"- {_case(corpus, i)}: {esc(reason)}" for i, reason in release.withdrawn]),
    ]
    for heading, items in groups:
        if items:
            lines += [f"**{heading}**", "", *items, ""]
    return lines


def releases_page(corpus: Corpus) -> str:
    """The Releases page."""
    releases = corpus.provenance.releases
    lines = [
        front_matter({"title": "Releases", "hide": ["navigation"]}),
        "# Releases",
        "",
        "A release is a git tag `vYYYY.MM.N` made by `casebook release`. Its data files never change"
        + ("; [/data/latest/](../latest/datapackage.json) always holds the newest release. " if releases else ". ")
        + "A case's citation names the release its text last changed in and the revision (SHA-256) of its file.",
        "",
    ]
    if not releases:
        lines += ["No release yet: the [data package](../datapackage.json) holds the corpus as built.", ""]
    for release in reversed(releases):
        lines += _release(corpus, release)
    return "\n".join(lines)
