"""Markdown for case pages and the case index."""

from __future__ import annotations

from collections.abc import Sequence

from casebook.model import Case
from casebook.render.markdown import attr, esc, safe_url
from casebook.vocabulary import load_vocabulary


def _label(list_name: str, slug: str) -> str:
    return load_vocabulary()[list_name].terms[slug].label


def case_page(case: Case) -> str:
    """The page for one case at ``/cases/<id>/``."""
    lines = [
        f"# {esc(case.title)}",
        "",
        f"{esc(case.summary)}",
        "",
        f"**Organization:** {esc(case.organization.name)} · **Sector:** {esc(_label('sectors', case.organization.sector))} · "
        f"**Period:** {case.start}{f' to {case.end}' if case.end else ''}",
        "",
        "## Chain of events",
        "",
    ]
    for event in case.chain:
        mode = f" · {esc(_label('failure_modes', event.failure_mode))}" if event.failure_mode else ""
        lines.append(
            f'<h3 id="event-{attr(event.id)}">{esc(event.date)}: {esc(event.title)}</h3>\n\n'
            f"*{esc(_label('stages', event.stage))} · {esc(event.kind)}{mode}*\n\n{esc(event.description)}\n"
        )
    lines += ["## Sources", ""]
    for source in case.sources:
        href = safe_url(source.url)
        title = f'<a href="{href}">{esc(source.title)}</a>' if href else esc(source.title)
        lines.append(f'1. <span id="source-{attr(source.id)}"></span>{title}, {esc(source.publisher)}')
    return "\n".join(lines) + "\n"


def case_index(cases: Sequence[Case]) -> str:
    """The list of all cases, newest first."""
    lines = ["# Cases", "", f"{len(cases)} cases, newest first.", ""]
    for case in sorted(cases, key=lambda c: (-c.year, c.id)):
        lines.append(f"- [{esc(case.title)}]({case.id}.md) ({case.year}, {esc(case.organization.name)})")
    return "\n".join(lines) + "\n"
