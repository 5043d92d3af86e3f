"""The home page: what Casebook is, the chain at a glance, and the latest reviewed cases.

The home page is generated because two of its three parts come from the corpus; the longer
explanation is the hand-written About page (site/docs/about.md).
"""

from __future__ import annotations

from collections.abc import Mapping

from casebook.render.browse import case_line
from casebook.render.context import Corpus, definition, label
from casebook.render.facets import FACET_BY_KEY
from casebook.render.markdown import attr, front_matter, plural, text

LATEST = 6
"""How many recently reviewed cases the home page lists."""


def chain_strip(corpus: Corpus, first_breaks: Mapping[str, int]) -> list[str]:
    """The customer chain as a row of stages, each with how many cases touch it and break there first."""
    facet = FACET_BY_KEY["stage"]
    items = []
    for stage, cases in facet.groups(corpus.cases):
        first = first_breaks.get(stage, 0)
        note = f'<span class="cb-stage-first">{first} first break{"s" if first != 1 else ""}</span>' if first else ""
        body = (
            f'<span class="cb-stage-name">{text(label("stages", stage))}</span>'
            f'<span class="cb-stage-count">{len(cases)}</span>{note}'
        )
        tip = attr(definition("stages", stage))
        # Only stages with cases have a section on the browse page to link to.
        if cases:
            items.append(f'<li><a href="browse/stage/#{attr(stage)}" title="{tip}">{body}</a></li>')
        else:
            items.append(f'<li><span class="cb-stage cb-stage--empty" title="{tip}">{body}</span></li>')
    return ['<ol class="cb-chain-strip" aria-label="The customer chain, stage by stage">', *items, "</ol>", ""]


def home_page(corpus: Corpus, first_breaks: Mapping[str, int]) -> str:
    """``/``: intro, entry points, the chain at a glance and the latest cases."""
    count = plural(len(corpus.cases), "case")
    lines = [
        front_matter({"hide": ["navigation", "toc"]}),
        "# Casebook",
        "",
        '<p class="cb-lead">An open knowledge base of <strong>customer-trust failures</strong>. Each case records '
        "where in the customer chain an organization broke trust, how the break travelled from link to link, how "
        "the organization responded and what it cost. Every event, figure and verdict cites a source you can "
        "open.</p>",
        "",
        f"[Browse all {count}](cases/index.md){{ .md-button .md-button--primary }} "
        "[Filter](filter/index.md){ .md-button } [Patterns](patterns/index.md){ .md-button } "
        "[About](about.md){ .md-button }",
        "{: .cb-actions }",  # a flex row with gaps: the buttons never touch, also when they wrap
        "",
        "## The chain at a glance",
        "",
        "The links of the customer chain, from the back office to the exit. Each number counts the cases "
        "with an event at that stage; a note counts the chains that first broke there.",
        "",
        *chain_strip(corpus, first_breaks),
        "## Latest reviewed cases",
        "",
        *(case_line(c, prefix="cases/") for c in corpus.recently_reviewed(LATEST)),
        "",
        "New and revised cases also come through the [Atom feed](feed.xml); the whole corpus is on the "
        "[Data](data/index.md) page.",
        "",
    ]
    return "\n".join(lines)
