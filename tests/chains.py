"""Hand-made chains for the graph tests: events in a line of code each, wrapped in a valid case."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from casebook.dates import parse_partial_date
from casebook.model import Case, Event
from tests.helpers import minimal_case

_MODES = {"break": "design_defect", "amplifier": "concealment"}


def ev(
    ident: str,
    date: str,
    stage: str = "design",
    kind: str = "break",
    caused_by: Sequence[str] = (),
    layer: str = "active",
    title: str | None = None,
    mode: str | None = None,
) -> Event:
    """One event; breaks and amplifiers get a failure mode (``mode`` or a default), others none."""
    return Event(
        id=ident,
        date=parse_partial_date(date),
        title=title or f"Event {ident}",
        stage=stage,
        kind=kind,
        layer=layer,
        description=f"What happened at {ident}, in a sentence.",
        sources=("memo",),
        caused_by=tuple(caused_by),
        failure_mode=mode or _MODES.get(kind),
    )


def chain_case(*events: Event, ident: str = "2099-acme-minimal", **changes: object) -> Case:
    """The minimal fixture case with its chain replaced (and any other field changed)."""
    return dataclasses.replace(minimal_case(), chain=tuple(events), id=ident, **changes)  # type: ignore[arg-type]
