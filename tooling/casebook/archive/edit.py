"""Record an archive copy in a case file by editing its text, so comments and layout stay.

The new lines go right after the source's ``accessed:`` line, indented like it. The edit is then
confirmed: the edited text, loaded strictly, must equal the old data plus exactly the new keys
on that one source. Anything else (a flow-style source, an unusual layout) is refused and the
file is left alone. The write is atomic.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from pathlib import Path

from casebook.atomic import write_text_atomic
from casebook.loading import load_text


class EditError(Exception):
    """The file cannot be edited safely; it was not changed."""


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~:/?@!$&'()*+,;=%-]*")


def _scalar(value: str) -> str:
    # URLs and dates stay plain, as contributors write them; anything else is double-quoted.
    if _PLAIN.fullmatch(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_fields(text: str, path: str, source_id: str, fields: Mapping[str, str]) -> str:
    """The case text with ``fields`` added to the source ``source_id``.

    Raises:
        EditError: the source is missing, already has one of the fields, or the edit would not
            load back to exactly the intended data.
    """
    loaded = load_text(text, path)
    if not loaded.ok:
        raise EditError(f"{path} does not load cleanly; fix it first")
    sources = loaded.data.get("sources")
    index = next((i for i, s in enumerate(sources or []) if isinstance(s, dict) and s.get("id") == source_id), None)
    if index is None:
        raise EditError(f"{path}: no source {source_id!r}")
    present = [name for name in fields if name in sources[index]]
    if present:
        raise EditError(f"{path}: source {source_id!r} already has {', '.join(present)}")
    key = loaded.key_positions.get(("sources", index, "accessed"))
    value = loaded.positions.get(("sources", index, "accessed"))
    if key is None or value is None or key[0] != value[0]:
        raise EditError(f"{path}: source {source_id!r} has no one-line accessed: to add after")
    lines = text.splitlines(keepends=True)
    line_no, column = key
    anchor = lines[line_no - 1]
    if anchor[: column - 1].strip() not in ("", "-"):
        raise EditError(f"{path}: source {source_id!r} is not in block style")
    newline = "\r\n" if anchor.endswith("\r\n") else "\n"
    if not anchor.endswith(("\n", "\r")):
        anchor += newline
    indent = " " * (column - 1)
    added = [f"{indent}{name}: {_scalar(value)}{newline}" for name, value in fields.items()]
    edited = "".join([*lines[: line_no - 1], anchor, *added, *lines[line_no:]])
    _confirm(edited, path, loaded.data, index, fields)
    return edited


def _confirm(edited: str, path: str, before: dict[str, object], index: int, fields: Mapping[str, str]) -> None:
    expected = copy.deepcopy(before)
    source = expected["sources"][index]  # type: ignore[index]
    source.update(fields)
    after = load_text(edited, path)
    if not after.ok or after.data != expected:
        raise EditError(f"{path}: the edit would not load back as intended; left unchanged")


def record(path: Path, source_id: str, fields: Mapping[str, str]) -> None:
    """Add ``fields`` to one source of the case file at ``path`` (atomic; refuses unsafe edits)."""
    text = path.read_text(encoding="utf-8")
    write_text_atomic(path, add_fields(text, str(path), source_id, fields))
