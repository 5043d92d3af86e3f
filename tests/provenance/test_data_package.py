"""The data package on /data/: frictionless validates it, SQLite opens and answers, builds are byte-stable."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import frictionless
import pytest

from casebook.datapkg.package import package_files
from casebook.datapkg.sqlite_db import PackageError, build_sqlite
from casebook.datapkg.tables import TABLES
from casebook.model import Case
from casebook.render import generate
from casebook.render.data_package import sqlite_files
from casebook.validation import load_corpus
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return load_corpus(ROOT / "cases").cases


@pytest.fixture(scope="module")
def data(cases: list[Case], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus's /data/ folder as a render writes it."""
    pages = generate(cases)
    folder = tmp_path_factory.mktemp("data")
    for relative, content in {**pages, **sqlite_files(pages)}.items():
        if relative.startswith(("data/tables/", "data/datapackage.json", "data/casebook.sqlite")):
            target = folder / relative.removeprefix("data/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def test_frictionless_validates_the_package(data: Path) -> None:
    """Schemas, types, required cells, keys, sizes and hashes all check out."""
    report = frictionless.validate(data / "datapackage.json")
    assert report.valid, report.flatten(["type", "message"])[:5]


def test_frictionless_catches_a_broken_foreign_key(data: Path, tmp_path: Path) -> None:
    """The foreign keys are real constraints: an event of an unknown case fails validation."""
    shutil.copytree(data, tmp_path, dirs_exist_ok=True)
    events = (tmp_path / "tables" / "events.csv").read_text(encoding="utf-8-sig").splitlines()
    events[1] = "2099-no-such-case" + events[1][events[1].index(",") :]
    (tmp_path / "tables" / "events.csv").write_text("\r\n".join(events) + "\r\n", encoding="utf-8-sig", newline="")
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        resource.pop("hash"), resource.pop("bytes")
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_csv_tables_have_a_bom_and_join_by_id(data: Path, cases: list[Case]) -> None:
    """UTF-8 with a byte-order mark; every event row names a case that the cases table has."""
    raw = (data / "tables" / "cases.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    ids = {row["id"] for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    assert ids == {c.id for c in cases}
    events = list(csv.DictReader(io.StringIO((data / "tables" / "events.csv").read_bytes().decode("utf-8-sig"))))
    assert {row["case_id"] for row in events} == ids
    assert len(events) == sum(len(c.chain) for c in cases)


def test_sqlite_opens_and_counts_equal_the_corpus(data: Path, cases: list[Case]) -> None:
    """Row counts equal the corpus; foreign keys hold; full-text search finds a case by a word of its title."""
    db = sqlite3.connect(data / "casebook.sqlite")
    expected = {
        "cases": len(cases),
        "events": sum(len(c.chain) for c in cases),
        "sources": sum(len(c.sources) for c in cases),
        "impacts": sum(len(c.impact) for c in cases),
        "lessons": sum(len(c.analysis.lessons) for c in cases),
    }
    assert {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in expected} == expected
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT count(*) FROM pragma_foreign_key_list('events')").fetchone()[0] == 1
    found = db.execute(
        "SELECT id FROM cases WHERE rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH 'cyanide')"
    ).fetchall()
    assert found == [("1982-johnson-johnson-tylenol",)]
    hits = db.execute(
        "SELECT DISTINCT case_id FROM events WHERE rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH 'guitar')"
    ).fetchall()
    assert ("2009-united-breaks-guitars",) in hits
    value = db.execute("SELECT typeof(value), typeof(position) FROM impacts LIMIT 1").fetchone()
    assert value[0] in ("integer", "real") and value[1] == "integer"


def test_sqlite_and_csv_hold_the_same_text(data: Path) -> None:
    """The SQLite file holds exactly the CSV cells (without the spreadsheet guard)."""
    db = sqlite3.connect(data / "casebook.sqlite")
    for table in TABLES:
        rows = list(csv.reader(io.StringIO((data / "tables" / f"{table.name}.csv").read_bytes().decode("utf-8-sig"))))[
            1:
        ]
        stored = db.execute(f"SELECT * FROM {table.name}").fetchall()
        assert len(stored) == len(rows)
        for row, got in zip(rows, stored, strict=True):
            assert [("" if v is None else str(v)) for v in got] == [
                c.removeprefix("'") if c.startswith("'") else c for c in row
            ]


def test_same_corpus_same_bytes(cases: list[Case]) -> None:
    """Two renders give byte-identical CSV, descriptor and SQLite files (same SQLite library)."""
    first = package_files(cases, version="v2026.12.1")
    second = package_files(list(reversed(cases)), version="v2026.12.1")
    assert first == second
    assert build_sqlite(first) == build_sqlite(second)


def test_a_malformed_package_is_an_error_not_a_traceback() -> None:
    """A CSV header that does not match its schema is reported as PackageError."""
    pages = generate(load_corpus(ROOT / "tests" / "fixtures" / "cases" / "valid").cases)
    files = {k.removeprefix("data/"): v for k, v in pages.items() if k.startswith(("data/tables/", "data/datapackage"))}
    files["tables/events.csv"] = "\ufeffwrong,header\r\n"
    with pytest.raises(PackageError):
        build_sqlite(files)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("release.json", "{not json", "cannot read the release manifest"),
        ("datapackage.json", '{"resources": [{"name": "cases"}]}', "cannot build a SQLite file"),
    ],
)
def test_broken_release_files_are_a_clear_error(tmp_path: Path, name: str, content: str, message: str) -> None:
    """`casebook render` over a broken releases/<tag>/ exits 1 with a message, never a traceback."""
    from click.testing import CliRunner

    from casebook.cli import main
    from casebook.provenance.releases import CaseState, Release, manifest_text

    cases = tmp_path / "cases"
    shutil.copytree(ROOT / "tests" / "fixtures" / "cases" / "valid", cases)
    folder = tmp_path / "releases" / "v2026.12.1"
    folder.mkdir(parents=True)
    release = Release("v2026.12.1", "2026-12-01", None, {"2099-acme-minimal": CaseState("0" * 12, "draft")})
    (folder / "release.json").write_text(manifest_text(release), encoding="utf-8")
    for relative, text in package_files(load_corpus(cases).cases, version="v2026.12.1").items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    (folder / name).write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "--cases", str(cases), "--out", str(tmp_path / "docs")])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
