"""Format v2 (ADR 0007): the format gate, the requirement switches, countries and the model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from casebook.cli import main
from casebook.countries import GLOBAL, countries, suggest_code
from casebook.validation import validate_paths
from tests.helpers import MINIMAL, ROOT

V2 = ROOT / "tests" / "fixtures" / "cases" / "v2"
FULL = V2 / "2099-acme-full.yaml"


def _codes(path: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args, str(path)])
    assert "Traceback" not in result.output
    return [f"{d['code']}@{d['line']}" for d in json.loads(result.output)["diagnostics"]]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    target = tmp_path / f"{name}.yaml"
    target.write_text(text.replace("id: 2099-acme-full", f"id: {name}").replace("id: 2099-acme-minimal", f"id: {name}"))
    return target


@pytest.mark.parametrize("version_line", ["", "format_version: 1\n"])
def test_v1_file_gets_one_error_at_line_1(tmp_path: Path, version_line: str) -> None:
    """No format_version, or 1: S210 at line 1 naming the migrate command, and nothing else."""
    text = MINIMAL.read_text().replace("format_version: 2\n", version_line).replace("sector:", "sectr:")
    path = _write(tmp_path, "2099-acme-old", text)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:1:1: error S210" in result.output
    assert f"run `casebook migrate {path}` to upgrade it to v2" in result.output
    assert "S202" not in result.output and "S201" not in result.output


def test_unknown_format_version_is_a_schema_error(tmp_path: Path) -> None:
    """Only 1 (or none) means "old format"; 3 is simply not a valid value."""
    path = _write(tmp_path, "2099-acme-future", MINIMAL.read_text().replace("format_version: 2", "format_version: 3"))
    assert [c.split("@")[0] for c in _codes(path)] == ["S200"]


def test_v2_fixtures_pass_every_requirement() -> None:
    """The full v2 fixtures are clean even with both requirements switched on."""
    assert _codes(V2, "--strict", "--require", "controls", "--require", "reviews") == []


def test_require_controls_reports_c506_only_when_asked(tmp_path: Path) -> None:
    """A reviewed case's break without a control: nothing by default, warning C506 under --require controls."""
    text = FULL.read_text()
    text = re.sub(r"    could_have_been_stopped_by:\n(      .*\n)+", "", text, count=1)
    path = _write(tmp_path, "2099-acme-nocontrol", text)
    assert _codes(path) == []
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row == "  - id: defect")
    assert _codes(path, "--require", "controls") == [f"C506@{line}"]
    result = CliRunner().invoke(main, ["validate", "--require", "controls", str(path)])
    assert result.exit_code == 0 and "warning C506" in result.output
    assert CliRunner().invoke(main, ["validate", "--strict", "--require", "controls", str(path)]).exit_code == 1
    draft = _write(tmp_path, "2099-acme-draftnocontrol", text.replace("status: reviewed", "status: draft"))
    assert _codes(draft, "--require", "controls") == []


def test_require_reviews_reports_r407_only_when_asked(tmp_path: Path) -> None:
    """A reviewed case with no review record: R407 (an error) under --require reviews only."""
    text = re.sub(r"reviews:\n(  .*\n)+", "", FULL.read_text(), count=1)
    path = _write(tmp_path, "2099-acme-noreview", text)
    assert _codes(path) == []
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("status:"))
    assert _codes(path, "--require", "reviews") == [f"R407@{line}"]
    assert CliRunner().invoke(main, ["validate", "--require", "reviews", str(path)]).exit_code == 1


def test_require_rejects_unknown_names() -> None:
    """--require takes only the known switches (exit 2)."""
    assert CliRunner().invoke(main, ["validate", "--require", "everything", str(FULL)]).exit_code == 2


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("UK", "GB"), ("USA", "US"), ("EN", "GB"), ("Korea", "KR"), ("gb", "GB"), ("Germany", "DE"), ("Japna", "JP")],
)
def test_country_suggestions(typed: str, meant: str) -> None:
    """Aliases, lower case and English names lead to the ISO code."""
    assert suggest_code(typed) == meant


def test_country_list_is_iso_alpha_2() -> None:
    """schema/countries.yaml: `global` plus 249 upper-case two-letter codes, each with a name."""
    listed = dict(countries())
    assert listed.pop(GLOBAL) == "Worldwide"
    assert len(listed) == 249
    assert all(re.fullmatch(r"[A-Z]{2}", code) and name for code, name in listed.items())
    assert listed["GB"] == "United Kingdom" and listed["KR"] == "South Korea"


def test_model_carries_every_v2_field() -> None:
    """Every ADR 0007 field reaches the model; year is the id's year, not the chain's start."""
    case = next(c for c in validate_paths([V2]).cases if c.id == "2099-acme-full")
    assert (case.format_version, case.year, str(case.public_date)) == (2, 2099, "2099-02-14")
    assert case.regions == ("GB", "IE", "FR") and case.organization.country == "GB"
    stop = case.chain[0].stopped_by
    assert stop is not None and (stop.control, stop.owner, stop.sources) == (
        "independent_safety_review",
        "design",
        ("inquiry",),
    )
    assert case.chain[0].prompt and case.chain[1].stopped_by is None
    notice = case.source("notice")
    assert notice.seen_at and notice.archived_url and str(notice.archived) == "2099-03-16"
    assert case.reply is not None and case.reply.statements[0].kind == "press_release"
    (perspective,) = case.perspectives
    assert (perspective.first_break_stage, perspective.first_break_event) == ("incident_response", "hidden")
    assert perspective.weighs[0].layer == "latent" and perspective.verdict == "lasting_damage"
    assert [(r.claims_checked, r.corrections) for r in case.reviews] == [(6, 1)]
    assert case.aliases == ("2099-acme-widgets",) and len(case.changes) == 1


def test_withdrawn_case_and_none_found() -> None:
    """status: withdrawn with its reason, and a reply that says what was searched."""
    case = next(c for c in validate_paths([V2]).cases if c.id == "2099-acme-withdrawn")
    assert case.status == "withdrawn" and case.withdrawn is not None and "forgery" in case.withdrawn.reason
    assert case.reply is not None and case.reply.statements == () and case.reply.none_found


def test_year_is_the_id_year_for_every_corpus_case() -> None:
    """Case.year is the year in the id, whatever the chain's start."""
    cases = validate_paths([ROOT / "cases"]).cases
    assert cases and all(c.year == int(c.id[:4]) for c in cases)
    assert any(c.start.year != c.year for c in cases)  # the distinction is real in the corpus
