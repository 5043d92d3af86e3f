"""The other voices on a case page (issue 18): the organization's own words, perspectives, reviews.

- "In the organization's own words": a labelled box with each statement (date, kind, summary,
  the few quoted words, its sources), or the sentence saying what was searched when none was found.
- "Perspectives": the main analysis and each perspective side by side, and the buttons that show
  one reading at a time on the chain graph (``graph.perspective_marks``; ``casebook.js``). The
  buttons are ``hidden`` until the script shows them, so without it the graph shows every reading.
- The review record: one line in the facts, the reviews themselves in a section of their own.

All of it is raw HTML blocks, so case text goes through ``text``/``attr`` (``source_refs`` gives
references that are safe anywhere); headings are Markdown, so they reach the table of contents.
"""

from __future__ import annotations

from casebook.graph import ChainAnalysis
from casebook.graph.perspective_marks import MAIN, view_id
from casebook.model import Case, Perspective, Weighting
from casebook.render.case_sections import source_refs
from casebook.render.context import label
from casebook.render.markdown import attr, plural, text


def _event(case: Case, ident: str) -> str:
    return f'<a href="#event-{attr(ident)}">{text(case.event(ident).title)}</a>'


def _stage(stage: str) -> str:
    return text(label("stages", stage).lower())


def _time(value: object) -> str:
    return f'<time datetime="{attr(value)}">{text(value)}</time>'


def reply_section(case: Case) -> list[str]:
    """The labelled box of the organization's own statements, or what was searched for them."""
    head = ["## In the organization's own words { #reply .cb-reply-title }", ""]
    box = '<div class="cb-reply" role="region" aria-labelledby="reply">'
    org = text(case.organization.name)
    reply = case.reply
    if reply is None:
        return [*head, box, f"<p>This case does not yet record what {org} itself said.</p>", "</div>", ""]
    if not reply.statements:
        found = f"<p>No statement by {org} on this was found. Searched: {text(reply.none_found)}</p>"
        return [*head, box, found, "</div>", ""]
    items = []
    for statement in reply.statements:
        quote = f" <q>{text(statement.quote)}</q>" if statement.quote else ""
        items.append(
            f'<li>{_time(statement.date)} · <span class="cb-statement-kind">'
            f"{text(label('statement_kinds', statement.kind))}</span>: {text(statement.summary)}{quote} "
            f"{source_refs(case, statement.sources)}</li>"
        )
    intro = f"<p>What {org} said, in its own statements; summarized in our words, quoted only where the words are the fact.</p>"
    return [*head, box, intro, '<ol class="cb-statements">', *items, "</ol>", "</div>", ""]


def _weighing(case: Case, weighing: Weighting) -> str:
    event = case.event(weighing.event)
    changes = []
    if weighing.failure_mode and weighing.failure_mode != event.failure_mode:
        main = label("failure_modes", event.failure_mode).lower() if event.failure_mode else "none"
        changes.append(
            f"failure mode {text(label('failure_modes', weighing.failure_mode).lower())} (main: {text(main)})"
        )
    if weighing.layer and weighing.layer != event.layer:
        changes.append(
            f"{text(label('layers', weighing.layer).lower())} (main: {text(label('layers', event.layer).lower())})"
        )
    said = f' <span class="cb-weighs-change">{"; ".join(changes)}</span>:' if changes else ":"
    return f"<li>{_event(case, weighing.event)}{said} {text(weighing.note)}</li>"


def _first_break(case: Case, perspective: Perspective, chain: ChainAnalysis) -> str:
    where = f"{_event(case, perspective.first_break_event)}, at the {_stage(perspective.first_break_stage)} stage"
    if perspective.first_break_stage != chain.first_break_stage:
        return f'{where} <strong class="cb-differs">(main analysis: {_stage(chain.first_break_stage)})</strong>'
    if perspective.first_break_event != chain.first_break:
        return f'{where} <strong class="cb-differs">(main analysis: {_event(case, chain.first_break)})</strong>'
    return f"{where} (as the main analysis)"


