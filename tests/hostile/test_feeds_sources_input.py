"""The news watch's sources file goes through the same strict loader: the same limits hold (issue 12, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.feeds.sources import load_sources
from tests.hostile.helpers import run

FEED = "feeds:\n  - name: regulator\n    url: https://regulator.example/feed.xml\n"

CASES = [
    ("weight of 5,000 digits", FEED + "    weight: " + "9" * 5000 + "\n", "Y110", 4),
    ("weight 1e400", FEED + "    weight: 1e400\n", "Y112", 4),
    ("feeds nested 500 deep", "feeds: " + "[" * 500 + "]" * 500 + "\n", "Y111", 1),
    ("tags nested 300 deep", FEED + "    tags: " + "{a: " * 300 + "1" + "}" * 300 + "\n", "Y111", 4),
    ("name with ESC[2K", 'feeds:\n  - name: "a\\e[2K"\n    url: https://a.example/f\n', "F903", 2),
    ("name with a final newline", 'feeds:\n  - name: "a\\n"\n    url: https://a.example/f\n', "F903", 2),
    ("url with a final newline", 'feeds:\n  - name: a\n    url: "https://a.example/f\\n"\n', "F903", 3),
    ("file url with NUL", 'feeds:\n  - name: a\n    url: "file:x\\0"\n', "F903", 3),
    ("tag with a final newline", FEED + '    tags: ["news\\n"]\n', "F903", 4),
]


@pytest.mark.parametrize(("what", "text", "code", "line"), CASES, ids=[c[0] for c in CASES])
def test_hostile_sources_file_is_a_located_diagnostic(
    tmp_path: Path, what: str, text: str, code: str, line: int
) -> None:
    """load_sources reports CODE at the line and builds no feed; watch exits 1 and reads nothing."""
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_sources(path)
    assert not result.feeds
    assert (code, line) in [(d.code, d.line) for d in result.diagnostics], result.diagnostics
    state = tmp_path / "state.json"
    args = ["--sources", str(path), "--state", str(state), "--out", str(tmp_path / "out"), "--today", "2026-12-01"]
    ran = run("watch", *args)
    assert ran.exit_code == 1, ran.output
    assert "\x1b" not in ran.output and not state.exists()
