"""Tabletop mode, ``/cases/<id>/tabletop/``: a case told to a room one event at a time.

The opening slide sets the scene (the organization, and the context events that come before the
first break); then every later event is a slide, in chain order. Each slide asks the room a
question (the event's ``prompt`` from the case file, or a default built from its stage and kind)
and keeps what the organization really did next folded away until the facilitator reveals it:
the responses and recoveries the event led to, or else the next event.

The page works without JavaScript (every slide in a column, each answer in a ``<details>``);
``assets/tabletop.js`` turns it into a deck driven by arrow keys, space and page up/down, which is
what presentation clickers send. Nothing is fetched: the page is the whole exercise.
"""

from __future__ import annotations

from casebook.model import Case, Event
from casebook.render.context import Corpus, in_sentence, label
from casebook.render.markdown import attr, esc, front_matter, text

ROLE_BY_STAGE = {
    "governance": "a board member",
    "design": "the head of product",
    "partners": "the manager responsible for partners and suppliers",
    "marketing": "the marketing director",
    "sales": "the head of sales",
    "onboarding": "the product manager for sign-up and accounts",
    "delivery": "the head of operations",
    "product_use": "the product owner",
    "support": "the head of customer support",
    "incident_response": "the incident lead",
    "public_response": "the head of communications",
    "retention_exit": "the head of customer retention",
}
"""Who the room plays at each stage, for the default prompts."""

_ASK_BY_KIND = {
    "context": "What risk for customers do you see here, and who should hear about it?",
    "break": "This has just happened. What do you do now, and who needs to know?",
    "amplifier": "The story is spreading. What do you say, to whom, and how fast?",
    "response": "This is the organization's answer. How will customers read it, and what would you have done?",
    "recovery": "Is this enough to win back trust? What is still missing?",
}


def default_prompt(case: Case, event: Event) -> str:
    """A question for the room built from the event's stage and kind (the case file may give its own)."""
    role = ROLE_BY_STAGE.get(event.stage, f"responsible for {in_sentence(label('stages', event.stage))}")
    return f"You are {role} at {case.organization.name}. {_ASK_BY_KIND[event.kind]}"


def prompt_for(case: Case, event: Event) -> str:
    """The event's own prompt (``prompt`` in the case file), or the default one."""
    return event.prompt or default_prompt(case, event)


def _event_block(event: Event, heading: str = "h2") -> list[str]:
    meta = " · ".join([text(event.date), text(label("event_kinds", event.kind)), text(label("stages", event.stage))])
    return [
        f'<p class="cb-tt-meta">{meta}</p>',
        f'<{heading} class="cb-tt-title">{text(event.title)}</{heading}>',
        f'<p class="cb-tt-text">{text(event.description)}</p>',
    ]


def _answers(case: Case, order: list[str], position: int) -> tuple[str, list[Event]]:
    """What really happened after the event at ``position``: its responses, else the next event."""
    ident = order[position]
    later = [case.event(e) for e in order[position + 1 :]]
    replies = [e for e in later if ident in e.caused_by and e.kind in ("response", "recovery")]
    if replies:
        return f"What {case.organization.name} did", replies
    return ("What happened next", later[:1]) if later else ("How it ended", [])


def _slide(number: int, total: int, body: list[str], prompt: str, answer: tuple[str, list[Event]]) -> list[str]:
    title, events = answer
    lines = [
        f'<section class="cb-tt-slide" id="step-{number}" data-step="{number}" aria-label="Step {number} of {total}">',
        f'<p class="cb-tt-count">Step {number} of {total}</p>',
        *body,
        f'<p class="cb-tt-prompt"><span class="cb-tt-ask">For the room:</span> {text(prompt)}</p>',
        '<details class="cb-tt-reveal">',
        f"<summary>{text(title)}</summary>",
    ]
    for event in events:
        lines += ['<div class="cb-tt-answer">', *_event_block(event, "h3"), "</div>"]
    if not events:
        lines.append(
            '<p class="cb-tt-text">This is the last event of the chain: see the case page for the analysis.</p>'
        )
    return [*lines, "</details>", "</section>"]


def tabletop_page(case: Case, corpus: Corpus) -> str:
    """The tabletop page of one case."""
    chain = corpus.chains[case.id]
    order = list(chain.order)
    start = order.index(chain.first_break)
    before = [case.event(e) for e in order[:start] if case.event(e).kind == "context"]
    steps = order[start:]
    total = len(steps) + 1
    org = case.organization
    scene = [
        '<p class="cb-tt-meta">The scene</p>',
        f'<h2 class="cb-tt-title">{text(org.name)}, {text(case.start)}</h2>',
        f'<p class="cb-tt-text">Sector: {text(label("sectors", org.sector))}. '
        f"Engagement: {text(in_sentence(label('engagement_levels', case.touch)))} touch, "
        f"{text(in_sentence(label('engagement_levels', case.scale)))} scale.</p>",
    ]
    for event in before:
        scene += ['<div class="cb-tt-context">', *_event_block(event, "h3"), "</div>"]
    first = case.event(steps[0])
    opening_prompt = f"You work at {org.name}. What could go wrong for its customers from here, and where in the chain?"
    lines = [
        front_matter(
            {"title": attr(f"Tabletop: {case.title}"), "hide": ["navigation", "toc"], "search": {"exclude": True}}
        ),
        f"# Tabletop: {esc(org.name)}",
        "",
        '<p class="cb-tt-intro cb-screen-only"><a href="../">Back to the case page</a> · '
        "Keys: → or space for the next reveal or step, ← to go back, F for full screen. "
        "A presentation clicker works too.</p>",
        "",
        f'<div class="cb-tabletop" data-case="{attr(case.id)}" tabindex="-1">',
        *_slide(1, total, scene, opening_prompt, ("What happened first", [first])),
    ]
    for i, ident in enumerate(steps):
        event = case.event(ident)
        position = start + i
        lines += _slide(i + 2, total, _event_block(event), prompt_for(case, event), _answers(case, order, position))
    lines += [
        '<nav class="cb-tt-controls" aria-label="Tabletop controls" hidden>',
        '<button type="button" class="md-button" data-tt="prev">← Back</button>',
        '<button type="button" class="md-button md-button--primary" data-tt="next">Reveal</button>',
        '<button type="button" class="md-button" data-tt="full">Full screen</button>',
        "</nav>",
        "</div>",
        "",
    ]
    return "\n".join(lines)


def tabletop_path(case: Case) -> str:
    """The docs-relative path of a case's tabletop page."""
    return f"cases/{case.id}/tabletop.md"


def tabletop_pages(corpus: Corpus) -> dict[str, str]:
    """Every case's tabletop page, by docs-relative path."""
    return {tabletop_path(case): tabletop_page(case, corpus) for case in corpus.cases}
