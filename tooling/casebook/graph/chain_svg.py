"""Render a case's chain as a self-contained, deterministic swim-lane SVG.

The picture is drawn from :func:`casebook.graph.layout.layout_chain`; this module only turns
the layout into markup. Every piece of case text goes through :func:`escape`, ids are prefixed
with the case id so several graphs can share a page, and the output has no blank lines so it
can sit inside a Markdown page as one raw HTML block.
"""

from __future__ import annotations

from collections.abc import Sequence

from casebook.graph.analysis import ChainAnalysis, analyse_chain
from casebook.graph.build import event_index
from casebook.graph.layout import (
    LINE_H,
    META_SIZE,
    NODE_PAD,
    NODE_W,
    PAD,
    TEXT_INSET,
    TITLE_SIZE,
    Layout,
    NodeBox,
    layout_chain,
)
from casebook.graph.perspective_marks import marks_css, perspective_marks
from casebook.graph.routing import Box, EdgeRoute, Point
from casebook.graph.style import chain_css, svg_role
from casebook.graph.text import escape, num, text_width, xml_id
from casebook.model import Case
from casebook.vocabulary import load_vocabulary

MARK_SIZE = 10.0
"""Font size of the first-break and felt-by-customers tags."""


def shape_path(kind: str, box: Box) -> str:
    """The outline of a node: octagon (break), hexagon (amplifier), pill (response), rectangle otherwise."""
    x, y, w, h = box.x, box.y, box.w, box.h
    if kind == "break":
        c = 9.0
        pts = [
            (x + c, y),
            (x + w - c, y),
            (x + w, y + c),
            (x + w, y + h - c),
            (x + w - c, y + h),
            (x + c, y + h),
            (x, y + h - c),
            (x, y + c),
        ]
    elif kind == "amplifier":
        p = 9.0
        pts = [(x + p, y), (x + w - p, y), (x + w, y + h / 2), (x + w - p, y + h), (x + p, y + h), (x, y + h / 2)]
    else:
        r = min(16.0 if kind == "response" else 3.0, h / 2, w / 2)
        return (
            f"M{num(x + r)},{num(y)}H{num(x + w - r)}A{num(r)},{num(r)} 0 0 1 {num(x + w)},{num(y + r)}"
            f"V{num(y + h - r)}A{num(r)},{num(r)} 0 0 1 {num(x + w - r)},{num(y + h)}H{num(x + r)}"
            f"A{num(r)},{num(r)} 0 0 1 {num(x)},{num(y + h - r)}V{num(y + r)}A{num(r)},{num(r)} 0 0 1 {num(x + r)},{num(y)}Z"
        )
    return "M" + "L".join(f"{num(px)},{num(py)}" for px, py in pts) + "Z"


def _inner(kind: str, box: Box) -> str:
    # Recovery gets a double outline, so it differs from context in grey print as well.
    if kind != "recovery":
        return ""
    return (
        f'<rect class="cb-inner" x="{num(box.x + 4)}" y="{num(box.y + 4)}" width="{num(box.w - 8)}" '
        f'height="{num(box.h - 8)}" rx="1.5"/>'
    )


def rounded_path(points: Sequence[Point], radius: float = 6.0) -> str:
    """An SVG path through ``points`` with its corners rounded."""
    out = [f"M{num(points[0][0])},{num(points[0][1])}"]
    for prev, here, nxt in zip(points, points[1:], points[2:], strict=False):
        r = min(radius, _dist(prev, here) / 2, _dist(here, nxt) / 2)
        a = _toward(here, prev, r)
        b = _toward(here, nxt, r)
        out.append(f"L{num(a[0])},{num(a[1])}Q{num(here[0])},{num(here[1])} {num(b[0])},{num(b[1])}")
    out.append(f"L{num(points[-1][0])},{num(points[-1][1])}")
    return "".join(out)


def _hexagon_inset(box: Box, y: float) -> float:
    # How far the amplifier's slanted side lies inside its box at height y, so edges touch the outline.
    return 9.0 * (1 - min(1.0, abs(y - box.cy) / (box.h / 2)))


def _edge_points(layout: Layout, edge: EdgeRoute) -> list[Point]:
    points = list(edge.points)
    source, target = layout.node(edge.source), layout.node(edge.target)
    if source.kind == "amplifier":
        points[0] = (points[0][0] - _hexagon_inset(source.box, points[0][1]), points[0][1])
    if target.kind == "amplifier":
        points[-1] = (points[-1][0] + _hexagon_inset(target.box, points[-1][1]), points[-1][1])
    return points


