"""Frozen dataclasses for valid cases. Graph and render code only ever see these.

``build_case`` is called only on documents that passed the schema and every gate, so it can
index required fields directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casebook.dates import PartialDate, parse_partial_date
from casebook.model_v2 import (
    Change,
    Control,
    Perspective,
    Reply,
    Review,
    Statement,
    Weighting,
    Withdrawal,
    control_from,
    v2_fields,
)

__all__ = [
    "Analysis",
    "Case",
    "Change",
    "Control",
    "Event",
    "Figure",
    "Lesson",
    "Organization",
    "Perspective",
    "Related",
    "Reply",
    "Review",
    "Source",
    "Statement",
    "Weighting",
    "Withdrawal",
    "build_case",
]


@dataclass(frozen=True)
class Organization:
    """The organization whose trust broke."""

    name: str
    sector: str
    country: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """One link of the failure chain."""

    id: str
    date: PartialDate
    title: str
    stage: str
    kind: str
    layer: str
    description: str
    sources: tuple[str, ...]
    caused_by: tuple[str, ...] = ()
    failure_mode: str | None = None
    stopped_by: Control | None = None
    prompt: str | None = None


@dataclass(frozen=True)
class Source:
    """A published source."""

    id: str
    title: str
    publisher: str
    url: str
    type: str
    accessed: PartialDate
    published: PartialDate | None = None
    archived_url: str | None = None
    quote: str | None = None
    note: str | None = None
    seen_at: str | None = None
    archived: PartialDate | None = None


@dataclass(frozen=True)
class Figure:
    """A measured impact figure."""

    metric: str
    value: float
    unit: str
    as_of: PartialDate
    source: str
    note: str | None = None


@dataclass(frozen=True)
class Lesson:
    """A lesson tied to events."""

    text: str
    events: tuple[str, ...]


@dataclass(frozen=True)
class Analysis:
    """The analysis block."""

    trust_primary: str
    trust_also: tuple[str, ...]
    trust_rationale: str
    crisis_cluster: str
    crisis_type: str
    crisis_nature: str
    claimed_cluster: str | None
    crisis_history: bool | None
    detection_channel: str
    detection_by: str
    detection_sources: tuple[str, ...]
    strategies: tuple[str, ...]
    corrective_actions: tuple[str, ...]
    voice: str
    response_sources: tuple[str, ...]
    consequences: tuple[str, ...]
    verdict: str
    verdict_justification: str
    verdict_sources: tuple[str, ...]
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True)
class Related:
    """A link to another case."""

    id: str
    relation: str
    note: str | None = None


@dataclass(frozen=True)
class Case:
    """A valid case."""

    id: str
    title: str
    summary: str
    status: str
    last_reviewed: PartialDate
    organization: Organization
    touch: str
    scale: str
    start: PartialDate
    end: PartialDate | None
    chain: tuple[Event, ...]
    analysis: Analysis
    impact: tuple[Figure, ...]
    discussion_questions: tuple[str, ...]
    sources: tuple[Source, ...]
    related: tuple[Related, ...]
    tags: tuple[str, ...]
    contributors: tuple[str, ...]
    license: str
    path: str = ""
    format_version: int = 2
    public_date: PartialDate | None = None
    regions: tuple[str, ...] = ()
    reply: Reply | None = None
    perspectives: tuple[Perspective, ...] = ()
    reviews: tuple[Review, ...] = ()
    aliases: tuple[str, ...] = ()
    withdrawn: Withdrawal | None = None
    changes: tuple[Change, ...] = ()

    def event(self, ident: str) -> Event:
        """Return the event with this id."""
        return next(e for e in self.chain if e.id == ident)

    def source(self, ident: str) -> Source:
        """Return the source with this id."""
        return next(s for s in self.sources if s.id == ident)

    @property
    def year(self) -> int:
        """The year the failure became public: the id's year (ADR 0007)."""
        return int(self.id[:4])


