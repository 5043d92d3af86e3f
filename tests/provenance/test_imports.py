"""Each provenance module imports on its own, in a fresh interpreter (no import cycle through casebook.render)."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = [
    "casebook.datapkg.package",
    "casebook.datapkg.sqlite_db",
    "casebook.provenance.release",
    "casebook.provenance.state",
    "casebook.archive.run",
    "casebook.gates.aliases",
    "casebook.render.citations",
    "casebook.render.data_dictionary",
]


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_alone(module: str) -> None:
    """`python -c "import <module>"` succeeds."""
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
