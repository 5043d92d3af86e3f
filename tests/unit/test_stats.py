"""Coverage figures over small in-memory corpora."""

from __future__ import annotations

import dataclasses
import json

from click.testing import CliRunner

from casebook.cli import main
from casebook.stats import coverage, format_coverage
from tests.helpers import MINIMAL, minimal_case


def test_counts_follow_vocabulary_order_and_include_zeros() -> None:
    """Every vocabulary value is listed, zero or not, in vocabulary order."""
    report = coverage([minimal_case()])
    assert report.cases == 1
    assert list(report.by_first_break_stage)[:2] == ["governance", "design"]
    assert report.by_first_break_stage["design"] == 1
    assert report.by_sector["consumer_goods"] == 1 and report.by_sector["energy"] == 0
    assert report.by_decade["2090s"] == 1 and report.by_decade["1980s"] == 0
    assert report.by_failure_mode["design_defect"] == 1 and report.by_failure_mode["concealment"] == 1


def test_weak_sources_and_missing_recovery() -> None:
    """Events cited only by weak sources are listed; a chain without recovery is listed."""
    case = minimal_case()
    blog_sources = tuple(dataclasses.replace(s, type="blog") for s in case.sources)
    no_recovery = tuple(dataclasses.replace(e, kind="response") if e.kind == "recovery" else e for e in case.chain)
    report = coverage([dataclasses.replace(case, sources=blog_sources, chain=no_recovery)])
    assert report.weakly_sourced_events == (
        ("2099-acme-minimal", "defect"),
        ("2099-acme-minimal", "hidden"),
        ("2099-acme-minimal", "recall"),
    )
    assert report.cases_without_recovery == ("2099-acme-minimal",)
    assert coverage([case]).weakly_sourced_events == ()


def test_text_and_json_agree() -> None:
    """The text report and the JSON carry the same counts."""
    report = coverage([minimal_case()])
    assert "Stage of the first break" in format_coverage(report)
    assert json.loads(json.dumps(report.to_json()))["by_verdict"]["partially_restored"] == 1


def test_cli_json() -> None:
    """`casebook stats --format json` over a folder."""
    result = CliRunner().invoke(main, ["stats", "--cases", str(MINIMAL.parent), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["cases"] == 1
