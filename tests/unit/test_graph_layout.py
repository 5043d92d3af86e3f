"""Swim-lane layout as data: lanes, columns, stacking, and edges that never cross a node.

The property tests draw random valid chains with hypothesis and check the geometry itself,
so a layout bug shows up as a failing coordinate rather than as a picture someone must inspect.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.dates import certainly_before
from casebook.graph import layout_chain, render_chain_svg
from casebook.graph.layout import LABEL_H, NODE_W, Layout
from casebook.graph.routing import Box, Point
from casebook.model import Case
from casebook.vocabulary import stage_order
from tests.chains import chain_case, ev

KINDS = ("break", "amplifier", "response", "recovery", "context")


def _crosses(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Whether the axis-aligned segment a-b enters the open interior of box."""
    (x1, y1), (x2, y2) = a, b
    lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    return lo_x < box.right and hi_x > box.x and lo_y < box.bottom and hi_y > box.y


def check_geometry(case: Case, layout: Layout) -> None:
    """Every invariant the renderer relies on."""
    lanes = {lane.stage: lane for lane in layout.lanes}
    assert [lane.stage for lane in layout.lanes] == [s for s in stage_order() if s in {e.stage for e in case.chain}]
    for node in layout.nodes:
        lane, box = lanes[node.stage], node.box
        assert lane.top + LABEL_H <= box.y and box.bottom <= lane.bottom, node.id
        assert box.x >= 0 and box.right <= layout.width and box.bottom <= layout.chart_bottom <= layout.height
    boxes = [n.box for n in layout.nodes]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y, (a, b)
    events = {e.id: e for e in case.chain}
    for a in layout.nodes:
        for b in layout.nodes:
            if certainly_before(events[a.id].date, events[b.id].date):
                assert a.column <= b.column, (a.id, b.id)
    assert len(layout.edges) == sum(len(e.caused_by) for e in case.chain)
    for edge in layout.edges:
        source, target = layout.node(edge.source), layout.node(edge.target)
        assert source.column < target.column
        first, last = edge.points[0], edge.points[-1]
        assert first[0] == source.box.right and source.box.y < first[1] < source.box.bottom
        assert last[0] == target.box.x and target.box.y < last[1] < target.box.bottom
        assert edge.points[-2][1] == last[1] and edge.points[-2][0] < last[0]  # enters from the left
        for p, q in zip(edge.points, edge.points[1:], strict=False):
            assert p[0] == q[0] or p[1] == q[1], edge  # axis-aligned
            for node in layout.nodes:
                assert not _crosses(p, q, node.box), (edge.source, edge.target, node.id)


@st.composite
def chains(draw: st.DrawFn) -> Case:
    """Random valid chains: dates never before their causes, precision day, month or year."""
    stages = stage_order()
    count = draw(st.integers(1, 14))
    day = dt.date(2010, 1, 1)
    events = []
    for i in range(count):
        day += dt.timedelta(days=draw(st.integers(0, 90)))
        precision = draw(st.sampled_from(("day", "day", "month", "year")))
        date = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
        causes = draw(st.lists(st.integers(0, i - 1), max_size=3, unique=True)) if i else []
        kind = "break" if i == 0 else draw(st.sampled_from(KINDS))
        title = draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=80))
        events.append(ev(f"e{i}", date, draw(st.sampled_from(stages)), kind, [f"e{c}" for c in causes], title=title))
    return chain_case(*events)


def shared_run(a: tuple[Point, Point], b: tuple[Point, Point]) -> float:
    """How long two axis-aligned segments run along the same line, one on top of the other."""
    (p, q), (r, t) = a, b
    if p[0] == q[0] == r[0] == t[0]:
        axis = 1
    elif p[1] == q[1] == r[1] == t[1]:
        axis = 0
    else:
        return 0.0
    lo = max(min(p[axis], q[axis]), min(r[axis], t[axis]))
    hi = min(max(p[axis], q[axis]), max(r[axis], t[axis]))
    return max(0.0, hi - lo)


def longest_overlap(layout: Layout) -> float:
    """The longest stretch along which two edges are drawn on top of each other."""
    runs = [list(pairwise(edge.points)) for edge in layout.edges]
    worst = 0.0
    for i, mine in enumerate(runs):
        for theirs in runs[i + 1 :]:
            worst = max([worst, *(shared_run(a, b) for a in mine for b in theirs)])
    return worst


@settings(max_examples=80, deadline=None)
@given(chains())
def test_no_two_edges_overlap_longer_than_a_node(case: Case) -> None:
    """Each arrow can be followed: no two edges share a stretch longer than a node's width."""
    assert longest_overlap(layout_chain(case)) <= NODE_W


@settings(max_examples=80, deadline=None)
@given(chains())
def test_random_chains_lay_out_cleanly(case: Case) -> None:
    """Nodes stay in their lanes, never overlap, keep time order; edges run forward around nodes."""
    check_geometry(case, layout_chain(case))


@settings(max_examples=40, deadline=None)
@given(chains())
def test_random_chains_render_well_formed_and_deterministic(case: Case) -> None:
    """Any valid chain renders to well-formed XML, the same bytes every time."""
    svg = render_chain_svg(case)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg == render_chain_svg(case)
    assert "\n\n" not in svg


def test_lanes_are_the_touched_stages_in_chain_order() -> None:
    """Only stages with events get a lane, ordered as in the vocabulary."""
    case = chain_case(ev("a", "2010-01-01", stage="support"), ev("b", "2010-01-02", stage="design", caused_by=["a"]))
    assert [lane.stage for lane in layout_chain(case).lanes] == ["design", "support"]


def test_columns_follow_causes_and_time() -> None:
    """An effect sits right of its cause; an unrelated later event is not left of earlier ones."""
    case = chain_case(
        ev("a", "2010-01-01"),
        ev("b", "2010-01-02", stage="sales", caused_by=["a"]),
        ev("c", "2010-01-03", stage="support"),
        ev("d", "2010-01-03", stage="support"),
    )
    layout = layout_chain(case)
    columns = {n.id: n.column for n in layout.nodes}
    assert columns == {"a": 0, "b": 1, "c": 1, "d": 1}
    assert (layout.node("c").row, layout.node("d").row) == (0, 1)  # same lane and column: stacked
    check_geometry(case, layout)


def test_edges_skipping_columns_use_channels() -> None:
    """A link over a busy column detours through a channel instead of crossing the node between."""
    case = chain_case(
        ev("a", "2010-01-01"),
        ev("b", "2010-01-02", kind="amplifier", caused_by=["a"]),
        ev("c", "2010-01-03", kind="response", caused_by=["a", "b"]),
    )
    layout = layout_chain(case)
    long_edge = next(e for e in layout.edges if (e.source, e.target) == ("a", "c"))
    assert len(long_edge.points) == 6
    check_geometry(case, layout)
