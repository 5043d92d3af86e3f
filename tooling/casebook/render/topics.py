"""Pages about one thing across cases: each failure mode, and each organization with several cases.

A failure-mode page (``/failure-modes/<slug>/``) is to the vocabulary what an ATT&CK technique page
is to its matrix: the definition, the rule for when to use it, every case that shows it, where in
the chain it occurs (stage, kind of event, first break or not) and the lessons those cases teach.
An organization page (``/organizations/<slug>/``) puts an organization's cases side by side.
Lists are bounded (``LIMIT``) so that a page stays the same size in a very large corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from casebook.model import Case
from casebook.render.browse import case_line
from casebook.render.context import Corpus, definition, label, org_slug
from casebook.render.markdown import attr, esc, front_matter, plural, table
from casebook.vocabulary import load_vocabulary, natural_stages, stage_order

LIMIT = 100
"""Cases listed on one topic page; the rest are counted and left to the filter."""

LESSONS = 30
"""Lessons quoted on one failure-mode page."""

_NOT_SEARCHED = {"search": {"exclude": True}}


def organizations(corpus: Corpus) -> dict[str, list[Case]]:
    """Organizations with more than one case, by slug; cases newest first."""
    groups: dict[str, list[Case]] = {}
    for case in corpus.newest_first():
        groups.setdefault(org_slug(case.organization.name), []).append(case)
    return {slug: cases for slug, cases in sorted(groups.items()) if len(cases) > 1}


def _bounded(lines: list[str], more_link: str) -> list[str]:
    if len(lines) <= LIMIT:
        return lines
    return [*lines[:LIMIT], "", f"…and {len(lines) - LIMIT:,} more on the [filter page]({more_link})."]


def failure_mode_page(mode: str, corpus: Corpus) -> str:
    """One failure mode: definition, decision rule, where it occurs, its cases and their lessons."""
    events = [(case, e) for case in corpus.newest_first() for e in case.chain if e.failure_mode == mode]
    cases = list(dict.fromkeys(case.id for case, _ in events))
    by_id = corpus.by_id
    home = natural_stages(mode)
    home_names = " or ".join(esc(label("stages", s)) for s in home)
    stage_counts = Counter(e.stage for _, e in events)
    kind_counts = Counter(e.kind for _, e in events)
    first = sum(1 for ident in cases if by_id[ident].event(corpus.chains[ident].first_break).failure_mode == mode)
    on_path = sum(1 for case, e in events if e.id in corpus.chains[case.id].critical_path)
    lines = [
        front_matter({**_NOT_SEARCHED, "title": attr(label("failure_modes", mode)), "hide": ["navigation"]}),
        f"# {esc(label('failure_modes', mode))}",
        "",
        f"**Definition.** {esc(definition('failure_modes', mode))}",
        "",
        f"**When to use it.** Give this failure mode to a break or an amplifier whose failure is this one. "
        f"It belongs at the {home_names} stage; at any other stage the validator warns "
        "([C502](../reference/diagnostics.md#c502)), so the event's description should say why it sits there. "
        "Context, response and recovery events carry no failure mode.",
        "",
        "## Where in the chain it occurs",
        "",
    ]
    if not events:
        lines += ["No case shows this failure mode yet.", ""]
    else:
        lines += [
            f"{plural(len(events), 'event')} in {plural(len(cases), 'case')}: "
            f"{kind_counts.get('break', 0)} as a break, {kind_counts.get('amplifier', 0)} as an amplifier; "
            f"the first break of {plural(first, 'case')}; {plural(on_path, 'event')} on the critical path.",
            "",
            table(
                ["Stage", "Events"],
                [[esc(label("stages", s)), str(stage_counts[s])] for s in stage_order() if stage_counts[s]],
            ),
        ]
    lines += ["## Cases", ""]
    lines += _bounded([case_line(by_id[ident], prefix="../cases/") for ident in cases], "../filter/index.md")
    lessons = []
    for case, event in events:
        for lesson in case.analysis.lessons:
            if event.id in lesson.events:
                item = f"- {esc(lesson.text)} ([{esc(case.organization.name)}, {case.year}](../cases/{case.id}.md))"
                if item not in lessons:
                    lessons.append(item)
    lines += ["", "## Lessons these cases teach", "", *(lessons[:LESSONS] or ["None tied to these events yet."]), ""]
    return "\n".join(lines)


def _shared(cases: Sequence[Case], values: Sequence[Sequence[str]], list_name: str) -> str:
    counts = Counter(v for vs in values for v in dict.fromkeys(vs))
    common = [v for v, n in counts.most_common() if n > 1]
    if not common:
        return "none in more than one case"
    return ", ".join(f"{esc(label(list_name, v))} ({counts[v]} of {len(cases)})" for v in common)


def organization_page(slug: str, cases: list[Case], corpus: Corpus) -> str:
    """One organization's cases side by side, with what recurs across them."""
    org = cases[0].organization
    aliases = sorted({a for c in cases for a in c.organization.aliases})
    breaks = [[e.stage for e in c.chain if e.kind == "break"] for c in cases]
    modes = [[e.failure_mode for e in c.chain if e.failure_mode] for c in cases]
    rows = []
    for case in cases:
        chain = corpus.chains[case.id]
        first = case.event(chain.first_break)
        rows.append(
            [
                f"[{esc(case.title)}](../cases/{case.id}.md)",
                str(case.year),
                esc(label("stages", first.stage)),
                esc(label("trust_verdicts", case.analysis.verdict)),
            ]
        )
    lines = [
        # Material prints `title` into <title> unescaped (see case_page): escape it here.
        front_matter({**_NOT_SEARCHED, "title": attr(org.name), "hide": ["navigation"]}),
        f"# {esc(org.name)}",
        "",
        f"{plural(len(cases), 'case')} · {esc(label('sectors', org.sector))}"
        + (f" · also known as {esc(', '.join(aliases))}" if aliases else ""),
        "",
        '<div class="cb-case-table" markdown>',
        "",
        table(["Case", "Year", "First break", "Trust verdict"], rows),
        "</div>",
        "",
        "## What recurs",
        "",
        f"Stages where its chains broke: {_shared(cases, breaks, 'stages')}.",
        "",
        f"Failure modes: {_shared(cases, modes, 'failure_modes')}.",
        "",
        "## Lessons",
        "",
    ]
    for case in cases:
        lines += [f"From [{esc(case.title)}](../cases/{case.id}.md):", ""]
        lines += [f"- {esc(lesson.text)}" for lesson in case.analysis.lessons]
        lines.append("")
    return "\n".join(lines)


