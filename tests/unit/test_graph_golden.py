"""Golden files for real cases: the SVG, the JSON export and the corpus patterns, compared exactly.

After an intended change run ``make golden`` (``CASEBOOK_UPDATE_GOLDEN=1``), then review the
diff of ``tests/golden/graphs/`` like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from casebook.graph import analyse_corpus, render_chain_svg
from casebook.graph.export import chain_to_dot, chain_to_json
from casebook.graph.patterns_svg import render_patterns_svg
from casebook.model import Case
from casebook.validation import validate_paths

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "graphs"
REAL = ROOT / "tests" / "fixtures" / "cases" / "real"
INJECTION = ROOT / "tests" / "fixtures" / "cases" / "graph"
UPDATE = os.environ.get("CASEBOOK_UPDATE_GOLDEN") == "1"


def _cases(folder: Path) -> list[Case]:
    result = validate_paths([folder])
    assert result.errors == 0, [d.format() for d in result.diagnostics]
    return sorted(result.cases, key=lambda c: c.id)


CASES = _cases(REAL) + _cases(INJECTION)


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/graphs/NAME, or rewrite it when CASEBOOK_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run `make golden` and review the new file"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed: run `make golden` if intended, and review the diff"
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_golden_chain_svg(case: Case) -> None:
    """The swim-lane SVG of each fixture case matches its golden file byte for byte."""
    check_golden(f"{case.id}.svg", render_chain_svg(case))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_golden_chain_json(case: Case) -> None:
    """Nodes, edges and derived analysis of each fixture case match the golden JSON."""
    check_golden(f"{case.id}.json", json.dumps(chain_to_json(case), indent=2, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_golden_chain_dot(case: Case) -> None:
    """The DOT export matches its golden file."""
    check_golden(f"{case.id}.dot", chain_to_dot(case))


def test_golden_patterns() -> None:
    """The corpus analysis and heat map over the real fixtures match their golden files."""
    analysis = analyse_corpus(_cases(REAL))
    check_golden("patterns.json", json.dumps(analysis.to_json(), indent=2, ensure_ascii=False) + "\n")
    check_golden("patterns.svg", render_patterns_svg(analysis, lambda stage: f"../browse/stage/{stage}/"))
