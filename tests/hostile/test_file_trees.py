"""Property test of #12: the CLI on generated hostile trees never answers with a traceback.

Trees mix valid fixture cases (some renamed) with random names (spaces, newlines, unicode,
bytes that are not UTF-8), empty files, random bytes, folders named *.yaml and symlinks (to
files, to folders, dangling). validate, stats, graph, show, patterns and render run in-process;
each must exit 0, 1 or 2 with no exception but SystemExit. Symlink loops are left to the case
input tests (the loader's own issue).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.cli import main
from tests.hostile.conftest import FIXTURE_CASES

CASES = sorted((FIXTURE_CASES / "valid").glob("*.yaml")) + sorted((FIXTURE_CASES / "real").glob("*.yaml"))

_name_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"), min_size=1, max_size=12
).filter(lambda s: s not in (".", ".."))
_name_bytes = st.binary(min_size=1, max_size=10).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
)
# Names that are not UTF-8 travel as surrogate escapes, as os.listdir returns them.
names = st.one_of(_name_text, _name_bytes.map(os.fsdecode))
suffixes = st.sampled_from([".yaml", ".yml", "", ".txt", ".YAML"])

entry = st.one_of(
    st.tuples(st.just("case"), names, st.sampled_from(CASES), st.booleans()),
    st.tuples(st.just("bytes"), names, suffixes, st.binary(max_size=200)),
    st.tuples(st.just("empty"), names, suffixes),
    st.tuples(st.just("folder"), names, suffixes),
    st.tuples(st.just("link"), names, suffixes, st.sampled_from(["file", "folder", "dangling", "outside"])),
)


def _plant(root: Path, spec: tuple[Any, ...], outside: Path) -> None:
    kind, name = spec[0], spec[1]
    if kind == "case":
        source, keep_name = spec[2], spec[3]
        (root / (source.name if keep_name else f"{name}.yaml")).write_bytes(source.read_bytes())
        return
    path = root / f"{name}{spec[2]}"
    if path.exists() or path.is_symlink():
        return
    if kind == "bytes":
        path.write_bytes(spec[3])
    elif kind == "empty":
        path.touch()
    elif kind == "folder":
        path.mkdir()
        (path / "inner.yaml").write_bytes(b"id: [unclosed\n")
    else:
        pointee = {"file": CASES[0], "folder": FIXTURE_CASES / "real", "outside": outside}
        path.symlink_to(pointee.get(spec[3], root / "missing-target"))


def _run(args: list[str | Path]) -> int:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert "Traceback" not in result.output, (args, result.output)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    return result.exit_code


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry, min_size=0, max_size=8), st.integers(0, 7))
def test_the_cli_survives_hostile_trees(specs: list[tuple[Any, ...]], pick: int) -> None:
    """Exit 0, 1 or 2 and no traceback from every command on a generated tree."""
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        tree = base / "tree"
        tree.mkdir()
        outside = base / "secret.txt"
        outside.write_bytes(b"not a case\n")
        for spec in specs:
            _plant(tree, spec, outside)
        planted = sorted(tree.iterdir())
        some = planted[pick % len(planted)] if planted else tree
        case_id = some.name.rsplit(".", 1)[0] if planted else "2099-acme-minimal"
        _run(["validate", tree])
        _run(["validate", some])
        _run(["stats", "--cases", tree])
        _run(["patterns", "--cases", tree])
        _run(["graph", case_id, "--cases", tree])
        _run(["show", some, "--cases", tree])
        _run(["render", "--cases", tree, "--out", base / "docs"])
        assert outside.read_bytes() == b"not a case\n"
