"""The one diagnostic type every check returns, and how it prints."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from casebook.terminal import safe


class Severity(enum.StrEnum):
    """How bad a diagnostic is; warnings fail only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem found in one file, located by line, column and JSON path.

    Ordering is by file, then position, then code, so reports are deterministic.
    """

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)
    json_path: str = field(default="", compare=False)

    def format(self) -> str:
        """Return the one-line text form: ``path:line:col: severity CODE message (at $.path)``.

        File names, keys and values in it are untrusted: control characters are shown escaped
        (``casebook.terminal``) so a crafted key cannot rewrite the line it is reported on.
        """
        where = f" (at {self.json_path})" if self.json_path and self.json_path != "$" else ""
        return safe(f"{self.path}:{self.line}:{self.col}: {self.severity.value} {self.code} {self.message}{where}")

    def to_json(self) -> dict[str, object]:
        """Return a JSON-ready mapping with stable keys."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "json_path": self.json_path,
        }


def json_path(parts: tuple[str | int, ...]) -> str:
    """Render a path tuple as ``$.chain[1].kind``."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
