"""``casebook.sqlite``: the data package's tables in one SQLite file, for Datasette or any client.

Built from the package itself (the descriptor and the CSV texts), so a release's SQLite file can
be rebuilt from the release's committed CSV files, and it always holds what the CSV files hold.
Each table gets its primary key and foreign keys; ``cases_fts`` and ``events_fts`` are FTS5
indexes over titles and summaries or descriptions, as external-content tables in sqlite-utils'
naming (``<table>_fts``), which Datasette recognises.

Deterministic: a fresh file, rows inserted in the CSV's order, fixed page size, no journal, then
``VACUUM``. The same package built with the same SQLite library gives the same bytes (the header
records the library's version, so another SQLite release may differ; ``iterdump`` is the
library-independent check).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from casebook.datapkg.package import BOM, DESCRIPTOR

FILE_NAME = "casebook.sqlite"
FULL_TEXT = {"cases": ("title", "summary"), "events": ("title", "description")}
"""Tables with a full-text index, and the columns it covers."""

_SQL_TYPES = {"integer": "INTEGER", "number": "NUMERIC", "string": "TEXT"}


class PackageError(Exception):
    """The descriptor or a CSV file does not match what the builder expects."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _typed(value: str, kind: str) -> Any:
    if value == "":
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        number = float(value)
        return int(number) if number.is_integer() and "." not in value and "e" not in value.lower() else number
    return value[1:] if value.startswith("'") else value  # undo csv_guard (casebook.render.exports)


def _create(resource: Mapping[str, Any]) -> str:
    schema = resource["schema"]
    columns = []
    for field in schema["fields"]:
        null = " NOT NULL" if field.get("constraints", {}).get("required") else ""
        columns.append(f"{_quote(field['name'])} {_SQL_TYPES[field['type']]}{null}")
    columns.append("PRIMARY KEY (" + ", ".join(_quote(k) for k in schema["primaryKey"]) + ")")
    for fk in schema.get("foreignKeys", ()):
        ref = fk["reference"]
        columns.append(
            f"FOREIGN KEY ({', '.join(_quote(f) for f in fk['fields'])}) "
            f"REFERENCES {_quote(ref['resource'])} ({', '.join(_quote(f) for f in ref['fields'])})"
        )
    return f"CREATE TABLE {_quote(resource['name'])} (\n  " + ",\n  ".join(columns) + "\n)"


def _rows(text: str, fields: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    reader = csv.reader(io.StringIO(text.removeprefix(BOM), newline=""))
    header = next(reader, [])
    if header != [f["name"] for f in fields]:
        raise PackageError(f"CSV header {header} does not match the schema's fields")
    return [tuple(_typed(v, f["type"]) for v, f in zip(row, fields, strict=True)) for row in reader]


def build_sqlite(files: Mapping[str, str]) -> bytes:
    """The SQLite file's bytes for a package given as ``{file name: text}`` (descriptor and CSVs).

    Raises:
        PackageError: the package is malformed or its rows break a key.
    """
    try:
        package = json.loads(files[DESCRIPTOR])
        resources = package["resources"]
    except (KeyError, ValueError, TypeError) as exc:
        raise PackageError(f"cannot read {DESCRIPTOR}: {exc}") from exc
    with tempfile.TemporaryDirectory(prefix="casebook-sqlite-") as folder:
        path = Path(folder) / FILE_NAME
        db = sqlite3.connect(path, isolation_level=None)
        try:
            db.executescript("PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA foreign_keys = ON;")
            db.execute("BEGIN")
            for resource in resources:
                fields = resource["schema"]["fields"]
                db.execute(_create(resource))
                marks = ", ".join("?" for _ in fields)
                db.executemany(
                    f"INSERT INTO {_quote(resource['name'])} VALUES ({marks})", _rows(files[resource["path"]], fields)
                )
            for table, columns in FULL_TEXT.items():
                cols = ", ".join(_quote(c) for c in columns)
                db.execute(f"CREATE VIRTUAL TABLE {_quote(table + '_fts')} USING fts5({cols}, content={_quote(table)})")
                db.execute(f"INSERT INTO {_quote(table + '_fts')}({_quote(table + '_fts')}) VALUES ('rebuild')")
            db.execute("COMMIT")
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise PackageError(f"rows break a foreign key: {problems[:3]}")
            db.execute("VACUUM")
        except (sqlite3.Error, KeyError, ValueError) as exc:
            raise PackageError(f"cannot build {FILE_NAME}: {exc}") from exc
        finally:
            db.close()
        return path.read_bytes()
