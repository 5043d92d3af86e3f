"""Derived analysis of one chain: computed from the events, never typed into a case.

Definitions (the case page and the schema reference quote these):

* **Chain order** is :func:`casebook.graph.build.chain_order`: causes before effects, then
  earliest possible day, then file order.
* **First break**: the first event of kind ``break`` in chain order.
* **Root causes**: breaks with no other break among their causes, direct or indirect. Context,
  amplifiers and responses upstream do not count, so every chain has at least one root cause.
* **Critical path**: the longest run of ``caused_by`` links (most events) from any root cause to
  the *last consequence*, the event reachable from a root cause that comes last in chain order.
  Ties go to the path whose events come earliest in chain order, compared event by event.
* **First response**: the first event after the first break, in chain order, that is of kind
  ``response`` (at any stage: a recall notice counts) or sits at stage ``public_response``
  whatever its kind (a tone-deaf statement is still the company speaking). Context never counts.
* **First recovery**: the first event of kind ``recovery`` after the first break.
* **Stage crossings**: ``caused_by`` links whose two events sit at different stages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from casebook.dates import PartialDate
from casebook.graph.build import build_chain_graph, chain_order, event_index
from casebook.model import Case, Event
from casebook.vocabulary import stage_order


@dataclass(frozen=True)
class DayCount:
    """Days between two dated events, honest about partial dates.

    ``low`` and ``high`` bound the true count; ``exact`` holds only when both dates are known
    to the day (then ``low == high``). ``value`` is the midpoint, to be shown as approximate
    when not exact.
    """

    low: int
    high: int
    exact: bool

    @property
    def value(self) -> int:
        """The count, or the middle of its range when a date is known only to the month or year."""
        return (self.low + self.high) // 2

    def __str__(self) -> str:
        unit = "day" if self.value == 1 else "days"
        if self.exact:
            return f"{self.value} {unit}"
        return f"about {self.value} {unit} ({self.low} to {self.high})"

    def to_json(self) -> dict[str, Any]:
        """Return ``{"days", "exact", "min", "max"}``."""
        return {"days": self.value, "exact": self.exact, "min": self.low, "max": self.high}


def day_count(start: PartialDate, end: PartialDate) -> DayCount:
    """Count the days from ``start`` to ``end``, which is known not to come before it.

    Args:
        start: The earlier date, of any precision.
        end: The later date, of any precision.

    Returns:
        The range of possible counts, never negative.
    """
    low = max(0, (end.earliest - start.latest).days)
    high = max(low, (end.latest - start.earliest).days)
    return DayCount(low, high, start.precision == "day" and end.precision == "day")


@dataclass(frozen=True)
class ChainAnalysis:
    """What the chain of one case shows; see the module docstring for each definition."""

    case_id: str
    order: tuple[str, ...]
    first_break: str
    first_break_stage: str
    root_causes: tuple[str, ...]
    latent: tuple[str, ...]
    active: tuple[str, ...]
    critical_path: tuple[str, ...]
    first_response: str | None
    days_to_first_response: DayCount | None
    first_recovery: str | None
    days_to_first_recovery: DayCount | None
    stages_touched: tuple[str, ...]
    stage_crossings: int
    transitions: tuple[tuple[str, str, int], ...]

    def to_json(self) -> dict[str, Any]:
        """Return plain JSON-ready data with stable keys."""
        return {
            "case": self.case_id,
            "events": len(self.order),
            "order": list(self.order),
            "first_break": {"id": self.first_break, "stage": self.first_break_stage},
            "root_causes": list(self.root_causes),
            "latent": list(self.latent),
            "active": list(self.active),
            "critical_path": list(self.critical_path),
            "first_response": _step_json(self.first_response, self.days_to_first_response),
            "first_recovery": _step_json(self.first_recovery, self.days_to_first_recovery),
            "stages_touched": list(self.stages_touched),
            "stage_crossings": self.stage_crossings,
            "transitions": [{"from": a, "to": b, "count": n} for a, b, n in self.transitions],
        }


def _step_json(ident: str | None, days: DayCount | None) -> dict[str, Any] | None:
    if ident is None or days is None:
        return None
    return {"id": ident, "days_after_first_break": days.to_json()}


def is_response(event: Event) -> bool:
    """Whether an event counts as the organization responding (see the module docstring)."""
    return event.kind == "response" or (event.stage == "public_response" and event.kind != "context")


def root_causes(graph: nx.DiGraph, order: list[str]) -> list[str]:
    """Breaks with no break among their ancestors, in chain order."""
    kinds = graph.nodes(data="kind")
    return [n for n in order if kinds[n] == "break" and not any(kinds[a] == "break" for a in nx.ancestors(graph, n))]


def critical_path(graph: nx.DiGraph, order: list[str], roots: list[str]) -> list[str]:
    """The longest path from a root cause to the last consequence (module docstring).

    Args:
        graph: The chain graph.
        order: Every event in chain order.
        roots: The root causes; at least one.

    Returns:
        Event ids from a root cause to the last consequence; a single id when a root is last.
    """
    position = {node: i for i, node in enumerate(order)}
    reach = set(roots).union(*(nx.descendants(graph, r) for r in roots))
    best: dict[str, list[str]] = {}
    for node in order:
        if node not in reach:
            continue
        if node in roots:  # roots never descend from one another: each is a break without break ancestors
            best[node] = [node]
            continue
        paths = [best[p] for p in graph.predecessors(node) if p in best]
        longest = min(paths, key=lambda path: (-len(path), [position[n] for n in path]))
        best[node] = [*longest, node]
    last = max(reach, key=position.__getitem__)
    return best[last]


def _first_after(order: list[str], start: str, events: dict[str, Event], wanted: Any) -> str | None:
    tail = order[order.index(start) + 1 :]
    return next((n for n in tail if wanted(events[n])), None)


def analyse_chain(case: Case) -> ChainAnalysis:
    """Compute the derived analysis of a case's chain.

    Args:
        case: A valid case (it has at least one break and an acyclic chain).

    Returns:
        The frozen analysis; ``to_json()`` gives plain data.
    """
    graph = build_chain_graph(case)
    order = chain_order(graph)
    events = event_index(case)
    first = next(n for n in order if events[n].kind == "break")
    roots = root_causes(graph, order)
    response = _first_after(order, first, events, is_response)
    recovery = _first_after(order, first, events, lambda e: e.kind == "recovery")
    pairs = Counter((events[a].stage, events[b].stage) for a, b in graph.edges if events[a].stage != events[b].stage)
    ranks = {stage: i for i, stage in enumerate(stage_order())}
    touched = sorted({e.stage for e in case.chain}, key=ranks.__getitem__)
    return ChainAnalysis(
        case_id=case.id,
        order=tuple(order),
        first_break=first,
        first_break_stage=events[first].stage,
        root_causes=tuple(roots),
        latent=tuple(n for n in order if events[n].layer == "latent"),
        active=tuple(n for n in order if events[n].layer == "active"),
        critical_path=tuple(critical_path(graph, order, roots)),
        first_response=response,
        days_to_first_response=None if response is None else day_count(events[first].date, events[response].date),
        first_recovery=recovery,
        days_to_first_recovery=None if recovery is None else day_count(events[first].date, events[recovery].date),
        stages_touched=tuple(touched),
        stage_crossings=sum(pairs.values()),
        transitions=tuple(sorted(((a, b, n) for (a, b), n in pairs.items()), key=lambda t: (ranks[t[0]], ranks[t[1]]))),
    )
