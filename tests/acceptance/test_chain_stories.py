"""The analysis tested against stories people know (STYLE B9): if the Boeing break path skips the
two crashes, the picture is wrong, whatever the code says."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import pytest

from casebook.dates import certainly_before
from casebook.graph import analyse_chain
from casebook.graph.layout import assign_columns
from casebook.model import Case
from casebook.validation import load_corpus

CASES_DIR = Path(__file__).resolve().parents[2] / "cases"


@functools.cache
def corpus() -> dict[str, Case]:
    """Every valid case of the real corpus, by id."""
    return {case.id: case for case in load_corpus(CASES_DIR).cases}


def test_boeing_break_path_runs_through_both_crashes() -> None:
    """From the cost pressure through MCAS and the misled regulator to both crashes; no response on it."""
    found = analyse_chain(corpus()["2019-boeing-737-max"])
    path = found.break_path
    assert path[0] in found.root_causes
    assert "lion-air-crash" in path and "ethiopian-crash" in path
    assert path.index("lion-air-crash") < path.index("ethiopian-crash")
    assert "keep-flying" in path  # the decision to keep flying links the two crashes
    assert not {"grounding", "deferred-prosecution", "plea-deal"} & set(path)
    assert found.felt == "lion-air-crash"


def test_tylenol_break_path_runs_through_the_poisonings() -> None:
    """Open packaging to the Chicago poisonings; the recall is a response and is not on it."""
    found = analyse_chain(corpus()["1982-johnson-johnson-tylenol"])
    assert found.break_path == ("open-packaging", "poisonings")
    assert found.felt == "poisonings"
    assert "nationwide-recall" not in found.break_path


@pytest.mark.parametrize("ident", sorted(corpus()))
def test_break_path_holds_only_linked_failures(ident: str) -> None:
    """Every case: a run of breaks and amplifiers, each caused by the one before, starting at a break."""
    case = corpus()[ident]
    path = analyse_chain(case).break_path
    kinds = {e.id: e.kind for e in case.chain}
    assert kinds[path[0]] == "break"
    assert all(kinds[n] in ("break", "amplifier") for n in path)
    assert all(a in case.event(b).caused_by for a, b in itertools.pairwise(path))


@pytest.mark.parametrize("ident", sorted(corpus()))
def test_no_event_is_drawn_left_of_one_certainly_before_it(ident: str) -> None:
    """The graph's columns never put a later event left of an earlier one, nor an effect before its cause."""
    case = corpus()[ident]
    _, column = assign_columns(case)
    for a in case.chain:
        for b in case.chain:
            if certainly_before(a.date, b.date):
                assert column[a.id] <= column[b.id], (a.id, b.id)
        for cause in a.caused_by:
            assert column[cause] < column[a.id]
