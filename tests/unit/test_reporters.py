"""Reporters print exactly the documented formats."""

from __future__ import annotations

import json

from casebook.diagnostics import Diagnostic, Severity
from casebook.reporters import report_github, report_json, report_text
from casebook.validation import CheckResult


def _result() -> CheckResult:
    return CheckResult(
        files=2,
        diagnostics=[
            Diagnostic(
                "cases/a.yaml",
                7,
                11,
                "V300",
                "unknown stage \"desing\"; did you mean 'design'?",
                json_path="$.chain[1].stage",
            ),
            Diagnostic(
                "cases/b:c.yaml",
                3,
                1,
                "C502",
                "mode off its stage, 100%\nsure",
                severity=Severity.WARNING,
                json_path="$.chain[0]",
            ),
        ],
    )


def test_text() -> None:
    """path:line:col: severity CODE message (at $.path), one line each (newlines escaped), then a summary."""
    assert report_text(_result()) == (
        "cases/a.yaml:7:11: error V300 unknown stage \"desing\"; did you mean 'design'? (at $.chain[1].stage)\n"
        "cases/b:c.yaml:3:1: warning C502 mode off its stage, 100%\\nsure (at $.chain[0])\n"
        "2 files checked: 1 errors, 1 warnings\n"
    )


def test_json() -> None:
    """JSON carries the counts and every field."""
    body = json.loads(report_json(_result()))
    assert body["errors"] == 1 and body["warnings"] == 1 and body["files"] == 2
    assert body["diagnostics"][0] == {
        "path": "cases/a.yaml",
        "line": 7,
        "col": 11,
        "severity": "error",
        "code": "V300",
        "message": "unknown stage \"desing\"; did you mean 'design'?",
        "json_path": "$.chain[1].stage",
    }


def test_github_escapes_properties_and_data() -> None:
    """Workflow commands escape %, CR, LF everywhere and : , in properties (actions/toolkit rules)."""
    lines = report_github(_result()).splitlines()
    assert (
        lines[0]
        == "::error file=cases/a.yaml,line=7,col=11,title=V300::V300 unknown stage \"desing\"; did you mean 'design'? (at $.chain[1].stage)"
    )
    assert (
        lines[1]
        == "::warning file=cases/b%3Ac.yaml,line=3,col=1,title=C502::C502 mode off its stage, 100%25%0Asure (at $.chain[0])"
    )
    assert lines[2] == "2 files checked: 1 errors, 1 warnings"
