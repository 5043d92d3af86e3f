"""Corpus patterns and similar cases on hand-made cases."""

from __future__ import annotations

import dataclasses
import json

from casebook.graph import analyse_corpus, similar_cases
from casebook.graph.similarity import similarity
from casebook.model import Case
from tests.chains import chain_case, ev
from tests.helpers import minimal_case


def _with_verdict(case: Case, verdict: str, strategies: tuple[str, ...]) -> Case:
    analysis = dataclasses.replace(case.analysis, verdict=verdict, strategies=strategies)
    return dataclasses.replace(case, analysis=analysis)


def _corpus() -> list[Case]:
    a = chain_case(
        ev("b", "2010-01-01", stage="design"),
        ev("amp", "2010-01-02", stage="support", kind="amplifier", caused_by=["b"]),
        ev("r", "2010-01-03", stage="public_response", kind="response", caused_by=["amp"]),
        ident="2099-a-one",
    )
    b = chain_case(
        ev("b", "2011-01-01", stage="design"),
        ev("amp", "2011-01-02", stage="support", kind="amplifier", caused_by=["b"]),
        ident="2099-b-two",
    )
    c = chain_case(ev("b", "2012-01-01", stage="sales", mode="hostile_pricing_or_terms"), ident="2099-c-three")
    return [
        _with_verdict(a, "restored", ("apology", "compensation")),
        _with_verdict(b, "lasting_damage", ("denial",)),
        _with_verdict(c, "restored", ("apology",)),
    ]


def test_corpus_counts_transitions_first_breaks_modes_and_responses() -> None:
    """Every table counts what it says, in vocabulary order."""
    found = analyse_corpus(_corpus())
    assert found.case_ids == ("2099-a-one", "2099-b-two", "2099-c-three")
    assert [(t.source, t.target, t.links, t.cases) for t in found.transitions] == [
        ("design", "support", 2, 2),
        ("support", "public_response", 1, 1),
    ]
    assert found.first_breaks("design") == 2
    assert found.first_breaks("sales") == 1
    assert found.first_breaks("support") == 0
    assert len(found.first_break_stages) == 12
    assert found.failure_modes_by_stage == (
        ("design_defect", "design", 2),
        ("hostile_pricing_or_terms", "sales", 1),
        ("concealment", "support", 2),
    )
    assert found.responses_by_verdict == (
        ("denial", "lasting_damage", 1),
        ("compensation", "restored", 1),
        ("apology", "restored", 2),
    )


def test_corpus_ignores_input_order_and_duplicate_ids() -> None:
    """The same cases in another order, or twice, give the same analysis."""
    cases = _corpus()
    assert analyse_corpus(reversed(cases)) == analyse_corpus(cases)
    assert analyse_corpus(cases + cases) == analyse_corpus(cases)


def test_corpus_transition_graph_and_json() -> None:
    """The weighted graph mirrors the transitions; to_json is plain data."""
    found = analyse_corpus(_corpus())
    graph = found.transition_graph()
    assert len(graph) == 12
    assert graph.edges["design", "support"] == {"weight": 2, "cases": 2}
    data = found.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["transitions"][0] == {"from": "design", "to": "support", "links": 2, "cases": 2}


def test_empty_corpus() -> None:
    """No cases: empty tables, every stage still listed with zero first breaks."""
    found = analyse_corpus([])
    assert found.transitions == ()
    assert all(n == 0 for _, n in found.first_break_stages)


def test_similarity_of_a_case_with_itself_is_one() -> None:
    """Identical features score 1."""
    case = minimal_case()
    assert similarity(case, case) == 1.0


def test_similarity_drops_families_both_leave_empty() -> None:
    """Two single-stage chains with the same stage and mode score 1, not 0.7."""
    a = chain_case(ev("x", "2010-01-01"), ident="2099-a-one")
    b = chain_case(ev("y", "2011-01-01"), ident="2099-b-two")
    assert similarity(a, b) == 1.0


def test_similar_cases_ranks_skips_self_and_unrelated() -> None:
    """Best first; the case itself is left out."""
    cases = _corpus()
    a, b, c = cases
    found = similar_cases(a, cases)
    assert [ident for ident, _ in found] == ["2099-b-two", c.id]
    assert found[0] == ("2099-b-two", similarity(a, b))
    assert 0 < similarity(a, c) < similarity(a, b) < 1


def test_similar_cases_ties_by_id_and_limit() -> None:
    """Equal scores come in case-id order; limit caps the list."""
    base = chain_case(ev("x", "2010-01-01"), ident="2099-base-case")
    twins = [chain_case(ev("y", "2010-01-01"), ident=f"2099-twin-{n}") for n in ("c", "a", "b")]
    assert similar_cases(base, [base, *twins], limit=2) == [("2099-twin-a", 1.0), ("2099-twin-b", 1.0)]
    assert similar_cases(base, twins, limit=0) == []


def test_similarity_scores_stay_in_unit_interval_and_are_symmetric() -> None:
    """Every pair of the corpus scores in [0, 1], the same both ways."""
    cases = [*_corpus(), minimal_case()]
    for a in cases:
        for b in cases:
            assert 0.0 <= similarity(a, b) <= 1.0
            assert similarity(a, b) == similarity(b, a)
