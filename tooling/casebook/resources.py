"""Where the schema, the vocabulary and the corpus live.

The package runs from a checkout (editable install) and reads ``schema/`` at the repository
root. ``CASEBOOK_HOME`` points it at another checkout; this is how tests and other tools find
the files without guessing from the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path


class ResourceError(Exception):
    """The schema or vocabulary files are missing or broken; nothing can be checked (exit 2)."""


def project_root() -> Path:
    """Return the root of the Casebook checkout the package belongs to."""
    env = os.environ.get("CASEBOOK_HOME")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


def schema_dir() -> Path:
    """Return the folder holding case.schema.json and vocabulary.yaml.

    In a checkout that is ``schema/`` at the root; a plain install (for example as a pre-commit
    hook in another repository) uses the copy packaged under ``casebook/data/schema``.
    """
    checkout = project_root() / "schema"
    if (checkout / "vocabulary.yaml").is_file():
        return checkout
    return Path(__file__).resolve().parent / "data" / "schema"


def default_cases_dir() -> Path:
    """Return the corpus folder used when no path is given: ``cases/`` under the working directory if present, else the project's."""
    local = Path.cwd() / "cases"
    return local if local.is_dir() else project_root() / "cases"
