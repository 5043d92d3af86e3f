"""Derived analysis of one chain: computed from the events, never typed into a case.

Definitions (the case page and the schema reference quote these):

* **Chain order** is :func:`casebook.graph.build.chain_order`: causes before effects, then
  earliest possible day, then file order.
* **First break**: the first event of kind ``break`` in chain order.
* **Root causes**: breaks with no other break among their causes, direct or indirect. Context,
  amplifiers and responses upstream do not count, so every chain has at least one root cause.
* **Break stages**: the stages with at least one ``break`` event, in the vocabulary's stage order.
  "Broke at" is not "touched": a stage that only responded is not a break stage.
* **Break path**: the failure itself, as the emphasised line of the graph. It is a run of
  *failures* (events of kind ``break`` or ``amplifier``), each caused directly (``caused_by``) by
  the one before it, that starts at a break no failure caused (a root cause, or a break that a
  response or context event set off). Responses, recoveries and context are never on it. Of all
  such runs it is the **longest** (most failures); its last event is taken as the most
  consequential failure, the one the most failures led up to. Ties go to the run whose last event
  has the most consequences (events it caused, directly or indirectly, of any kind), then to the
  run whose events come earliest in chain order, compared event by event. A chain whose breaks
  are not linked to one another has a break path of one event.
* **Main failure mode**: the failure mode most breaks have (ties: the one that comes first in
  chain order); the failure mode of the first amplifier when no break has one.
* **Felt by customers**: the first failure on the break path whose layer is ``active`` (Reason's
  active failure, the sharp end where customers meet the organization); when the path is all
  latent, the first active failure in chain order; none when every failure is latent.
* **First response**: the first event after the first break, in chain order, that is of kind
  ``response`` (at any stage: a recall notice counts) or sits at stage ``public_response``
  whatever its kind (a tone-deaf statement is still the company speaking). Context never counts.
* **First recovery**: the first event of kind ``recovery`` after the first break.
* **Stage crossings**: ``caused_by`` links whose two events sit at different stages.
"""

from __future__ import annotations

import weakref
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
    break_path: tuple[str, ...]
    felt: str | None
    first_response: str | None
    days_to_first_response: DayCount | None
    first_recovery: str | None
    days_to_first_recovery: DayCount | None
    stages_touched: tuple[str, ...]
    break_stages: tuple[str, ...]
    main_failure_mode: str | None
    stage_crossings: int
    transitions: tuple[tuple[str, str, int], ...]

    @property
    def critical_path(self) -> tuple[str, ...]:
        """The break path under its first-wave name (the longest path to the last event is gone)."""
        return self.break_path

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
            "break_path": list(self.break_path),
            "felt_by_customers": self.felt,
            "first_response": _step_json(self.first_response, self.days_to_first_response),
            "first_recovery": _step_json(self.first_recovery, self.days_to_first_recovery),
            "stages_touched": list(self.stages_touched),
            "break_stages": list(self.break_stages),
            "main_failure_mode": self.main_failure_mode,
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


FAILURE_KINDS = ("break", "amplifier")
"""The kinds of event a break path may hold (module docstring)."""


def break_path(graph: nx.DiGraph, order: list[str]) -> list[str]:
    """The break path: the longest run of directly linked failures from a break (module docstring).

    Args:
        graph: The chain graph.
        order: Every event in chain order (it holds at least one break).

    Returns:
        Event ids of breaks and amplifiers, from the first failure of the run to its last.
    """
    kinds = graph.nodes(data="kind")
    position = {node: i for i, node in enumerate(order)}
    consequences = {node: len(nx.descendants(graph, node)) for node in order}
    # best[n]: the longest valid run ending at n (ties: earliest events), or None when no run can
    # reach n (an amplifier that no break's run leads to).
    best: dict[str, list[str] | None] = {}
    for node in order:
        if kinds[node] not in FAILURE_KINDS:
            continue
        runs = [run for p in graph.predecessors(node) if (run := best.get(p))]
        if runs:
            longest = min(runs, key=lambda run: (-len(run), [position[n] for n in run]))
            best[node] = [*longest, node]
        else:
            best[node] = [node] if kinds[node] == "break" else None
    ends = {node: run for node, run in best.items() if run}
    last = min(ends, key=lambda n: (-len(ends[n]), -consequences[n], [position[x] for x in ends[n]]))
    return ends[last]


def felt_by_customers(path: list[str], order: list[str], events: dict[str, Event]) -> str | None:
    """The first active failure on the break path, else in chain order (module docstring)."""
    failures = [n for n in order if events[n].kind in FAILURE_KINDS]
    return next((n for n in [*path, *failures] if events[n].layer == "active"), None)


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
    broke = sorted({e.stage for e in case.chain if e.kind == "break"}, key=ranks.__getitem__)
    path = break_path(graph, order)
    return ChainAnalysis(
        case_id=case.id,
        order=tuple(order),
        first_break=first,
        first_break_stage=events[first].stage,
        root_causes=tuple(roots),
        latent=tuple(n for n in order if events[n].layer == "latent"),
        active=tuple(n for n in order if events[n].layer == "active"),
        break_path=tuple(path),
        felt=felt_by_customers(path, order, events),
        first_response=response,
        days_to_first_response=None if response is None else day_count(events[first].date, events[response].date),
        first_recovery=recovery,
        days_to_first_recovery=None if recovery is None else day_count(events[first].date, events[recovery].date),
        stages_touched=tuple(touched),
        break_stages=tuple(broke),
        main_failure_mode=main_failure_mode(order, events),
        stage_crossings=sum(pairs.values()),
        transitions=tuple(sorted(((a, b, n) for (a, b), n in pairs.items()), key=lambda t: (ranks[t[0]], ranks[t[1]]))),
    )


def main_failure_mode(order: list[str], events: dict[str, Event]) -> str | None:
    """The failure mode most breaks have, first in chain order on a tie (module docstring)."""
    modes = [events[n].failure_mode for n in order if events[n].kind == "break" and events[n].failure_mode]
    if not modes:
        modes = [events[n].failure_mode for n in order if events[n].kind == "amplifier" and events[n].failure_mode]
    counts = Counter(modes)
    return max(dict.fromkeys(modes), key=lambda m: counts[m], default=None)


# Facets, list rows and similar cases all ask for the analysis of the same case objects; keyed by
# identity, because hashing a frozen Case hashes its whole tree (as in graph.similarity).
_CACHE: dict[int, tuple[weakref.ref[Case], ChainAnalysis]] = {}


def cached_analysis(case: Case) -> ChainAnalysis:
    """``analyse_chain(case)``, computed once per case object."""
    hit = _CACHE.get(id(case))
    if hit is not None and hit[0]() is case:
        return hit[1]
    return remember_analysis(case, analyse_chain(case))


def remember_analysis(case: Case, found: ChainAnalysis) -> ChainAnalysis:
    """Make ``found`` (``analyse_chain(case)``, e.g. from the build cache) what ``cached_analysis`` returns for ``case``."""
    key = id(case)
    _CACHE[key] = (weakref.ref(case, lambda _ref: _CACHE.pop(key, None)), found)
    return found
