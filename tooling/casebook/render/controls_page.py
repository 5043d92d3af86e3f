"""The Controls page (``/controls/``): where each break could have been stopped, across the corpus.

Every ``break`` may name the control that would most likely have caught it
(``could_have_been_stopped_by``: a control from vocabulary ``controls``, the stage that owns it, a
reason). The page answers two questions a strategist asks: which controls were missing most often,
and at which stages the stopping points sit (a heat map of controls against owning stages, with the
stages each control is meant to guard outlined). Each control then lists the breaks it would have
caught, linking to the event on its case page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from casebook.model import Case, Event
from casebook.render.context import Corpus, label
from casebook.render.markdown import attr, esc, front_matter, plural, text
from casebook.vocabulary import load_vocabulary

PATH = "controls/index.md"
LIST_LIMIT = 60
"""Breaks listed under one control; more are counted, so the page does not grow without bound."""
LEVELS = 4
"""Shades of the heat map besides empty: a cell's shade is its share of the busiest cell, in quarters."""


@dataclass(frozen=True)
class Stop:
    """One break with the control that would most likely have caught it."""

    case: Case
    event: Event


def _stops(corpus: Corpus) -> dict[str, list[Stop]]:
    found: dict[str, list[Stop]] = defaultdict(list)
    for case in corpus.cases:
        for event in case.chain:
            if event.kind == "break" and event.stopped_by is not None:
                found[event.stopped_by.control].append(Stop(case, event))
    return found


def _shade(count: int, busiest: int) -> int:
    return 0 if count == 0 else max(1, -(-LEVELS * count // busiest))  # ceiling, at least 1


def _heat_map(stops: dict[str, list[Stop]]) -> list[str]:
    vocabulary = load_vocabulary()
    controls = vocabulary["controls"].terms
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for control, items in stops.items():
        for stop in items:
            assert stop.event.stopped_by is not None  # _stops keeps only breaks that name one
            counts[control, stop.event.stopped_by.owner] += 1
    guarded = {str(s) for term in controls.values() for s in term.extra.get("guards", ())}
    owners = {owner for _, owner in counts}
    stages = [s for s in vocabulary["stages"].slugs if s in guarded | owners]
    busiest = max(counts.values(), default=1)
    head = "".join(f'<th scope="col">{text(label("stages", s))}</th>' for s in stages)
    rows = []
    for slug, term in controls.items():
        guards = {str(s) for s in term.extra.get("guards", ())}
        cells = []
        for stage in stages:
            n = counts.get((slug, stage), 0)
            classes = f"cb-heat cb-heat--{_shade(n, busiest)}" + (" cb-heat--guard" if stage in guards else "")
            if n:
                title = f"{term.label}, owned at {label('stages', stage)}: {plural(n, 'break')}"
                cells.append(f'<td class="{classes}" title="{attr(title)}">{n}</td>')
            else:
                cells.append(f'<td class="{classes}"></td>')
        total = len(stops.get(slug, ()))
        name = f'<a href="#{attr(slug)}">{text(term.label)}</a>'
        rows.append(f'<tr><th scope="row">{name}</th>{"".join(cells)}<td class="cb-heat-total">{total}</td></tr>')
    return [
        "## Stopping points by stage { #heat-map }",
        "",
        "Rows: the control that would most likely have caught a break; columns: the stage that owns it in "
        "that case; each number counts breaks. Outlined cells are the stages the control is meant to guard.",
        "",
        '<div class="cb-table-scroll" tabindex="0" role="region" aria-label="Stopping points by stage">',
        '<table class="cb-heat-map">',
        f'<thead><tr><th scope="col">Control</th>{head}<th scope="col">Breaks</th></tr></thead>',
        f"<tbody>{''.join(rows)}</tbody>",
        "</table>",
        "</div>",
        "",
    ]


def _stop_line(stop: Stop) -> str:
    control = stop.event.stopped_by
    assert control is not None  # _stops keeps only breaks that name one
    where = f"[{esc(stop.case.organization.name)} {stop.case.year}](../cases/{stop.case.id}.md#event-{stop.event.id})"
    return f"- {where}: {esc(stop.event.title)}. *Owner: {esc(label('stages', control.owner))}.* {esc(control.reason)}"


def _control_sections(stops: dict[str, list[Stop]]) -> list[str]:
    lines: list[str] = []
    for slug, term in load_vocabulary()["controls"].terms.items():
        items = sorted(stops.get(slug, ()), key=lambda s: (s.case.id, s.event.id))
        guards = ", ".join(esc(label("stages", str(s))) for s in term.extra.get("guards", ()))
        cases = len({s.case.id for s in items})
        lines += [f"## {esc(term.label)} {{ #{slug} }}", "", esc(term.definition), "", f"*Guards:* {guards}.", ""]
        if not items:
            lines += ["No break in the corpus names this control yet.", ""]
            continue
        lines += [f"Missing in {plural(len(items), 'break')} across {plural(cases, 'case')}:", ""]
        lines += [_stop_line(stop) for stop in items[:LIST_LIMIT]]
        if len(items) > LIST_LIMIT:
            lines.append(f"- …and {len(items) - LIST_LIMIT:,} more.")
        lines.append("")
    return lines


def controls_page(corpus: Corpus) -> str:
    """``/controls/``: the heat map of stopping points, then each control with the breaks it would have caught."""
    stops = _stops(corpus)
    breaks = sum(e.kind == "break" for c in corpus.cases for e in c.chain)
    named = sum(len(items) for items in stops.values())
    lines = [
        front_matter({"hide": ["navigation", "toc"]}),  # the heat map needs the width; its rows link below
        "# Controls",
        "",
        f"Where each break could have been stopped. {plural(named, 'break')} of {breaks} in "
        f"{plural(len(corpus.cases), 'case')} name the control that would most likely have caught it, the "
        "stage that owns that control, and why. The reasons are Casebook's reading of each case's "
        "sources; where a regulator, inquiry or post-mortem said what would have helped, the case cites it.",
        "",
        *_heat_map(stops),
        *_control_sections(stops),
    ]
    return "\n".join(lines)
