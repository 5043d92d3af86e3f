"""Each case's serialised records, cached by the case's content (issue 15, incremental builds).

The downloads hold one record per case: its object in ``/data/cases.json``, its canonical JSON
(which the corpus digest hashes), its row of ``/data/cases.csv`` and its rows of every
data-package table. Serialising them for every case on every build cost about a fifth of a
one-edit rebuild at 1,000 cases. Each of them depends only on the case (and its chain analysis,
itself a function of the case) and the site settings, so ``CaseRecords`` stores them together, one
cache entry per case, under the case's check key (``CheckResult.digests``) and the settings; an
unchanged case's records are read back as text and the files are assembled by concatenation.
A case's ``cases.json`` element also shows its similar cases (``derived.similar``, computed over
the corpus), so it is cached apart, under a key that holds what that element shows of them.

The assembled files are the same bytes as those written without a cache (``records_json`` is one
element of ``json.dumps(..., indent=1)`` two levels deep; CSV writers write row by row); the site
tests build both ways and compare every byte.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from casebook.build_cache import BuildCache
from casebook.datapkg.package import csv_rows
from casebook.datapkg.tables import TABLES, Table
from casebook.graph import ChainAnalysis
from casebook.model import Case
from casebook.render.records import canonical_json, case_record

KIND = "records"
CANONICAL = "canonical"
CSV = "csv"
_TABLE = "table:"
JSON_KIND = "records-json"
_NAMES = {CANONICAL, CSV, *(_TABLE + table.name for table in TABLES)}


def record_json(record: dict[str, Any]) -> str:
    """A record as it appears in ``cases.json``: indented as an element of its top-level ``cases`` list."""
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True)
    # JSON text holds no raw newline inside a string, so every "\n" is a line break of the layout.
    return "\n".join("  " + line for line in text.split("\n"))


class CaseRecords:
    """The records of every case of one render, from the cache where the case is unchanged.

    Args:
        cases: The valid cases (any order).
        chains: Every case's chain analysis, by id.
        cache: The build cache.
        digests: Each case's check key, by id (a function of the case file's bytes and the code).
        context: What else the records show, as text: the site settings (cases.csv holds each case
            page's URL).
        csv_row: A case's row of cases.csv, as CSV text.
    """

    def __init__(
        self,
        cases: Sequence[Case],
        chains: Mapping[str, ChainAnalysis],
        cache: BuildCache,
        digests: Mapping[str, str],
        *,
        context: str,
        csv_row: Callable[[Case], str],
    ) -> None:
        self.cache, self.digests, self.context = cache, digests, context
        self.cases = sorted(cases, key=lambda c: c.id)
        self.by_id: dict[str, dict[str, str]] = {}
        for case in self.cases:
            key = cache.key(KIND, digests[case.id], context)
            stored = cache.get(KIND, key)
            if not isinstance(stored, dict) or not stored.keys() >= _NAMES:  # missing or unreadable
                stored = _records(case, chains[case.id], csv_row)
                cache.put(KIND, key, stored)
            self.by_id[case.id] = stored

    def _all(self, name: str) -> list[str]:
        return [records[name] for _, records in sorted(self.by_id.items())]

    def digest(self) -> str:
        """The corpus digest (``corpus_digest``): SHA-256 of every canonical record, in id order."""
        return hashlib.sha256(("[" + ",".join(self._all(CANONICAL)) + "]").encode("utf-8")).hexdigest()

    def json_records(self, record: Callable[[Case], dict[str, Any]], shows: Callable[[Case], str]) -> list[str]:
        """Every case's ``record_json(record(case))``, in id order, from the cache where neither the
        case nor what its element shows of other cases (``shows``, as text) changed."""
        out = []
        for case in self.cases:
            key = self.cache.key(JSON_KIND, self.digests[case.id], self.context, shows(case))
            stored = self.cache.get_bytes(JSON_KIND, key)
            if stored is None:
                text = record_json(record(case))
                self.cache.put_bytes(JSON_KIND, key, text.encode("utf-8"))
            else:
                text = stored.decode("utf-8")
            out.append(text)
        return out

    def csv_rows(self) -> str:
        """Every case's row of cases.csv, in id order."""
        return "".join(self._all(CSV))

    def table_rows(self, table: Table) -> str:
        """Every row of a data-package table, as CSV text without its header, in case id order."""
        return "".join(self._all(_TABLE + table.name))


def _records(case: Case, chain: ChainAnalysis, csv_row: Callable[[Case], str]) -> dict[str, str]:
    out = {CANONICAL: canonical_json(case_record(case)), CSV: csv_row(case)}
    chains = {case.id: chain}
    for table in TABLES:
        out[_TABLE + table.name] = csv_rows(table, table.records([case], chains))
    return out
