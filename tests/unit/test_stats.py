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


def test_reply_perspectives_and_review_records_are_counted() -> None:
    """Issue 18's figures: reply states of all and of reviewed cases, disputed first breaks, review records."""
    from casebook.validation import validate_paths
    from tests.helpers import ROOT

    v2 = validate_paths([ROOT / "tests" / "fixtures" / "cases" / "v2"]).cases
    full = next(c for c in v2 if c.id == "2099-acme-full")
    withdrawn = next(c for c in v2 if c.id == "2099-acme-withdrawn")
    plain = dataclasses.replace(minimal_case(), status="reviewed")
    agreeing = dataclasses.replace(
        full,
        id="2099-acme-agreeing",
        perspectives=tuple(dataclasses.replace(p, first_break_stage="design") for p in full.perspectives),
    )
    voices = coverage([full, withdrawn, plain, agreeing]).voices
    assert dict(voices.reply_all) == {"statements": 2, "none_found": 1, "neither": 1}
    assert dict(voices.reply_reviewed) == {"statements": 2, "none_found": 0, "neither": 1}
    assert voices.reviewed_without_reply == ("2099-acme-minimal",)
    assert (voices.with_perspectives, voices.perspectives) == (2, 2)
    assert voices.disputed == ("2099-acme-full",)  # the other reading keeps the main first-break stage
    assert voices.reviewed_with_record == 2 and voices.reviewed_without_record == ("2099-acme-minimal",)


def test_stats_cli_reports_reply_and_reviews() -> None:
    """`casebook stats` prints the reply table and `--format json` carries the same figures."""
    from tests.helpers import ROOT

    folder = str(ROOT / "tests" / "fixtures" / "cases" / "v2")
    text = CliRunner().invoke(main, ["stats", "--cases", folder])
    assert text.exit_code == 0, text.output
    assert "The organization's own words (reply)" in text.output
    assert "Cases whose first-break stage is disputed: 1\n  2099-acme-full" in text.output
    data = json.loads(CliRunner().invoke(main, ["stats", "--cases", folder, "--format", "json"]).output)
    assert data["reply"]["all"] == {"statements": 1, "none_found": 1, "neither": 0}
    assert data["reply"]["reviewed"] == {"statements": 1, "none_found": 0, "neither": 0}
    assert data["perspectives"] == {"cases": 1, "perspectives": 1, "disputed_first_break": ["2099-acme-full"]}
    assert data["review_records"] == {"reviewed_with": 1, "reviewed_without": []}
