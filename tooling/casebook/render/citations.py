"""Cite this case: BibTeX, APA and CSL-JSON, pinned to the corpus version and the review date.

The version is the package version plus a digest of the whole corpus (``Corpus.version``), so a
citation names exactly the text it cites; the date is the case's ``last_reviewed``, never the
build date, so the same corpus always gives the same citation.
"""

from __future__ import annotations

import calendar
import json
import re
from typing import Any

from casebook.model import Case
from casebook.render.context import Corpus

AUTHOR = "Casebook contributors"
PUBLISHER = "Casebook"

_BIBTEX_SPECIAL = re.compile(r"([{}%&$#_])")


def bibtex_escape(value: str) -> str:
    """Escape text for a BibTeX field in braces: no field can close the braces or run a macro."""
    value = value.replace("\\", "\0")  # keep apart from the backslashes added below
    value = _BIBTEX_SPECIAL.sub(r"\\\1", value)
    value = value.replace("^", r"\^{}").replace("~", r"\~{}")
    return " ".join(value.replace("\0", r"\textbackslash{}").split())


def citation_key(case: Case) -> str:
    """A stable key; case ids are lower case letters, digits and hyphens."""
    return f"casebook-{case.id}"


def case_url(case: Case, corpus: Corpus) -> str:
    """The case page's address (absolute when the site URL is known)."""
    return corpus.settings.page_url(f"cases/{case.id}/")


def bibtex(case: Case, corpus: Corpus) -> str:
    """A BibTeX ``@misc`` entry."""
    reviewed = case.last_reviewed
    fields = [
        ("title", f"{{{bibtex_escape(case.title)}}}"),
        ("author", f"{{{AUTHOR}}}"),
        ("year", str(reviewed.year)),
        ("month", calendar.month_abbr[reviewed.month or 1].lower()),
        ("date", str(reviewed)),
        ("howpublished", f"{PUBLISHER}, version {corpus.version}"),
        ("version", corpus.version),
        ("url", bibtex_escape(case_url(case, corpus))),
        (
            "note",
            f"Case {case.id} (became public {case.year}), last reviewed {reviewed}. {bibtex_escape(case.license)}",
        ),
    ]
    body = ",\n".join(
        f"  {name} = {value if name in ('year', 'month') else '{' + value + '}'}" for name, value in fields
    )
    return f"@misc{{{citation_key(case)},\n{body}\n}}\n"


def _apa_date(case: Case) -> str:
    reviewed = case.last_reviewed
    text = str(reviewed.year)
    if reviewed.month:
        text += f", {calendar.month_name[reviewed.month]}"
        if reviewed.day:
            text += f" {reviewed.day}"
    return text


def apa_parts(case: Case, corpus: Corpus) -> tuple[str, str, str]:
    """APA 7 reference as (text before the italic title, the title, text after), all plain text."""
    before = f"{AUTHOR}. ({_apa_date(case)}). "
    after = f" (Version {corpus.version}) [Case study]. {PUBLISHER}. {case_url(case, corpus)}"
    return before, case.title, after


def apa(case: Case, corpus: Corpus) -> str:
    """APA 7 reference as plain text (the title would be in italics)."""
    return "".join(apa_parts(case, corpus))


def csl_json(case: Case, corpus: Corpus) -> str:
    """CSL-JSON (a one-item array), as Zotero and pandoc read it."""
    reviewed = case.last_reviewed
    parts = [p for p in (reviewed.year, reviewed.month, reviewed.day) if p is not None]
    item: dict[str, Any] = {
        "id": citation_key(case),
        "type": "webpage",
        "genre": "Case study",
        "title": case.title,
        "author": [{"literal": AUTHOR}],
        "issued": {"date-parts": [parts]},
        "version": corpus.version,
        "container-title": PUBLISHER,
        "publisher": PUBLISHER,
        "URL": case_url(case, corpus),
        "note": f"Case {case.id} (became public {case.year}), last reviewed {reviewed}. {case.license}",
    }
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True) + "\n"
