"""Browse pages: every case, and the cases grouped by each facet, with counts. No JavaScript.

``/cases/`` lists every case; ``/browse/`` shows each facet's values with counts; one page per
facet (``/browse/<facet>/``) has a section per value (anchor = the value's slug) listing its cases.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from casebook.graph.analysis import cached_analysis
from casebook.model import Case
from casebook.render.context import Corpus, label
from casebook.render.facets import FACETS, Facet
from casebook.render.markdown import attr, esc, front_matter, plural, table, text

# Browse pages repeat titles that the case pages already give to search; keep them out of it.
_NOT_SEARCHED = {"search": {"exclude": True}}

BROWSE_LIMIT = 100
"""Cases listed under one value, newest first; beyond that the section links to the filter, so a
facet page stays about the same size at 10,000 cases (the stage page was 12 MB at 10,000)."""

PAGE_LIMIT = 1500
"""Cases listed on one facet page in all: a facet with many values (regions, years) lists fewer
under each, at least ``VALUE_MINIMUM`` (browse/region was 4.2 MB at 10,000 cases)."""
VALUE_MINIMUM = 10


def value_limit(values_with_cases: int) -> int:
    """How many cases a facet page lists under each value, for this many values that have cases."""
    return max(VALUE_MINIMUM, min(BROWSE_LIMIT, PAGE_LIMIT // max(1, values_with_cases)))


def where_it_broke(case: Case) -> str:
    """``first broke at design, inadequate testing``: the first break stage and the main failure mode."""
    chain = cached_analysis(case)
    mode = f", {label('failure_modes', chain.main_failure_mode).lower()}" if chain.main_failure_mode else ""
    return f"first broke at {label('stages', chain.first_break_stage).lower()}{mode}"


def case_line(case: Case, prefix: str = "../cases/") -> str:
    """A list item linking to a case, with year, organization, where it first broke and verdict."""
    verdict = label("trust_verdicts", case.analysis.verdict).lower()
    return (
        f"- [{esc(case.title)}]({prefix}{case.id}.md) · {case.year} · {esc(case.organization.name)} · "
        f"{esc(where_it_broke(case))} · {esc(verdict)}"
    )


def case_list(cases: Iterable[Case], href: str = "../../cases/") -> str:
    """The same list as ``case_line`` items, as a raw HTML block: the HTML Markdown makes of them.

    A facet page lists up to about 1,500 cases; Python-Markdown's inline processing of that many
    links was most of its conversion (0.2 s for one page at 1,000 cases, 0.08 s as HTML), paid again
    whenever a title it lists changes (issue 15). ``href`` leads from the page's URL (not its
    Markdown file) to the case pages, as MkDocs rewrites a Markdown link.
    """
    items = []
    for case in cases:
        verdict = label("trust_verdicts", case.analysis.verdict).lower()
        rest = " · ".join(text(part) for part in (case.year, case.organization.name, where_it_broke(case), verdict))
        items.append(f'<li><a href="{attr(href + case.id)}/">{text(case.title)}</a> · {rest}</li>')
    return "\n".join(["<ul>", *items, "</ul>"])


def cases_index(corpus: Corpus) -> str:
    """``/cases/``: every case, newest first, as a table."""
    rows = []
    for c in corpus.newest_first():
        chain = cached_analysis(c)
        mode = chain.main_failure_mode
        rows.append(
            [
                f"[{esc(c.title)}]({c.id}.md)",
                esc(c.organization.name),
                str(c.year),
                esc(label("stages", chain.first_break_stage)),
                esc(label("failure_modes", mode)) if mode else "",
                esc(label("sectors", c.organization.sector)),
                esc(label("trust_verdicts", c.analysis.verdict)),
            ]
        )
    lines = [
        front_matter({**_NOT_SEARCHED, "hide": ["navigation", "toc"]}),
        "# All cases",
        "",
        f"{plural(len(corpus.cases), 'case')}, newest first by the year each became public. *First broke at* is the "
        "stage of the earliest break; *main failure mode* the one most of its breaks share. [Browse them by facet](../browse/index.md) or "
        "[filter them](../filter/index.md) by any combination of facets and text.",
        "",
        '<div class="cb-case-table" markdown>',
        "",
        table(["Case", "Organization", "Year", "First broke at", "Main failure mode", "Sector", "Trust verdict"], rows),
        "</div>",
    ]
    return "\n".join(lines)


def _count_cell(facet: Facet, value: str, count: int) -> str:
    name = esc(facet.label(value))
    return f"[{name}](#{value})" if count else name


def facet_page(facet: Facet, corpus: Corpus) -> str:
    """``/browse/<facet>/``: a count table, then one section per value that has cases."""
    groups = facet.groups(corpus.newest_first())
    rows = [[_count_cell(facet, value, len(cases)), str(len(cases))] for value, cases in groups]
    lines = [
        front_matter(_NOT_SEARCHED),
        f"# Cases by {facet.title.lower()}",
        "",
        f"{esc(facet.intro)} Values with no case yet are listed without a link.",
        "",
        table([esc(facet.title), "Cases"], rows),
    ]
    limit = value_limit(sum(1 for _, cases in groups if cases))
    for value, cases in groups:
        if not cases:
            continue
        lines += [f"## {esc(facet.label(value))} {{ #{value} }}", ""]
        meaning = facet.definition(value)
        if meaning:
            lines += [f"*{esc(meaning)}*", ""]
        lines += [f"{plural(len(cases), 'case')}:", "", case_list(cases[:limit]), ""]
        if len(cases) > limit:
            query = urlencode({facet.key: value})
            lines += [f"…and {len(cases) - limit:,} more, older: [filter them](../filter/index.md?{query}).", ""]
    lines.append("[All facets](index.md) · [Filter by several facets at once](../filter/index.md)")
    return "\n".join(lines) + "\n"


def browse_index(corpus: Corpus) -> str:
    """``/browse/``: every facet with its values and counts, linking into the facet pages."""
    lines = [
        front_matter(_NOT_SEARCHED),
        "# Browse the cases",
        "",
        f"{plural(len(corpus.cases), 'case')}, grouped {len(FACETS)} ways. A case can appear under several values of a "
        "facet (a chain touches several stages). The [filter](../filter/index.md) combines facets; "
        "these pages work without JavaScript.",
        "",
    ]
    for facet in FACETS:
        counts = [(v, len(cs)) for v, cs in facet.groups(corpus.cases) if cs]
        cells = " · ".join(f"[{esc(facet.label(v))}]({facet.slug}.md#{v}) {n}" for v, n in counts)
        lines += [
            f"## [By {esc(facet.title.lower())}]({facet.slug}.md)",
            "",
            esc(facet.intro),
            "",
            cells or "No cases yet.",
            "",
        ]
    return "\n".join(lines)


def tags_page() -> str:
    """``/browse/tags/``: the free tags of the cases, listed by Material's tags plugin."""
    lines = [
        front_matter(_NOT_SEARCHED),
        "# Cases by tag",
        "",
        "The free tags case authors gave their cases, with the cases under each. The tags on a case page link here.",
        "",
        "<!-- material/tags -->",
        "",
    ]
    return "\n".join(lines)


def browse_pages(corpus: Corpus) -> dict[str, str]:
    """Every browse page, by docs-relative path."""
    pages = {
        "cases/index.md": cases_index(corpus),
        "browse/index.md": browse_index(corpus),
        "browse/tags.md": tags_page(),
    }
    pages.update({f"browse/{facet.slug}.md": facet_page(facet, corpus) for facet in FACETS})
    return pages
