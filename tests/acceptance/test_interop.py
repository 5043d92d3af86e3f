"""The schema works with a stock JSON Schema tool: check-jsonschema gives the same verdict on
schema-level errors as `casebook validate` (our other gates go beyond the schema)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casebook.loading import load_file
from casebook.validation import validate_paths

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_LEVEL = ("S200", "S201", "S202", "S203", "S210", "V300", "V302", "V303", "V304", "H800", "P101")


def _candidates() -> list[Path]:
    files = sorted((ROOT / "tests" / "fixtures" / "cases").rglob("*.yaml"))
    files += sorted(p for p in (ROOT / "cases").glob("2*.yaml"))
    # Only files that are well-formed YAML to both tools; syntax errors are ours alone (Y codes).
    return [f for f in files if f.name != "expected.yaml" and load_file(f).ok]


def test_same_schema_verdict_as_check_jsonschema() -> None:
    """Each file fails check-jsonschema exactly when our validator reports a schema-level code."""
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("check-jsonschema is a dev dependency; run `make install`")
    files = _candidates()
    assert len(files) > 10
    ours = {f for f in files if any(d.code in SCHEMA_LEVEL for d in validate_paths([f]).diagnostics)}
    assert ours, "some fixtures must have schema-level errors"
    run = subprocess.run(
        [exe, "--schemafile", str(ROOT / "schema" / "case.schema.json"), "--output-format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(run.stdout)
    theirs = {Path(error["filename"]) for error in report["errors"]}
    assert report["parse_errors"] == []
    assert {p.resolve() for p in theirs} == {p.resolve() for p in ours}
