"""The filter page (``/filter/``) and the JSON index its script narrows in the browser.

The page carries the whole form (every facet value with its label and count) so the script only
reads data; ``site/docs/assets/casebook.js`` treats every string of the index as untrusted and
puts it into the page with ``textContent``. The selection lives in the query string
(``?stage=design&stage=support&text=recall``) so a filtered view can be shared. The key ``text``
avoids ``q`` and ``h``, which Material's search reads from the URL.

The index comes in two files so that a phone opening the page at 10,000 cases loads only what the
facets need (ADR 0006): ``cases.json`` holds, per case, the id, title, organization, year and
each facet's values as positions in that facet's list of values (about 200 bytes a case);
``text.json`` holds the words the text box searches (aliases, summary, event titles), in the same
order, and is fetched only when someone types a word.
"""

from __future__ import annotations

import json
from typing import Any

from casebook.render.context import Corpus
from casebook.render.facets import FACETS, Facet, dissent_facet
from casebook.render.markdown import attr, front_matter, plural, text

INDEX_PATH = "filter/cases.json"
"""Where the index is written, relative to docs_dir (the page fetches it by relative URL)."""

TEXT_PATH = "filter/text.json"
"""The searchable words, fetched on the first typed word."""

TEXT_KEY = "text"


def filter_facets(corpus: Corpus) -> tuple[Facet, ...]:
    """The browse facets and the filter's own "Analysts disagree"."""
    return (*FACETS, dissent_facet(corpus.chains))


def filter_index(corpus: Corpus) -> dict[str, Any]:
    """The data the facets narrow: per case ``[id, title, organization, year, facet value positions]``.

    ``facets[i].values`` lists facet ``i``'s values; a case's ``i``-th list holds positions in it.
    """
    facets = filter_facets(corpus)
    values = [f.values(corpus.cases) for f in facets]
    position = [{v: n for n, v in enumerate(vs)} for vs in values]
    return {
        "version": corpus.version,
        "facets": [
            {"key": f.key, "title": f.title, "values": vs, "labels": [f.label(v) for v in vs]}
            for f, vs in zip(facets, values, strict=True)
        ],
        "cases": [
            [
                case.id,
                case.title,
                case.organization.name,
                case.year,
                [[position[i][v] for v in f.of(case)] for i, f in enumerate(facets)],
            ]
            for case in corpus.newest_first()
        ],
    }


def filter_text(corpus: Corpus) -> dict[str, Any]:
    """The words the text box searches besides title and organization, one string per case, same order."""
    return {
        "version": corpus.version,
        "text": [
            " ".join([*case.organization.aliases, case.summary, *(e.title for e in case.chain)])
            for case in corpus.newest_first()
        ],
    }


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def filter_json(corpus: Corpus) -> str:
    """The facet index as compact, deterministic JSON."""
    return _json(filter_index(corpus))


def _fieldset(corpus: Corpus, facet: Facet) -> list[str]:
    groups = [(value, cases) for value, cases in facet.groups(corpus.cases) if cases]
    if not groups:
        return []  # "Analysts disagree" in a corpus without perspectives
    lines = [
        f'<details class="cb-facet" data-facet="{attr(facet.key)}">',
        f'<summary>{text(facet.title)} <span class="cb-ticked"></span></summary>',
        f'<fieldset><legend class="cb-visually-hidden">{text(facet.title)}</legend>',
    ]
    for value, cases in groups:
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
        '<form id="cb-filter" class="cb-filter" data-index="cases.json" data-text="text.json" data-cases="../cases/" '
        'role="search" aria-label="Filter cases">',
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
    for facet in filter_facets(corpus):
        lines += _fieldset(corpus, facet)
    lines += [
        "</div>",
        # A wrapper keeps the list and its "show all" button in the second grid column.
        "<div>",
        '<ol id="cb-results" class="cb-results" aria-label="Matching cases"></ol>',
        '<p class="cb-actions"><button type="button" id="cb-more" class="md-button" hidden>Show all</button> '
        '<a id="cb-pack-these" class="md-button" href="../pack/" hidden>Make a session pack of these cases</a></p>',
        "</div>",
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
    return {
        "filter/index.md": filter_page(corpus),
        INDEX_PATH: filter_json(corpus),
        TEXT_PATH: _json(filter_text(corpus)),
    }
