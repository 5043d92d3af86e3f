"""Property-based: random and mutated documents only ever produce diagnostics, never exceptions."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.diagnostics import Diagnostic
from casebook.loading import load_text
from casebook.validation import check_loaded, validate_paths
from tests.helpers import MINIMAL, minimal_data

TEXT = MINIMAL.read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def _check_text(text: str) -> list[Diagnostic]:
    loaded = load_text(text, "2099-acme-minimal.yaml")
    if not loaded.ok:
        return loaded.diagnostics
    return check_loaded(loaded, Path("2099-acme-minimal.yaml"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    """Arbitrary text loads to data or diagnostics."""
    for diagnostic in _check_text(text):
        assert isinstance(diagnostic, Diagnostic) and diagnostic.line >= 1


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, len(LINES) - 1),
    st.integers(0, len(LINES) - 1),
    st.sampled_from(["delete", "duplicate", "swap", "indent", "garble"]),
    st.text(max_size=12),
)
def test_mutated_case(i: int, j: int, op: str, junk: str) -> None:
    """Line-level mutations of a valid case are handled as diagnostics."""
    lines = list(LINES)
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(j, lines[i])
    elif op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "indent":
        lines[i] = "  " + lines[i]
    else:
        lines[i] = lines[i][: len(lines[i]) // 2] + junk + "\n"
    assert all(isinstance(d, Diagnostic) for d in _check_text("".join(lines)))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(minimal_data())), json_values)
def test_replaced_field(key: str, value: Any) -> None:
    """Any JSON-like value in place of any top-level field gives diagnostics, not exceptions."""
    data = minimal_data()
    data[key] = value
    text = yaml.safe_dump(data, allow_unicode=True)
    assert all(isinstance(d, Diagnostic) for d in _check_text(text))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_through_the_whole_pipeline(blob: bytes) -> None:
    """Random bytes in a case file, validated from disk, never raise."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2099-random-bytes.yaml"
        path.write_bytes(blob)
        result = validate_paths([path])
        assert result.files == 1
