"""The CLI starts without the heavy imports that one-file validation does not need."""

from __future__ import annotations

import subprocess
import sys


def test_cli_import_leaves_jsonschema_mkdocs_and_numpy_out() -> None:
    """jsonschema (about a second to import), MkDocs and numpy load only when a command needs them."""
    code = "import sys, casebook.cli; print(sorted(m for m in ('jsonschema', 'mkdocs', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
