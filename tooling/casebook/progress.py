"""Progress lines for long runs, shown only to a person watching a terminal.

``validate`` and ``build`` over thousands of cases take seconds to minutes. On a terminal they
report how far they are on stderr, on one line rewritten in place and erased at the end, so the
report on stdout reads the same as without it. They stay quiet when stderr is not a terminal
(pipes, files, editors), in CI (``CI`` is set, as GitHub Actions and most CI services do) and when
the output is for machines (``--format json`` or ``github``).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

MIN_INTERVAL = 0.1
"""Seconds between two redraws: enough to look alive, too few to slow a fast run down."""


def wanted(stream: TextIO) -> bool:
    """Whether progress should be shown on ``stream``: a terminal, and not in CI."""
    if "CI" in os.environ:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """Counts steps of one phase ("checking 1,200 of 10,000 files"); does nothing when disabled."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True) -> None:
        self.stream = stream
        self.enabled = enabled and stream is not None
        self.label = ""
        self.unit = ""
        self.total = 0
        self.done = 0
        self._drawn = 0.0
        self._width = 0

    def start(self, label: str, total: int, unit: str = "") -> None:
        """Begin a phase of ``total`` steps; ``unit`` names them ("files", "pages")."""
        self.label, self.total, self.unit, self.done = label, total, unit, 0
        self._draw(force=True)

    def advance(self, steps: int = 1) -> None:
        """Count ``steps`` more steps done."""
        self.done += steps
        if self.enabled:
            self._draw(force=self.done >= self.total)

    def note(self, message: str) -> None:
        """Show a phase that cannot count its steps (for example "building the site with MkDocs")."""
        self.label, self.total, self.unit, self.done = message, 0, "", 0
        self._draw(force=True)

    def close(self) -> None:
        """Erase the progress line, leaving the terminal as it was."""
        if self.enabled and self.stream is not None and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def _draw(self, *, force: bool) -> None:
        if not self.enabled or self.stream is None:
            return
        now = time.monotonic()
        if not force and now - self._drawn < MIN_INTERVAL:
            return
        self._drawn = now
        if self.total:
            percent = 100 * self.done // self.total
            text = f"{self.label} {self.done:,} of {self.total:,} {self.unit} ({percent}%)".replace("  ", " ")
        else:
            text = f"{self.label}..."
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)


def for_stderr(*, machine_output: bool = False) -> Progress:
    """A progress reporter on stderr, enabled only where a person is watching."""
    stream = sys.stderr
    return Progress(stream, enabled=not machine_output and wanted(stream))
