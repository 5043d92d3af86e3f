"""Semantic gates: checks beyond JSON Schema, each reporting its own stable codes.

Every per-case gate takes a schema-valid ``LoadResult`` and yields diagnostics; ``CASE_GATES``
lists them in the order they run. Corpus gates (ids across files) live in ``identity``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from casebook.diagnostics import Diagnostic
from casebook.gates import analysis, chain, dates, references
from casebook.loading import LoadResult

CaseGate = Callable[[LoadResult], Iterable[Diagnostic]]

CASE_GATES: dict[str, CaseGate] = {
    "references": references.check,
    "dates": dates.check,
    "chain": chain.check,
    "analysis": analysis.check,
}

__all__ = ["CASE_GATES", "CaseGate"]
