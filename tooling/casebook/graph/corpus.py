"""Patterns across the corpus: stage transitions, where chains first break, modes by stage.

Every table is a tuple of rows sorted by the vocabulary's order (stages in chain order,
other lists in file order), so the same corpus always gives the same JSON and the same SVG.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from casebook.graph.analysis import ChainAnalysis, analyse_chain
from casebook.model import Case
from casebook.vocabulary import load_vocabulary, stage_order


@dataclass(frozen=True)
class Transition:
    """Chains crossing from one stage to another along ``caused_by`` links."""

    source: str
    target: str
    links: int
    cases: int


@dataclass(frozen=True)
class CorpusAnalysis:
    """What the whole corpus shows; counts only, no per-case detail beyond ids."""

    case_ids: tuple[str, ...]
    stages: tuple[str, ...]
    transitions: tuple[Transition, ...]
    first_break_stages: tuple[tuple[str, int], ...]
    failure_modes_by_stage: tuple[tuple[str, str, int], ...]
    responses_by_verdict: tuple[tuple[str, str, int], ...]

    def transition_graph(self) -> nx.DiGraph:
        """Return the weighted stage-to-stage graph (``weight`` = links, ``cases`` = cases)."""
        graph = nx.DiGraph()
        graph.add_nodes_from(self.stages)
        for t in self.transitions:
            graph.add_edge(t.source, t.target, weight=t.links, cases=t.cases)
        return graph

    def first_breaks(self, stage: str) -> int:
        """How many chains first break at ``stage``."""
        return dict(self.first_break_stages).get(stage, 0)

    def to_json(self) -> dict[str, Any]:
        """Return plain JSON-ready data with stable keys."""
        return {
            "cases": len(self.case_ids),
            "case_ids": list(self.case_ids),
            "stages": list(self.stages),
            "transitions": [
                {"from": t.source, "to": t.target, "links": t.links, "cases": t.cases} for t in self.transitions
            ],
            "first_break_stages": [{"stage": s, "cases": n} for s, n in self.first_break_stages],
            "failure_modes_by_stage": [
                {"failure_mode": m, "stage": s, "events": n} for m, s, n in self.failure_modes_by_stage
            ],
            "responses_by_verdict": [
                {"strategy": r, "verdict": v, "cases": n} for r, v, n in self.responses_by_verdict
            ],
        }


def _ranked(name: str) -> dict[str, int]:
    return {slug: i for i, slug in enumerate(load_vocabulary()[name].slugs)}


def analyse_corpus(cases: Iterable[Case], chains: Mapping[str, ChainAnalysis] | None = None) -> CorpusAnalysis:
    """Count the patterns of a set of valid cases.

    Args:
        cases: Valid cases, in any order; duplicates by id are counted once.
        chains: Each case's chain analysis by id, when the caller has them (the render does).

    Returns:
        The frozen corpus analysis.
    """
    unique = sorted({case.id: case for case in cases}.values(), key=lambda c: c.id)
    stages = _ranked("stages")
    modes, strategies, verdicts = _ranked("failure_modes"), _ranked("response_strategies"), _ranked("trust_verdicts")
    links: Counter[tuple[str, str]] = Counter()
    touched: Counter[tuple[str, str]] = Counter()
    first: Counter[str] = Counter()
    by_stage: Counter[tuple[str, str]] = Counter()
    responses: Counter[tuple[str, str]] = Counter()
    for case in unique:
        chain = chains[case.id] if chains is not None else analyse_chain(case)
        first[chain.first_break_stage] += 1
        for source, target, count in chain.transitions:
            links[source, target] += count
            touched[source, target] += 1
        by_stage.update((e.failure_mode, e.stage) for e in case.chain if e.failure_mode)
        responses.update((s, case.analysis.verdict) for s in set(case.analysis.strategies))
    return CorpusAnalysis(
        case_ids=tuple(c.id for c in unique),
        stages=tuple(stage_order()),
        transitions=tuple(
            Transition(a, b, links[a, b], touched[a, b])
            for a, b in sorted(links, key=lambda p: (stages[p[0]], stages[p[1]]))
        ),
        first_break_stages=tuple((s, first[s]) for s in stage_order()),
        failure_modes_by_stage=tuple(
            (m, s, n) for (m, s), n in sorted(by_stage.items(), key=lambda kv: (modes[kv[0][0]], stages[kv[0][1]]))
        ),
        responses_by_verdict=tuple(
            (r, v, n)
            for (r, v), n in sorted(responses.items(), key=lambda kv: (strategies[kv[0][0]], verdicts[kv[0][1]]))
        ),
    )