def _dist(a: Point, b: Point) -> float:
    return float(abs(a[0] - b[0]) + abs(a[1] - b[1]))  # segments are axis-aligned


def _toward(origin: Point, target: Point, length: float) -> Point:
    d = _dist(origin, target) or 1.0
    return (origin[0] + (target[0] - origin[0]) * length / d, origin[1] + (target[1] - origin[1]) * length / d)


def _node(
    case: Case, node: NodeBox, kind_labels: dict[str, str], stage_labels: dict[str, str], on_path: bool
) -> list[str]:
    event = case.event(node.id)
    box = node.box
    tip = f"{event.title} ({kind_labels[event.kind]}, {stage_labels[event.stage]}, {event.date}): {event.description}"
    tx = num(box.x + NODE_PAD + TEXT_INSET)
    meta_y = box.y + NODE_PAD + META_SIZE
    lines = [
        f'<a href="#event-{escape(event.id)}" class="cb-node cb-node-{escape(event.kind)}{" cb-on-path" if on_path else ""}" '
        f'data-event="{escape(event.id)}">',
        f"<title>{escape(tip)}</title>",
        f'<path class="cb-shape" d="{shape_path(event.kind, box)}"/>',
    ]
    if inner := _inner(event.kind, box):
        lines.append(inner)
    lines.append(
        f'<text class="cb-meta" x="{tx}" y="{num(meta_y)}">{escape(kind_labels[event.kind])} · {escape(str(event.date))}</text>'
    )
    first = meta_y + 6 + TITLE_SIZE + 2
    spans = "".join(
        f'<tspan x="{tx}" y="{num(first + i * LINE_H)}">{escape(line)}</tspan>' for i, line in enumerate(node.lines)
    )
    lines += [f'<text class="cb-title">{spans}</text>', "</a>"]
    return lines


def describe(case: Case, analysis: ChainAnalysis, stage_labels: dict[str, str]) -> str:
    """A plain-words summary of the chain for screen readers (the SVG's ``<desc>``)."""
    events = event_index(case)
    first = events[analysis.first_break]
    stages = ", ".join(stage_labels[s] for s in analysis.stages_touched)
    path = " → ".join(events[n].title for n in analysis.break_path)
    text = (
        f"{len(case.chain)} events across {len(analysis.stages_touched)} stages ({stages}). "
        f"The chain first broke at {stage_labels[first.stage]} on {first.date}: {first.title}. "
        f"Break path: {path}."
    )
    if analysis.felt:
        felt = events[analysis.felt]
        text += f" Customers felt it at {stage_labels[felt.stage]} on {felt.date}: {felt.title}."
    if analysis.first_response and analysis.days_to_first_response:
        text += f" First response after {analysis.days_to_first_response}: {events[analysis.first_response].title}."
    return text


def column_dates(case: Case, layout: Layout) -> list[str]:
    """Each column's dates, ``2019-03-10`` or ``2018-10-29 to 2019-03-13`` (an en dash): the axis is sequence, not time."""
    out = []
    for column in range(layout.columns):
        dates = [case.event(n.id).date for n in layout.nodes if n.column == column]
        first = min(dates, key=lambda d: (d.earliest, d.latest))
        last = max(dates, key=lambda d: (d.latest, d.earliest))
        out.append(str(first) if first == last else f"{first} – {last}")
    return out


def _footer(case: Case, layout: Layout, arrow: str, kind_labels: dict[str, str]) -> list[str]:
    y = layout.chart_bottom + 10
    right = layout.column_x(layout.columns) - layout.gap
    left = layout.column_x(0)
    # Columns are steps of cause and effect, not a time scale (STYLE B9: an axis called time is
    # time): the axis says "sequence" and each column prints the dates it holds.
    out = [
        f'<path class="cb-axis" d="M{num(left)},{num(y)}H{num(right)}" marker-end="url(#{arrow})"/>',
        *(
            f'<text class="cb-axis-label cb-column-dates" x="{num(layout.column_x(c) + NODE_W / 2)}" y="{num(y + 14)}" '
            f'text-anchor="middle">{escape(span)}</text>'
            for c, span in enumerate(column_dates(case, layout))
        ),
    ]
    x, y = left, layout.chart_bottom + 34
    kinds = [k for k in kind_labels if any(e.kind == k for e in case.chain)]
    for kind in kinds:
        out.append(f'<g class="cb-node-{kind}"><path class="cb-shape" d="{shape_path(kind, Box(x, y, 30, 18))}"/></g>')
        out.append(
            f'<text class="cb-legend-label" x="{num(x + 36)}" y="{num(y + 13)}">{escape(kind_labels[kind])}</text>'
        )
        x += 52 + text_width(kind_labels[kind], 11.0)
    out.append(f'<path class="cb-edge cb-critical" d="M{num(x)},{num(y + 9)}h28"/>')
    out.append(f'<text class="cb-legend-label" x="{num(x + 36)}" y="{num(y + 13)}">Break path</text>')
    out += [
        f'<text class="cb-axis-label cb-axis-note" x="{num(left)}" y="{num(y + 34 + i * LINE_H)}">{escape(line)}</text>'
        for i, line in enumerate(layout.note)
    ]
    return out


