"""Format gate: a file must declare ``format_version: 2`` (ADR 0007).

A v1 file would otherwise draw a dozen unknown- and missing-field errors for one cause; it gets
one error at line 1 that says how to upgrade, and nothing else is checked.
"""

from __future__ import annotations

from casebook.diagnostics import Diagnostic
from casebook.loading import LoadResult

OLD_FORMATS = (None, 1)


def check(loaded: LoadResult, display: str) -> list[Diagnostic]:
    """Return the one S210 error for a v1 file (no ``format_version``, or 1), else nothing.

    Any other value than 1 or 2 is left to the schema (``format_version`` must be 2).
    """
    version = loaded.data.get("format_version")
    if version not in OLD_FORMATS or isinstance(version, bool):
        return []
    return [
        Diagnostic(
            loaded.path,
            1,
            1,
            "S210",
            f"this file uses case format v1; run `casebook migrate {display}` to upgrade it to v2",
            json_path="$",
        )
    ]
