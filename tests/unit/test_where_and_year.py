"""The three "where" questions, the public year and similar cases, as the generated pages show them."""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import json
import re

from casebook.graph import analyse_chain
from casebook.graph.neighbours import similar_index
from casebook.graph.recall import held_out_recall
from casebook.model import Case
from casebook.render.facets import FACET_BY_KEY
from casebook.render.site import generate
from casebook.validation import load_corpus
from tests.helpers import ROOT


@functools.cache
def corpus() -> tuple[Case, ...]:
    """The real corpus."""
    return tuple(load_corpus(ROOT / "cases").cases)


@functools.cache
def pages() -> dict[str, str]:
    """Every generated file of the real corpus."""
    return generate(list(corpus()))


def test_every_case_year_is_its_id_year_everywhere() -> None:
    """Model, cases.json, cases.csv and browse by year all give the id's year, not the chain's start."""
    records = {r["id"]: r for r in json.loads(pages()["data/cases.json"])["cases"]}
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(pages()["data/cases.csv"]))}
    browse = pages()["browse/year.md"]
    sections = dict(re.findall(r"^## (\d{4}) \{ #\d{4} \}\n(.*?)(?=^## |\Z)", browse, re.M | re.S))
    moved = 0
    for case in corpus():
        year = int(case.id[:4])
        assert case.year == year
        assert records[case.id]["year"] == year
        assert rows[case.id]["year"] == str(year)
        assert f'href="../../cases/{case.id}/"' in sections[str(year)]
        moved += case.start.year != year
    assert moved > 0  # the corpus has chains that began years before they became public (Boeing: 2016)


def test_case_list_is_ordered_by_public_year() -> None:
    """The All cases table runs newest public year first."""
    years = [
        int(y)
        for y in re.findall(r"^\| \[.*?\]\(\d{4}-.*?\.md\) \| .*? \| (\d{4}) \|", pages()["cases/index.md"], re.M)
    ]
    assert len(years) == len(corpus())
    assert years == sorted(years, reverse=True)


def _filter_facet(key: str) -> tuple[list[str], list[list[int]]]:
    index = json.loads(pages()["filter/cases.json"])
    position = [f["key"] for f in index["facets"]].index(key)
    values = index["facets"][position]["values"]
    return values, [row[4][position] for row in index["cases"]]


def test_three_where_facets_in_the_filter_index_follow_the_analysis() -> None:
    """first_break, broke_at and stage (touched) carry exactly the analysis' stages for each case."""
    index = json.loads(pages()["filter/cases.json"])
    by_id = {c.id: c for c in corpus()}
    for key, attribute in (
        ("first_break", "first_break_stage"),
        ("broke_at", "break_stages"),
        ("stage", "stages_touched"),
    ):
        values, rows = _filter_facet(key)
        for row, picked in zip(index["cases"], rows, strict=True):
            found = analyse_chain(by_id[row[0]])
            wanted = getattr(found, attribute)
            wanted = (wanted,) if isinstance(wanted, str) else wanted
            assert sorted(values[n] for n in picked) == sorted(wanted), (key, row[0])


def test_filter_page_counts_each_where_facet() -> None:
    """The form shows each where facet's values with the number of cases having them; broke at <= touched."""
    page = pages()["filter/index.md"]
    counts: dict[str, dict[str, int]] = {}
    for key in ("first_break", "broke_at", "stage"):
        found = re.findall(rf'name="{key}" value="([a-z_]+)"> [^<]+ <span class="cb-count">(\d+)</span>', page)
        counts[key] = {value: int(n) for value, n in found}
        facet = FACET_BY_KEY[key]
        for value, n in counts[key].items():
            assert n == sum(value in facet.of(c) for c in corpus())
    assert sum(counts["first_break"].values()) == len(corpus())  # one first break per case
    for stage, n in counts["broke_at"].items():
        assert n <= counts["stage"][stage]
    assert counts["broke_at"] != counts["stage"]  # "support" is touched by more cases than broke there


def test_browse_pages_for_first_break_and_broke_at() -> None:
    """Each case is listed once on the first-break page, under the stage of its first break."""
    page = pages()["browse/first-break.md"]
    for case in corpus():  # listed as HTML (render.browse.case_list), linking to the case's URL
        assert page.count(f'href="../../cases/{case.id}/"') == 1
    line = next(line for line in pages()["browse/broke-at.md"].splitlines() if "cases/2019-boeing-737-max/" in line)
    assert "first broke at governance" in line


def test_case_rows_show_first_break_and_main_failure_mode() -> None:
    """The All cases table has both columns, filled from the analysis."""
    row = next(line for line in pages()["cases/index.md"].splitlines() if "(2010-google-buzz.md)" in line)
    assert "| 2010 | Design | Inadequate testing |" in row


def test_cases_json_derived_similar_has_reasons() -> None:
    """derived.similar: at most five {id, score, reasons}, best first, never the case itself."""
    records = json.loads(pages()["data/cases.json"])["cases"]
    ids = {r["id"] for r in records}
    for record in records:
        similar = record["derived"]["similar"]
        assert len(similar) <= 5
        assert [s["score"] for s in similar] == sorted((s["score"] for s in similar), reverse=True)
        for s in similar:
            assert s["id"] in ids and s["id"] != record["id"]
            assert 0 < s["score"] <= 1 and s["reasons"]
        assert record["derived"]["first_break_stage"] == record["derived"]["first_break"]["stage"]


def test_curated_links_are_not_an_input_and_recall_is_measured() -> None:
    """Hiding every related link changes no suggestion; the held-out recall is computed on the corpus."""
    cases = list(corpus())
    hidden = [dataclasses.replace(c, related=()) for c in cases]
    assert similar_index(hidden, 5) == similar_index(cases, 5)
    recall = held_out_recall(cases)
    assert recall.pairs == sum(r.relation != "same_organization" for c in cases for r in c.related)
    assert 0 <= recall.found <= recall.pairs
    print(f"held-out recall: {recall}")  # the figure, for the record; no threshold the corpus could be tuned to
