"""The patterns page (``/patterns/``): what the whole corpus shows, each number linking to its cases.

Counts come from ``casebook.graph.analyse_corpus``; the case lists behind them are gathered here
from the same per-case chain analyses, so a table row and the cases it names always agree.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlencode

from casebook.countries import CONTINENTS
from casebook.graph import CorpusAnalysis
from casebook.graph.patterns_svg import render_patterns_svg
from casebook.model import Case
from casebook.render.case_chain import inline_svg
from casebook.render.context import Corpus, label
from casebook.render.facets import QUADRANTS, quadrant
from casebook.render.markdown import attr, esc, front_matter, plural, table, text
from casebook.spread import case_continents
from casebook.vocabulary import load_vocabulary, stage_order
from casebook.voices import disputed_stages

LIST_LIMIT = 20
"""Cases named in one table cell or quadrant; more are counted, so the page stays the same size at
10,000 cases as at 100 (it was 15 MB at 10,000 when every cell listed every case)."""


def case_links(cases: list[Case], limit: int = LIST_LIMIT) -> str:
    """Short links (organization and year) to the first ``limit`` cases in id order, then how many more."""
    ordered = sorted(cases, key=lambda c: c.id)
    links = ", ".join(f"[{esc(c.organization.name)} {c.year}](../cases/{c.id}.md)" for c in ordered[:limit])
    more = len(ordered) - limit
    return f"{links} and {more:,} more" if more > 0 else links


def _first_breaks(corpus: Corpus, analysis: CorpusAnalysis) -> list[str]:
    by_stage: dict[str, list[Case]] = defaultdict(list)
    for case in corpus.cases:
        by_stage[corpus.chains[case.id].first_break_stage].append(case)
    rows = [[esc(label("stages", s)), str(n), case_links(by_stage[s])] for s, n in analysis.first_break_stages if n]
    return ["## Where chains first break { #first-breaks }", "", table(["Stage", "Cases", "Which"], rows)]


def _disputed(corpus: Corpus) -> list[str]:
    """How often another reading puts the first break elsewhere, by the main analysis's stage."""
    heading = ["## Where analysts disagree on the first break { #disputed }", ""]
    read = [c for c in corpus.cases if c.perspectives]
    if not read:
        return [*heading, "No case carries a perspective yet: see the contributing guide for how to add one.", ""]
    main: dict[str, list[Case]] = defaultdict(list)
    elsewhere: dict[str, list[Case]] = defaultdict(list)
    placed: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for case in corpus.cases:
        chain = corpus.chains[case.id]
        main[chain.first_break_stage].append(case)
        others = disputed_stages(case, chain)
        if others:
            elsewhere[chain.first_break_stage].append(case)
        for stage in others:
            placed[chain.first_break_stage][stage] += 1
    rows = []
    for stage in stage_order():
        if not elsewhere[stage]:
            continue
        share = (
            f"{len(elsewhere[stage])} of {len(main[stage])} ({round(100 * len(elsewhere[stage]) / len(main[stage]))}%)"
        )
        where = ", ".join(
            f"{esc(label('stages', s))} ({n})"
            for s, n in sorted(placed[stage].items(), key=lambda i: (-i[1], stage_order().index(i[0])))
        )
        rows.append([esc(label("stages", stage)), share, where, case_links(elsewhere[stage])])
    total = sum(len(v) for v in elsewhere.values())
    query = attr(urlencode({"dissent": "disputed"}))
    lines = [
        *heading,
        f"{plural(len(read), 'case')} carry another analyst's reading (a perspective); in "
        f'<a href="../filter/?{query}">{plural(total, "case")}</a> one of them puts the first break at another '
        "stage than the main analysis. By the stage where the main analysis says the chain first broke:",
        "",
    ]
    if rows:
        lines.append(table(["Main analysis", "Disputed", "Perspectives place it at", "Which"], rows))
    return lines


def _transitions(corpus: Corpus, analysis: CorpusAnalysis) -> list[str]:
    behind: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case in corpus.cases:
        for source, target, _count in corpus.chains[case.id].transitions:
            behind[source, target].append(case)
    rows = [
        [
            esc(label("stages", t.source)),
            esc(label("stages", t.target)),
            str(t.links),
            str(t.cases),
            case_links(behind[t.source, t.target]),
        ]
        for t in sorted(analysis.transitions, key=lambda t: (-t.links, -t.cases))
    ]
    return [
        "## Stage transitions { #transitions }",
        "",
        "How often a `caused_by` link leads from an event at one stage to an event at another, busiest first.",
        "",
        table(["From", "To", "Links", "Cases", "Which"], rows),
    ]


def _modes_by_stage(corpus: Corpus, analysis: CorpusAnalysis) -> list[str]:
    behind: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case in corpus.cases:
        for pair in dict.fromkeys((e.failure_mode, e.stage) for e in case.chain if e.failure_mode):
            behind[pair].append(case)
    modes = load_vocabulary()["failure_modes"].terms
    rows = []
    for mode, stage, events in analysis.failure_modes_by_stage:
        home = "" if modes[mode].extra.get("home_stage") == stage else " (away from its home stage)"
        rows.append(
            [
                esc(label("failure_modes", mode)),
                esc(label("stages", stage)) + home,
                str(events),
                case_links(behind[mode, stage]),
            ]
        )
    return [
        "## Failure modes by stage { #failure-modes }",
        "",
        "Which ways of failing happen at which stages, counted in events.",
        "",
        table(["Failure mode", "Stage", "Events", "Which"], rows),
    ]


