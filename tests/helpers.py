"""Small factories for tests: load the fictional fixture case, tweak it, write it out."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from casebook.loading import load_file
from casebook.model import Case, build_case

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "cases" / "valid" / "2099-acme-minimal.yaml"


def minimal_data() -> dict[str, Any]:
    """A deep copy of the minimal valid fixture as plain data."""
    loaded = load_file(MINIMAL)
    assert loaded.ok, loaded.diagnostics
    return copy.deepcopy(loaded.data)


def minimal_case() -> Case:
    """The minimal valid fixture as a ``Case``."""
    return build_case(minimal_data(), str(MINIMAL))
