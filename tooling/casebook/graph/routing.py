"""Orthogonal edge routing that never crosses a node.

Columns of nodes are separated by vertical *gutters* and rows by horizontal *channels*, and
neither holds any node. An edge leaves its cause on the right, turns into the gutter next to
it, and enters its effect from the left through the gutter before it; when it skips columns it
crosses over in the channel nearest to both ends. Edges sharing a gutter or a channel get
separate *tracks* (small offsets from its centre) wherever their spans overlap, so parallel
edges stay apart. Ports are spread along the node's side, ordered by the other end's height so
that edges leaving one node do not cross each other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Point = tuple[float, float]
GUTTER_STEP = 5.0
CHANNEL_STEP = 5.0
CLEARANCE = 10.0  # keep tracks this far from the nodes on either side


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """Right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return self.y + self.h

    @property
    def cy(self) -> float:
        """Vertical centre."""
        return self.y + self.h / 2


@dataclass(frozen=True)
class EdgeRoute:
    """The polyline of one ``caused_by`` link, from cause to effect."""

    source: str
    target: str
    points: tuple[Point, ...]


def _offsets(step: float, limit: float) -> list[float]:
    found = [0.0]
    k = 1
    while k * step <= limit:
        found += [-k * step, k * step]
        k += 1
    return found


class Crowding:
    """Counts the runs that found no free track and had to share one (drawn on top of another)."""

    def __init__(self) -> None:
        self.gutters = 0
        self.channels = 0


def _tracks(spans: Sequence[tuple[float, float]], count: int, margin: float, crowding: list[int]) -> list[int]:
    """Greedy interval colouring: overlapping spans get different tracks (cycling if short)."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i], i))
    used: list[list[tuple[float, float]]] = [[] for _ in range(count)]
    chosen = [0] * len(spans)
    for n, i in enumerate(order):
        lo, hi = spans[i]
        free = [t for t in range(count) if all(hi + margin < a or b + margin < lo for a, b in used[t])]
        chosen[i] = free[0] if free else n % count
        crowding[0] += not free
        used[chosen[i]].append((lo, hi))
    return chosen


def _spread(boxes: Mapping[str, Box], links: Sequence[tuple[str, str]], end: int) -> dict[int, float]:
    """Port heights on one side of each node: ``end`` 0 spreads outgoing links, 1 incoming."""
    sides: dict[str, list[int]] = defaultdict(list)
    for i, link in enumerate(links):
        sides[link[end]].append(i)
    found: dict[int, float] = {}
    for node, edges in sides.items():
        box = boxes[node]
        edges.sort(key=lambda i: (boxes[links[i][1 - end]].cy, boxes[links[i][1 - end]].x, links[i][1 - end]))
        for k, i in enumerate(edges):
            found[i] = box.y + box.h * (k + 1) / (len(edges) + 1)
    return found


def route_edges(
    boxes: Mapping[str, Box],
    links: Sequence[tuple[str, str]],
    channels: Sequence[float],
    gap: float,
    row_gap: float,
    crowding: Crowding | None = None,
) -> tuple[EdgeRoute, ...]:
    """Route every link between node boxes laid out in columns separated by ``gap``.

    Args:
        boxes: Node boxes by id; a link's target lies in a later column than its source.
        links: ``(cause, effect)`` pairs, in a deterministic order.
        channels: The y of every horizontal channel (the middle of each gap between rows).
        gap: The width of the gutters between columns.
        row_gap: The height of the channels between rows.
        crowding: Told of every run that had to share a track (the layout then widens the gaps).

    Returns:
        One route per link, in the order given.
    """
    crowding = crowding or Crowding()
    in_channels, in_gutters = [0], [0]
    out_y, in_y = _spread(boxes, links, 0), _spread(boxes, links, 1)
    gutter_offsets = _offsets(GUTTER_STEP, gap / 2 - CLEARANCE)
    channel_offsets = _offsets(CHANNEL_STEP, row_gap / 2 - CLEARANCE / 2)

    # Pick each long edge's channel, then spread the edges sharing a channel onto tracks.
    crossing: dict[int, float] = {}
    for i, (source, target) in enumerate(links):
        if boxes[target].x - gap > boxes[source].right + 1:
            ys, ye = out_y[i], in_y[i]
            crossing[i] = min(channels, key=lambda c: (abs(c - ys) + abs(c - ye), abs(c - ye), c))
    by_channel: dict[float, list[int]] = defaultdict(list)
    for i, c in crossing.items():
        by_channel[c].append(i)
    channel_y: dict[int, float] = {}
    for c, members in by_channel.items():
        spans = [(boxes[links[i][0]].right, boxes[links[i][1]].x) for i in members]
        for i, track in zip(members, _tracks(spans, len(channel_offsets), 2 * GUTTER_STEP, in_channels), strict=True):
            channel_y[i] = c + channel_offsets[track]

    # Vertical runs: (edge, which run, gutter left x, y from, y to).
    runs: list[tuple[int, int, float, float, float]] = []
    for i, (source, target) in enumerate(links):
        ys, ye = out_y[i], in_y[i]
        if i in channel_y:
            runs += [(i, 0, boxes[source].right, ys, channel_y[i]), (i, 1, boxes[target].x - gap, channel_y[i], ye)]
        elif ys != ye:
            runs.append((i, 0, boxes[source].right, ys, ye))
    by_gutter: dict[float, list[int]] = defaultdict(list)
    for n, run in enumerate(runs):
        by_gutter[round(run[2], 3)].append(n)
    run_x: dict[tuple[int, int], float] = {}
    for left, members in by_gutter.items():
        spans = [(min(runs[n][3], runs[n][4]), max(runs[n][3], runs[n][4])) for n in members]
        for n, track in zip(members, _tracks(spans, len(gutter_offsets), 3.0, in_gutters), strict=True):
            run_x[runs[n][0], runs[n][1]] = left + gap / 2 + gutter_offsets[track]

    crowding.channels += in_channels[0]
    crowding.gutters += in_gutters[0]
    routes = []
    for i, (source, target) in enumerate(links):
        start, end = (boxes[source].right, out_y[i]), (boxes[target].x, in_y[i])
        if i in channel_y:
            x1, x2, yc = run_x[i, 0], run_x[i, 1], channel_y[i]
            points: tuple[Point, ...] = (start, (x1, start[1]), (x1, yc), (x2, yc), (x2, end[1]), end)
        elif (i, 0) in run_x:
            x = run_x[i, 0]
            points = (start, (x, start[1]), (x, end[1]), end)
        else:
            points = (start, end)
        routes.append(EdgeRoute(source, target, points))
    return tuple(routes)
