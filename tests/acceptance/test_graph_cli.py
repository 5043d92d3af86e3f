"""`casebook graph`, `show` and `patterns` through the real CLI: formats, files and exit codes."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from casebook.cli import main
from tests.helpers import MINIMAL

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "fixtures" / "cases" / "real"
BUZZ = REAL / "2010-google-buzz.yaml"


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI; return exit code, stdout and stderr, and fail on any traceback."""
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A cases folder holding the minimal fixture and the real ones."""
    folder = tmp_path / "cases"
    folder.mkdir()
    for path in [MINIMAL, *REAL.glob("*.yaml")]:
        shutil.copy(path, folder / path.name)
    return folder


def test_graph_svg_by_path_to_stdout() -> None:
    """A path to a case prints its SVG; exit 0."""
    code, out, _ = run("graph", str(BUZZ))
    assert code == 0
    assert ET.fromstring(out).get("data-case") == "2010-google-buzz"


def test_graph_by_id_looks_in_cases_folder(corpus: Path) -> None:
    """A bare id is looked up in --cases."""
    code, out, _ = run("graph", "2099-acme-minimal", "--cases", str(corpus), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [n["id"] for n in data["nodes"]] == ["defect", "hidden", "recall"]
    assert data["edges"] == [
        {"from": "defect", "to": "hidden", "crosses_stage": True},
        {"from": "hidden", "to": "recall", "crosses_stage": False},
    ]
    assert data["analysis"]["first_break"] == {"id": "defect", "stage": "design"}


def test_graph_dot_format() -> None:
    """--format dot gives Graphviz text with one cluster per stage."""
    code, out, _ = run("graph", str(MINIMAL), "--format", "dot")
    assert code == 0
    assert out.startswith('digraph "2099-acme-minimal" {')
    assert '"defect" -> "hidden";' in out and 'subgraph "cluster_design"' in out


def test_graph_output_file_is_written(tmp_path: Path) -> None:
    """-o writes the file (creating folders) and prints nothing."""
    target = tmp_path / "out" / "buzz.svg"
    code, out, _ = run("graph", str(BUZZ), "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("<svg ")


def test_graph_output_failure_is_a_usage_error(tmp_path: Path) -> None:
    """An -o target under a plain file cannot be written: exit 2, no traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run("graph", str(MINIMAL), "-o", str(blocker / "x.svg"))
    assert code == 2 and "cannot write" in err


def test_unknown_id_exits_2_with_a_suggestion(corpus: Path) -> None:
    """A missing id is a usage error, with did-you-mean."""
    code, _, err = run("graph", "2010-google-bux", "--cases", str(corpus))
    assert code == 2
    assert "no case '2010-google-bux'" in err and "did you mean '2010-google-buzz'" in err


@pytest.mark.parametrize("name", ["missing/case.yaml", "nope.yaml"])
def test_missing_path_exits_2(name: str) -> None:
    """A path that does not exist is a usage error."""
    code, _, err = run("graph", name)
    assert code == 2 and "no such case file" in err


def test_folder_instead_of_case_exits_2(corpus: Path) -> None:
    """A folder is not a case."""
    code, _, err = run("show", str(corpus))
    assert code == 2 and "is a folder" in err


def test_invalid_case_is_reported_like_validate(tmp_path: Path) -> None:
    """An invalid case exits 1 and prints exactly what `casebook validate` prints."""
    bad = tmp_path / "2099-acme-minimal.yaml"
    bad.write_text(MINIMAL.read_text(encoding="utf-8").replace("kind: break", "kind: brake"), encoding="utf-8")
    code, out, err = run("graph", str(bad))
    assert (code, out) == (1, "")
    validate = CliRunner().invoke(main, ["validate", str(bad)])
    assert validate.exit_code == 1
    assert err == validate.stdout
    assert "V300" in err or "S2" in err


def test_show_prints_the_analysis() -> None:
    """show: first break, timings with precision, the break path, where customers felt it."""
    code, out, _ = run("show", str(BUZZ))
    assert code == 0
    assert "First break:       auto-follow-design (Design, 2010-02-09)" in out
    assert "2 days after the first break" in out
    assert "Break path:        auto-follow-design -> opt-out-defaults -> user-backlash (3 failures)" in out
    assert "Felt by customers: opt-out-defaults (Onboarding, 2010-02-09)" in out
    assert "Broke at:          Design, Onboarding" in out
    code, out, _ = run("show", str(MINIMAL))
    assert (
        "First recovery:    recall (Incident response, 2099-03-15): Widgets recalled; about 58 days (43 to 73)" in out
    )
    assert "First response:    none recorded" in out


def test_patterns_json_and_svg(corpus: Path, tmp_path: Path) -> None:
    """patterns counts the folder; svg renders the heat map; -o writes it."""
    code, out, _ = run("patterns", "--cases", str(corpus))
    assert code == 0
    data = json.loads(out)
    assert data["cases"] == 4 and len(data["first_break_stages"]) == 12
    target = tmp_path / "patterns.svg"
    code, out, _ = run("patterns", "--cases", str(corpus), "--format", "svg", "-o", str(target))
    assert (code, out) == (0, "")
    assert ET.fromstring(target.read_text(encoding="utf-8")).get("class") == "cb-patterns"


def test_patterns_missing_folder_exits_2(tmp_path: Path) -> None:
    """No such folder: usage error."""
    code, _, err = run("patterns", "--cases", str(tmp_path / "nowhere"))
    assert code == 2 and "no such cases folder" in err


def test_patterns_with_an_invalid_case_exits_1(corpus: Path) -> None:
    """One invalid case in the folder: the validate report, exit 1."""
    (corpus / "2099-acme-minimal.yaml").write_text("id: [", encoding="utf-8")
    code, out, err = run("patterns", "--cases", str(corpus))
    assert (code, out) == (1, "")
    assert "2099-acme-minimal.yaml:2:1: error Y100" in err and ": 1 errors," in err.splitlines()[-1]


def test_commands_have_help() -> None:
    """Each command documents itself."""
    for command in ("graph", "show", "patterns"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "Usage:" in out


def test_graph_json_carries_the_break_path() -> None:
    """graph --format json: analysis.break_path runs through both Boeing crashes, and show prints it."""
    boeing = ROOT / "cases" / "2019-boeing-737-max.yaml"
    code, out, _ = run("graph", str(boeing), "--format", "json")
    assert code == 0
    path = json.loads(out)["analysis"]["break_path"]
    assert path[0] == "cost-schedule-pressure" and path[-1] == "ethiopian-crash"
    assert {"lion-air-crash", "keep-flying"} <= set(path)
    code, out, _ = run("show", str(boeing))
    assert "Break path:        " + " -> ".join(path) in out
