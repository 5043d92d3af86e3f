"""The printed handout of a case: what paper needs that the screen page shows another way.

Printing a case page gives the handout (issue 14): title, summary, organization, period, year
and quadrant; the derived figures, timeline, analysis, lessons, impact, discussion questions and
every source with its full URL; the APA citation, the case's address and a QR code to it; then
the chain graph at a legible size on pages of its own (``casebook.render.print_graph``). The
blocks here carry ``cb-print-only`` (hidden on screen) and are left out of search.
"""

from __future__ import annotations

import re

from casebook.model import Case
from casebook.render import citations
from casebook.render.context import Corpus
from casebook.render.downloads import download_links
from casebook.render.facets import QUADRANTS, quadrant
from casebook.render.markdown import attr, text
from casebook.render.print_graph import graph_pages, pages_note
from casebook.render.qr import qr_svg

_SVG = re.compile(r'<svg\b[^>]*\bclass="cb-chain"[^>]*>.*?</svg>', re.DOTALL)


def chain_svg_of(lines: list[str]) -> str:
    """The first chain graph SVG (``class="cb-chain"``) in these lines of a page: the screen graph, or ""."""
    found = _SVG.search("\n".join(lines))
    return found.group(0) if found else ""


def handout_head(case: Case, corpus: Corpus, svg: str) -> list[str]:
    """Print-only: year, quadrant, the APA citation, the case's address with a QR code, and where the graph is."""
    url = citations.case_url(case, corpus)
    qr = qr_svg(url, f"QR code: the address of this case, {url}")
    facts = f"<strong>Year</strong> {case.year} · <strong>Quadrant</strong> {text(QUADRANTS[quadrant(case)][0])}"
    return [
        '<div class="cb-handout-head cb-print-only">',
        qr,
        f"<p>{facts}</p>",
        f'<p><strong>Case page</strong> <span class="cb-url">{text(url)}</span></p>',
        f'<p class="cb-apa"><strong>Cite as</strong> {citations.apa_html(case, corpus)}</p>',
        f"<p>{text(' '.join(filter(None, [pages_note(svg) if svg else '', _online_only(case)])))}</p>",
        "</div>",
        "",
    ]


def _online_only(case: Case) -> str:
    # Three pages hold what a handout must carry (issue 14); what the page adds beyond that stays
    # on screen, and the paper says so, so a reader knows to follow the address.
    extras = ["stopping controls"]
    if case.reply is not None:
        extras.insert(0, "the organization's own words")
    if case.perspectives:
        extras.append("perspectives")
    return "Online only: " + ", ".join(extras) + "."


def handout_tail(case: Case, svg: str) -> list[str]:
    """Print-only: the graph pages, after everything else."""
    return graph_pages(svg, case.id) if svg else []


def facilitator_links(case: Case, corpus: Corpus) -> list[str]:
    """Screen-only: the case as a tabletop exercise, its graph as files, and a session pack with it."""
    ident = attr(case.id)
    return [
        '<p class="cb-facilitate cb-screen-only"><strong>For facilitators:</strong> '
        '<a href="tabletop/">run it as a tabletop exercise</a> · '
        f'<a href="../../pack/?cases={ident}">start a session pack with it</a> · '
        f"{download_links(case, corpus)} · print this page for a handout.</p>",
        "",
    ]
