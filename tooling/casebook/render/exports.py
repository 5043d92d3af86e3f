"""Downloads: ``/data/cases.json`` (every case with its derived analysis), ``/data/cases.csv``
(one row per case) and the Data page that documents them.

CSV cells that a spreadsheet would run as a formula (starting with ``= + - @``, tab or carriage
return) get a leading apostrophe, as OWASP advises; so does a cell that already starts with an
apostrophe, so that ``csv_unguard`` (strip one leading apostrophe) gives back the exact text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from typing import Any

from casebook.model import Case
from casebook.render.context import Corpus
from casebook.render.data_package import package_section
from casebook.render.facets import quadrant
from casebook.render.markdown import esc_code, front_matter, table
from casebook.render.records import case_record

JSON_PATH = "data/cases.json"
CSV_PATH = "data/cases.csv"
LIST_SEPARATOR = ";"
_GUARDED_START = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_guard(value: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would treat as a formula (or that starts with one)."""
    return "'" + value if value.startswith(_GUARDED_START) else value


def csv_unguard(value: str) -> str:
    """Undo ``csv_guard``: drop one leading apostrophe."""
    return value[1:] if value.startswith("'") else value


def _joined(values: tuple[str, ...] | list[str]) -> str:
    return LIST_SEPARATOR.join(values)


CSV_COLUMNS: tuple[tuple[str, str, Callable[[Case, Corpus], str]], ...] = (
    ("id", "The case id (also its file name and URL).", lambda c, k: c.id),
    ("title", "Headline.", lambda c, k: c.title),
    ("organization", "Organization name.", lambda c, k: c.organization.name),
    ("sector", "Sector (vocabulary `sectors`).", lambda c, k: c.organization.sector),
    ("country", "The organization's home country (ISO 3166-1 alpha-2).", lambda c, k: c.organization.country),
    ("regions", "Where customers were harmed: ISO 3166-1 alpha-2 codes, or global.", lambda c, k: _joined(c.regions)),
    ("touch", "Engagement touch: high or low.", lambda c, k: c.touch),
    ("scale", "Engagement scale: high or low.", lambda c, k: c.scale),
    ("quadrant", "Touch-versus-Scale quadrant.", lambda c, k: quadrant(c)),
    ("year", "The year the failure became public (the year in the id).", lambda c, k: str(c.year)),
    ("start", "When the chain began: its first event (YYYY, YYYY-MM or YYYY-MM-DD).", lambda c, k: str(c.start)),
    ("end", "Last event, empty if ongoing.", lambda c, k: str(c.end or "")),
    ("status", "draft or reviewed.", lambda c, k: c.status),
    ("last_reviewed", "When the case was last checked against its sources.", lambda c, k: str(c.last_reviewed)),
    ("events", "Number of chain events.", lambda c, k: str(len(c.chain))),
    (
        "stages",
        "Stages of its events, in chain order of first appearance.",
        lambda c, k: _joined(list(dict.fromkeys(e.stage for e in c.chain))),
    ),
    (
        "failure_modes",
        "Failure modes of its breaks and amplifiers.",
        lambda c, k: _joined(list(dict.fromkeys(e.failure_mode for e in c.chain if e.failure_mode))),
    ),
    ("trust_primary", "Primary trust dimension.", lambda c, k: c.analysis.trust_primary),
    ("trust_also", "Other trust dimensions damaged.", lambda c, k: _joined(c.analysis.trust_also)),
    ("crisis_cluster", "Coombs cluster.", lambda c, k: c.analysis.crisis_cluster),
    ("crisis_type", "Coombs crisis type.", lambda c, k: c.analysis.crisis_type),
    ("detection_channel", "How it first came to light.", lambda c, k: c.analysis.detection_channel),
    (
        "response_strategies",
        "Response strategies, in the order they appeared.",
        lambda c, k: _joined(c.analysis.strategies),
    ),
    ("corrective_actions", "Kinds of corrective action.", lambda c, k: _joined(c.analysis.corrective_actions)),
    ("voice", "Who spoke for the organization.", lambda c, k: c.analysis.voice),
    ("consequences", "What it cost.", lambda c, k: _joined(c.analysis.consequences)),
    ("trust_verdict", "Where trust ended up.", lambda c, k: c.analysis.verdict),
    ("sources", "Number of sources.", lambda c, k: str(len(c.sources))),
    ("url", "The case page.", lambda c, k: k.settings.page_url(f"cases/{c.id}/")),
    ("summary", "Two to four sentences.", lambda c, k: c.summary),
)
"""Every CSV column: name, meaning, value. Lists are joined with ``;``."""


