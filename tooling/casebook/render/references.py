"""Reference pages generated from the sources of truth, so they cannot drift from them.

``/reference/case-format/`` walks ``schema/case.schema.json`` (every property with its type,
whether it is required and its description) and ``schema/vocabulary.yaml`` (every value with its
definition). ``/reference/diagnostics/`` lists ``casebook.codes``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from casebook.codes import CODES, GATES
from casebook.render.case_chain import DERIVED_DEFINITIONS
from casebook.render.markdown import esc, front_matter, table
from casebook.resources import schema_dir
from casebook.vocabulary import load_vocabulary

Schema = Mapping[str, Any]


def load_schema() -> Schema:
    """The case schema as data."""
    loaded: Schema = json.loads((schema_dir() / "case.schema.json").read_text(encoding="utf-8"))
    return loaded


def _vocabulary_for(values: list[str]) -> str | None:
    for name, terms in load_vocabulary().items():
        if set(terms.slugs) == set(values):
            return name
    return None


def _resolve(node: Schema, root: Schema) -> tuple[Schema, str | None]:
    """Follow a local ``$ref``; return the target and the name of the definition."""
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        name = ref.removeprefix("#/$defs/")
        return root["$defs"][name], name
    return node, None


def _type(node: Schema, root: Schema) -> str:
    target, name = _resolve(node, root)
    if "enum" in target:
        vocabulary = _vocabulary_for(list(target["enum"]))
        return f"[{esc(vocabulary)}](#vocabulary-{vocabulary})" if vocabulary else "one of " + ", ".join(target["enum"])
    if "anyOf" in target:
        return esc(name or "value")
    kind = target.get("type", "value")
    if kind == "array":
        return "list of " + _type(target.get("items", {}), root)
    if name and kind == "string":
        return f"{esc(kind)} ({esc(name.replace('_', ' '))})"
    return esc(kind)


def walk(node: Schema, root: Schema, path: str = "") -> Iterator[tuple[str, Schema, bool]]:
    """Every property under ``node`` as ``(path, schema, required)``, parents before children."""
    target, _ = _resolve(node, root)
    if target.get("type") == "array":
        yield from walk(target.get("items", {}), root, path + "[]")
        return
    required = set(target.get("required", ()))
    for name, child in target.get("properties", {}).items():
        child_path = f"{path}.{name}" if path else name
        yield child_path, child, name in required
        yield from walk(child, root, child_path)


def case_format_page() -> str:
    """The schema and vocabulary reference."""
    root = load_schema()
    rows = []
    for path, node, required in walk(root, root):
        target, _ = _resolve(node, root)
        description = node.get("description") or target.get("description", "")
        rows.append([f"`{path}`", _type(node, root), "yes" if required else "", esc(description)])
    lines = [
        front_matter({"hide": ["navigation"]}),
        "# Case format",
        "",
        f"{esc(root.get('description', ''))} Generated from `schema/case.schema.json` and "
        "`schema/vocabulary.yaml`; `cases/_TEMPLATE.yaml` shows every field with a comment.",
        "",
        "## Fields",
        "",
        table(["Field", "Type", "Required", "Description"], rows),
        "## Derived analysis { #derived }",
        "",
        "Computed from the chain, never typed into a case. The case pages, the graph, the browse and filter "
        "pages and `data/cases.json` (under `derived`) all use these definitions.",
        "",
        *(f"{esc(term)}\n:   {esc(meaning)}\n" for term, meaning in DERIVED_DEFINITIONS),
        "## Vocabulary { #vocabulary }",
        "",
        "Every controlled value, with its definition. Lists are in the order pages show them.",
        "",
    ]
    for name, terms in load_vocabulary().items():
        extras = sorted({key for term in terms.terms.values() for key in term.extra})
        header = ["Value", "Label", "Definition", *(key.replace("_", " ").capitalize() for key in extras)]
        body = [
            [f"`{term.slug}`", esc(term.label), esc(term.definition), *(esc(term.extra.get(key, "")) for key in extras)]
            for term in terms.terms.values()
        ]
        lines += [
            f"### {esc(name.replace('_', ' ').capitalize())} {{ #vocabulary-{name} }}",
            "",
            esc(terms.description),
            "",
        ]
        lines += [table(header, body)]
    return "\n".join(lines)


def diagnostics_page() -> str:
    """Every diagnostic code, by gate, with what it means and how to fix it."""
    lines = [
        front_matter({"hide": ["navigation"]}),
        "# Diagnostics",
        "",
        "`casebook validate` reports problems as `path:line:col: severity CODE message`. Codes are stable; "
        "messages may improve. `casebook explain CODE` prints the same text as this page.",
        "",
    ]
    for letter, gate in GATES.items():
        name, _, meaning = gate.partition(": ")
        lines += [f"## {letter}: {esc(name)} {{ #gate-{letter.lower()} }}", "", esc(meaning.capitalize()) + ".", ""]
        for code in (c for c in CODES.values() if c.code.startswith(letter)):
            lines += [
                f"### {code.code} {esc(code.title)} {{ #{code.code.lower()} }}",
                "",
                f"*{esc(code.severity.value)}*. {esc(code.explanation)}",
                "",
                f"**How to fix:** {esc(code.fix)}",
                "",
            ]
    return "\n".join(lines)


def reference_pages() -> dict[str, str]:
    """Both reference pages, by docs-relative path."""
    return {"reference/case-format.md": case_format_page(), "reference/diagnostics.md": diagnostics_page()}
