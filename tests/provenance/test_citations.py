"""Citations of three real cases against expected text: APA, BibTeX and CSL-JSON agree and pin a revision."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from casebook.model import Case
from casebook.provenance.releases import CaseState, Release
from casebook.provenance.state import Provenance
from casebook.render import Corpus, SiteSettings
from casebook.render.citations import apa, apa_direct, apa_html, bibtex, csl_json
from casebook.validation import load_corpus
from tests.conftest import FIXTURES, ROOT

SETTINGS = SiteSettings(site_url="https://casebook.example/kb/", repo_url="https://github.com/example/casebook")
REAL = FIXTURES / "cases" / "real"
TOYOTA, UNITED, BUZZ = "2009-toyota-unintended-acceleration", "2009-united-breaks-guitars", "2010-google-buzz"


def sha(case: Case) -> str:
    return hashlib.sha256(Path(case.path).read_bytes()).hexdigest()[:12]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The three cases; release v2026.12.1 held Toyota as it is now and United as it was before an edit."""
    cases = load_corpus(REAL).cases
    by_id = {c.id: c for c in cases}
    release = Release(
        tag="v2026.12.1",
        date="2026-12-01",
        previous=None,
        cases={TOYOTA: CaseState(sha(by_id[TOYOTA]), "reviewed"), UNITED: CaseState("000000000000", "reviewed")},
    )
    return Corpus.build(cases, SETTINGS, provenance=Provenance(releases=(release,)))


def test_three_cases_against_expected_text(corpus: Corpus) -> None:
    """Released, changed since the release, and added since: each says which, with its own revision."""
    toyota, united, buzz = (corpus.by_id[i] for i in (TOYOTA, UNITED, BUZZ))
    assert apa(toyota, corpus) == (
        "Casebook contributors. (2026). Toyota's unintended-acceleration recalls, the sticky-pedal delay and Akio "
        f"Toyoda's apology to Congress (Version v2026.12.1) [Case study, revision {sha(toyota)}]. Casebook. "
        f"https://casebook.example/kb/cases/{TOYOTA}/"
    )
    assert apa(united, corpus) == (
        "Casebook contributors. (2026). United Airlines breaks a musician's guitar, refuses the claim, and meets a "
        f"viral protest song [Case study, revision {sha(united)}, changed since v2026.12.1]. Casebook. "
        f"https://casebook.example/kb/cases/{UNITED}/"
    )
    assert bibtex(toyota, corpus) == (
        f"@misc{{casebook-{TOYOTA},\n"
        "  title = {Toyota's unintended-acceleration recalls, the sticky-pedal delay and Akio Toyoda's apology to Congress},\n"
        "  author = {Casebook contributors},\n"
        "  year = 2026,\n"
        "  month = nov,\n"
        "  date = {2026-11-23},\n"
        "  version = {v2026.12.1},\n"
        f"  howpublished = {{Casebook, v2026.12.1, revision {sha(toyota)}}},\n"
        f"  type = {{Case study, revision {sha(toyota)}}},\n"
        f"  url = {{https://casebook.example/kb/cases/{TOYOTA}/}},\n"
        f"  note = {{Case {TOYOTA} (became public 2009), v2026.12.1, revision {sha(toyota)}, last reviewed 2026-11-23. CC-BY-4.0. "
        f"Text as cited: https://github.com/example/casebook/blob/v2026.12.1/cases/{TOYOTA}.yaml}}\n"
        "}\n"
    )
    assert json.loads(csl_json(buzz, corpus)) == [
        {
            "id": f"casebook-{BUZZ}",
            "type": "report",
            "genre": f"Case study, revision {sha(buzz)}, not yet released",
            "title": "Google Buzz opts Gmail users into a social network and exposes their frequent contacts",
            "author": [{"literal": "Casebook contributors"}],
            "issued": {"date-parts": [[2026, 11, 23]]},
            "publisher": "Casebook",
            "URL": f"https://casebook.example/kb/cases/{BUZZ}/",
            "note": f"Case {BUZZ} (became public 2010), unreleased, revision {sha(buzz)}, last reviewed 2026-11-23. CC-BY-4.0.",
        }
    ]


def _bibtex_fields(entry: str) -> dict[str, str]:
    return {k: v.strip("{}") for k, v in re.findall(r"^  (\w+) = (.*?),?$", entry, flags=re.MULTILINE)}


def test_formats_agree(corpus: Corpus) -> None:
    """Title, year, version and URL are the same in BibTeX, APA and CSL-JSON for every case."""
    for case in corpus.cases:
        item = json.loads(csl_json(case, corpus))[0]
        fields = _bibtex_fields(bibtex(case, corpus))
        assert fields["title"] == item["title"] and fields["url"] == item["URL"]
        assert (
            fields.get("version") == item.get("version") and int(fields["year"]) == item["issued"]["date-parts"][0][0]
        )
        assert fields["type"] == item["genre"] and corpus.provenance.pin(case).revision in fields["howpublished"]
        text = apa(case, corpus)
        assert item["title"] in text and f"[{item['genre']}]" in text and text.endswith(item["URL"])
        assert ("version" in item) is (f"(Version {item.get('version')})" in text)


def test_edit_to_one_case_changes_only_its_citation(tmp_path: Path) -> None:
    """Citations no longer carry a whole-corpus digest: editing Buzz leaves Toyota's citation as it was."""
    for path in REAL.glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    corpus = Corpus.build(load_corpus(tmp_path).cases, SETTINGS)
    before = {c.id: bibtex(c, corpus) for c in corpus.cases}
    buzz = tmp_path / f"{BUZZ}.yaml"
    buzz.write_text(buzz.read_text(encoding="utf-8").replace("frequent contacts", "most frequent contacts", 1))
    after_corpus = Corpus.build(load_corpus(tmp_path).cases, SETTINGS)
    after = {c.id: bibtex(c, after_corpus) for c in after_corpus.cases}
    assert after[TOYOTA] == before[TOYOTA] and after[UNITED] == before[UNITED]
    assert after[BUZZ] != before[BUZZ]


@pytest.mark.parametrize("folder", ["real", "hostile", "graph"])
def test_template_rendering_equals_citeproc_rendering(folder: str) -> None:
    """The per-year template gives exactly what citeproc-py renders from each case's own item."""
    corpus = Corpus.build(load_corpus(FIXTURES / "cases" / folder).cases, SETTINGS)
    for case in corpus.cases:
        assert apa(case, corpus) == apa_direct(case, corpus)


def test_template_rendering_equals_citeproc_on_the_corpus() -> None:
    """The same on the whole real corpus."""
    corpus = Corpus.build(load_corpus(ROOT / "cases").cases, SETTINGS)
    assert corpus.cases
    for case in corpus.cases:
        assert apa(case, corpus) == apa_direct(case, corpus)


def test_apa_html_escapes_case_text() -> None:
    """citeproc-py's HTML formatter does not escape; ours does, and only the title is in <em>."""
    corpus = Corpus.build(load_corpus(FIXTURES / "cases" / "hostile").cases, SETTINGS)
    for case in corpus.cases:
        rendered = apa_html(case, corpus)
        assert "<script" not in rendered and "<img" not in rendered and "</title>" not in rendered
        assert re.sub(r"</?em>", "", rendered).count("<") == 0
        assert rendered.count("<em>") == 1