def cases_json(
    corpus: Corpus, derived: Callable[[Case], dict[str, Any]] | None = None, *, encoded: list[str] | None = None
) -> str:
    """Every case as in its YAML file, plus ``derived`` analysis when given; indented, sorted keys.

    ``encoded`` holds every case's record already serialised (``casebook.render.case_records``,
    derived included), in id order; the file is then assembled around them.
    """
    if encoded is not None and corpus.cases:
        data: dict[str, Any] = {"version": corpus.version, "digest": corpus.digest, "cases": []}
        head = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        # The sorted first key; no other key or value can hold these characters before it.
        return head.replace('"cases": []', '"cases": [\n' + ",\n".join(encoded) + "\n ]", 1)
    records = []
    for case in corpus.cases:
        record = case_record(case)
        record["year"] = case.year  # the year it became public; period.start is when the chain began
        if derived is not None:
            record["derived"] = derived(case)
        records.append(record)
    data = {"version": corpus.version, "digest": corpus.digest, "cases": records}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def csv_row(case: Case, corpus: Corpus) -> str:
    """The case's row of cases.csv, as CSV text."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([csv_guard(value(case, corpus)) for _, _, value in CSV_COLUMNS])
    return out.getvalue()


def cases_csv(corpus: Corpus, *, rows: str | None = None) -> str:
    """One row per case, in id order, UTF-8 with a header row; ``rows`` when already made (``csv_row`` of each)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([name for name, _, _ in CSV_COLUMNS])
    return out.getvalue() + ("".join(csv_row(case, corpus) for case in corpus.cases) if rows is None else rows)


def _size(text: str) -> str:
    size = len(text.encode("utf-8"))
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} KB"


def data_page(corpus: Corpus, derived_fields: list[tuple[str, str]], files: Mapping[str, str]) -> str:
    """``/data/``: what the downloads contain and how to read them.

    Args:
        corpus: The corpus.
        derived_fields: ``(name, meaning)`` of each field of ``derived`` in cases.json.
        files: The generated files, to give the downloads' sizes.
    """
    columns = table(["Column", "Meaning"], [[f"`{name}`", esc_code(meaning)] for name, meaning, _ in CSV_COLUMNS])
    derived = table(["Field", "Meaning"], [[f"`{name}`", esc_code(meaning)] for name, meaning in derived_fields])
    lines = [
        front_matter({"hide": ["navigation"]}),
        "# Data",
        "",
        f"The whole corpus, version `{corpus.version}` ({len(corpus.cases)} cases), for your own analysis. "
        "Case text is licensed CC-BY-4.0: cite the case pages (each has a *Cite this case* box).",
        "",
        "## Downloads",
        "",
        f"[cases.json](cases.json) ({_size(files[JSON_PATH])})\n:   Every case with every field, named as in the YAML files (see the "
        "[case format](../reference/case-format.md)), plus a `derived` object computed from its chain. The top level "
        "holds `version`, `digest` (SHA-256 of the corpus content) and `cases`, sorted by id. Each case also has a "
        "top-level `year`: the year its failure became public (the year in its id), where `period.start` is when "
        "its chain began.",
        "",
        f"[cases.csv](cases.csv) ({_size(files[CSV_PATH])})\n:   One row per case, UTF-8 with a header row. Lists are joined with `{LIST_SEPARATOR}`. "
        "A cell that would start with `=`, `+`, `-`, `@`, a tab, a carriage return or `'` gets a leading `'` so "
        "that spreadsheets do not run it as a formula; programs should strip one leading `'` from every cell.",
        "",
        "[Atom feed](../feed.xml)\n:   One entry per case, newest review first; `updated` is the case's last review, "
        "ids are stable `tag:` URIs. Subscribe to hear of new and revised cases.",
        "",
        *package_section(corpus, files),
        "## Derived fields in cases.json { #derived }",
        "",
        derived,
        "## CSV columns { #csv }",
        "",
        columns,
    ]
    return "\n".join(lines)
