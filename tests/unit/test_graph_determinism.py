"""Graph output does not depend on Python's per-process hash seed (set and dict orders)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from casebook.graph import analyse_corpus, render_chain_svg, similar_cases
from casebook.graph.export import chain_to_json
from casebook.graph.patterns_svg import render_patterns_svg
from casebook.validation import validate_paths

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "fixtures" / "cases" / "real"


def digest() -> str:
    """Hash every graph output for the real fixtures: SVG, JSON, similar cases, patterns."""
    cases = validate_paths([REAL]).cases
    found = hashlib.sha256()
    for case in cases:
        found.update(render_chain_svg(case).encode())
        found.update(json.dumps(chain_to_json(case)).encode())
        found.update(repr(similar_cases(case, cases)).encode())
    analysis = analyse_corpus(cases)
    found.update(json.dumps(analysis.to_json()).encode() + render_patterns_svg(analysis).encode())
    return f"{len(cases)} {found.hexdigest()}"


def test_output_is_identical_across_hash_seeds() -> None:
    """A process with another hash seed produces the same SVG, JSON and scores as this one."""
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    code = "from tests.unit.test_graph_determinism import digest; print(digest())"
    other = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    here = digest()
    assert here.startswith("3 ")
    assert other.stdout.strip() == here
