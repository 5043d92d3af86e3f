"""A case as plain JSON-ready data, in the shape of its YAML file.

The JSON export, the corpus digest and the citation metadata all read this one function, so the
digest changes exactly when exported content changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from casebook.dates import PartialDate
from casebook.model import Case, Event, Figure, Source
from casebook.render import records_v2


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    # Optional fields absent from the YAML stay absent, so a record reads like its case file.
    return {k: v for k, v in data.items() if v is not None and v != [] and v != ()}


def _event(event: Event) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": event.id,
            "date": str(event.date),
            "title": event.title,
            "stage": event.stage,
            "kind": event.kind,
            "failure_mode": event.failure_mode,
            "layer": event.layer,
            "description": event.description,
            "caused_by": list(event.caused_by),
            "sources": list(event.sources),
            **records_v2.event_extras(event),
        }
    )


def _figure(figure: Figure) -> dict[str, Any]:
    value: float | int = int(figure.value) if figure.value.is_integer() else figure.value
    return _drop_empty(
        {
            "metric": figure.metric,
            "value": value,
            "unit": figure.unit,
            "as_of": str(figure.as_of),
            "source": figure.source,
            "note": figure.note,
        }
    )


def _source(source: Source) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "url": source.url,
            "published": _date(source.published),
            "accessed": str(source.accessed),
            "archived_url": source.archived_url,
            "type": source.type,
            "quote": source.quote,
            "note": source.note,
            **records_v2.source_extras(source),
        }
    )


def case_record(case: Case) -> dict[str, Any]:
    """Return the case as JSON-ready data with the same field names as its YAML file."""
    a = case.analysis
    return {
        "id": case.id,
        "title": case.title,
        "summary": case.summary,
        "status": case.status,
        "last_reviewed": str(case.last_reviewed),
        "organization": _drop_empty(
            {
                "name": case.organization.name,
                "aliases": list(case.organization.aliases),
                "sector": case.organization.sector,
                "country": case.organization.country,
            }
        ),
        "engagement": {"touch": case.touch, "scale": case.scale},
        "period": _drop_empty({"start": str(case.start), "end": _date(case.end)}),
        "chain": [_event(e) for e in case.chain],
        "analysis": {
            "trust_dimension": _drop_empty(
                {"primary": a.trust_primary, "also": list(a.trust_also), "rationale": a.trust_rationale}
            ),
            "crisis": _drop_empty(
                {
                    "cluster": a.crisis_cluster,
                    "type": a.crisis_type,
                    "nature": a.crisis_nature,
                    "claimed_cluster": a.claimed_cluster,
                    "crisis_history": a.crisis_history,
                }
            ),
            "detection": {"channel": a.detection_channel, "by": a.detection_by, "sources": list(a.detection_sources)},
            "response": _drop_empty(
                {
                    "strategies": list(a.strategies),
                    "corrective_actions": list(a.corrective_actions),
                    "voice": a.voice,
                    "sources": list(a.response_sources),
                }
            ),
            "outcome": {
                "consequences": list(a.consequences),
                "trust_verdict": a.verdict,
                "justification": a.verdict_justification,
                "sources": list(a.verdict_sources),
            },
            "lessons": [{"text": lesson.text, "events": list(lesson.events)} for lesson in a.lessons],
        },
        "impact": [_figure(f) for f in case.impact],
        "discussion_questions": list(case.discussion_questions),
        "sources": [_source(s) for s in case.sources],
        "related": [_drop_empty({"id": r.id, "relation": r.relation, "note": r.note}) for r in case.related],
        "tags": list(case.tags),
        "contributors": list(case.contributors),
        "license": case.license,
        **records_v2.top_level(case),
    }


def canonical_json(data: object) -> str:
    """Compact JSON with sorted keys: the same data always gives the same text."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def corpus_digest(cases: Iterable[Case]) -> str:
    """SHA-256 over the canonical records of every case, in id order; independent of file layout."""
    records = [case_record(c) for c in sorted(cases, key=lambda c: c.id)]
    return hashlib.sha256(canonical_json(records).encode("utf-8")).hexdigest()
