"""The format v2 fields of a case record (ADR 0007), in the shape of the YAML file."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from casebook.dates import PartialDate
from casebook.model import Case, Event, Source


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != [] and v != ()}


def event_extras(event: Event) -> dict[str, Any]:
    """``could_have_been_stopped_by`` and ``prompt`` of an event, where it has them."""
    stop = event.stopped_by
    control = None
    if stop is not None:
        control = _drop_empty(
            {"control": stop.control, "owner": stop.owner, "reason": stop.reason, "sources": list(stop.sources)}
        )
    return _drop_empty({"could_have_been_stopped_by": control, "prompt": event.prompt})


def source_extras(source: Source) -> dict[str, Any]:
    """``seen_at`` and ``archived`` of a source, where it has them."""
    return _drop_empty({"seen_at": source.seen_at, "archived": _date(source.archived)})


def _reply(case: Case) -> dict[str, Any] | None:
    if case.reply is None:
        return None
    statements = [
        _drop_empty(
            {"date": str(s.date), "kind": s.kind, "summary": s.summary, "quote": s.quote, "sources": list(s.sources)}
        )
        for s in case.reply.statements
    ]
    return _drop_empty({"statements": statements, "none_found": case.reply.none_found})


def _perspectives(case: Case) -> list[dict[str, Any]]:
    return [
        _drop_empty(
            {
                "id": p.id,
                "by": p.by,
                "affiliation": p.affiliation,
                "conflict_of_interest": p.conflict_of_interest,
                "first_break": {"stage": p.first_break_stage, "event": p.first_break_event},
                "weighs": [_drop_empty(asdict(w)) for w in p.weighs],
                "verdict": p.verdict,
                "argument": p.argument,
                "sources": list(p.sources),
            }
        )
        for p in case.perspectives
    ]


def top_level(case: Case) -> dict[str, Any]:
    """The top-level v2 fields of a case record."""
    withdrawn = case.withdrawn
    return _drop_empty(
        {
            "format_version": case.format_version,
            "public_date": _date(case.public_date),
            "regions": list(case.regions),
            "reply": _reply(case),
            "perspectives": _perspectives(case),
            "reviews": [{**asdict(r), "date": str(r.date)} for r in case.reviews],
            "aliases": list(case.aliases),
            "withdrawn": None if withdrawn is None else {"date": str(withdrawn.date), "reason": withdrawn.reason},
            "changes": [{"date": str(c.date), "summary": c.summary} for c in case.changes],
        }
    )