def _card(case: Case, number: int, perspective: Perspective, chain: ChainAnalysis) -> list[str]:
    rows = [("By", text(perspective.by))]
    if perspective.affiliation:
        rows.append(("Affiliation", text(perspective.affiliation)))
    coi = perspective.conflict_of_interest
    rows.append(("Conflict of interest", text(coi) if coi else "not stated"))
    rows.append(("First break", _first_break(case, perspective, chain)))
    if perspective.weighs:
        rows.append(("Weighs differently", "<ul>" + "".join(_weighing(case, w) for w in perspective.weighs) + "</ul>"))
    main_verdict = case.analysis.verdict
    verdict = perspective.verdict or main_verdict
    shown = text(label("trust_verdicts", verdict))
    if verdict != main_verdict:
        shown += f' <strong class="cb-differs">(main analysis: {text(label("trust_verdicts", main_verdict).lower())})</strong>'
    rows += [("Verdict", shown), ("Argument", text(perspective.argument))]
    rows.append(("Sources", source_refs(case, perspective.sources)))
    ident = attr(f"perspective-{perspective.id}")
    return [
        f'<section class="cb-reading" id="{ident}" data-view="{attr(view_id(perspective.id))}" aria-labelledby="{ident}-title">',
        f'<h3 id="{ident}-title">Perspective {number}</h3>',
        "<dl>" + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows) + "</dl>",
        "</section>",
    ]


def _main_card(case: Case, chain: ChainAnalysis) -> list[str]:
    first = f"{_event(case, chain.first_break)}, at the {_stage(chain.first_break_stage)} stage"
    verdict = text(label("trust_verdicts", case.analysis.verdict))
    rows = [
        ("By", "this case's authors: the chain, timeline and analysis above"),
        ("First break", first),
        ("Verdict", f"{verdict}: {text(case.analysis.verdict_justification)}"),
    ]
    return [
        f'<section class="cb-reading cb-reading--main" id="reading-main" data-view="{MAIN}" aria-labelledby="reading-main-title">',
        '<h3 id="reading-main-title">Main analysis</h3>',
        "<dl>" + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows) + "</dl>",
        "</section>",
    ]


def perspectives_section(case: Case, chain: ChainAnalysis) -> list[str]:
    """The main analysis and each perspective side by side; nothing for a case without perspectives."""
    if not case.perspectives:
        return []
    cards = _main_card(case, chain)
    for number, perspective in enumerate(case.perspectives, start=1):
        cards += _card(case, number, perspective, chain)
    intro = (
        "<p>Other analysts' readings of where this chain broke, each summarized in our words from its "
        "published source, beside the main analysis. On the graph above, the buttons show one reading at a "
        "time: a solid ring marks its first break, a dashed ring an event it weighs differently.</p>"
    )
    return ["## Perspectives { #perspectives }", "", intro, "", '<div class="cb-readings">', *cards, "</div>", ""]


def view_buttons(case: Case) -> list[str]:
    """The toggle above the graph: all readings, the main analysis, each perspective (hidden without a script)."""
    if not case.perspectives:
        return []
    views = [("all", "All readings"), (MAIN, "Main analysis")]
    views += [(view_id(p.id), f"{n}: {p.by}") for n, p in enumerate(case.perspectives, start=1)]
    buttons = "".join(
        f'<button type="button" class="cb-view-button" data-view="{attr(view)}" '
        f'aria-pressed="{"true" if view == "all" else "false"}">{text(name)}</button>'
        for view, name in views
    )
    return [f'<div class="cb-views" role="group" aria-label="Show a reading on the graph" hidden>{buttons}</div>']


def review_line(case: Case) -> str | None:
    """ "Checked by 2 reviewers; 14 claims re-read against sources on 2026-05-01", or None."""
    if not case.reviews:
        return "no review recorded" if case.status == "reviewed" else None
    people = len({r.by for r in case.reviews})
    claims = sum(r.claims_checked for r in case.reviews)
    corrected = sum(r.corrections for r in case.reviews)
    dates = sorted({str(r.date) for r in case.reviews})
    when = f"on {dates[0]}" if len(dates) == 1 else f"from {dates[0]} to {dates[-1]}"
    return (
        f"Checked by {plural(people, 'reviewer')}; {plural(claims, 'claim')} re-read against sources {when}, "
        f"{plural(corrected, 'correction')}"
    )


def reviews_section(case: Case) -> list[str]:
    """Each review: who, when, what was checked, how many claims and corrections."""
    if not case.reviews:
        return []
    rows = "".join(
        f"<tr><td>{text(r.by)}</td><td>{_time(r.date)}</td><td>{text(r.scope)}</td>"
        f"<td>{r.claims_checked}</td><td>{r.corrections}</td></tr>"
        for r in case.reviews
    )
    return [
        "## Review record { #reviews }",
        "",
        f"<p>{text(review_line(case))}.</p>",
        "",
        '<table class="cb-reviews"><thead><tr><th>Reviewer</th><th>Date</th><th>What was checked</th>'
        f"<th>Claims checked</th><th>Corrections</th></tr></thead><tbody>{rows}</tbody></table>",
        "",
    ]
