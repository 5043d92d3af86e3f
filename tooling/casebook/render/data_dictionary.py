"""``/data/dictionary/``: the data dictionary, generated from ``datapackage.json`` itself.

Written from the descriptor rather than from the table definitions so that the page documents
exactly what was published, field by field, with keys and the links between tables.
"""

from __future__ import annotations

import json
from typing import Any

from casebook.datapkg.package import DESCRIPTOR, GUARD_NOTE
from casebook.render.data_package import sqlite_note
from casebook.render.markdown import esc, front_matter, table, text

PATH = "data/dictionary.md"


def _keys(schema: dict[str, Any]) -> list[str]:
    # Names are the package's own identifiers, shown in code spans (where escapes would show).
    lines = [f"Primary key: {', '.join(f'`{k}`' for k in schema['primaryKey'])}."]
    for fk in schema.get("foreignKeys", ()):
        ref = fk["reference"]
        source = ", ".join(f"`{f}`" for f in fk["fields"])
        target = ", ".join(f"`{f}`" for f in ref["fields"])
        lines.append(f"{source} refers to [{esc(ref['resource'])}](#{esc(ref['resource'])}) ({target}).")
    return lines


def dictionary_page(descriptor_text: str) -> str:
    """The page for one descriptor (the build's ``/data/datapackage.json``)."""
    package = json.loads(descriptor_text)
    lines = [
        front_matter({"hide": ["navigation"]}),
        "# Data dictionary",
        "",
        f"Every table of the [data package]({DESCRIPTOR}) (version <code>{text(package['version'])}</code>), column by column, "
        "generated from its Table Schemas. Tables join on `case_id` = `cases.id`; events, sources, impacts and "
        "lessons are numbered within their case.",
        "",
        esc(GUARD_NOTE),
        "",
        "Dates are as precise as the sources allow (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), so they are text, not "
        "Table Schema dates. Empty cells are missing values.",
        "",
    ]
    for resource in package["resources"]:
        schema = resource["schema"]
        rows = [
            [
                f"`{f['name']}`",
                esc(f["type"]),
                "yes" if f.get("constraints", {}).get("required") else "",
                esc(f.get("description", "")),
            ]
            for f in schema["fields"]
        ]
        lines += [
            f"## {esc(resource['title'])} {{ #{resource['name']} }}",
            "",
            f"[{esc(resource['path'])}]({resource['path']}): {esc(resource['description'])} "
            f"{resource['bytes']:,} bytes, <code>{text(resource['hash'])}</code>.",
            "",
            *_keys(schema),
            "",
            table(["Column", "Type", "Required", "Meaning"], rows),
        ]
    lines += ["## casebook.sqlite { #sqlite }", "", sqlite_note()]
    return "\n".join(lines)