def topic_pages(corpus: Corpus) -> dict[str, str]:
    """Every failure-mode page and organization page, with their two index pages."""
    pages: dict[str, str] = {}
    modes = load_vocabulary()["failure_modes"].slugs
    counts = Counter(e.failure_mode for c in corpus.cases for e in c.chain if e.failure_mode)
    index = [
        front_matter({**_NOT_SEARCHED, "hide": ["navigation"]}),
        "# Failure modes",
        "",
        "How a link of the customer chain failed: each mode with its definition, when to use it, the cases "
        "that show it, where in the chain it occurs and the lessons they teach.",
        "",
        table(
            ["Failure mode", "Home stage", "Events"],
            [
                [
                    f"[{esc(label('failure_modes', m))}]({m}.md)",
                    esc(", ".join(label("stages", s) for s in natural_stages(m))),
                    str(counts[m]),
                ]
                for m in modes
            ],
        ),
    ]
    pages["failure-modes/index.md"] = "\n".join(index)
    for mode in modes:
        pages[f"failure-modes/{mode}.md"] = failure_mode_page(mode, corpus)
    groups = organizations(corpus)
    org_index = [
        front_matter({**_NOT_SEARCHED, "hide": ["navigation"]}),
        "# Organizations",
        "",
        "Organizations with more than one case, so that their failures can be read side by side.",
        "",
        *(
            [f"- [{esc(cases[0].organization.name)}]({slug}.md) ({len(cases)} cases)" for slug, cases in groups.items()]
            or ["No organization has more than one case yet."]
        ),
        "",
    ]
    pages["organizations/index.md"] = "\n".join(org_index)
    for slug, cases in groups.items():
        pages[f"organizations/{slug}.md"] = organization_page(slug, cases, corpus)
    return pages
