"""The page for one case at ``/cases/<id>/``: the story half (facts, chain, timeline, analysis).

The timeline gives every event the HTML id ``event-{id}``: the chain graph's nodes link there,
and so may anyone citing an event. Browse links go to the browse page section of each value.

Search is Pagefind's (ADR 0008): ``render.pagefind_marks`` marks what a case page gives the index
(title, organization and aliases, summary, events, lessons) and its filters; everything else on
the page is left out of the index because it lies outside those marks.
"""

from __future__ import annotations

from collections.abc import Iterable

from casebook.countries import country_name
from casebook.model import Case, Event
from casebook.render import case_sections as sections
from casebook.render import case_voices as voices
from casebook.render import handout, pagefind_marks
from casebook.render.context import Corpus, definition, in_sentence, label, org_slug
from casebook.render.facets import FACET_BY_KEY, quadrant
from casebook.render.history import history_section, withdrawn_notice
from casebook.render.markdown import attr, esc, front_matter, link, md_attr, text
from casebook.render.pack import pack_script

DESCRIPTION_LIMIT = 300
"""Characters of the summary kept for the page's meta description."""


def browse_link(facet_key: str, value: str) -> str:
    """A Markdown link from a case page to the browse section of a value, defined in a tooltip."""
    facet = FACET_BY_KEY[facet_key]
    tip = esc(facet.definition(value)).replace('"', "&quot;")
    return f'[{esc(facet.label(value))}](../browse/{facet.slug}.md#{value} "{tip}")'


def _links(facet_key: str, values: Iterable[str]) -> str:
    return ", ".join(browse_link(facet_key, v) for v in values)


def _period(case: Case) -> str:
    return f"{case.start} to {case.end}" if case.end else f"{case.start} (ongoing)"


def facts(case: Case, corpus: Corpus) -> list[str]:
    """The lead: summary, organization, period, engagement quadrant, status, edit link."""
    org = case.organization
    aliases = f" (also {esc(', '.join(org.aliases))})" if org.aliases else ""
    name = esc(org.name)
    if corpus.organization_counts[org_slug(org.name)] > 1:
        name = f"[{name}](../organizations/{org_slug(org.name)}.md)"
    edit = corpus.settings.edit_url(case)
    status = f"{esc(label('statuses', case.status))}, last reviewed {esc(case.last_reviewed)}"
    quiet = '<span class="cb-quiet">'
    checked = voices.review_line(case)
    review = (
        []
        if checked is None
        else [f"Review\n:   {quiet}{esc(checked)}" + (" ([record](#reviews))" if case.reviews else "") + "</span>", ""]
    )
    lines = [*pagefind_marks.head_block(case, corpus.chains[case.id])]
    lines += [f'<p class="cb-lead" {pagefind_marks.BODY}>{text(" ".join(case.summary.split()))}</p>', ""]
    lines += [
        '<div class="cb-facts" markdown>',
        "",
        f"Organization\n:   {name}{aliases} · {quiet}{browse_link('sector', org.sector)} · {esc(country_name(org.country))}</span>",
        "",
        f"Regions\n:   {quiet}{_links('region', case.regions)}</span>",
        "",
        f"Became public\n:   {quiet}{browse_link('year', str(case.year))}</span>",
        "",
        f"Chain period\n:   {quiet}{esc(_period(case))}</span>",
        "",
        f"Engagement\n:   {quiet}{browse_link('quadrant', quadrant(case))}</span>",  # the label names touch and scale
        "",
        f"Status\n:   {quiet}{status}</span>",
        "",
        *review,
        "</div>",
        "",
    ]
    if edit:
        lines += [
            f'<p class="cb-edit cb-screen-only">{link("Edit this case", edit)} '
            f"(the YAML file in the repository) · <code>{text(case.id)}</code></p>",
            "",
        ]
    return lines


def _event_meta(event: Event) -> str:
    parts = [
        f'<time datetime="{attr(event.date)}">{text(event.date)}</time>',
        f'<span class="cb-kind cb-kind--{attr(event.kind)}">{text(label("event_kinds", event.kind))}</span>',
        text(label("stages", event.stage)),
    ]
    if event.failure_mode:
        mode = attr(event.failure_mode)
        parts.append(f'<a href="../../failure-modes/{mode}/">{text(label("failure_modes", event.failure_mode))}</a>')
    parts.append(
        f'<span title="{md_attr(definition("layers", event.layer))}">{text(label("layers", event.layer))}</span>'
    )
    return f'<p class="cb-event-meta" {pagefind_marks.IGNORE}>{" · ".join(parts)}</p>'


def _stopped_by(case: Case, event: Event) -> list[str]:
    """Where a break could have been stopped, linking to the control on the Controls page."""
    stop = event.stopped_by
    if stop is None:
        return []
    control = f"[{esc(label('controls', stop.control))}](../controls/index.md#{stop.control})"
    refs = f" Sources: {sections.source_refs(case, stop.sources)}" if stop.sources else ""
    owner = esc(label("stages", stop.owner)).lower()
    return [
        f'<small class="cb-stop" {pagefind_marks.IGNORE}>Could have been stopped by {control}, owned at {owner}: '
        f"{esc(stop.reason)}{refs}</small>",
        "",
    ]