def _marks(case: Case, layout: Layout, analysis: ChainAnalysis) -> list[str]:
    """Tags on the first break and on the failure customers felt first, over the node's top edge."""
    tags: dict[str, list[str]] = {}
    tags.setdefault(analysis.first_break, []).append("first break")
    if analysis.felt:
        tags.setdefault(analysis.felt, []).append("customers felt it")
    out = []
    for ident, words in tags.items():
        box = layout.node(ident).box
        label = " · ".join(words)
        w = text_width(label, MARK_SIZE) * 1.12 + 12  # bold runs about a tenth wider
        x = box.right - 8 - w
        out.append(
            f'<g class="cb-mark"><rect x="{num(x)}" y="{num(box.y - 8)}" width="{num(w)}" height="15" rx="7.5"/>'
            f'<text x="{num(x + 6)}" y="{num(box.y + 3)}">{escape(label)}</text></g>'
        )
    return out


def render_chain_svg(case: Case) -> str:
    """Render a case's failure chain as an inline-ready SVG document.

    Args:
        case: A valid case.

    Returns:
        SVG markup, byte-identical for the same case, with every node linking to
        ``#event-{event id}``.
    """
    vocabulary = load_vocabulary()
    stage_labels = {s: t.label for s, t in vocabulary["stages"].terms.items()}
    kind_labels = {k: t.label for k, t in vocabulary["event_kinds"].terms.items()}
    analysis = analyse_chain(case)
    layout = layout_chain(case)
    title_id, desc_id = xml_id(case.id, "title"), xml_id(case.id, "desc")
    arrow, arrow_critical = xml_id(case.id, "arrow"), xml_id(case.id, "arrow-critical")
    critical = set(zip(analysis.break_path, analysis.break_path[1:], strict=False))
    w, h = num(layout.width), num(layout.height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cb-chain" viewBox="0 0 {w} {h}" width="100%" '
        f'style="max-width:{w}px" role="{svg_role(True)}" aria-labelledby="{title_id} {desc_id}" data-case="{escape(case.id)}">',
        f'<title id="{title_id}">Failure chain: {escape(case.title)}</title>',
        f'<desc id="{desc_id}">{escape(describe(case, analysis, stage_labels))}</desc>',
        f"<style>{chain_css()}{marks_css() if case.perspectives else ''}</style>",
        "<defs>",
        *(
            f'<marker id="{ident}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="{size}" markerHeight="{size}" '
            f'markerUnits="userSpaceOnUse" orient="auto"><path class="{cls}" d="M0,0L10,5L0,10Z"/></marker>'
            for ident, cls, size in ((arrow, "cb-arrowhead", 9), (arrow_critical, "cb-arrowhead cb-critical", 11))
        ),
        "</defs>",
    ]
    for i, lane in enumerate(layout.lanes):
        band = "cb-lane-a" if i % 2 == 0 else "cb-lane-b"
        out.append(
            f'<rect class="{band}" x="0" y="{num(lane.top)}" width="{w}" height="{num(lane.bottom - lane.top)}"/>'
        )
        out.append(f'<path class="cb-lane-line" d="M0,{num(lane.bottom)}H{w}"/>')
        out.append(
            f'<text class="cb-lane-label" x="{num(PAD + 2)}" y="{num(lane.top + 14)}">{escape(lane.label)}</text>'
        )
    for edge in layout.edges:
        hot = (edge.source, edge.target) in critical
        cls, marker = ("cb-edge cb-critical", arrow_critical) if hot else ("cb-edge", arrow)
        out.append(
            f'<path class="{cls}" d="{rounded_path(_edge_points(layout, edge))}" marker-end="url(#{marker})" '
            f'data-source="{escape(edge.source)}" data-target="{escape(edge.target)}"/>'
        )
    on_path = set(analysis.break_path)
    for node in layout.nodes:
        out += _node(case, node, kind_labels, stage_labels, node.id in on_path)
    out += _marks(case, layout, analysis)
    out += perspective_marks(case, layout, analysis.first_break)
    out += _footer(case, layout, arrow, kind_labels)
    out.append("</svg>")
    return "\n".join(out) + "\n"
