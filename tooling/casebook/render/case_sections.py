"""The evidence half of a case page: impact figures, sources, related cases and the cite box.

Every piece of case text goes through ``esc`` (Markdown) or ``text``/``attr`` (raw HTML blocks);
links leave the site only when they are http(s).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from casebook.model import Case, Figure
from casebook.render import citations
from casebook.render.context import Corpus, label
from casebook.render.markdown import attr, esc, is_web_url, link, md_attr, table, text

_CURRENCY = re.compile(r"^([A-Z]{3})\b(.*)$")


def source_refs(case: Case, ids: Iterable[str]) -> str:
    """Numbered links to entries of the Sources list, with the source's title as a tooltip."""
    numbers = {s.id: i for i, s in enumerate(case.sources, start=1)}
    refs = []
    for ident in ids:
        source = case.source(ident)
        tip = md_attr(f"{source.title} ({source.publisher})")
        refs.append(f'<a class="cb-ref" href="#source-{md_attr(ident)}" title="{tip}">[{numbers[ident]}]</a>')
    return "".join(refs)


_QUALIFIER = re.compile(r"^(.*?)\s*\((more than|at least|up to|about|approximate|approximately)\)$")
_QUALIFIER_WORDS = {"approximate": "about", "approximately": "about"}


def format_value(figure: Figure) -> str:
    """``USD 1,200,000``, ``2,500 vehicles``, ``12.5 percent``, ``more than USD 2,500,000,000`` (plain text).

    A unit may end in a bound in brackets (``USD (more than)``, ``people (at least)``); it is read out
    before the figure, as a person would say it, instead of trailing it as a raw value.
    """
    number = f"{figure.value:,.0f}" if figure.value.is_integer() else f"{figure.value:,}"
    unit, bound = figure.unit, ""
    qualified = _QUALIFIER.match(unit)
    if qualified:
        unit = qualified.group(1)
        bound = _QUALIFIER_WORDS.get(qualified.group(2), qualified.group(2)) + " "
    currency = _CURRENCY.match(unit)
    if currency:
        return f"{bound}{currency.group(1)} {number}{currency.group(2)}"
    return f"{bound}{number} {unit}".rstrip()


def impact_section(case: Case) -> list[str]:
    """Measured figures with their sources, and a note where sources disagree."""
    if not case.impact:
        return []
    rows = []
    for figure in case.impact:
        note = f"<br><small>{esc(figure.note)}</small>" if figure.note else ""
        rows.append(
            [
                esc(figure.metric) + note,
                esc(format_value(figure)),
                esc(figure.as_of),
                source_refs(case, [figure.source]),
            ]
        )
    # Printed in the handout too.
    return [
        '<div class="cb-impact" markdown>',
        "",
        "## Impact { #impact }",
        "",
        table(["Figure", "Value", "As of", "Source"], rows),
        "</div>",
        "",
    ]


def questions_section(case: Case) -> list[str]:
    """Discussion questions for a workshop."""
    lines = ["## Discussion questions { #discussion-questions }", ""]
    lines += [f"{i}. {esc(q)}" for i, q in enumerate(case.discussion_questions, start=1)]
    return [*lines, ""]


def sources_section(case: Case) -> list[str]:
    """Every source with publisher, dates, type, archived copy and quote; left out of search."""
    items = []
    for source in case.sources:
        parts = [link(f"<cite>{text(source.title)}</cite>", source.url), text(source.publisher)]
        if source.published:
            parts.append(f'published <time datetime="{attr(source.published)}">{text(source.published)}</time>')
        parts.append(f'<span class="cb-source-type">{text(label("source_types", source.type))}</span>')
        # The printed handout keeps title, publisher, date and type; the rest is marked to be left out.
        line = ", ".join(parts) + "."
        extra = f' Accessed <time datetime="{attr(source.accessed)}">{text(source.accessed)}</time>.'
        if source.archived_url:
            when = (
                f' of <time datetime="{attr(source.archived)}">{text(source.archived)}</time>'
                if source.archived
                else ""
            )
            extra += f' <span class="cb-archived">{link("Archived copy", source.archived_url)}{when}.</span>'
        if source.quote:
            extra += f" <q>{text(source.quote)}</q>"
        if source.note:
            extra += f" {text(source.note)}"
        line += f'<span class="cb-source-more">{extra}</span>'
        if is_web_url(source.url):  # paper cannot follow a link: print the address itself
            line += f' <span class="cb-source-url cb-print-only">{text(source.url)}</span>'
        items.append(f'<li id="source-{attr(source.id)}">{line}</li>')
    return ["## Sources { #sources }", "", '<ol class="cb-sources">', *items, "</ol>", ""]


def related_section(case: Case, corpus: Corpus, similar: list[tuple[str, float]]) -> list[str]:
    """Related cases the authors named, then cases the graph finds similar."""
    if not case.related and not similar:
        return []
    lines = ['<div class="cb-screen-only" markdown>', "", "## Related cases { #related }", ""]
    for rel in case.related:
        other = corpus.by_id[rel.id]
        note = f": {esc(rel.note)}" if rel.note else ""
        lines.append(f"- [{esc(other.title)}]({other.id}.md) ({esc(label('relations', rel.relation)).lower()}){note}")
    named = {r.id for r in case.related}
    shown = [(ident, score) for ident, score in similar if ident not in named]
    if shown:
        if case.related:
            lines.append("")
        # The reasons are about the other case too, not this case's text: kept out of search (#15).
        lines += [
            '<div class="cb-similar" data-pagefind-ignore markdown>',
            "",
            "Similar cases, found automatically by the shape of their chains (where they broke, how the break "
            "travelled, how they were answered and ended), their sector and tags, and the words of their events; "
            "why, beside each:",
            "",
        ]
        reasons = {s.id: s.reasons for s in corpus.suggestions.get(case.id, [])}
        for ident, _score in shown:
            other = corpus.by_id[ident]
            why = "; ".join(reasons.get(ident, ()))
            note = f'<br><small class="cb-why">{esc(why)}</small>' if why else ""
            lines.append(f"- [{esc(other.title)}]({other.id}.md) ({other.year}, {esc(other.organization.name)}){note}")
        lines += ["", "</div>"]
    return [*lines, "", "</div>", ""]


def cite_section(case: Case, corpus: Corpus) -> list[str]:
    """The cite box (casebook.render.citations)."""
    return citations.cite_section(case, corpus)


def text_block(value: str) -> str:
    """Escape preformatted text, keeping its line breaks (``text`` would fold them)."""
    return html.escape(value, quote=False)
