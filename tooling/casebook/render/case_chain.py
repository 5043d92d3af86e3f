"""The chain section of a case page: the swim-lane graph and what the chain shows.

The SVG comes from ``casebook.graph`` (self-contained, escaped, nodes linking to ``#event-{id}``);
the figures under it are the derived analysis, computed from the events and never typed in a
case. Partial dates give ranges, and the page says so instead of printing a false exact count.
"""

from __future__ import annotations

import re
from typing import Any

from casebook.graph import ChainAnalysis, render_chain_svg
from casebook.graph.analysis import DayCount
from casebook.model import Case
from casebook.render.case_voices import view_buttons
from casebook.render.context import Corpus, label
from casebook.render.markdown import esc, plural
from casebook.vocabulary import stage_order
from casebook.voices import disputed_stages, has_reply

_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) [0-9.]+"')

DERIVED_FIELDS: list[tuple[str, str]] = [
    ("events", "Number of events in the chain."),
    ("order", "Event ids in chain order: causes before effects, then date, then file order."),
    ("first_break", "The first event of kind break in chain order, with its stage."),
    ("root_causes", "Breaks with no other break among their causes, direct or indirect."),
    ("latent / active", "Event ids by layer (Reason's latent conditions and active failures)."),
    (
        "break_path",
        "The failure itself: the longest run of breaks and amplifiers, each caused by the one before, from a break "
        "no failure caused to the failure the most failures led up to (ties: the one with more consequences, then "
        "the earlier). Responses, recoveries and context are never on it.",
    ),
    (
        "felt_by_customers",
        "The first active break or amplifier on the break path (else in chain order): where customers felt it.",
    ),
    ("first_break_stage", "The stage of the first break: where the chain first broke."),
    ("break_stages", "Stages with at least one break, in stage order (broke at, as against touched)."),
    ("main_failure_mode", "The failure mode most of its breaks share (ties: the earliest in chain order)."),
    (
        "first_response",
        "The first response after the first break (a response event, or any non-context event at the public "
        "response stage), with days_after_first_break: days (midpoint), exact, min and max.",
    ),
    ("first_recovery", "The first recovery event after the first break, with days_after_first_break."),
    ("stages_touched", "Stages with at least one event, in chain order."),
    ("stage_crossings", "caused_by links whose two events sit at different stages."),
    ("transitions", "Those crossings counted per pair of stages (from, to, count)."),
    (
        "similar",
        "The five cases most like it, best first: id, score (cosine of chain-shape tokens, sector, tags and "
        "event words with fixed weights, 0 to 1; it depends on the two cases only) and reasons. Curated related "
        "links are not an input.",
    ),
    ("disputed", "True when some perspective puts the first break at another stage than first_break's."),
    ("disputed_stages", "Those other first-break stages, in the order the perspectives give them."),
    ("has_reply", "True when the case shows statements by the organization itself (reply.statements)."),
]
"""What ``derived`` in cases.json holds (documented on the Data page)."""


DERIVED_DEFINITIONS: list[tuple[str, str]] = [
    (
        "Year",
        "The year the failure became public: the year in the case id. It orders the case list and files the "
        "case under browse by year; period.start is when its chain began, which may be years earlier.",
    ),
    ("Chain order", "Causes before effects, then the earliest day a date may mean, then file order."),
    ("First break", "The first event of kind break in chain order. First broke at: its stage."),
    (
        "Broke at",
        "Every stage with at least one event of kind break. Amplifiers, responses, recoveries and context do not "
        "count: a stage that only answered the failure did not break.",
    ),
    ("Stages touched", "Every stage with at least one event of any kind. Touched is not broke at."),
    (
        "Break path",
        "The failure itself, drawn bold on the graph: the longest run of breaks and amplifiers, each caused "
        "directly by the one before, starting at a break that no break or amplifier caused. Its last event is "
        "taken as the most consequential failure, the one the most failures led up to; on a tie, the run whose "
        "last failure caused more events wins, then the run whose events come first. Responses, recoveries and "
        "context are never on it.",
    ),
    (
        "Customers felt it",
        "The first active-layer break or amplifier on the break path (the sharp end, where customers meet the "
        "organization); if the path is all latent, the first active failure in chain order.",
    ),
    ("Main failure mode", "The failure mode most of its breaks share; on a tie, the one that comes first."),
    (
        "Similar cases",
        "The five cases whose chains are most alike: cosine similarity of their tokens (first-break stage, break "
        "stages, failure modes, stage and failure-mode transitions, detection, crisis type, response, corrective "
        "action, consequences, verdict, sector, tags, and the words of the summary, events and lessons). Every "
        "token weighs 1 except sector and tags, which weigh 3; the weights are fixed, so a pair's score and "
        "reasons depend on those two cases alone, never on the rest of the corpus. The reasons beside each are "
        "the weightiest shared tokens, words last. Curated related links are not used.",
    ),
    (
        "Graph axis",
        "Left to right is sequence, not a time scale: an event stands right of its causes and never left of an "
        "event that certainly happened before it; each column prints the dates of its events.",
    ),
]
"""Definitions of the derived analysis, printed on the Case format page (``#derived``)."""


RINGS = (
    " Rings mark where each reading puts the first break (solid) and the events it weighs differently "
    '(dashed), tagged "main" or with the number of the <a href="#perspectives">perspective</a>.'
)


