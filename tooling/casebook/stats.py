"""Corpus coverage figures for maintainers: what the corpus covers and where it is thin.

The same figures feed `casebook stats` (text and JSON) and the site's Coverage page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from casebook.graph import ChainAnalysis, analyse_chain
from casebook.model import Case
from casebook.spread import Spread, format_spread, spread
from casebook.vocabulary import is_primary_source, load_vocabulary
from casebook.voices import Voices, format_voices, voices

STRONG_SOURCE_TYPES = frozenset({"news"})
"""Besides primary sources, reputable news counts as a strong source for an event."""


@dataclass(frozen=True)
class Coverage:
    """Counts over the corpus; every mapping is ordered as the vocabulary (or by decade)."""

    cases: int
    by_status: Mapping[str, int]
    by_sector: Mapping[str, int]
    by_decade: Mapping[str, int]
    by_first_break_stage: Mapping[str, int]
    by_failure_mode: Mapping[str, int]
    by_verdict: Mapping[str, int]
    sources_by_type: Mapping[str, int]
    weakly_sourced_events: tuple[tuple[str, str], ...]
    cases_without_recovery: tuple[str, ...]
    spread: Spread
    voices: Voices

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-ready data with stable keys."""
        return {
            "cases": self.cases,
            "by_status": dict(self.by_status),
            "by_sector": dict(self.by_sector),
            "by_decade": dict(self.by_decade),
            "by_first_break_stage": dict(self.by_first_break_stage),
            "by_failure_mode": dict(self.by_failure_mode),
            "by_verdict": dict(self.by_verdict),
            "sources_by_type": dict(self.sources_by_type),
            "events_without_primary_or_news_source": [{"case": c, "event": e} for c, e in self.weakly_sourced_events],
            "cases_without_recovery_events": list(self.cases_without_recovery),
            "spread": self.spread.to_json(),
            **self.voices.to_json(),
        }


def _ordered(counts: Counter[str], list_name: str) -> dict[str, int]:
    return {slug: counts[slug] for slug in load_vocabulary()[list_name].slugs}


def _decades(cases: Sequence[Case]) -> dict[str, int]:
    counts = Counter(f"{case.year // 10 * 10}s" for case in cases)
    first = min([1980, *(case.year // 10 * 10 for case in cases)])
    last = max([2020, *(case.year // 10 * 10 for case in cases)])
    return {f"{decade}s": counts[f"{decade}s"] for decade in range(first, last + 1, 10)}


def _weak_events(case: Case) -> list[tuple[str, str]]:
    types = {source.id: source.type for source in case.sources}
    weak = []
    for event in case.chain:
        kinds = [types[ref] for ref in event.sources]
        if not any(is_primary_source(kind) or kind in STRONG_SOURCE_TYPES for kind in kinds):
            weak.append((case.id, event.id))
    return weak


def coverage(cases: Sequence[Case], chains: Mapping[str, ChainAnalysis] | None = None) -> Coverage:
    """Compute the coverage figures for a list of valid cases (``chains``: their analyses, if known)."""
    ordered = sorted(cases, key=lambda c: c.id)
    analysed = {c.id: chains[c.id] if chains is not None else analyse_chain(c) for c in ordered}
    first_break = (analysed[c.id] for c in ordered)
    return Coverage(
        cases=len(ordered),
        by_status=_ordered(Counter(c.status for c in ordered), "statuses"),
        by_sector=_ordered(Counter(c.organization.sector for c in ordered), "sectors"),
        by_decade=_decades(ordered),
        by_first_break_stage=_ordered(Counter(chain.first_break_stage for chain in first_break), "stages"),
        by_failure_mode=_ordered(
            Counter(e.failure_mode for c in ordered for e in c.chain if e.failure_mode), "failure_modes"
        ),
        by_verdict=_ordered(Counter(c.analysis.verdict for c in ordered), "trust_verdicts"),
        sources_by_type=_ordered(Counter(s.type for c in ordered for s in c.sources), "source_types"),
        weakly_sourced_events=tuple(pair for c in ordered for pair in _weak_events(c)),
        cases_without_recovery=tuple(c.id for c in ordered if not any(e.kind == "recovery" for e in c.chain)),
        spread=spread(ordered),
        voices=voices(ordered, analysed),
    )


def _table(title: str, counts: Mapping[str, int]) -> list[str]:
    width = max((len(k) for k in counts), default=0)
    scale = 40 / max(max(counts.values(), default=1), 40)  # bars at most 40 characters wide
    lines = [title]
    lines += [f"  {key:<{width}}  {value:>4}  {'#' * round(value * scale)}".rstrip() for key, value in counts.items()]
    return [*lines, ""]


def format_coverage(report: Coverage) -> str:
    """The report as text for a person."""
    lines = [f"{report.cases} cases", ""]
    lines += _table("Status", report.by_status)
    lines += _table("Sector", report.by_sector)
    lines += _table("Decade (year the case became public)", report.by_decade)
    lines += _table("Stage of the first break", report.by_first_break_stage)
    lines += _table("Failure modes (events)", report.by_failure_mode)
    lines += _table("Trust verdict", report.by_verdict)
    lines += _table("Sources by type", report.sources_by_type)
    lines += format_spread(report.spread)
    lines.append(f"Events without a primary or news source: {len(report.weakly_sourced_events)}")
    lines += [f"  {case} / {event}" for case, event in report.weakly_sourced_events]
    lines.append(f"Cases without a recovery event: {len(report.cases_without_recovery)}")
    lines += [f"  {case}" for case in report.cases_without_recovery]
    lines += ["", *format_voices(report.voices)]
    return "\n".join(lines) + "\n"
