"""Derived chain analysis on small hand-made chains: first break, roots, break path, timings."""

from __future__ import annotations

import json

import pytest

from casebook.dates import parse_partial_date
from casebook.graph import DayCount, analyse_chain, build_chain_graph, chain_order
from casebook.graph.analysis import day_count
from tests.chains import chain_case, ev
from tests.helpers import minimal_case


def test_graph_nodes_carry_event_fields_and_edges_follow_caused_by() -> None:
    """Nodes hold plain event attributes; edges run cause -> effect and say if they cross stages."""
    graph = build_chain_graph(minimal_case())
    assert graph.graph["case_id"] == "2099-acme-minimal"
    assert list(graph.nodes) == ["defect", "hidden", "recall"]
    assert graph.nodes["defect"]["precision"] == "month"
    assert graph.nodes["hidden"]["stage"] == "incident_response"
    assert graph.edges["defect", "hidden"]["crosses_stage"] is True
    assert graph.edges["hidden", "recall"]["crosses_stage"] is False


def test_chain_order_puts_causes_first_even_against_earliest_day() -> None:
    """A year-precision event caused by a dated one comes after it, though 2008 'starts' in January."""
    case = chain_case(ev("a", "2008-03-31"), ev("b", "2008", caused_by=["a"]), ev("c", "2008-02-01"))
    assert chain_order(build_chain_graph(case)) == ["c", "a", "b"]


def test_chain_order_ties_go_to_file_order() -> None:
    """Same date, no links: the file order decides."""
    case = chain_case(ev("z", "2010-01-01"), ev("a", "2010-01-01"), ev("m", "2010-01-01"))
    assert chain_order(build_chain_graph(case)) == ["z", "a", "m"]


def test_single_event_chain() -> None:
    """One break: it is the first break, the only root, the whole critical path; nothing follows."""
    found = analyse_chain(chain_case(ev("only", "2010-05-01", layer="latent")))
    assert (found.first_break, found.first_break_stage) == ("only", "design")
    assert found.root_causes == ("only",)
    assert found.break_path == ("only",)
    assert found.felt is None  # the fixture's only event is latent
    assert found.first_response is None and found.days_to_first_response is None
    assert found.first_recovery is None and found.days_to_first_recovery is None
    assert found.stages_touched == ("design",)
    assert (found.stage_crossings, found.transitions) == (0, ())
    assert (found.latent, found.active) == (("only",), ())


def test_first_break_is_earliest_and_ties_go_to_file_order() -> None:
    """Two breaks on one day: the one listed first wins; an earlier context event does not count."""
    case = chain_case(
        ev("ctx", "2010-01-01", kind="context"),
        ev("b2", "2010-02-01", stage="sales"),
        ev("b1", "2010-02-01", stage="support"),
    )
    found = analyse_chain(case)
    assert (found.first_break, found.first_break_stage) == ("b2", "sales")


def test_month_precision_break_counts_from_its_first_day() -> None:
    """A break in 2010-02 sorts before one on 2010-02-10: it may have been earlier."""
    found = analyse_chain(chain_case(ev("late", "2010-02-10"), ev("month", "2010-02")))
    assert found.first_break == "month"


def test_several_roots_and_breaks_downstream_are_not_roots() -> None:
    """Roots are breaks without break ancestors; context upstream does not disqualify a break."""
    case = chain_case(
        ev("launch", "2010-01-01", kind="context"),
        ev("r1", "2010-01-02", caused_by=["launch"]),
        ev("r2", "2010-01-03", stage="sales"),
        ev("after", "2010-01-04", stage="support", caused_by=["r1"]),
        ev("ctx", "2010-01-05", kind="context", caused_by=["r2"]),
        ev("again", "2010-01-06", stage="support", caused_by=["ctx"]),
    )
    assert analyse_chain(case).root_causes == ("r1", "r2")


def test_break_path_is_the_longest_run_of_failures_and_skips_responses() -> None:
    """Breaks and amplifiers linked directly; a longer run through a response is not a break path."""
    case = chain_case(
        ev("root", "2010-01-01"),
        ev("short", "2010-01-02", kind="response", stage="public_response", caused_by=["root"]),
        ev("m1", "2010-01-02", kind="amplifier", stage="support", caused_by=["root"]),
        ev("m2", "2010-01-03", kind="amplifier", stage="support", caused_by=["m1"]),
        ev("end", "2010-03-01", kind="recovery", stage="incident_response", caused_by=["short", "m2"]),
        ev("via", "2010-03-02", stage="support", caused_by=["short"]),  # caused by a response only
        ev("loose", "2011-01-01", kind="context", stage="governance"),
    )
    found = analyse_chain(case)
    assert found.break_path == ("root", "m1", "m2")
    kinds = {e.id: e.kind for e in case.chain}
    assert all(kinds[n] in ("break", "amplifier") for n in found.break_path)


