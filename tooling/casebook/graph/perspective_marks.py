"""Marks for the perspectives of a case on its chain graph: where each reading says the chain first broke.

A case with perspectives gets one group per reading (``<g class="cb-view" data-view="...">``):
the main analysis (``main``) and each perspective (``p-{id}``). A group rings the reading's first
break (solid) and the events it weighs differently (dashed), each ring tagged with the reading's
number as the page lists them. Without a script every group shows, so nothing is hidden from a
reader; the page's toggle (``casebook.js``) shows one reading at a time. A case without
perspectives gets no marks, and its graph stays byte-identical to one drawn before they existed.
"""

from __future__ import annotations

from dataclasses import dataclass

from casebook.graph.layout import Layout
from casebook.graph.style import var
from casebook.graph.text import escape, num
from casebook.model import Case

MAIN = "main"
"""The view id of the main analysis."""


def view_id(perspective_id: str) -> str:
    """The view id (``data-view``) of a perspective."""
    return f"p-{perspective_id}"


@dataclass(frozen=True)
class Reading:
    """One reading drawn on the graph."""

    view: str
    tag: str
    title: str
    first_break: str
    weighed: tuple[str, ...]


def readings(case: Case, first_break: str) -> list[Reading]:
    """The main analysis and each perspective, numbered as the page lists them."""
    out = [Reading(MAIN, "main", "Main analysis: first break", first_break, ())]
    for number, p in enumerate(case.perspectives, start=1):
        weighed = tuple(dict.fromkeys(w.event for w in p.weighs if w.event != p.first_break_event))
        title = f"Perspective {number} ({p.by}): first break"
        out.append(Reading(view_id(p.id), str(number), title, p.first_break_event, weighed))
    return out


def marks_css() -> str:
    """Rules for the rings, scoped to the chain graph."""
    r = ".cb-chain"
    return (
        f"{r} .cb-ring{{fill:none;stroke:{var('heat')};stroke-width:2.5}}"
        f"{r} .cb-ring-weighed{{stroke-dasharray:6 3;stroke-width:2}}"
        f"{r} .cb-view-main .cb-ring{{stroke:{var('fg')}}}"
        f"{r} .cb-ring-tag{{fill:{var('heat')};font-size:10px;font-weight:700}}"
        f"{r} .cb-view-main .cb-ring-tag{{fill:{var('fg')}}}"
        f"{r} .cb-view-off{{display:none}}"
    )


def _ring(layout: Layout, event: str, pad: float, cls: str, tag: str) -> list[str]:
    box = layout.node(event).box
    x, y, w, h = box.x - pad, box.y - pad, box.w + 2 * pad, box.h + 2 * pad
    return [
        f'<rect class="{cls}" x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" rx="4"/>',
        # Top left: the top right of a node carries the "first break" and "customers felt it" tags.
        f'<text class="cb-ring-tag" x="{num(x)}" y="{num(y - 2)}">{escape(tag)}</text>',
    ]


def perspective_marks(case: Case, layout: Layout, first_break: str) -> list[str]:
    """SVG elements marking every reading, or none for a case without perspectives."""
    if not case.perspectives:
        return []
    known = {node.id for node in layout.nodes}
    out: list[str] = []
    for index, reading in enumerate(readings(case, first_break)):
        pad = 4.0 + 3.0 * index  # readings of the same event nest instead of overlapping
        kind = "main" if reading.view == MAIN else "perspective"
        out.append(
            f'<g class="cb-view cb-view-{kind}" data-view="{escape(reading.view)}">'
            f"<title>{escape(reading.title)}</title>"
        )
        if reading.first_break in known:
            out += _ring(layout, reading.first_break, pad, "cb-ring", reading.tag)
        for event in reading.weighed:
            if event in known:
                out += _ring(layout, event, pad, "cb-ring cb-ring-weighed", reading.tag)
        out.append("</g>")
    return out
