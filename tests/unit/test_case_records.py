"""Per-case records from the build cache (issue 15): the downloads assembled from cached records are
the same bytes as those serialised whole, on a first (cold) render and on a cached one."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from casebook.build_cache import BuildCache
from casebook.model import Case, build_case
from casebook.render import SiteSettings, generate
from casebook.render.case_records import record_json
from casebook.render.data_package import sqlite_files
from casebook.synth import synth_corpus
from casebook.validation import load_corpus
from tests.sites import CORPORA

SETTINGS = SiteSettings(site_url="https://example.org/", repo_url="https://example.org/repo", edit_uri="edit/main")
DOWNLOADS = ("data/cases.json", "data/cases.csv", "data/datapackage.json", "data/tables/events.csv")


def _cases() -> list[Case]:
    data = list(synth_corpus(30, 5))
    # Text JSON and CSV must carry exactly: a line separator (a line break to str.splitlines but
    # not to JSON), quotes, a newline, a formula-like start, non-ASCII.
    data[0]["summary"] = '=SUM(A1) "quoted"\u2028line\nnext, café ✓'
    data[1]["title"] = "-minus, 'apostrophe'\r\n"
    return [build_case(d, "") for d in data]


def _digests(cases: list[Case]) -> dict[str, str]:
    return {c.id: f"digest-of-{c.id}" for c in cases}


def test_cached_records_give_the_same_files_as_a_render_without_cache(tmp_path: Path) -> None:
    cases = _cases()
    clean = generate(cases, SETTINGS)
    cache = BuildCache(tmp_path / "cache")
    cold = generate(cases, SETTINGS, cache=cache, digests=_digests(cases))
    warm_cache = BuildCache(tmp_path / "cache")
    warm = generate(cases, SETTINGS, cache=warm_cache, digests=_digests(cases))
    assert warm_cache.misses == 0 and warm_cache.hits > 0
    for path in DOWNLOADS:
        assert cold[path] == clean[path], path
        assert warm[path] == clean[path], path
    assert warm == clean
    assert json.loads(warm["data/cases.json"])["cases"][0]["summary"] == cases[0].summary


def test_an_edited_case_gets_new_records(tmp_path: Path) -> None:
    cases = _cases()
    generate(cases, SETTINGS, cache=BuildCache(tmp_path / "cache"), digests=_digests(cases))
    data = list(synth_corpus(30, 5))
    data[0]["summary"] = '=SUM(A1) "quoted"\u2028line\nnext, café ✓'
    data[1]["title"] = "A new title"
    edited = [build_case(d, "") for d in data]
    digests = {**_digests(edited), edited[1].id: "a new digest"}
    assert generate(edited, SETTINGS, cache=BuildCache(tmp_path / "cache"), digests=digests) == generate(
        edited, SETTINGS
    )


def test_a_damaged_entry_is_made_again(tmp_path: Path) -> None:
    cases = _cases()
    generate(cases, SETTINGS, cache=BuildCache(tmp_path / "cache"), digests=_digests(cases))
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.parent.parent.name == "records"]
    assert len(entries) == len(cases)
    for entry in entries:
        entry.write_bytes(pickle.dumps({"json": "{}"}))
    assert generate(cases, SETTINGS, cache=BuildCache(tmp_path / "cache"), digests=_digests(cases)) == generate(
        cases, SETTINGS
    )


def test_the_real_corpus_gives_the_same_files(tmp_path: Path) -> None:
    result = load_corpus(CORPORA / "real")
    clean = generate(result.cases, SETTINGS)
    for _ in range(2):
        cached = generate(result.cases, SETTINGS, cache=BuildCache(tmp_path / "c"), digests=result.digests)
        assert cached == clean


def test_a_record_is_an_element_of_the_indented_list() -> None:
    record = {"b": [1, {"c": "x\u2028y"}], "a": {}, "e": []}
    whole = json.dumps({"cases": [record, record]}, ensure_ascii=False, indent=1, sort_keys=True)
    assert whole == '{\n "cases": [\n' + ",\n".join([record_json(record)] * 2) + "\n ]\n}"


def test_sqlite_files_come_from_the_cache_when_the_package_is_unchanged(tmp_path: Path) -> None:
    pages = generate(_cases(), SETTINGS)
    clean = sqlite_files(pages)
    cache = BuildCache(tmp_path / "cache")
    assert sqlite_files(pages, cache) == clean and cache.misses == 1
    again = BuildCache(tmp_path / "cache")
    assert sqlite_files(pages, again) == clean and (again.hits, again.misses) == (1, 0)
    changed = {**pages, "data/datapackage.json": pages["data/datapackage.json"].replace("casebook", "casebook2", 1)}
    third = BuildCache(tmp_path / "cache")
    sqlite_files(changed, third)
    assert third.misses == 1


def test_an_edit_that_changes_other_cases_similar_lists_rewrites_their_records(tmp_path: Path) -> None:
    """A case's cases.json element shows its similar cases with reasons (chain analysis v2): an edit to
    one case that changes what other cases' elements show must not leave them stale in the cache."""
    cases = _cases()
    generate(cases, SETTINGS, cache=BuildCache(tmp_path / "cache"), digests=_digests(cases))
    data = list(synth_corpus(30, 5))
    data[0]["summary"] = '=SUM(A1) "quoted"\u2028line\nnext, café ✓'
    data[1]["title"] = "-minus, 'apostrophe'\r\n"
    data[2]["organization"]["sector"] = "aerospace"
    data[2]["tags"] = ["unusual-tag", "another-rare-tag"]
    edited = [build_case(d, "") for d in data]
    before = {
        c["id"]: c["derived"]["similar"] for c in json.loads(generate(cases, SETTINGS)["data/cases.json"])["cases"]
    }
    clean = generate(edited, SETTINGS)
    after = {c["id"]: c["derived"]["similar"] for c in json.loads(clean["data/cases.json"])["cases"]}
    assert any(before[i] != after[i] for i in before if i != edited[2].id)  # the edit reaches other cases
    digests = {**_digests(edited), edited[2].id: "a new digest"}
    assert generate(edited, SETTINGS, cache=BuildCache(tmp_path / "cache"), digests=digests) == clean
