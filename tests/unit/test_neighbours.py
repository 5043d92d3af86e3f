"""similar_index, bounded by an inverted index, equals the exhaustive scoring of every pair."""

from __future__ import annotations

import dataclasses

import pytest

from casebook.graph import similar_cases
from casebook.graph.neighbours import budget, similar_index, suggestion_index
from casebook.graph.similarity import exhaustive_index
from casebook.model import Case, build_case
from casebook.synth import synth_corpus
from casebook.validation import load_corpus
from tests.helpers import ROOT, minimal_case


def _reference(cases: list[Case], limit: int) -> dict[str, list[tuple[str, float]]]:
    found = exhaustive_index(cases, limit)
    return {ident: [(s.id, s.score) for s in found[ident]] for ident in found}


@pytest.mark.parametrize("limit", [0, 1, 5, 12])
def test_equals_similar_cases_on_the_real_corpus(limit: int) -> None:
    """Same neighbours, scores and order as one similar_cases call per case."""
    cases = load_corpus(ROOT / "cases").cases
    assert similar_index(cases, limit) == _reference(cases, limit)


def test_bounds_are_exact_when_every_posting_may_be_read() -> None:
    """A hundred-odd synthetic cases with many ties: without the budget, the bounds alone give the exhaustive result."""
    cases = [build_case(data, "") for data in synth_corpus(120, 2)]
    found, unproved = suggestion_index(cases, 5, cap=10**9)
    assert unproved == 0
    assert found == exhaustive_index(cases, 5)


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


def test_one_case_matches_similar_cases() -> None:
    """similar_cases for one case gives what the index gives it (same weights, same corpus)."""
    cases = load_corpus(ROOT / "cases").cases
    index = similar_index(cases, 5)
    for case in cases[:5]:
        assert similar_cases(case, cases, 5) == index[case.id]


def test_real_corpus_results_equal_exhaustive_with_reasons() -> None:
    """Bounded search and exhaustive scoring agree on the real corpus, reasons included."""
    cases = load_corpus(ROOT / "cases").cases
    found, _ = suggestion_index(cases, 5)
    assert found == exhaustive_index(cases, 5)


def test_search_reads_a_bounded_number_of_postings() -> None:
    """The budget grows with log2 n, so the index is O(n log n); a tiny cap still gives valid rankings."""
    assert budget(1_000) < budget(10_000) <= budget(1_000) * 2
    cases = [build_case(data, "") for data in synth_corpus(120, 3)]
    tight, unproved = suggestion_index(cases, 5, cap=40)
    assert unproved > 0  # the cap cut searches short, and says so
    full = exhaustive_index(cases, 5)
    for ident, suggestions in tight.items():
        assert len(suggestions) <= 5
        assert all(s.score <= full[ident][0].score for s in suggestions)


def test_a_pair_scores_and_explains_the_same_in_any_corpus() -> None:
    """Weights do not come from the corpus: each suggestion, reasons included, is what the two cases
    alone give, so editing, adding or removing a third case changes no other pair (issue 15)."""
    cases = load_corpus(ROOT / "cases").cases
    by_id = {c.id: c for c in cases}
    full = exhaustive_index(cases, 5)
    for case in cases:
        for suggestion in full[case.id]:
            assert exhaustive_index([case, by_id[suggestion.id]], 1)[case.id] == [suggestion]
