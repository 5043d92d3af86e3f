"""Semantic gates: checks beyond JSON Schema, each reporting its own stable codes.

Every per-case gate takes a schema-valid ``LoadResult`` and yields diagnostics; ``CASE_GATES``
lists them in the order they run. Corpus gates (ids across files) live in ``identity``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from casebook.diagnostics import Diagnostic
from casebook.gates import analysis, chain, dates, perspectives, references, references_v2, stopping
from casebook.loading import LoadResult

CaseGate = Callable[[LoadResult], Iterable[Diagnostic]]

CASE_GATES: dict[str, CaseGate] = {
    "references": references.check,
    "dates": dates.check,
    "chain": chain.check,
    "analysis": analysis.check,
    "references_v2": references_v2.check,
    "stopping": stopping.check,
    "perspectives": perspectives.check,
}

# Checks that a corpus switches on when its content is written (``casebook validate --require``).
REQUIREMENTS: dict[str, CaseGate] = {
    "controls": stopping.check_required,
    "reviews": references_v2.check_required,
    "reply-sources": perspectives.check_own_sources,
}

__all__ = ["CASE_GATES", "REQUIREMENTS", "CaseGate"]