def test_break_path_never_holds_responses_recoveries_or_context() -> None:
    """A chain of responses after one break: the path is that break alone."""
    case = chain_case(
        ev("b", "2010-01-01"),
        ev("r", "2010-01-02", kind="response", caused_by=["b"]),
        ev("c", "2010-01-03", kind="context", caused_by=["r"]),
        ev("v", "2010-01-04", kind="recovery", caused_by=["c"]),
    )
    assert analyse_chain(case).break_path == ("b",)


def test_break_path_ties_go_to_the_end_with_more_consequences() -> None:
    """Two runs of two failures: the one whose last failure set off more events wins, though later."""
    case = chain_case(
        ev("root", "2010-01-01"),
        ev("small", "2010-01-02", kind="amplifier", caused_by=["root"]),
        ev("big", "2010-01-03", kind="amplifier", caused_by=["root"]),
        ev("r1", "2010-01-04", kind="response", caused_by=["big"]),
        ev("r2", "2010-01-05", kind="recovery", caused_by=["r1"]),
    )
    assert analyse_chain(case).break_path == ("root", "big")


def test_break_path_full_ties_prefer_earlier_events() -> None:
    """Equal length and consequences: the run whose events come first in chain order."""
    case = chain_case(
        ev("root", "2010-01-01"),
        ev("b", "2010-01-03", kind="amplifier", caused_by=["root"]),
        ev("a", "2010-01-02", kind="amplifier", caused_by=["root"]),
    )
    assert analyse_chain(case).break_path == ("root", "a")


def test_break_path_with_several_roots_takes_the_longer_run() -> None:
    """Two roots: the path starts at the one that leads the longer run of failures, even if later."""
    case = chain_case(
        ev("r1", "2010-01-01"),
        ev("r2", "2010-02-01", stage="sales"),
        ev("x", "2010-03-01", kind="amplifier", stage="sales", caused_by=["r2"]),
        ev("y", "2010-03-02", stage="support", caused_by=["x"]),
        ev("z", "2010-01-15", kind="response", caused_by=["r1"]),
    )
    found = analyse_chain(case)
    assert found.root_causes == ("r1", "r2")
    assert found.break_path == ("r2", "x", "y")


def test_break_path_merges_two_roots_into_one_run() -> None:
    """A break caused by two root causes: the run comes from the one with the longer run behind it."""
    case = chain_case(
        ev("r1", "2010-01-01", stage="governance", layer="latent"),
        ev("r2", "2010-01-02", layer="latent"),
        ev("mid", "2010-01-03", caused_by=["r1"], layer="latent"),
        ev("crash", "2010-02-01", stage="product_use", caused_by=["mid", "r2"]),
    )
    found = analyse_chain(case)
    assert found.break_path == ("r1", "mid", "crash")
    assert found.felt == "crash"  # the first active failure on the path


def test_amplifier_without_a_break_behind_it_does_not_start_the_path() -> None:
    """An amplifier set off by context is a failure, but a break path starts at a break."""
    case = chain_case(
        ev("ctx", "2010-01-01", kind="context"),
        ev("a1", "2010-01-02", kind="amplifier", caused_by=["ctx"]),
        ev("a2", "2010-01-03", kind="amplifier", caused_by=["a1"]),
        ev("b", "2010-01-04", caused_by=["a2"]),
    )
    assert analyse_chain(case).break_path == ("b",)


def test_felt_by_customers_falls_back_to_chain_order_and_may_be_none() -> None:
    """All-latent path: the first active failure anywhere; all latent: none."""
    latent = chain_case(
        ev("b", "2010-01-01", layer="latent"),
        ev("r", "2010-01-02", kind="response", caused_by=["b"]),
        ev("a", "2010-01-03", kind="amplifier", caused_by=["r"]),
    )
    assert analyse_chain(latent).felt == "a"
    assert analyse_chain(chain_case(ev("b", "2010-01-01", layer="latent"))).felt is None


