"""Control characters (issue 12, item 9): refused in case text (H804), escaped in every terminal message."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casebook.diagnostics import Diagnostic
from casebook.terminal import json_safe, safe, safe_lines
from tests.hostile.helpers import NAME, line_of, run, variant, write_case

TITLE = "title: Acme's fictional widget recall"
# YAML double-quoted escapes: ESC[2K erases the line, \r returns to its start, then a fake verdict.
PAYLOAD = "\\e[2K\\rall good"
RAW = ("\x1b", "\r", "\x00", "\x7f", "\x9b", "\u202e")


def _no_raw_controls(text: str) -> None:
    for char in RAW:
        assert char not in text, f"{char!r} reached the terminal: {text!r}"


@pytest.mark.parametrize(
    ("escape", "shown"),
    [
        ("\\e", "\\x1b"),
        ("\\r", "\\r"),
        ("\\0", "\\x00"),
        ("\\x01", "\\x01"),
        ("\\x7f", "\\x7f"),
        ("\\x9b", "\\x9b"),
        ("\\u202e", "\\u202e"),
        ("\\u2028", "\\u2028"),
    ],
)
def test_control_character_in_a_title_is_h804_at_its_line(tmp_path: Path, escape: str, shown: str) -> None:
    """A quoted title holding a control character fails with H804 at the title's line, the character named."""
    text = variant(TITLE, f'title: "Acme{escape}recall"')
    result = run("validate", str(write_case(tmp_path / "cases", text)))
    assert result.exit_code == 1
    line = line_of(text, "title:")
    assert re.search(rf"{NAME}:{line}:8: error H804 control character {re.escape(shown)} in text", result.output)
    _no_raw_controls(result.output)


def test_tabs_and_newlines_stay_allowed(tmp_path: Path) -> None:
    """Block text is made of newlines, and a tab inside text is harmless: neither is H804."""
    text = variant(TITLE, 'title: "Acme\\tfictional\\nrecall"')
    result = run("validate", str(write_case(tmp_path / "cases", text)))
    assert "H804" not in result.output


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_payload_in_a_key_and_a_title_never_reaches_the_terminal(tmp_path: Path, fmt: str) -> None:
    """ESC[2K and \\r in a key and in a title are reported, escaped, in every output format."""
    text = variant(TITLE, f'title: "Acme{PAYLOAD}"').replace("  touch: low", f'  touch: low\n  "sc{PAYLOAD}": 1', 1)
    result = run("validate", "--format", fmt, str(write_case(tmp_path / "cases", text)))
    assert result.exit_code == 1
    _no_raw_controls(result.output)
    if fmt == "json":
        codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
        assert codes.count("H804") == 2
    else:
        assert result.output.count("H804") >= 2
        assert "\\x1b[2K\\rall good" in result.output  # the reader sees what is in the file


def test_payload_in_a_file_name_is_escaped(tmp_path: Path) -> None:
    """A case file named with ESC[2K and \\r is named, escaped, in its diagnostics."""
    name = "2099-acme-\x1b[2K\rminimal.yaml"
    folder = write_case(tmp_path / "cases", variant("id: 2099-acme-minimal", "id: 2099-acme-other"), name)
    for fmt in ("text", "github"):
        result = run("validate", "--format", fmt, str(folder))
        assert result.exit_code == 1
        _no_raw_controls(result.output)
        assert "2099-acme-\\x1b[2K\\rminimal.yaml" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "X\x1b[2K\rY"],
        ["show", "no-such-\x1b[2K\r.yaml"],
        ["graph", "nope\x1b]0;title\x07"],
        ["nosuch\x1b[31m"],
        ["validate", "/nonexistent/\x1b[2K\r.yaml"],
    ],
    ids=["explain", "show", "graph", "unknown-command", "validate-missing-path"],
)
def test_arguments_echoed_in_errors_are_escaped(args: list[str]) -> None:
    """Usage errors that repeat an argument show its control characters escaped."""
    result = run(*args)
    assert result.exit_code == 2
    _no_raw_controls(result.output)
    assert "\\x1b" in result.output


def test_escaping_functions() -> None:
    """safe escapes everything; safe_lines keeps newline and tab; json_safe stays valid JSON."""
    assert safe("a\x1b[2K\r\n\tb\x9b\u202e") == "a\\x1b[2K\\r\\n\\tb\\x9b\\u202e"
    assert safe_lines("a\nb\tc\x1b\r") == "a\nb\tc\\x1b\\r"
    text = json_safe(json.dumps({"k\x7f": "v\x85\u2028"}, ensure_ascii=False, indent=1))
    assert "\x7f" not in text and "\x85" not in text and json.loads(text) == {"k\x7f": "v\x85\u2028"}
    assert Diagnostic("x\x1b.yaml", 1, 1, "Y100", "m\rn").format() == "x\\x1b.yaml:1:1: error Y100 m\\rn"


@pytest.mark.parametrize("command", ["render", "dot"])
def test_control_characters_never_reach_html_or_dot(tmp_path: Path, command: str) -> None:
    """render and graph --format dot refuse the case (exit 1) instead of writing its ESC and NUL out."""
    cases = str(write_case(tmp_path / "cases", variant(TITLE, 'title: "Acme\\e[31m\\0"')))
    args = {
        "render": ["render", "--cases", cases, "--out", str(tmp_path / "docs")],
        "dot": ["graph", "--format", "dot", "--cases", cases, "2099-acme-minimal"],
    }[command]
    result = run(*args)
    assert result.exit_code == 1 and "H804" in result.output
    _no_raw_controls(result.output)
    assert not (tmp_path / "docs").exists() or not any((tmp_path / "docs").rglob("*.md"))


@pytest.mark.parametrize("option", ["--org", "--title", "--slug"])
def test_new_refuses_control_characters(tmp_path: Path, option: str) -> None:
    """casebook new does not write a case that validate would refuse with H804: exit 2, no file."""
    values = {"--org": "Acme", "--title": "A title", "--slug": "widget"}
    values[option] = "Acme\x1b[2K\rX"
    args = ["new", "--year", "2099", "--cases", str(tmp_path)] + [part for pair in values.items() for part in pair]
    result = run(*args)
    assert result.exit_code == 2 and option in result.output
    assert "\x1b" not in result.output and not list(tmp_path.iterdir())
