"""similar_index, scored for the whole corpus at once, equals similar_cases for every case."""

from __future__ import annotations

import dataclasses

import pytest

from casebook.graph import similar_cases
from casebook.graph.neighbours import similar_index
from casebook.model import Case, build_case
from casebook.synth import synth_corpus
from casebook.validation import load_corpus
from tests.helpers import ROOT, minimal_case


def _reference(cases: list[Case], limit: int) -> dict[str, list[tuple[str, float]]]:
    return {case.id: similar_cases(case, cases, limit) for case in cases}


@pytest.mark.parametrize("limit", [0, 1, 5, 12])
def test_equals_similar_cases_on_the_real_corpus(limit: int) -> None:
    """Same neighbours, scores and order as one similar_cases call per case."""
    cases = load_corpus(ROOT / "cases").cases
    assert similar_index(cases, limit) == _reference(cases, limit)


def test_equals_similar_cases_on_a_synthetic_corpus() -> None:
    """Several hundred cases, with many tied scores, across more than one block of rows."""
    cases = [build_case(data, "") for data in synth_corpus(300, 2)]
    assert similar_index(cases, 5) == _reference(cases, 5)


def test_identical_cases_and_empty_transition_sets() -> None:
    """Copies score 1 and tie-break by id; single-stage chains (no transitions) still compare."""
    base = minimal_case()
    flat_chain = tuple(dataclasses.replace(e, stage=base.chain[0].stage) for e in base.chain)
    cases = [dataclasses.replace(base, id=f"2099-copy-{n}") for n in range(3)] + [
        dataclasses.replace(base, id=f"2099-flat-{n}", chain=flat_chain) for n in range(2)
    ]
    assert similar_index(cases, 3) == _reference(cases, 3)


def test_too_few_cases() -> None:
    """One case has no neighbours; none gives an empty index."""
    assert similar_index([minimal_case()]) == {minimal_case().id: []}
    assert similar_index([]) == {}
