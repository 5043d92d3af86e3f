"""How a render asks ``CaseRecords`` for each case's records: what a case's downloads show.

``CaseRecords`` (``casebook.render.case_records``) caches by content; this module says what that
content is for the site's own downloads — a cases.csv row needs the site settings (it links the
case page), a cases.json element also shows the case's similar cases with their reasons — so the
renderer (``casebook.render.site``) stays a list of pages.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from casebook.build_cache import BuildCache
from casebook.graph import ChainAnalysis
from casebook.model import Case
from casebook.render.case_chain import derived
from casebook.render.case_records import CaseRecords
from casebook.render.context import Corpus, SiteSettings
from casebook.render.exports import csv_row
from casebook.render.records import case_record


def case_records(
    cases: list[Case],
    chains: Mapping[str, ChainAnalysis],
    settings: SiteSettings | None,
    cache: BuildCache,
    digests: dict[str, str],
) -> CaseRecords:
    """The records of every case; built before the corpus, since they make its digest."""
    # The records need only the settings of a corpus (cases.csv links each case page).
    bare = Corpus(cases=(), settings=settings or SiteSettings(), chains=chains)
    return CaseRecords(
        cases, chains, cache, digests, context=repr(bare.settings), csv_row=lambda case: csv_row(case, bare)
    )


def json_record(corpus: Corpus, case: Case) -> dict[str, Any]:
    """A case's element of cases.json, as ``cases_json`` makes it without a cache."""
    return {**case_record(case), "year": case.year, "derived": derived(case, corpus)}


def shows(corpus: Corpus, case: Case) -> str:
    """What a case's cases.json element shows of other cases: its similar cases, with reasons."""
    return json.dumps([s.to_json() for s in corpus.suggestions.get(case.id, [])], sort_keys=True)
