"""Property: the CLI on generated hostile case trees never raises, and exits 0, 1 or 2 (issue 12, Tests)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.helpers import NAME, TEXT, run

LINES = TEXT.splitlines(keepends=True)

_escapes = st.sampled_from(["\\e[2K", "\\r", "\\0", "\\x01", "\\x7f", "\\x9b", "\\u202e", "\\n", "\\t", "\\u2028"])
values = st.one_of(
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.integers(-1, 6000).map(lambda n: f"1e{n}"),
    st.integers(0, 3000).map(lambda n: "[" * n + "]" * n),
    st.integers(0, 400).map(lambda n: "{a: " * n + "1" + "}" * n),
    st.tuples(st.integers(0, 99999), st.integers(0, 13), st.integers(0, 32)).map(
        lambda d: f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"
    ),
    st.lists(_escapes, min_size=1, max_size=3).map(lambda e: '"x' + "".join(e) + 'y"'),
    st.sampled_from(["null", "~", "[]", "{}", "true", ".inf", ".nan", "0x1F", '""', "-", "? a", "&a x", "*a"]),
)
keys = st.sampled_from(["1", "null", "[a, b]", "{a: 1}", "true", '"k\\e[2K"', '"k\\r"', "date", "id"])


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        indent = line[: len(line) - len(line.lstrip(" -"))]
        if ":" in line and draw(st.booleans()):
            key = line.split(":", 1)[0]
            lines[index] = f"{key}: {draw(values)}\n"
        else:
            lines[index] = f"{indent}{draw(keys)}: {draw(values)}\n"
    text = "".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if draw(st.booleans()) else data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(), st.sampled_from(["none", "loop", "broken", "self", "odd-name"]))
def test_cli_on_hostile_trees(document: bytes, extra: str) -> None:
    """validate, stats, show and graph on a mutated case (plus a hostile neighbour) exit 0, 1 or 2."""
    with tempfile.TemporaryDirectory() as folder:
        cases = Path(folder) / "cases"
        cases.mkdir()
        (cases / NAME).write_bytes(document)
        if extra == "loop":
            (cases / "2099-a-x.yaml").symlink_to("2099-a-y.yaml")
            (cases / "2099-a-y.yaml").symlink_to("2099-a-x.yaml")
        elif extra == "broken":
            (cases / "2099-a-x.yaml").symlink_to("missing.yaml")
        elif extra == "self":
            (cases / "self").symlink_to(".")
        elif extra == "odd-name":
            (cases / "2099-\x1b[2K\r.yaml").write_bytes(document)
        for args in (
            ["validate", str(cases)],
            ["validate", "--format", "github", str(cases)],
            ["stats", "--cases", str(cases)],
            ["show", "--cases", str(cases), NAME.removesuffix(".yaml")],
            ["graph", "--format", "dot", "--cases", str(cases), NAME.removesuffix(".yaml")],
        ):
            result = run(*args)
            assert result.exit_code in (0, 1, 2), (args, result.output)
            assert "\x1b" not in result.output and "\r" not in result.output, (args, result.output)