def derived_json(case: Case, chain: ChainAnalysis) -> dict[str, Any]:
    """``derived`` of a case in cases.json: the chain analysis, and whether analysts disagree."""
    stages = disputed_stages(case, chain)
    return {**chain.to_json(), "disputed": bool(stages), "disputed_stages": list(stages), "has_reply": has_reply(case)}


def inline_svg(svg: str) -> str:
    """Adapt an SVG from ``casebook.graph`` to sit inside a Material page.

    Its links become ``xlink:href``: Material's instant navigation assigns ``el.href = el.href``
    to every ``[href]`` element of a page, which throws on SVG links (their ``href`` is
    read-only) and stops the loop; ``[href]`` does not match the XLink attribute, which every
    browser still follows.
    """
    return svg.strip("\n").replace("<a href=", "<a xlink:href=")


def natural_width(svg: str) -> int:
    """The drawing's width in CSS pixels, from its viewBox; the page keeps it from shrinking too far."""
    found = _VIEWBOX.search(svg)
    return round(float(found.group(1))) if found else 800


def _event_link(case: Case, ident: str) -> str:
    return f"[{esc(case.event(ident).title)}](#event-{ident})"


def _days(days: DayCount | None, case: Case, ident: str | None) -> str:
    if days is None or ident is None:
        return "none in the chain"
    if days.exact:
        count = plural(days.value, "day")
    else:
        count = (
            f"about {plural(days.value, 'day')} ({days.low} to {days.high}: a date is known only to the month or year)"
        )
    return f"{esc(count)}, to {_event_link(case, ident)}"


def glance(case: Case, chain: ChainAnalysis) -> list[str]:
    """The derived figures as a definition list."""
    first = case.event(chain.first_break)
    roots = ", ".join(_event_link(case, r) for r in chain.root_causes)
    path = " → ".join(_event_link(case, e) for e in chain.break_path)
    felt = _event_link(case, chain.felt) if chain.felt else "no active failure recorded"
    broke = ", ".join(esc(label("stages", s)) for s in chain.break_stages)
    stages = ", ".join(esc(label("stages", s)) for s in chain.stages_touched)
    layers = f"{len(chain.latent)} latent, {len(chain.active)} active"
    return [
        '<div class="cb-glance cb-screen-only" markdown>',  # repeats event titles
        "",
        f"First break\n:   {_event_link(case, first.id)}, at the {esc(label('stages', first.stage)).lower()} stage "
        f"({esc(first.date)})",
        "",
        f"Days to first response\n:   {_days(chain.days_to_first_response, case, chain.first_response)}",
        "",
        f"Days to first recovery\n:   {_days(chain.days_to_first_recovery, case, chain.first_recovery)}",
        "",
        f"Root causes\n:   {roots}",
        "",
        f"Break path\n:   {path}",
        "",
        f"Customers felt it\n:   {felt}",
        "",
        f"Broke at\n:   {broke}",
        "",
        f"Stages touched\n:   {len(chain.stages_touched)} of {len(stage_order())}: {stages}; {plural(chain.stage_crossings, 'crossing')} "
        "between stages",
        "",
        f"Chain length\n:   {plural(len(chain.order), 'event')} ({layers})",
        "",
        "</div>",
        "",
    ]


def chain_section(case: Case, corpus: Corpus) -> list[str]:
    """The graph (left out of search: its text repeats the timeline) and the derived figures."""
    svg = inline_svg(render_chain_svg(case))
    return [
        "## Failure chain { #chain }",
        "",
        # On a phone the timeline reads better than a graph that scrolls sideways: offer it first.
        '<p class="cb-phone-only cb-timeline-first"><a href="#timeline">Read the chain as a '
        f"timeline</a> ({plural(len(case.chain), 'event')}, easier on a small screen), or scroll the graph below "
        "sideways.</p>",
        "",
        f'<figure class="cb-graph cb-graph--chain" data-events="{len(case.chain)}">',
        # Shown by the script, which also counts the events out of view (STYLE B9: nothing important
        # off-canvas without a cue). Without the script the graph still scrolls, with a shadowed edge.
        '<div class="cb-graph-tools" hidden>'
        '<p class="cb-graph-cue" role="status" aria-live="polite"></p>'
        '<button type="button" class="md-button cb-graph-size" aria-pressed="false">Full size</button>'
        '<button type="button" class="md-button cb-graph-fullscreen">Full screen</button>'
        "</div>",
        *view_buttons(case),
        # Focusable, so that keyboard users can scroll a graph wider than the screen.
        f'<div class="cb-graph-scroll" style="--cb-graph-w: {natural_width(svg)}px" tabindex="0" role="region" '
        'aria-label="Failure chain graph">',
        svg,
        "</div>",
        "<figcaption>One lane per stage of the customer chain. Left to right is sequence, not a time scale: "
        "causes stand left of their effects, and each column shows its dates. Each arrow runs from a cause to what it led to; "
        "the bold line is the break path, which runs from the root cause through the linked breaks and amplifiers "
        "to the failure the most failures led up to. Tags mark the first break and where customers felt it. "
        f"Select an event to read it in the timeline.{RINGS if case.perspectives else ''}</figcaption>",
        "</figure>",
        "",
        *glance(case, corpus.chains[case.id]),
    ]


def derived(case: Case, corpus: Corpus) -> dict[str, Any]:
    """The ``derived`` object of a case in cases.json: its chain analysis, dissent and similar cases."""
    data = derived_json(case, corpus.chains[case.id])
    data["first_break_stage"] = corpus.chains[case.id].first_break_stage
    data["similar"] = [s.to_json() for s in corpus.suggestions.get(case.id, [])]
    return data
