"""The Frictionless Data Package: ``datapackage.json`` and one CSV file per table.

CSV files are UTF-8 with a byte-order mark (Excel then reads them as UTF-8 rather than the
machine's code page), CRLF line ends (RFC 4180) and a header row. A text cell that a spreadsheet
would run as a formula (``= + - @``, tab, carriage return) or that starts with an apostrophe gets
one leading apostrophe (as on cases.csv, ``casebook.render.exports.csv_guard``); the descriptor
says so, and the SQLite file holds the text without it. Each resource carries its size and
SHA-256, so a downloaded copy can be checked against the descriptor.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from casebook.datapkg.tables import LIST_SEPARATOR, TABLES, Table, Value
from casebook.graph import ChainAnalysis
from casebook.model import Case

DESCRIPTOR = "datapackage.json"
TABLE_DIR = "tables"
"""CSV files sit in a folder beside the descriptor (``/data/cases.csv`` is the one-row-per-case export)."""


def table_path(name: str) -> str:
    """A table's file, relative to the descriptor: ``tables/<name>.csv``."""
    return f"{TABLE_DIR}/{name}.csv"


ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark, as Python names it (Frictionless reads the same name)."""

PROFILE = "https://specs.frictionlessdata.io/schemas/data-package.json"
GUARD_NOTE = (
    "Text cells that would start with =, +, -, @, a tab, a carriage return or an apostrophe carry one extra "
    "leading apostrophe so that spreadsheets do not run them as formulas; strip one leading apostrophe from "
    f"text cells to get the exact text (casebook.sqlite holds it without). Lists in a cell are joined with {LIST_SEPARATOR}."
)


def _cell(value: Value, guard: Callable[[str], str]) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return guard(value)
    return repr(value) if isinstance(value, float) else str(value)


BOM = "\ufeff"


def csv_rows(table: Table, records: Sequence[tuple[Value, ...]]) -> str:
    """Rows of the table as CSV text, without the header (a writer writes row by row, so rows
    written apart and joined are the bytes of rows written together)."""
    from casebook.render.exports import csv_guard  # render imports this package; one rule for both CSVs

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([_cell(v, csv_guard) for v in record] for record in records)
    return out.getvalue()


def csv_text(table: Table, records: Sequence[tuple[Value, ...]], *, rows: str | None = None) -> str:
    """The table as CSV text, starting with the byte-order mark (so its UTF-8 is the file's bytes).

    ``rows`` is ``csv_rows(table, records)`` when the caller already has it (``records`` is then unused).
    """
    out = io.StringIO(BOM)
    out.seek(len(BOM))
    csv.writer(out, lineterminator="\r\n").writerow([column.name for column in table.columns])
    return out.getvalue() + (csv_rows(table, records) if rows is None else rows)


def table_schema(table: Table) -> dict[str, Any]:
    """The Table Schema of one table."""
    fields = []
    for column in table.columns:
        field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
        if column.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields), "reference": {"resource": fk.table, "fields": list(fk.reference)}}
            for fk in table.foreign_keys
        ]
    return schema


def package_files(
    cases: Sequence[Case],
    *,
    version: str,
    site_url: str = "",
    chains: Mapping[str, ChainAnalysis] | None = None,
    released: str | None = None,
    table_rows: Callable[[Table], str] | None = None,
) -> dict[str, str]:
    """``datapackage.json`` and every table's CSV text, by file name.

    Args:
        cases: The valid cases.
        version: The release tag, or what the corpus is when it is not a release.
        site_url: The site's root, for the homepage field.
        chains: Chain analyses already made, by case id.
        released: The release date, when this is a release.
        table_rows: Each table's rows as CSV text (``csv_rows``), when already made (a build's
            cache of per-case records, ``casebook.render.case_records``).
    """
    files: dict[str, str] = {}
    resources = []
    for table in TABLES:
        if table_rows is None:
            text = csv_text(table, table.records(cases, chains))
        else:
            text = csv_text(table, (), rows=table_rows(table))
        data = text.encode("utf-8")
        files[table_path(table.name)] = text
        resources.append(
            {
                "name": table.name,
                "title": table.title,
                "description": table.description,
                "path": table_path(table.name),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": ENCODING,
                "bytes": len(data),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "schema": table_schema(table),
            }
        )
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "casebook",
        "title": "Casebook: customer-trust failures, dissected link by link",
        "description": "Cases of organizations breaking customers' trust, each as a failure chain with sources. "
        + GUARD_NOTE,
        "version": version,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "resources": resources,
    }
    if site_url:
        package["homepage"] = site_url
    if released:
        package["created"] = f"{released}T00:00:00Z"
    files[DESCRIPTOR] = json.dumps(package, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return files
