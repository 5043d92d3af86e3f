"""The filter page (``/filter/``) and the JSON index its script narrows in the browser.

The page carries the whole form (every facet value with its label and count) so the script only
reads data; ``site/docs/assets/casebook.js`` treats every string of the index as untrusted and
puts it into the page with ``textContent``. The selection lives in the query string
(``?stage=design&stage=support&text=recall``) so a filtered view can be shared. The key ``text``
avoids ``q`` and ``h``, which Material's search reads from the URL.
"""

from __future__ import annotations

import json
from typing import Any

from casebook.render.context import Corpus, label
from casebook.render.facets import FACETS
from casebook.render.markdown import attr, front_matter, plural, text

INDEX_PATH = "filter/cases.json"
"""Where the index is written, relative to docs_dir (the page fetches it by relative URL)."""

TEXT_KEY = "text"


def filter_index(corpus: Corpus) -> dict[str, Any]:
    """The data the filter narrows: per case the display fields, searchable text and facet values."""
    return {
        "version": corpus.version,
        "facets": [
            {"key": f.key, "title": f.title, "labels": {v: f.label(v) for v in f.values(corpus.cases)}} for f in FACETS
        ],
        "cases": [
            {
                "id": case.id,
                "title": case.title,
                "organization": case.organization.name,
                "aliases": list(case.organization.aliases),
                "year": case.year,
                "summary": case.summary,
                "events": [e.title for e in case.chain],
                "verdict": label("trust_verdicts", case.analysis.verdict),
                "facets": {f.key: list(f.of(case)) for f in FACETS},
            }
            for case in corpus.newest_first()
        ],
    }


def filter_json(corpus: Corpus) -> str:
    """The index as compact, deterministic JSON."""
    return json.dumps(filter_index(corpus), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _fieldset(corpus: Corpus, index: int) -> list[str]:
    facet = FACETS[index]
    lines = [
        f'<details class="cb-facet" data-facet="{attr(facet.key)}">',
        f'<summary>{text(facet.title)} <span class="cb-ticked"></span></summary>',
        f'<fieldset><legend class="cb-visually-hidden">{text(facet.title)}</legend>',
    ]
    for value, cases in facet.groups(corpus.cases):
        if not cases:
            continue
        ident = attr(f"cb-{facet.key}-{value}")
        lines.append(
            f'<label for="{ident}"><input type="checkbox" id="{ident}" name="{attr(facet.key)}" value="{attr(value)}"> '
            f'{text(facet.label(value))} <span class="cb-count">{len(cases)}</span></label>'
        )
    return [*lines, "</fieldset>", "</details>"]


def filter_page(corpus: Corpus) -> str:
    """``/filter/``: the form and an empty result list the script fills; a plain list without it."""
    lines = [
        front_matter({"search": {"exclude": True}, "hide": ["navigation", "toc"]}),
        "# Filter the cases",
        "",
        "Narrow the cases by any combination of facets and words. Within a facet any ticked value "
        "matches; across facets every facet must match. The address bar keeps the selection, so "
        "you can share or bookmark a filtered view.",
        "",
        '<form id="cb-filter" class="cb-filter" data-index="cases.json" data-cases="../cases/" role="search" aria-label="Filter cases">',
        '<div class="cb-filter-text">',
        f'<label for="cb-text">Words</label> <input type="search" id="cb-text" name="{TEXT_KEY}" '
        'placeholder="Title, organization, summary or event" autocomplete="off">',
        '<button type="reset" class="md-button">Clear</button>',
        "</div>",
        # The count sits above the facets so that it is in view while boxes are ticked on a phone.
        f'<p id="cb-status" class="cb-status" role="status" aria-live="polite">{text(plural(len(corpus.cases), "case"))}</p>',
        '<div class="cb-filter-body">',
        '<div class="cb-facets">',
    ]
    for index in range(len(FACETS)):
        lines += _fieldset(corpus, index)
    lines += [
        "</div>",
        '<ol id="cb-results" class="cb-results" aria-label="Matching cases"></ol>',
        "</div>",
        "</form>",
        "",
        "<noscript><p>The filter needs JavaScript. Every grouping it offers is also on the "
        '<a href="../browse/">browse pages</a>, which work without it, and <a href="../cases/">all cases</a> '
        "are listed on one page.</p></noscript>",
        "",
    ]
    return "\n".join(lines)


def filter_files(corpus: Corpus) -> dict[str, str]:
    """The filter page and its index, by docs-relative path."""
    return {"filter/index.md": filter_page(corpus), INDEX_PATH: filter_json(corpus)}
