"""The perspectives gate (P1xx): what makes a perspective, and what it may not say (issue 18)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from casebook.cli import main
from casebook.gates.perspectives import main_first_break
from tests.helpers import ROOT

FULL = ROOT / "tests" / "fixtures" / "cases" / "v2" / "2099-acme-full.yaml"
COMMENT = ROOT / "tests" / "fixtures" / "cases" / "invalid" / "2099-fixture-perspective-comment.yaml"


def _codes(path: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args, str(path)])
    assert "Traceback" not in result.output
    return [f"{d['code']}@{d['line']}" for d in json.loads(result.output)["diagnostics"]]


def _variant(tmp_path: Path, source: Path, name: str, old: str, new: str) -> Path:
    text = source.read_text()
    assert old in text, old
    text = re.sub(r"^id: .*$", f"id: {name}", text.replace(old, new, 1), count=1, flags=re.MULTILINE)
    target = tmp_path / f"{name}.yaml"
    target.write_text(text)
    return target


def test_a_comment_becomes_a_perspective_by_any_one_judgement(tmp_path: Path) -> None:
    """P100 goes away when the reading differs in the first-break event, its stage, a layer or the verdict."""
    assert [c.split("@")[0] for c in _codes(COMMENT)] == ["P100"]
    changes = {
        "event": ("      stage: design\n      event: defect", "      stage: incident_response\n      event: hidden"),
        "verdict": ("verdict: partially_restored", "verdict: lasting_damage"),
        "layer": ("      - event: hidden\n", "      - event: hidden\n        layer: latent\n"),
        "mode": ("      - event: hidden\n", "      - event: hidden\n        failure_mode: delayed_disclosure\n"),
    }
    for name, (old, new) in changes.items():
        path = _variant(tmp_path, COMMENT, f"2099-fixture-differs-{name}", old, new)
        found = _codes(path)
        assert not any(c.startswith("P100") for c in found), (name, found)


def test_a_layer_given_as_it_already_is_is_no_difference(tmp_path: Path) -> None:
    """A weighing that repeats the chain's own layer is P104, and still leaves the comment a comment."""
    path = _variant(
        tmp_path,
        COMMENT,
        "2099-fixture-same-layer",
        "      - event: hidden\n",
        "      - event: hidden\n        layer: active\n",
    )
    assert sorted(c.split("@")[0] for c in _codes(path)) == ["P100", "P104"]


def test_verdict_left_out_counts_as_the_main_verdict(tmp_path: Path) -> None:
    """A perspective without a verdict takes the main one: removing it does not make a difference."""
    path = _variant(tmp_path, COMMENT, "2099-fixture-no-verdict", "    verdict: partially_restored\n", "")
    assert [c.split("@")[0] for c in _codes(path)] == ["P100"]


def test_r406_covers_perspective_events_and_sources(tmp_path: Path) -> None:
    """Unknown events (first break, weighs) and sources of a perspective are R406, with a did-you-mean."""
    path = _variant(
        tmp_path, FULL, "2099-fixture-r406", "      event: hidden\n    weighs:", "      event: hiden\n    weighs:"
    )
    path.write_text(path.read_text().replace("    sources: [inquiry]\nreviews:", "    sources: [inquirey]\nreviews:"))
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert "R406 event 'hiden' is not in the chain; did you mean 'hidden'?" in result.output
    assert "R406 source 'inquirey' is not in this case's sources; did you mean 'inquiry'?" in result.output
    assert "(at $.perspectives[0].first_break.event)" in result.output
    assert "(at $.perspectives[0].sources[0])" in result.output
    assert "P100" not in result.output and "P102" not in result.output  # unknown events are R406's alone


def test_reply_sources_is_a_requirement(tmp_path: Path) -> None:
    """P108 appears only under --require reply-sources, for a statement sourced from news alone."""
    path = _variant(
        tmp_path,
        FULL,
        "2099-fixture-news-reply",
        "      sources: [notice]\nperspectives:",
        "      sources: [press]\nperspectives:",
    )
    path.write_text(
        path.read_text().replace(
            "reply:\n",
            "  - id: press\n    title: Acme recalls widgets\n    publisher: Widget News\n"
            "    url: https://news.example/acme\n    published: 2099-03-15\n    accessed: 2099-03-20\n    type: news\nreply:\n",
        )
    )
    assert _codes(path) == []
    line = next(i for i, row in enumerate(path.read_text().splitlines(), 1) if row == "      sources: [press]")
    assert _codes(path, "--require", "reply-sources") == [f"P108@{line}"]
    assert _codes(FULL, "--require", "reply-sources") == []


@pytest.mark.parametrize(
    ("chain", "expected"),
    [
        ([("a", "context", []), ("b", "break", ["a"]), ("c", "break", ["b"])], "b"),
        ([("late", "break", []), ("early", "break", [])], "early"),  # by date, not file order
        ([("a", "break", ["b"]), ("b", "break", ["a"])], None),  # a cycle (C500): no first break
        ([("a", "response", [])], None),  # no break (C501)
    ],
)
def test_main_first_break_follows_the_chain_order(
    chain: list[tuple[str, str, list[str]]], expected: str | None
) -> None:
    """The gate's first break is the analysis's: causes first, then the earliest date."""
    dates = {"late": "2099-05", "early": "2099-01"}
    events = [{"id": i, "kind": k, "caused_by": c, "date": dates.get(i, "2099")} for i, k, c in chain]
    assert main_first_break(events) == expected
