"""Render the corpus patterns as an SVG heat map for the patterns page.

Rows are the stage a ``caused_by`` link starts from, columns the stage it leads to, both in
chain order, so links that run backwards up the chain (a public response that causes a
governance change) sit below the diagonal. A bar beside each row counts the cases whose chain
first broke at that stage. Cell shade is a share of the busiest cell and every non-empty cell
also prints its count, so the picture reads without colour.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from casebook.graph.corpus import CorpusAnalysis
from casebook.graph.style import patterns_css, svg_role
from casebook.graph.text import escape, num, xml_id
from casebook.vocabulary import load_vocabulary

LinkFor = Callable[[str], str | None]

LEFT = 150.0  # row labels
BAR_W = 96.0  # first-break bars
CELL_W = 44.0
CELL_H = 30.0
HEAD_H = 128.0  # slanted column labels
PAD = 16.0
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def safe_href(href: str | None) -> str | None:
    """Return ``href`` if it is relative or http(s); drop ``javascript:`` and other schemes."""
    if not href:
        return None
    scheme = _SCHEME.match(href)
    return href if scheme is None or scheme.group(1).lower() in ("http", "https") else None


def _linked(body: str, href: str | None) -> str:
    return f'<a href="{escape(href)}">{body}</a>' if href else body


def _describe(analysis: CorpusAnalysis, labels: dict[str, str]) -> str:
    firsts = sorted((n, -i, s) for i, (s, n) in enumerate(analysis.first_break_stages) if n)
    top_first = ", ".join(f"{labels[s]} ({n})" for n, _, s in reversed(firsts[-3:]))
    busiest = sorted(analysis.transitions, key=lambda t: -t.links)[:5]
    top_links = "; ".join(f"{labels[t.source]} to {labels[t.target]} ({t.links})" for t in busiest)
    count = len(analysis.case_ids)
    text = f"Stage-to-stage links across {count} {'case' if count == 1 else 'cases'}."
    if top_first:
        text += f" Chains most often first break at {top_first}."
    if top_links:
        text += f" Most frequent links: {top_links}."
    return text


def render_patterns_svg(analysis: CorpusAnalysis, link_for: LinkFor | None = None) -> str:
    """Render the stage-transition heat map with first-break bars.

    Args:
        analysis: From :func:`casebook.graph.analyse_corpus`.
        link_for: Optional; maps a stage to the URL of its browse page (or ``None`` for no link).
            Stage names and the cells of a row link there; only relative and http(s) URLs are kept.

    Returns:
        SVG markup, byte-identical for the same analysis and links.
    """
    labels = {s: t.label for s, t in load_vocabulary()["stages"].terms.items()}
    stages = list(analysis.stages)
    links = {(t.source, t.target): t for t in analysis.transitions}
    busiest = max((t.links for t in analysis.transitions), default=0)
    widest_bar = max((n for _, n in analysis.first_break_stages), default=0)
    href = {s: safe_href(link_for(s)) if link_for else None for s in stages}
    grid_x = PAD + LEFT + BAR_W + 12
    width = grid_x + CELL_W * len(stages) + PAD + 64  # room for the last slanted column label
    height = PAD + HEAD_H + CELL_H * len(stages) + 64
    title_id, desc_id = xml_id("patterns", "title"), xml_id("patterns", "desc")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cb-patterns" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="100%" style="max-width:{num(width)}px" role="{svg_role(any(href.values()))}" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">How failure chains travel between stages</title>',
        f'<desc id="{desc_id}">{escape(_describe(analysis, labels))}</desc>',
        f"<style>{patterns_css()}</style>",
        f'<text class="cb-caption" x="{num(PAD + LEFT + BAR_W)}" y="{num(PAD + HEAD_H - 8)}" text-anchor="end">first breaks</text>',
        f'<text class="cb-caption" x="{num(PAD)}" y="{num(PAD + HEAD_H - 8)}">from stage ↓ / to stage →</text>',
    ]
    for j, target in enumerate(stages):
        x, y = grid_x + j * CELL_W + CELL_W / 2, PAD + HEAD_H - 8
        head = f'<text class="cb-head" x="{num(x)}" y="{num(y)}" transform="rotate(-45 {num(x)} {num(y)})">{escape(labels[target])}</text>'
        out.append(_linked(head, href[target]))
    for i, source in enumerate(stages):
        y = PAD + HEAD_H + i * CELL_H
        mid = y + CELL_H / 2 + 4
        head = f'<text class="cb-head" x="{num(PAD + LEFT - 8)}" y="{num(mid)}" text-anchor="end">{escape(labels[source])}</text>'
        out.append(_linked(head, href[source]))
        firsts = analysis.first_breaks(source)
        if firsts:
            bar = (BAR_W - 28) * firsts / widest_bar
            out.append(
                f'<rect class="cb-bar" x="{num(PAD + LEFT)}" y="{num(y + 7)}" width="{num(bar)}" height="{num(CELL_H - 14)}"/>'
            )
            out.append(f'<text class="cb-count" x="{num(PAD + LEFT + bar + 4)}" y="{num(mid)}">{firsts}</text>')
        for j, target in enumerate(stages):
            x = grid_x + j * CELL_W
            cell = f'<rect class="cb-grid" x="{num(x)}" y="{num(y)}" width="{num(CELL_W)}" height="{num(CELL_H)}"/>'
            found = links.get((source, target))
            if found is None:
                # Same-stage links are not transitions: shade the diagonal so it reads as "not counted".
                out.append(cell.replace('"cb-grid"', '"cb-grid cb-diag"') if source == target else cell)
                continue
            shade = 0.12 + 0.5 * found.links / busiest
            cases = "case" if found.cases == 1 else "cases"
            tip = f"{labels[source]} to {labels[target]}: {found.links} links in {found.cases} {cases}"
            body = (
                f"<title>{escape(tip)}</title>"
                f'<rect class="cb-cell" x="{num(x)}" y="{num(y)}" width="{num(CELL_W)}" height="{num(CELL_H)}" fill-opacity="{shade:.2f}"/>'
                f'{cell}<text class="cb-count" x="{num(x + CELL_W / 2)}" y="{num(y + CELL_H / 2 + 4)}" text-anchor="middle">{found.links}</text>'
            )
            out.append(_linked(body, href[source]) if href[source] else f"<g>{body}</g>")
    foot = PAD + HEAD_H + CELL_H * len(stages) + 22
    notes = (
        f"Numbers count caused_by links from the row stage to the column stage over {len(analysis.case_ids)} cases.",
        "Bars count the chains that first broke at each stage.",
    )
    out += [
        f'<text class="cb-caption" x="{num(PAD)}" y="{num(foot + k * 16)}">{escape(t)}</text>'
        for k, t in enumerate(notes)
    ]
    out.append("</svg>")
    return "\n".join(out) + "\n"