def timeline(case: Case) -> list[str]:
    """Every event in file order (the order they happened), each an anchor with its sources."""
    lines = ["## Timeline { #timeline }", "", f'<div class="cb-timeline" markdown {pagefind_marks.BODY}>', ""]
    for event in case.chain:
        kind = attr(event.kind)
        after = ", ".join(f"[{esc(case.event(c).title)}](#event-{c})" for c in event.caused_by)
        refs = sections.source_refs(case, event.sources)
        after_html = f'<span class="cb-after">After: {after} · </span>' if after else ""
        lines += [
            '<div class="cb-event-item" markdown>',  # one block, so print keeps an event on one page
            "",
            f"### {esc(event.title)} {{ #event-{event.id} .cb-event .cb-event--{kind} }}",
            "",
            _event_meta(event),
            "",
            esc(event.description),
            "",
            f"<small {pagefind_marks.IGNORE}>{after_html}Sources: {refs}</small>",  # titles repeated: not searched
            "",
            *_stopped_by(case, event),
            "</div>",
            "",
        ]
    return [*lines, "</div>", ""]


def analysis(case: Case) -> list[str]:
    """Trust dimension, crisis, detection, response, outcome and verdict, then lessons."""
    a = case.analysis
    also = f"; also {_links('trust', a.trust_also)}" if a.trust_also else ""
    claimed = ""
    if a.claimed_cluster:
        claimed = f"; first framed by the organization as {esc(label('crisis_clusters', a.claimed_cluster)).lower()}"
    history = {True: "; a history of similar crises", False: "; no history of similar crises", None: ""}
    strategies = " → ".join(browse_link("response", s) for s in a.strategies)
    corrective = ", ".join(esc(in_sentence(label("corrective_actions", c))) for c in a.corrective_actions)
    refs = sections.source_refs
    lines = [
        "## Analysis { #analysis }",
        "",
        '<div class="cb-analysis" markdown>',
        "",
        f"Trust dimension\n:   {browse_link('trust', a.trust_primary)} (primary){also}. {esc(a.trust_rationale)}",
        "",
        f"Crisis\n:   {esc(label('crisis_clusters', a.crisis_cluster))} cluster, "
        f"{esc(label('crisis_types', a.crisis_type)).lower()}, {esc(label('crisis_natures', a.crisis_nature)).lower()}"
        f"{claimed}{history[a.crisis_history]}.",
        "",
        f"Detection\n:   {browse_link('detection', a.detection_channel)}: {esc(a.detection_by)} "
        f"{refs(case, a.detection_sources)}",
        "",
        f"Response\n:   {strategies}"
        + (f"; corrective action: {corrective}" if corrective else "")
        + f"; spoken for by: {esc(in_sentence(label('voices', a.voice)))} {refs(case, a.response_sources)}",
        "",
        f"Consequences\n:   {esc(', '.join(label('consequences', c) for c in a.consequences))}",
        "",
        f"Trust verdict\n:   **{browse_link('verdict', a.verdict)}**: {esc(a.verdict_justification)} "
        f"{refs(case, a.verdict_sources)}",
        "",
        "</div>",
        "",
        f'<div class="cb-lessons" markdown {pagefind_marks.BODY}>',
        "",
        "### Lessons { #lessons }",
        "",
    ]
    for lesson in a.lessons:
        events = ", ".join(f"[{esc(case.event(e).title)}](#event-{e})" for e in lesson.events)
        lines.append(f'- {esc(lesson.text)} <small class="cb-lesson-events">({events})</small>')
    return [*lines, "", "</div>", ""]


def case_page(case: Case, corpus: Corpus, chain: list[str], similar: list[tuple[str, float]]) -> str:
    """The whole page for one case.

    Args:
        case: The case.
        corpus: The corpus it belongs to (for related cases, version and settings).
        chain: Markdown lines of the chain section (graph and derived figures).
        similar: ``(case id, score)`` of similar cases, best first.
    """
    # Material prints `title` and `description` into <title> and <meta> unescaped, and without a
    # `title` it would derive one from the heading with `striptags`, which unescapes entities: a
    # case title could then close </title>. So both are given here, HTML-escaped.
    meta = {
        "title": attr(case.title),
        "description": attr(case.summary[:DESCRIPTION_LIMIT]),
        "hide": ["navigation"],
        "tags": list(case.tags),
    }
    svg = handout.chain_svg_of(chain)
    lines = [front_matter(meta), f"# {esc(case.title)}", "", *withdrawn_notice(case), *facts(case, corpus)]
    lines += [
        *handout.facilitator_links(case, corpus),
        *handout.handout_head(case, corpus, svg),
        *chain,
        *timeline(case),
    ]
    lines += [*analysis(case), *voices.reply_section(case), *voices.perspectives_section(case, corpus.chains[case.id])]
    lines += [*sections.impact_section(case), *sections.questions_section(case)]
    lines += [*sections.sources_section(case), *sections.related_section(case, corpus, similar)]
    lines += [*voices.reviews_section(case), *history_section(case, corpus), *sections.cite_section(case, corpus)]
    lines += [*handout.handout_tail(case, svg), *pack_script(case, corpus)]
    return "\n".join(lines).rstrip("\n") + "\n"
