"""Hostile case input (issue 12, items 7 and 8): each gives a located diagnostic and exit 1, never a traceback.

Every input is the minimal fixture with one line changed, so each test names the code and the
line it must produce.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casebook.gates.dates import DATE_FIELDS
from casebook.loading import MAX_DEPTH, load_text
from tests.hostile.helpers import NAME, TEXT, line_of, run, variant, write_case

DEEP_BLOCK = "tags:\n" + "".join("  " * i + "- \n" for i in range(1, 200)) + "  " * 200 + "x\n"

# (what, old text, new text, code, where: None for the changed line, "any" for any line)
CASES = [
    ("integer of 5,000 digits", "value: 1000", "value: " + "9" * 5000, "Y110", None),
    ("impact.value of 4,000 digits", "value: 1000", "value: " + "9" * 4000, "Y110", None),
    ("negative integer of 31 digits", "value: 1000", "value: -" + "9" * 31, "Y110", None),
    ("value 1e400", "value: 1000", "value: 1e400", "Y112", None),
    ("value -1e400", "value: 1000", "value: -1.5e400", "Y112", None),
    ("300 nested flow lists", "tags: [fictional]", "tags: " + "[" * 300 + "]" * 300, "Y111", None),
    (
        "2,000 nested flow lists (past libyaml's own limit)",
        "tags: [fictional]",
        "tags: " + "[" * 2000 + "]" * 2000,
        "Y111",
        None,
    ),
    ("300 nested flow mappings", "tags: [fictional]", "tags: " + "{a: " * 300 + "1" + "}" * 300, "Y111", None),
    ("200 nested block lists", "tags: [fictional]\n", DEEP_BLOCK, "Y111", "any"),
    ("last_reviewed in year 0000", "last_reviewed: 2099-01-31", "last_reviewed: 0000-01-01", "D600", None),
    ("event id with a final newline", "- id: defect", '- id: "defect\\n"', "S203", None),
    ("source id with a final newline", "- id: memo", '- id: "memo\\n"', "S203", None),
    ("case id with a final newline", "id: 2099-acme-minimal", 'id: "2099-acme-minimal\\n"', "S203", None),
    ("tag with a final newline", "tags: [fictional]", 'tags: ["fictional\\n"]', "S203", None),
    (
        "link with a final newline",
        "url: https://acme.example/memo",
        'url: "https://acme.example/memo\\n"',
        "H800",
        None,
    ),
    ("date with a final newline", "start: 2099-01", 'start: "2099-01\\n"', "S203", None),
    ("date in Arabic-Indic digits", "start: 2099-01", 'start: "\\u0662\\u0660\\u0669\\u0669-01"', "S203", None),
    ("date with a five-digit year", "as_of: 2099-03-15", "as_of: 99999-01-01", "S203", None),
]


@pytest.mark.parametrize(("what", "old", "new", "code", "where"), CASES, ids=[c[0] for c in CASES])
def test_hostile_value_is_a_located_diagnostic(
    tmp_path: Path, what: str, old: str, new: str, code: str, where: str | None
) -> None:
    """The CLI reports CODE at the changed line and exits 1, with no traceback."""
    text = variant(old, new)
    result = run("validate", str(write_case(tmp_path / "cases", text)))
    assert result.exit_code == 1, result.output
    found = re.findall(rf"{NAME}:(\d+):\d+: error (\w+)", result.output)
    if where == "any":  # reported where the nesting passes the limit, some lines below
        assert code in {c for _, c in found}, result.output
    else:
        assert (str(line_of(text, new[:60])), code) in found, result.output


DATE_LINES = [
    (number, line)
    for number, line in enumerate(TEXT.splitlines(), 1)
    if re.match(rf"^\s*(- )?({'|'.join(DATE_FIELDS)}): ", line)
]


@pytest.mark.parametrize("bad", ["0000-01-01", "0000", "0000-06", "2023-02-30", "2023-13", "99999-01-01"])
@pytest.mark.parametrize(("number", "line"), DATE_LINES, ids=[line.strip() for _, line in DATE_LINES])
def test_every_date_field_refuses_impossible_dates(tmp_path: Path, number: int, line: str, bad: str) -> None:
    """Year 0000, 30 February, month 13 and five-digit years fail at their line in every date field."""
    key, _ = line.split(": ", 1)
    lines = TEXT.splitlines(keepends=True)
    lines[number - 1] = f"{key}: {bad}\n"
    result = run("validate", str(write_case(tmp_path / "cases", "".join(lines))))
    assert result.exit_code == 1, result.output
    assert re.search(rf"{NAME}:{number}:\d+: error (D600|S203) ", result.output), result.output


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("last_reviewed: 2099-01-31", "last_reviewed: 0000-01-01"),
        ("value: 1000", "value: 1e400"),
        ("value: 1000", "value: " + "9" * 4000),
        ("tags: [fictional]", "tags: " + "[" * 500 + "]" * 500),
    ],
    ids=["year-0000", "1e400", "4000-digits", "deep"],
)
@pytest.mark.parametrize("command", ["render", "stats", "graph", "show", "patterns"])
def test_other_commands_refuse_what_validate_refuses(tmp_path: Path, command: str, old: str, new: str) -> None:
    """render, stats, graph, show and patterns report the invalid case; none crashes (year 0000 crashed build)."""
    cases = str(write_case(tmp_path / "cases", variant(old, new)))
    args = {
        "render": ["render", "--cases", cases, "--out", str(tmp_path / "docs")],
        "stats": ["stats", "--cases", cases],
        "graph": ["graph", "--cases", cases, "2099-acme-minimal"],
        "show": ["show", "--cases", cases, "2099-acme-minimal"],
        "patterns": ["patterns", "--cases", cases],
    }[command]
    result = run(*args)
    assert re.search(rf"{NAME}:\d+:\d+: error [YD]\d\d\d ", result.output), result.output
    # stats reports invalid cases and leaves them out of the figures; the others refuse.
    assert result.exit_code == (0 if command == "stats" else 1), result.output


def test_largest_allowed_numbers_still_load() -> None:
    """30-digit integers and the largest finite float are numbers, not errors: the limits are not too tight."""
    loaded = load_text(variant("value: 1000", "value: " + "9" * 30), NAME)
    assert loaded.ok and loaded.data["impact"][0]["value"] == int("9" * 30)
    loaded = load_text(variant("value: 1000", "value: 1.7e308"), NAME)
    assert loaded.ok and loaded.data["impact"][0]["value"] == 1.7e308


def test_nesting_up_to_the_limit_loads() -> None:
    """MAX_DEPTH levels load (the schema then refuses the shape); one more is Y111."""
    # The document itself is one level; tags is the second.
    at_limit = load_text(variant("tags: [fictional]", "tags: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)), NAME)
    assert at_limit.ok
    past = load_text(variant("tags: [fictional]", "tags: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH), NAME)
    assert [d.code for d in past.diagnostics] == ["Y111"]


@pytest.mark.parametrize("variant_name", ["default", "python"])
def test_both_regex_dialects_refuse_a_final_newline(tmp_path: Path, variant_name: str) -> None:
    """check-jsonschema with ECMA-262 (default) and Python regexes both refuse the id 'defect\\n', as we do."""
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert exe is not None, "check-jsonschema is a dev dependency; run `make install`"
    case = (
        write_case(tmp_path, variant("- id: defect", '- id: "defect\\n"').replace("[defect]", '["defect\\n"]')) / NAME
    )
    schema = Path(__file__).resolve().parents[2] / "schema" / "case.schema.json"
    args = [exe, "--regex-variant", variant_name, "--schemafile", str(schema), str(case)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1 and "$.chain[0].id" in done.stdout, done.stdout


def test_compiled_check_and_jsonschema_agree_on_a_final_newline() -> None:
    """The compiled fast check (schema_fast) and jsonschema (schema_check) each refuse 'defect\\n' on their own."""
    from casebook.schema_check import _fast_check, _validator

    loaded = load_text(variant("- id: defect", '- id: "defect\\n"'), NAME)
    fast = _fast_check()
    assert fast is not None and not fast(loaded.data)
    assert any(tuple(e.absolute_path) == ("chain", 0, "id") for e in _validator().iter_errors(loaded.data))
