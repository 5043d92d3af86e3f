"""What a case page tells Pagefind (ADR 0008): its filters, its meta and which parts it indexes.

Pagefind indexes only elements marked ``data-pagefind-body`` once any page has one, so only case
pages are searched, and of them only the title, the organization with its aliases, the summary,
the events (title and description) and the lessons; ``data-pagefind-ignore`` drops the event
meta lines and source lists inside those parts. Event headings keep their ``event-<id>`` ids,
which Pagefind turns into sub-results linking to ``#event-<id>``.

Filter and meta values are read from a ``data-value`` attribute (``key[data-value]``), so a
value may hold commas; every value is HTML-escaped like all case text. Filter values are the
display labels, which the search box shows with their counts.
"""

from __future__ import annotations

from casebook.countries import country_name
from casebook.graph import ChainAnalysis
from casebook.model import Case
from casebook.render.context import label
from casebook.render.facets import FACET_BY_KEY, quadrant
from casebook.render.markdown import attr, text

BODY = "data-pagefind-body"
IGNORE = "data-pagefind-ignore"

FILTERS = (
    "first break stage",
    "break stage",
    "failure mode",
    "sector",
    "region",
    "year",
    "verdict",
    "touch and scale",
)
"""Filter names as the search box shows them, in that order."""


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def filters(case: Case, chain: ChainAnalysis) -> list[tuple[str, str]]:
    """``(filter name, value label)`` pairs for one case, in ``FILTERS`` order."""
    breaks = _unique([e.stage for e in case.chain if e.kind == "break"])
    modes = _unique([e.failure_mode for e in case.chain if e.failure_mode])
    pairs = [("first break stage", label("stages", chain.first_break_stage))]
    pairs += [("break stage", label("stages", s)) for s in breaks]
    pairs += [("failure mode", label("failure_modes", m)) for m in modes]
    pairs += [
        ("sector", label("sectors", case.organization.sector)),
        *(("region", country_name(region)) for region in case.regions),
        ("year", str(case.year)),
        ("verdict", label("trust_verdicts", case.analysis.verdict)),
        ("touch and scale", FACET_BY_KEY["quadrant"].label(quadrant(case))),
    ]
    return pairs


def _data(kind: str, key: str, value: str) -> str:
    return f'<span data-pagefind-{kind}="{attr(key)}[data-value]" data-value="{attr(value)}"></span>'


def head_block(case: Case, chain: ChainAnalysis) -> list[str]:
    """A hidden, indexed block: title, organization and aliases, with the page's meta and filters.

    Hidden because the page shows all of it already (the heading and the facts); Pagefind reads
    the HTML, not what is on screen.
    """
    org = case.organization
    names = " · ".join([org.name, *org.aliases])
    spans = [_data("meta", "title", case.title), _data("meta", "organization", org.name)]
    spans.append(_data("meta", "year", str(case.year)))
    spans += [_data("filter", name, value) for name, value in filters(case, chain)]
    return [
        f'<div class="cb-pagefind" {BODY} hidden>{"".join(spans)}',
        f"<p>{text(case.title)}</p><p>{text(names)}</p></div>",
        "",
    ]
