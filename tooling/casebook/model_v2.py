"""The parts of the case model that format v2 added (ADR 0007); ``casebook.model`` re-exports them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casebook.dates import PartialDate, parse_partial_date


@dataclass(frozen=True)
class Control:
    """The control that would most likely have caught a break (``could_have_been_stopped_by``)."""

    control: str
    owner: str
    reason: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    """One statement by the organization itself."""

    date: PartialDate
    kind: str
    summary: str
    quote: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Reply:
    """The organization's own words, or what was searched when none were found."""

    statements: tuple[Statement, ...] = ()
    none_found: str | None = None


@dataclass(frozen=True)
class Weighting:
    """An event a perspective weighs differently."""

    event: str
    failure_mode: str | None
    layer: str | None
    note: str


@dataclass(frozen=True)
class Perspective:
    """An alternative reading of where the chain broke."""

    id: str
    by: str
    affiliation: str | None
    conflict_of_interest: str | None
    first_break_stage: str
    first_break_event: str
    weighs: tuple[Weighting, ...]
    verdict: str | None
    argument: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """Who re-read which claims against the sources, and when."""

    by: str
    date: PartialDate
    scope: str
    claims_checked: int
    corrections: int


@dataclass(frozen=True)
class Withdrawal:
    """Why and when a case was withdrawn."""

    date: PartialDate
    reason: str


@dataclass(frozen=True)
class Change:
    """A one-line reason for a change to the case."""

    date: PartialDate
    summary: str


def control_from(raw: dict[str, Any] | None) -> Control | None:
    """Build the stopping control of a break, if it has one."""
    if raw is None:
        return None
    return Control(raw["control"], raw["owner"], raw["reason"], tuple(raw.get("sources", ())))


def _date(value: Any) -> PartialDate:
    return parse_partial_date(value)


def _reply(raw: dict[str, Any] | None) -> Reply | None:
    if raw is None:
        return None
    statements = tuple(
        Statement(_date(s["date"]), s["kind"], s["summary"].strip(), s.get("quote"), tuple(s["sources"]))
        for s in raw.get("statements", ())
    )
    return Reply(statements=statements, none_found=raw.get("none_found"))


def _perspective(raw: dict[str, Any]) -> Perspective:
    return Perspective(
        id=raw["id"],
        by=raw["by"],
        affiliation=raw.get("affiliation"),
        conflict_of_interest=raw.get("conflict_of_interest"),
        first_break_stage=raw["first_break"]["stage"],
        first_break_event=raw["first_break"]["event"],
        weighs=tuple(
            Weighting(w["event"], w.get("failure_mode"), w.get("layer"), w["note"]) for w in raw.get("weighs", ())
        ),
        verdict=raw.get("verdict"),
        argument=raw["argument"].strip(),
        sources=tuple(raw["sources"]),
    )


def v2_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The v2 keyword arguments of ``Case`` from a document that passed every gate."""
    withdrawn = data.get("withdrawn")
    public = data.get("public_date")
    return {
        "format_version": data["format_version"],
        "public_date": None if public is None else _date(public),
        "regions": tuple(data["regions"]),
        "reply": _reply(data.get("reply")),
        "perspectives": tuple(_perspective(p) for p in data.get("perspectives", ())),
        "reviews": tuple(
            Review(r["by"], _date(r["date"]), r["scope"], r["claims_checked"], r["corrections"])
            for r in data.get("reviews", ())
        ),
        "aliases": tuple(data.get("aliases", ())),
        "withdrawn": None if withdrawn is None else Withdrawal(_date(withdrawn["date"]), withdrawn["reason"]),
        "changes": tuple(Change(_date(c["date"]), c["summary"]) for c in data.get("changes", ())),
    }
