"""Swim-lane layout of a chain, as plain data: lanes, node boxes and edge routes.

* **Lanes**: one horizontal band per stage the case touches, in chain order, named on a strip at
  its top (a label column would cost a node's width). Showing all twelve would leave most bands
  empty and make small chains tall and hard to read on a phone; the lane names say which stages
  are shown, and the order is always the chain order, so lanes still compare across cases.
* **Columns** (sequence, left to right; not a time scale): an event sits one column right of its
  latest cause, and never left of an event that certainly happened before it. Unrelated events
  share a column, which keeps chains of 15 events to a readable width; so the axis is labelled
  "sequence" and every column prints the span of its events' dates, so that a column holding a
  February fix and a September settlement says so.
* **Rows**: events in the same lane and column stack in chain order; a lane is as tall as its
  tallest stack.

Edges are routed by :mod:`casebook.graph.routing`. Coordinates are in SVG user units.
"""

from __future__ import annotations

from dataclasses import dataclass

from casebook.dates import certainly_before
from casebook.graph.build import build_chain_graph, chain_order, event_index
from casebook.graph.routing import CHANNEL_STEP, GUTTER_STEP, Box, Crowding, EdgeRoute, route_edges
from casebook.graph.text import wrap
from casebook.model import Case
from casebook.vocabulary import load_vocabulary, stage_order

PAD = 16.0  # outer margin
LABEL_H = 18.0  # the lane's name, on a strip at the top of its band
NODE_W = 156.0
COL_GAP = 40.0  # vertical gutters carry the edges between columns
ROW_GAP = 32.0  # horizontal channels carry edges that skip columns
TITLE_SIZE = 13.0
META_SIZE = 10.0
LINE_H = 16.0
NODE_PAD = 8.0
TEXT_INSET = 2.0  # text starts this far right of the padding, clear of the thick break outline
MAX_TITLE_LINES = 6
FOOTER_H = 80.0  # sequence axis with each column's dates, legend, one line of axis note
AXIS_NOTE = "Sequence, not a time scale: causes stand left of their effects; each column shows its dates."
"""What the horizontal axis means, printed under the legend (STYLE B9: an axis called time is time)."""


@dataclass(frozen=True)
class NodeBox:
    """Where one event is drawn."""

    id: str
    kind: str
    stage: str
    column: int
    row: int
    box: Box
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Lane:
    """One stage's horizontal band."""

    stage: str
    label: str
    top: float
    bottom: float


@dataclass(frozen=True)
class Layout:
    """The whole picture as data; the SVG renderer only draws it."""

    width: float
    height: float
    chart_bottom: float
    columns: int
    note: tuple[str, ...]
    lanes: tuple[Lane, ...]
    nodes: tuple[NodeBox, ...]
    edges: tuple[EdgeRoute, ...]
    gap: float

    def column_x(self, column: int) -> float:
        """The left edge of a column of this layout."""
        return column_x(column, self.gap)

    def node(self, ident: str) -> NodeBox:
        """Return the box of the event ``ident``."""
        return next(n for n in self.nodes if n.id == ident)


def column_x(column: int, gap: float = COL_GAP) -> float:
    """The left edge of a column, with gutters ``gap`` wide."""
    return PAD + column * (NODE_W + gap)


def assign_columns(case: Case) -> tuple[list[str], dict[str, int]]:
    """Return the chain order and each event's column (module docstring)."""
    graph = build_chain_graph(case)
    order = chain_order(graph)
    events = event_index(case)
    column: dict[str, int] = {}
    for i, node in enumerate(order):
        after_causes = [column[p] + 1 for p in graph.predecessors(node)]
        after_earlier = [column[w] for w in order[:i] if certainly_before(events[w].date, events[node].date)]
        column[node] = max([0, *after_causes, *after_earlier])
    return order, column


WIDEN_STEPS = 6
"""How many times the gutters or channels may widen to give every edge a track of its own."""


def layout_chain(case: Case) -> Layout:
    """Lay out a case's chain in swim lanes.

    Gutters and channels start at ``COL_GAP`` and ``ROW_GAP``; when their tracks run out (edges
    would be drawn on top of each other, and could not be followed), the crowded kind widens by
    two tracks on each side and the chain is laid out again, up to ``WIDEN_STEPS`` times.

    Args:
        case: A valid case.

    Returns:
        Lanes, node boxes and routed edges, deterministic for a given case.
    """
    gap, row_gap = COL_GAP, ROW_GAP
    for _ in range(WIDEN_STEPS):
        crowding = Crowding()
        found = _layout(case, gap, row_gap, crowding)
        if not crowding.gutters and not crowding.channels:
            break
        gap += 4 * GUTTER_STEP if crowding.gutters else 0
        row_gap += 4 * CHANNEL_STEP if crowding.channels else 0
    return found


def _layout(case: Case, gap: float, row_gap: float, crowding: Crowding) -> Layout:
    order, column = assign_columns(case)
    events = event_index(case)
    stages = [s for s in stage_order() if any(e.stage == s for e in case.chain)]
    labels = load_vocabulary()["stages"].terms

    cell_rows: dict[tuple[str, int], int] = {}
    row: dict[str, int] = {}
    for node in order:
        cell = (events[node].stage, column[node])
        row[node] = cell_rows.get(cell, 0)
        cell_rows[cell] = row[node] + 1
    lane_rows = {s: max(n for (stage, _), n in cell_rows.items() if stage == s) for s in stages}

    text_w = NODE_W - 2 * NODE_PAD - TEXT_INSET - 2
    lines = {n: tuple(wrap(events[n].title, text_w, TITLE_SIZE, MAX_TITLE_LINES)) for n in order}
    node_h = 2 * NODE_PAD + META_SIZE + 6 + LINE_H * max(len(v) for v in lines.values())
    pitch = node_h + row_gap

    lanes: list[Lane] = []
    top = PAD
    for stage in stages:
        bottom = top + LABEL_H + lane_rows[stage] * pitch
        lanes.append(Lane(stage, labels[stage].label, top, bottom))
        top = bottom
    lane_top = {lane.stage: lane.top for lane in lanes}

    nodes = tuple(
        NodeBox(
            id=n,
            kind=events[n].kind,
            stage=events[n].stage,
            column=column[n],
            row=row[n],
            box=Box(
                column_x(column[n], gap),
                lane_top[events[n].stage] + LABEL_H + row_gap / 2 + row[n] * pitch,
                NODE_W,
                node_h,
            ),
            lines=lines[n],
        )
        for n in order
    )
    columns = max(column.values()) + 1
    # Channels: the middle of the gap above each lane's first row (level with its name, which sits
    # over the first column, where no channel run goes), the gaps between rows, and the bottom.
    channels = sorted(
        {lane.top + LABEL_H / 2 for lane in lanes}
        | {lane.top + LABEL_H + r * pitch for lane in lanes for r in range(1, lane_rows[lane.stage])}
        | {top}
    )
    links = [(cause, e.id) for e in case.chain for cause in e.caused_by]
    edges = route_edges({n.id: n.box for n in nodes}, links, channels, gap, row_gap, crowding)
    width = column_x(columns, gap) - gap + PAD
    note = tuple(wrap(AXIS_NOTE, width - 2 * PAD, META_SIZE + 1, 4))
    return Layout(
        width=width,
        height=top + FOOTER_H + LINE_H * (len(note) - 1),
        chart_bottom=top,
        columns=columns,
        note=note,
        gap=gap,
        lanes=tuple(lanes),
        nodes=nodes,
        edges=edges,
    )