def test_break_stages_are_stages_with_a_break_not_stages_touched() -> None:
    """A stage with only an amplifier or a response is touched but did not break."""
    case = chain_case(
        ev("b", "2010-01-01", stage="design"),
        ev("a", "2010-01-02", stage="support", kind="amplifier", caused_by=["b"]),
        ev("r", "2010-01-03", stage="public_response", kind="response", caused_by=["a"]),
        ev("b2", "2010-01-04", stage="governance", caused_by=["r"]),
    )
    found = analyse_chain(case)
    assert found.break_stages == ("governance", "design")  # vocabulary order
    assert found.stages_touched == ("governance", "design", "support", "public_response")
    assert found.first_break_stage == "design"


def test_first_response_counts_kind_response_or_public_response_stage() -> None:
    """A tone-deaf statement at public_response counts; context there does not; order is chain order."""
    case = chain_case(
        ev("b", "2010-01-01"),
        ev("news", "2010-01-02", kind="context", stage="public_response", caused_by=["b"]),
        ev("quip", "2010-01-05", kind="amplifier", stage="public_response", caused_by=["b"]),
        ev("recall", "2010-01-09", kind="response", stage="incident_response", caused_by=["b"]),
    )
    found = analyse_chain(case)
    assert found.first_response == "quip"
    assert found.days_to_first_response == DayCount(4, 4, exact=True)


def test_response_at_another_stage_counts_and_recovery_is_separate() -> None:
    """A recall notice (kind response at incident_response) is a response; recovery is timed apart."""
    case = chain_case(
        ev("b", "2010-01-01"),
        ev("fix", "2010-01-20", kind="recovery", stage="incident_response", caused_by=["b"]),
        ev("notice", "2010-01-10", kind="response", stage="incident_response", caused_by=["b"]),
    )
    found = analyse_chain(case)
    assert (found.first_response, found.days_to_first_response) == ("notice", DayCount(9, 9, exact=True))
    assert (found.first_recovery, found.days_to_first_recovery) == ("fix", DayCount(19, 19, exact=True))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2010-01-01", "2010-01-01", DayCount(0, 0, exact=True)),
        ("2010-02-09", "2010-02-11", DayCount(2, 2, exact=True)),
        ("2010-01", "2010-02-10", DayCount(10, 40, exact=False)),
        ("2010-02-10", "2010-03", DayCount(19, 49, exact=False)),
        ("2010", "2010-12-31", DayCount(0, 364, exact=False)),
        ("2010-03", "2010-03", DayCount(0, 30, exact=False)),
    ],
)
def test_day_count_bounds_partial_dates(start: str, end: str, expected: DayCount) -> None:
    """Partial dates give a range and are marked approximate; day dates give one exact value."""
    assert day_count(parse_partial_date(start), parse_partial_date(end)) == expected


def test_day_count_text_and_json() -> None:
    """Exact counts read plainly; approximate ones say 'about' with their range."""
    assert str(DayCount(1, 1, exact=True)) == "1 day"
    assert str(DayCount(10, 40, exact=False)) == "about 25 days (10 to 40)"
    assert DayCount(10, 40, exact=False).to_json() == {"days": 25, "exact": False, "min": 10, "max": 40}


def test_stages_touched_in_chain_order_and_crossings_along_links() -> None:
    """Stages come out in vocabulary order; only cross-stage links count as crossings."""
    case = chain_case(
        ev("a", "2010-01-01", stage="support"),
        ev("b", "2010-01-02", stage="design", kind="amplifier", caused_by=["a"]),
        ev("c", "2010-01-03", stage="design", kind="amplifier", caused_by=["b"]),
        ev("d", "2010-01-04", stage="support", kind="response", caused_by=["c", "a"]),
    )
    found = analyse_chain(case)
    assert found.stages_touched == ("design", "support")
    assert found.stage_crossings == 2
    assert found.transitions == (("design", "support", 1), ("support", "design", 1))


def test_latent_and_active_in_chain_order() -> None:
    """Layers partition the events, each list in chain order."""
    found = analyse_chain(minimal_case())
    assert found.latent == ("defect",)
    assert found.active == ("hidden", "recall")


def test_to_json_is_plain_data() -> None:
    """to_json round-trips through json and keeps the day count's precision."""
    data = analyse_chain(minimal_case()).to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["first_response"] is None  # an amplifier and a recovery, but no response
    assert data["first_recovery"] == {
        "id": "recall",
        "days_after_first_break": {"days": 58, "exact": False, "min": 43, "max": 73},
    }
    assert data["break_path"] == ["defect", "hidden"]
    assert data["felt_by_customers"] == "hidden"
    assert data["break_stages"] == ["design"]
