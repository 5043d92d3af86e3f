"""Other voices on a case (issue 18): the organization's own words, other analysts' readings, reviews.

``disputed`` is the one definition of "analysts disagree" that ``cases.json``, the filter, the
patterns page and ``casebook stats`` share: some perspective puts the first break at another
*stage* than the main analysis. A perspective that names another event at the same stage, or
weighs an event differently, is still a perspective (gate P100), but the first-break stage is not
disputed by it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from casebook.graph import ChainAnalysis
from casebook.model import Case


def disputed_stages(case: Case, chain: ChainAnalysis) -> tuple[str, ...]:
    """The first-break stages the case's perspectives give, other than the main one, in order, once."""
    stages = [p.first_break_stage for p in case.perspectives if p.first_break_stage != chain.first_break_stage]
    return tuple(dict.fromkeys(stages))


def disputed(case: Case, chain: ChainAnalysis) -> bool:
    """Whether any perspective puts the first break at another stage than the main analysis."""
    return bool(disputed_stages(case, chain))


def has_reply(case: Case) -> bool:
    """Whether the case shows the organization's own words (statements; ``none_found`` is not a reply)."""
    return case.reply is not None and bool(case.reply.statements)


def reply_state(case: Case) -> str:
    """``statements``, ``none_found`` or ``neither``."""
    if has_reply(case):
        return "statements"
    return "none_found" if case.reply is not None and case.reply.none_found else "neither"


REPLY_STATES = ("statements", "none_found", "neither")


@dataclass(frozen=True)
class Voices:
    """Counts of replies, perspectives and review records over a corpus."""

    reply_all: Mapping[str, int]
    reply_reviewed: Mapping[str, int]
    reviewed_without_reply: tuple[str, ...]
    with_perspectives: int
    perspectives: int
    disputed: tuple[str, ...]
    reviewed_with_record: int
    reviewed_without_record: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-ready data with stable keys."""
        return {
            "reply": {"all": dict(self.reply_all), "reviewed": dict(self.reply_reviewed)},
            "reviewed_without_reply": list(self.reviewed_without_reply),
            "perspectives": {
                "cases": self.with_perspectives,
                "perspectives": self.perspectives,
                "disputed_first_break": list(self.disputed),
            },
            "review_records": {
                "reviewed_with": self.reviewed_with_record,
                "reviewed_without": list(self.reviewed_without_record),
            },
        }


def _states(cases: Sequence[Case]) -> dict[str, int]:
    found = [reply_state(c) for c in cases]
    return {state: found.count(state) for state in REPLY_STATES}


def voices(cases: Sequence[Case], chains: Mapping[str, ChainAnalysis]) -> Voices:
    """The counts for ``cases`` (sorted by id), given every case's chain analysis."""
    ordered = sorted(cases, key=lambda c: c.id)
    reviewed = [c for c in ordered if c.status == "reviewed"]
    return Voices(
        reply_all=_states(ordered),
        reply_reviewed=_states(reviewed),
        reviewed_without_reply=tuple(c.id for c in reviewed if reply_state(c) == "neither"),
        with_perspectives=sum(1 for c in ordered if c.perspectives),
        perspectives=sum(len(c.perspectives) for c in ordered),
        disputed=tuple(c.id for c in ordered if disputed(c, chains[c.id])),
        reviewed_with_record=sum(1 for c in reviewed if c.reviews),
        reviewed_without_record=tuple(c.id for c in reviewed if not c.reviews),
    )


def _share(count: int, total: int) -> str:
    return f"{count} of {total}" + (f" ({round(100 * count / total)}%)" if total else "")


def format_voices(report: Voices) -> list[str]:
    """Text lines for ``casebook stats``."""
    everything, reviewed = sum(report.reply_all.values()), sum(report.reply_reviewed.values())
    lines = ["The organization's own words (reply)"]
    names = {"statements": "with statements", "none_found": "none found (says what was searched)", "neither": "neither"}
    for state in REPLY_STATES:
        lines.append(
            f"  {names[state]:<38} all {_share(report.reply_all[state], everything):<16}"
            f" reviewed {_share(report.reply_reviewed[state], reviewed)}"
        )
    lines.append(f"Reviewed cases with neither: {len(report.reviewed_without_reply)}")
    lines += [f"  {case}" for case in report.reviewed_without_reply]
    lines += [
        "",
        f"Cases with perspectives: {report.with_perspectives} ({report.perspectives} perspectives)",
        f"Cases whose first-break stage is disputed: {len(report.disputed)}",
        *(f"  {case}" for case in report.disputed),
        "",
        f"Reviewed cases with a review record: {_share(report.reviewed_with_record, reviewed)}",
        f"Reviewed cases without one: {len(report.reviewed_without_record)}",
        *(f"  {case}" for case in report.reviewed_without_record),
    ]
    return lines
