"""Session packs, ``/pack/?cases=a,b,c``: several cases on one printable page set.

The selection lives in the address, so a facilitator can mail one link. The page is generated
once for any corpus size: ``assets/pack.js`` reads the ids from the address, fetches each case
page and takes from it the handout (the article) and a small JSON record (``pack_record``, at the
end of every case page) for the comparison table: first break, break stages, failure modes, days
to first response and verdict. A combined source list follows the handouts. Cases are picked on
the filter page ("Make a session pack of these cases"), from a case page, or on this page.
"""

from __future__ import annotations

import json

from casebook.graph.analysis import DayCount
from casebook.model import Case
from casebook.render.context import Corpus, label
from casebook.render.markdown import attr, front_matter, plural
from casebook.vocabulary import stage_order

MAX_CASES = 12
"""Most cases one pack takes (a session is a few cases; each is fetched and printed whole)."""


def _days(days: DayCount | None) -> str:
    if days is None:
        return "no response in the chain"
    count = plural(days.value, "day")
    return count if days.exact else f"about {count} ({days.low} to {days.high})"


def pack_record(case: Case, corpus: Corpus) -> dict[str, object]:
    """What the comparison table shows for one case (all plain text)."""
    chain = corpus.chains[case.id]
    first = case.event(chain.first_break)
    breaks = {e.stage for e in case.chain if e.kind == "break"}
    modes = list(dict.fromkeys(e.failure_mode for e in case.chain if e.failure_mode))
    return {
        "id": case.id,
        "title": case.title,
        "organization": case.organization.name,
        "year": case.year,
        "first_break": f"{label('stages', first.stage)}: {first.title} ({first.date})",
        "break_stages": [label("stages", s) for s in stage_order() if s in breaks],
        "failure_modes": [label("failure_modes", m) for m in modes],
        "days_to_first_response": _days(chain.days_to_first_response),
        "verdict": label("trust_verdicts", case.analysis.verdict),
    }


def pack_script(case: Case, corpus: Corpus) -> list[str]:
    """The record as JSON in an attribute of an empty, hidden element at the end of the case page.

    An attribute, HTML-escaped, rather than a ``<script>`` block: nothing in it can ever run or end
    an element, and it reads back with ``JSON.parse(element.dataset.pack)``.
    """
    data = json.dumps(pack_record(case, corpus), ensure_ascii=False, sort_keys=True)
    return [f'<div class="cb-pack-data" hidden data-pack="{attr(data)}"></div>', ""]


def pack_page(corpus: Corpus) -> str:
    """``/pack/``: the picker, the comparison table, the handouts and the sources, filled by pack.js."""
    lines = [
        front_matter({"title": "Session pack", "hide": ["navigation", "toc"], "search": {"exclude": True}}),
        "# Session pack",
        "",
        f'<div class="cb-pack" data-cases="../cases/" data-index="../filter/cases.json" data-max="{MAX_CASES}">',
        '<div class="cb-screen-only">',
        "<p>Several cases on one printable page set for a workshop: a comparison table, each case's handout "
        "and one list of every source. The cases are in the address of this page "
        "(<code>/pack/?cases=first-id,second-id</code>), so one link gives a colleague the same pack. "
        'Pick cases on the <a href="../filter/">filter page</a> or from any case page.</p>',
        '<form class="cb-pack-add" autocomplete="off">',
        '<label for="cb-pack-pick">Add a case</label> '
        '<input id="cb-pack-pick" list="cb-pack-choices" placeholder="Type a title or an organization">',
        '<datalist id="cb-pack-choices"></datalist>',
        '<button type="submit" class="md-button">Add</button>',
        "</form>",
        '<p class="cb-pack-link">Link to this pack: <output id="cb-pack-url"></output></p>',
        '<p class="cb-actions"><button type="button" class="md-button md-button--primary" data-pack="print">'
        "Print the pack</button></p>",
        "</div>",
        '<p id="cb-pack-status" role="status" aria-live="polite">No cases picked yet.</p>',
        '<section id="cb-pack-compare" hidden><h2>Comparison</h2><div class="cb-pack-table"><table>'
        "<thead><tr><th>Case</th><th>First break</th><th>Break stages</th><th>Failure modes</th>"
        "<th>Days to first response</th><th>Verdict</th></tr></thead><tbody></tbody></table></div></section>",
        '<div id="cb-pack-cases"></div>',
        '<section id="cb-pack-sources" class="cb-pack-sources" hidden><h2>All sources</h2><ol></ol></section>',
        "</div>",
        "",
        "<noscript><p>The pack is put together in the browser and needs JavaScript; every case page prints "
        "on its own as a handout.</p></noscript>",
        "",
    ]
    return "\n".join(lines)
