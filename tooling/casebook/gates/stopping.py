"""Stopping-point gate: ``could_have_been_stopped_by`` sits on breaks, and on every break once required.

C505 is always on. C506 (a break of a reviewed case with no control) is a requirement that is
switched on with ``--require controls`` until the corpus carries the content (ADR 0007).
"""

from __future__ import annotations

from collections.abc import Iterator

from casebook.diagnostics import Diagnostic, Severity
from casebook.loading import LoadResult

FIELD = "could_have_been_stopped_by"


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """C505: a stopping control on an event that is not a break."""
    for i, event in enumerate(loaded.data["chain"]):
        if FIELD in event and event["kind"] != "break":
            yield loaded.diagnostic(
                ("chain", i, FIELD),
                "C505",
                f"`{FIELD}` belongs on breaks only; this is a {event['kind']} event",
                key=True,
            )


def check_required(loaded: LoadResult) -> Iterator[Diagnostic]:
    """C506: under ``--require controls``, each break of a reviewed case names its control."""
    if loaded.data["status"] != "reviewed":
        return
    for i, event in enumerate(loaded.data["chain"]):
        if event["kind"] == "break" and FIELD not in event:
            yield loaded.diagnostic(
                ("chain", i, "id"),
                "C506",
                f"break '{event['id']}' of a reviewed case does not say which control could have stopped it ({FIELD})",
                severity=Severity.WARNING,
            )
