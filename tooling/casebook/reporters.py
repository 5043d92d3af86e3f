"""Reporters: text for people, JSON for machines, GitHub workflow annotations for CI."""

from __future__ import annotations

import json
from collections.abc import Callable

from casebook.terminal import json_safe, safe_lines
from casebook.validation import CheckResult


def _summary(result: CheckResult) -> str:
    files = "file" if result.files == 1 else "files"
    return f"{result.files} {files} checked: {result.errors} errors, {result.warnings} warnings"


def report_text(result: CheckResult) -> str:
    """One line per diagnostic, then a summary line."""
    lines = [d.format() for d in result.diagnostics]
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def report_json(result: CheckResult) -> str:
    """A JSON document with the diagnostics and the counts."""
    body = {
        "files": result.files,
        "errors": result.errors,
        "warnings": result.warnings,
        "diagnostics": [d.to_json() for d in result.diagnostics],
    }
    return json_safe(json.dumps(body, indent=2, ensure_ascii=False)) + "\n"


def _escape_data(text: str) -> str:
    # actions/toolkit command.ts escapeData, after showing control characters other than line
    # breaks as escapes: the Actions log renders ANSI sequences, so a crafted key could hide or
    # restyle the annotation (issue 12, item 9).
    return safe_lines(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # actions/toolkit command.ts escapeProperty
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(result: CheckResult) -> str:
    """``::error file=...,line=...,col=...,title=CODE::message`` lines, then the summary."""
    lines = []
    for d in result.diagnostics:
        props = f"file={_escape_property(d.path)},line={d.line},col={d.col},title={_escape_property(d.code)}"
        where = f" (at {d.json_path})" if d.json_path and d.json_path != "$" else ""
        lines.append(f"::{d.severity.value} {props}::{_escape_data(d.code + ' ' + d.message + where)}")
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


REPORTER_BY_NAME: dict[str, Callable[[CheckResult], str]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
}
