"""The Atom feed parses cleanly with feedparser; the JSON and CSV downloads read back as the corpus."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import feedparser
import pytest

from casebook.graph import analyse_chain
from casebook.loading import load_file
from casebook.render.case_chain import derived_json
from casebook.render.exports import CSV_COLUMNS, LIST_SEPARATOR, csv_unguard
from casebook.render.feed import entry_id
from tests.sites import CORPORA, BuiltSite

pytestmark = pytest.mark.slow

GetSite = Callable[[str], BuiltSite]
CORPUS_NAMES = ["site", "hostile"]


@pytest.fixture(scope="module", params=CORPUS_NAMES)
def site(request: pytest.FixtureRequest, built_site: GetSite) -> BuiltSite:
    """The real-case fixture corpus and the hostile one."""
    return built_site(request.param)


def _normal(value: Any) -> Any:
    """YAML and JSON spell the same data differently: drop empty values, compare scalars as text."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return str(value).strip()


def test_feed_is_valid_atom_with_an_entry_per_case(site: BuiltSite) -> None:
    """bozo == 0, Atom 1.0, unique tag: ids, updated from last_reviewed, a self link."""
    parsed = feedparser.parse(io.BytesIO((site.root / "feed.xml").read_bytes()))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert any(link.rel == "self" and link.href == site.url + "feed.xml" for link in parsed.feed.links)
    entries = {entry.id: entry for entry in parsed.entries}
    assert len(entries) == len(parsed.entries) == len(site.cases)
    for case in site.cases:
        entry = entries[entry_id(case)]
        assert entry.id.startswith("tag:")
        assert entry.title == case.title
        assert entry.updated.startswith(str(case.last_reviewed))
        assert entry.link == f"{site.url}cases/{case.id}/"


def test_json_export_reads_back_as_the_yaml_files(site: BuiltSite) -> None:
    """Every case in cases.json equals its YAML document, plus its public year, the derived chain analysis,
    dissent and similar cases."""
    data = json.loads((site.root / "data" / "cases.json").read_text(encoding="utf-8"))
    assert data["version"].endswith(data["digest"][:12])
    records = {record["id"]: record for record in data["cases"]}
    assert sorted(records) == [c.id for c in site.cases]
    for case in site.cases:
        record = dict(records[case.id])
        assert record.pop("year") == int(case.id[:4])
        derived = record.pop("derived")
        assert derived.pop("first_break_stage") == derived["first_break"]["stage"]
        assert {s["id"] for s in derived.pop("similar")} <= {c.id for c in site.cases} - {case.id}
        assert derived == derived_json(case, analyse_chain(case))
        document = load_file(CORPORA / site.name / f"{case.id}.yaml").data
        assert _normal(record) == _normal(document)


def test_csv_export_reads_back_one_row_per_case(site: BuiltSite) -> None:
    """Quoting survives commas, quotes and markup; formula guards come off; values match the cases."""
    text = (site.root / "data" / "cases.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["id"] for row in rows] == [c.id for c in site.cases]
    assert list(rows[0]) == [name for name, _, _ in CSV_COLUMNS]
    for case, row in zip(site.cases, rows, strict=True):
        values = {name: csv_unguard(value) for name, value in row.items()}
        assert values["title"] == case.title
        assert values["summary"] == case.summary
        assert values["organization"] == case.organization.name
        assert values["events"] == str(len(case.chain))
        assert values["response_strategies"].split(LIST_SEPARATOR) == list(case.analysis.strategies)
        assert values["url"] == f"{site.url}cases/{case.id}/"
        assert values["country"] == case.organization.country
        assert values["regions"].split(LIST_SEPARATOR) == list(case.regions)
        assert not any(v.startswith(("=", "+", "@")) for v in row.values()), "a formula reached the CSV"