def _regions(corpus: Corpus) -> list[str]:
    by_continent: dict[str, list[Case]] = defaultdict(list)
    for case in corpus.cases:
        for slug in case_continents(case) or ["global"]:
            by_continent[slug].append(case)
    rows = []
    for slug in [*CONTINENTS, "global"]:
        cases = by_continent.get(slug, [])
        if not cases:
            continue
        stages: dict[str, int] = defaultdict(int)
        for case in cases:
            stages[corpus.chains[case.id].first_break_stage] += 1
        order = load_vocabulary()["stages"].slugs
        top = sorted(stages.items(), key=lambda item: (-item[1], order.index(item[0])))[:3]
        name = "Worldwide" if slug == "global" else CONTINENTS[slug]
        rows.append(
            [
                esc(name),
                str(len(cases)),
                esc(", ".join(f"{label('stages', stage)} ({n})" for stage, n in top)),
                case_links(cases),
            ]
        )
    return [
        "## Where customers were harmed { #regions }",
        "",
        "Cases by the continent of the countries in their `regions` (a case harming customers in several "
        "continents counts in each; `global` cases are counted as worldwide), with the stages where their "
        "chains most often first broke. [Browse by country](../browse/region.md).",
        "",
        table(["Continent", "Cases", "First broke at (most often)", "Which"], rows),
    ]


def _responses(analysis: CorpusAnalysis) -> list[str]:
    verdicts = load_vocabulary()["trust_verdicts"].slugs
    counts = {(r, v): n for r, v, n in analysis.responses_by_verdict}
    strategies = list(dict.fromkeys(r for r, _, _ in analysis.responses_by_verdict))
    rows = []
    for strategy in strategies:
        cells = [esc(label("response_strategies", strategy))]
        for verdict in verdicts:
            n = counts.get((strategy, verdict), 0)
            query = attr(urlencode({"response": strategy, "verdict": verdict}))
            cells.append(f'<a href="../filter/?{query}">{n}</a>' if n else "")
        rows.append(cells)
    return [
        "## Responses against verdicts { #responses }",
        "",
        "How many cases used each response strategy, by where trust ended up. A case counts once per strategy "
        "it used; each number opens the filter on those cases.",
        "",
        table(["Strategy", *(esc(label("trust_verdicts", v)) for v in verdicts)], rows),
    ]


def _matrix(corpus: Corpus) -> list[str]:
    cells = []
    for slug, (name, meaning) in QUADRANTS.items():
        cases = [c for c in corpus.cases if quadrant(c) == slug]
        items = "".join(
            f'<li><a href="../cases/{attr(c.id)}/">{text(c.organization.name)} {c.year}</a></li>'
            for c in cases[:LIST_LIMIT]
        )
        if len(cases) > LIST_LIMIT:
            query = attr(urlencode({"quadrant": slug}))
            items += f'<li><a href="../filter/?{query}">{len(cases) - LIST_LIMIT:,} more</a></li>'

        cells.append(
            f'<section class="cb-quadrant cb-quadrant--{attr(slug)}" aria-label="{attr(name)}">'
            f'<h3 id="{attr(slug)}">{text(name)} <span class="cb-count">{text(plural(len(cases), "case"))}</span></h3>'
            f"<p>{text(meaning)}</p><ul>{items}</ul></section>"
        )
    return [
        "## Touch versus scale { #touch-scale }",
        "",
        "Where each organization sits: how personal each customer relationship is (touch) and how many "
        "customers there are (scale).",
        "",
        '<div class="cb-matrix" role="group" aria-label="Touch-versus-Scale matrix">',
        '<div class="cb-axis cb-axis--scale" aria-hidden="true">Scale: low → high</div>',
        '<div class="cb-axis cb-axis--touch" aria-hidden="true">Touch: low → high</div>',
        *cells,
        "</div>",
        "",
    ]


def patterns_page(corpus: Corpus, analysis: CorpusAnalysis) -> str:
    """``/patterns/``: the heat map, the tables behind it and the Touch-versus-Scale matrix."""
    touched = {e.stage for c in corpus.cases for e in c.chain}
    svg = render_patterns_svg(analysis, link_for=lambda s: f"../browse/stage/#{s}" if s in touched else None)
    svg = inline_svg(svg)
    lines = [
        front_matter({"hide": ["navigation"], "search": {"exclude": True}}),
        "# Patterns",
        "",
        f"What {plural(len(corpus.cases), 'case')} show together: where customer chains break first, how "
        "breaks travel from stage to stage, which failure modes strike where, and which responses went with "
        "which outcome. Every number links to the cases behind it.",
        "",
        '<figure class="cb-graph cb-graph--patterns">',
        f'<div class="cb-graph-scroll" tabindex="0" role="region" aria-label="Stage transitions heat map">{svg}</div>',
        "<figcaption>Rows: the stage a link starts from; columns: the stage it leads to. Bars: chains that "
        "first broke at each stage. Select a stage to browse its cases.</figcaption>",
        "</figure>",
        "",
        *_first_breaks(corpus, analysis),
        *_disputed(corpus),
        *_transitions(corpus, analysis),
        *_modes_by_stage(corpus, analysis),
        *_regions(corpus),
        *_responses(analysis),
        *_matrix(corpus),
    ]
    return "\n".join(lines)