def _opt_date(value: Any) -> PartialDate | None:
    return None if value is None else parse_partial_date(value)


def _event(raw: dict[str, Any]) -> Event:
    return Event(
        id=raw["id"],
        date=parse_partial_date(raw["date"]),
        title=raw["title"],
        stage=raw["stage"],
        kind=raw["kind"],
        layer=raw["layer"],
        description=raw["description"],
        sources=tuple(raw["sources"]),
        caused_by=tuple(raw.get("caused_by", ())),
        failure_mode=raw.get("failure_mode"),
        stopped_by=control_from(raw.get("could_have_been_stopped_by")),
        prompt=raw.get("prompt"),
    )


def _source(raw: dict[str, Any]) -> Source:
    return Source(
        id=raw["id"],
        title=raw["title"],
        publisher=raw["publisher"],
        url=raw["url"],
        type=raw["type"],
        accessed=parse_partial_date(raw["accessed"]),
        published=_opt_date(raw.get("published")),
        archived_url=raw.get("archived_url"),
        quote=raw.get("quote"),
        note=raw.get("note"),
        seen_at=raw.get("seen_at"),
        archived=_opt_date(raw.get("archived")),
    )


def _analysis(raw: dict[str, Any]) -> Analysis:
    trust, crisis, detection = raw["trust_dimension"], raw["crisis"], raw["detection"]
    response, outcome = raw["response"], raw["outcome"]
    return Analysis(
        trust_primary=trust["primary"],
        trust_also=tuple(trust.get("also", ())),
        trust_rationale=trust["rationale"],
        crisis_cluster=crisis["cluster"],
        crisis_type=crisis["type"],
        crisis_nature=crisis["nature"],
        claimed_cluster=crisis.get("claimed_cluster"),
        crisis_history=crisis.get("crisis_history"),
        detection_channel=detection["channel"],
        detection_by=detection["by"],
        detection_sources=tuple(detection["sources"]),
        strategies=tuple(response["strategies"]),
        corrective_actions=tuple(response.get("corrective_actions", ())),
        voice=response["voice"],
        response_sources=tuple(response["sources"]),
        consequences=tuple(outcome["consequences"]),
        verdict=outcome["trust_verdict"],
        verdict_justification=outcome["justification"],
        verdict_sources=tuple(outcome["sources"]),
        lessons=tuple(Lesson(text=lesson["text"], events=tuple(lesson["events"])) for lesson in raw["lessons"]),
    )


def build_case(data: dict[str, Any], path: str = "") -> Case:
    """Build a ``Case`` from a document that passed every gate."""
    org = data["organization"]
    return Case(
        id=data["id"],
        title=data["title"],
        summary=data["summary"].strip(),
        status=data["status"],
        last_reviewed=parse_partial_date(data["last_reviewed"]),
        organization=Organization(
            name=org["name"], sector=org["sector"], country=org["country"], aliases=tuple(org.get("aliases", ()))
        ),
        touch=data["engagement"]["touch"],
        scale=data["engagement"]["scale"],
        start=parse_partial_date(data["period"]["start"]),
        end=_opt_date(data["period"].get("end")),
        chain=tuple(_event(e) for e in data["chain"]),
        analysis=_analysis(data["analysis"]),
        impact=tuple(
            Figure(
                metric=f["metric"],
                value=float(f["value"]),
                unit=f["unit"],
                as_of=parse_partial_date(f["as_of"]),
                source=f["source"],
                note=f.get("note"),
            )
            for f in data["impact"]
        ),
        discussion_questions=tuple(data["discussion_questions"]),
        sources=tuple(_source(s) for s in data["sources"]),
        related=tuple(Related(id=r["id"], relation=r["relation"], note=r.get("note")) for r in data.get("related", ())),
        tags=tuple(data.get("tags", ())),
        contributors=tuple(data.get("contributors", ())),
        license=data["license"],
        path=path,
        **v2_fields(data),
    )
