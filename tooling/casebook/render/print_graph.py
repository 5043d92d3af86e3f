"""The chain graph on paper: one print-only page, or tiles cut by time and by stage, at a legible size.

Paper is first-class (STYLE.md B9: 7 pt is the smallest text on paper). A graph scaled to the
width of a page prints its node text at about 2.5 pt, so the handout prints the graph at a scale
where its smallest text is at least ``MIN_PT``, on pages of its own (landscape or portrait, which
ever needs fewer), and cuts a graph too large for one page into tiles: across time between columns
of nodes, and down between stage lanes, so that no node and no lane is cut.

Everything here reads only the graph's public output (``casebook.graph.render_chain_svg``): the
``viewBox``, the font sizes in its stylesheet, the ``cb-shape`` outlines, the ``cb-lane-a``/``-b``
bands and the ``cb-lane-label`` texts. A tile is a copy of the SVG with another ``viewBox``; the
copies are print-only and hidden from screen readers (the screen graph and the timeline say it all).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from casebook.render.markdown import attr, text

MIN_PT = 7.1
"""Smallest printed text size, in points (7 pt is the floor; the margin absorbs rounding)."""

_PX_PER_PT = 96 / 72
_PX_PER_MM = 96 / 25.4
# The page area both A4 and US Letter offer inside 10 mm margins, less room for the tile's caption.
_SHORT_MM = 190.0  # A4 width less margins (Letter is wider)
_LONG_MM = 259.4  # Letter height less margins (A4 is taller)
_CAPTION_MM = 12.0
PAGE_BOX_PX = {
    "landscape": (_LONG_MM * _PX_PER_MM, (_SHORT_MM - _CAPTION_MM) * _PX_PER_MM),
    "portrait": (_SHORT_MM * _PX_PER_MM, (_LONG_MM - _CAPTION_MM) * _PX_PER_MM),
}
"""Width and height in CSS pixels that a graph page may fill, by orientation."""

_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')
_FONT = re.compile(r"font-size:([0-9.]+)px")
_SHAPE = re.compile(r'<path class="cb-shape" d="([^"]+)"')
_LANE = re.compile(r'<rect class="cb-lane-[ab]" x="[0-9.]+" y="([0-9.]+)" width="[0-9.]+" height="([0-9.]+)"/>')
_LANE_LABEL = re.compile(r'(<text class="cb-lane-label" x=")([0-9.]+)("[^>]*>)([^<]*)(</text>)')
_TOKEN = re.compile(r"[A-Za-z]|-?[0-9]*\.?[0-9]+")
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "A": 7, "Q": 4, "C": 6, "Z": 0}
_X_AT = {"M": (0,), "L": (0,), "H": (0,), "A": (5,), "Q": (0, 2), "C": (0, 2, 4)}


@dataclass(frozen=True)
class Tile:
    """One printed page of a graph: a window onto the drawing, with the lanes it shows."""

    x: float
    y: float
    width: float
    height: float
    column: int
    row: int
    lanes: tuple[str, ...]


@dataclass(frozen=True)
class PrintPlan:
    """How a graph is printed: orientation, scale (CSS px per drawing unit) and its tiles."""

    orientation: str
    scale: float
    columns: int
    rows: int
    tiles: tuple[Tile, ...]


def _x_values(d: str) -> list[float]:
    xs: list[float] = []
    command = ""
    params: list[float] = []
    for token in _TOKEN.findall(d):
        if token.isalpha():
            command, params = token.upper(), []
            continue
        params.append(float(token))
        arity = _ARITY.get(command, 0)
        if arity and len(params) == arity:
            xs += [params[i] for i in _X_AT.get(command, ())]
            params = []
    return xs


def _occupied(svg: str) -> list[tuple[float, float]]:
    """Horizontal extents of every node outline, merged where they overlap."""
    spans = sorted((min(xs), max(xs)) for d in _SHAPE.findall(svg) if (xs := _x_values(d)))
    merged: list[tuple[float, float]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _cuts(length: float, limit: float, candidates: list[float]) -> list[float]:
    """Greedy cut points so that every piece is at most ``limit`` long, preferring the candidates."""
    cuts, start = [], 0.0
    while length - start > limit:
        fitting = [c for c in candidates if start < c <= start + limit]
        start = max(fitting) if fitting else start + limit
        cuts.append(start)
    return cuts


def _pieces(length: float, cuts: list[float]) -> list[tuple[float, float]]:
    edges = [0.0, *cuts, length]
    return list(itertools.pairwise(edges))


def plan_print(svg: str) -> PrintPlan | None:
    """Decide orientation, scale and tiles for a chain SVG; None when it has no viewBox."""
    found = _VIEWBOX.search(svg)
    if not found:
        return None
    width, height = float(found.group(1)), float(found.group(2))
    smallest = min((float(size) for size in _FONT.findall(svg)), default=10.0)
    floor = MIN_PT * _PX_PER_PT / smallest
    occupied = _occupied(svg)
    x_candidates = [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(occupied)]
    lanes = [(float(y), float(y) + float(h)) for y, h in _LANE.findall(svg)]
    labels = [m.group(4) for m in _LANE_LABEL.finditer(svg)]
    y_candidates = [top for top, _ in lanes[1:]]
    best: PrintPlan | None = None
    for orientation in ("landscape", "portrait"):
        box_w, box_h = PAGE_BOX_PX[orientation]
        fit = min(box_w / width, box_h / height, 1.0)
        scale = fit if fit >= floor else floor
        columns = _pieces(width, _cuts(width, box_w / scale, x_candidates))
        rows = _pieces(height, _cuts(height, box_h / scale, y_candidates))
        tiles = []
        for r, (y0, y1) in enumerate(rows):
            shown = tuple(
                labels[i] for i, (top, bottom) in enumerate(lanes) if i < len(labels) and top < y1 and bottom > y0
            )
            for c, (x0, x1) in enumerate(columns):
                tiles.append(Tile(x0, y0, x1 - x0, y1 - y0, c, r, shown))
        plan = PrintPlan(orientation, scale, len(columns), len(rows), tuple(tiles))
        if best is None or len(plan.tiles) < len(best.tiles):
            best = plan
    return best


_ID = re.compile(r'\bid="([^"]+)"')


def tile_svg(svg: str, tile: Tile, scale: float, suffix: str) -> str:
    """A print copy of ``svg`` showing only ``tile``: no links, titles or ids shared with the screen copy."""
    out = re.sub(r"<title\b[^>]*>.*?</title>|<desc\b[^>]*>.*?</desc>", "", svg, flags=re.DOTALL)
    for ident in sorted(set(_ID.findall(out)), key=len, reverse=True):
        out = out.replace(f'id="{ident}"', f'id="{ident}-{suffix}"').replace(
            f"url(#{ident})", f"url(#{ident}-{suffix})"
        )
    out = re.sub(r"<a (?:xlink:)?href=\"[^\"]*\" class=", "<g class=", out).replace("</a>", "</g>")
    root, body = out.split(">", 1)  # only the root element's size and ARIA attributes change
    root = re.sub(r'\s(?:role|aria-labelledby|width|style)="[^"]*"', "", root)
    out = root + ">" + body
    if tile.x > 0:  # lane names sit at the left edge; bring them into this slice of time
        out = _LANE_LABEL.sub(
            lambda m: f"{m.group(1)}{float(m.group(2)) + tile.x:g}{m.group(3)}{m.group(4)}{m.group(5)}", out
        )
    box = f"{tile.x:g} {tile.y:g} {tile.width:g} {tile.height:g}"
    size = f"width:{tile.width * scale:.1f}px;height:{tile.height * scale:.1f}px"
    out = _VIEWBOX.sub(f'viewBox="{box}"', out, count=1)
    return out.replace("<svg ", f'<svg aria-hidden="true" style="{size}" ', 1).strip("\n")


def graph_pages(svg: str, case_id: str) -> list[str]:
    """Print-only pages with the graph at a legible size, one tile per page."""
    plan = plan_print(svg)
    if plan is None:
        return []
    total = len(plan.tiles)
    blocks = []
    for n, tile in enumerate(plan.tiles, start=1):
        where = f"lanes {', '.join(tile.lanes)}" if tile.lanes else "the whole chain"
        if plan.columns > 1:
            where += f"; time slice {tile.column + 1} of {plan.columns}, read left to right"
        caption = f"Failure chain, page {n} of {total}: {where}." if total > 1 else "Failure chain."
        blocks += [
            f'<div class="cb-print-graph cb-print-graph--{plan.orientation} cb-print-only" '
            f'data-tile="{n}" data-case="{attr(case_id)}">',
            f'<p class="cb-print-graph-caption">{text(caption)}</p>',
            tile_svg(svg, tile, plan.scale, f"p{n}"),
            "</div>",
        ]
    return [*blocks, ""]


def pages_note(svg: str) -> str:
    """One line for the first printed page: where the graph is and how many pages it takes."""
    plan = plan_print(svg)
    if plan is None:
        return ""
    count = len(plan.tiles)
    pages = "page" if count == 1 else f"{count} pages"
    return f"Chain graph: the last {pages} ({plan.orientation})."
