"""The benchmark code runs end to end at a tiny size (no time is asserted, only the report's shape)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.measure import Run, Sample
from benchmarks.report import _ratios

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "results.md"
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "5", "--repeat", "1"]
    subprocess.run([*command, "--cache", str(tmp_path / "cache"), "--out", str(out), *extra], check=True, cwd=ROOT)
    return out.read_text(encoding="utf-8")


def test_tiny_run_writes_every_validation_section(tmp_path: Path) -> None:
    """--sizes 5 --no-site writes the targets, machine, validation, stock, one-file, graph and linearity parts."""
    text = _run(tmp_path, "--no-site")
    for heading in (
        "## Targets",
        "## Machine",
        "## Load and validate",
        "## Stock validator side by side",
        "## One changed file in a large corpus",
        "## Graphs",
    ):
        assert f"\n{heading}\n" in text
    assert "## Site build" not in text
    assert "| 5 |" in text
    for fact in ("CPU", "Memory", "Python", "pyyaml", "mkdocs-material", "Date"):
        assert fact in text


@pytest.mark.slow
def test_tiny_run_with_a_site(tmp_path: Path) -> None:
    """With a site size, the build, its phases, what a browser loads, the edit loop and the bytes per
    search query (in Chromium) are reported."""
    text = _run(tmp_path)
    for heading in ("Site build", "What a browser loads", "Edit loop", "Search bytes per query"):
        assert f"\n## {heading}\n" in text
    assert "`pagefind/`" in text and "filter/cases.json" in text
    assert "case page HTML flat" in text
    edit_row = next(line for line in text.splitlines() if line.startswith("| 5 |") and "%" in line)
    assert edit_row.count("|") == 7
    search_row = text.split("\n## Search bytes per query\n", 1)[1].split("\n| 5 |", 1)[1].split("\n", 1)[0]
    assert "not measured" not in search_row and " KB" in search_row  # a real search fetched something
    assert "not measured at 1,000 or 10,000" in text


def test_ratios_pair_sizes_ten_times_apart() -> None:
    """Only sizes ten times apart are compared, in order."""
    times = {100: 1.0, 1000: 9.0, 10000: 100.0, 500: 3.0}
    assert _ratios(sorted(times), times.get) == [(100, 1000, 9.0), (1000, 10000, 100.0 / 9.0)]


def test_sample_medians() -> None:
    """Medians of outside measurements and of what the child reported."""
    sample = Sample(
        [Run(1.0, 2.0, 10.0, {"cpu": 0.5}), Run(3.0, 1.0, 30.0, {"cpu": 0.7}), Run(2.0, 3.0, 20.0, {"cpu": 0.6})]
    )
    assert sample.median("wall") == 2.0 and sample.median("peak_rss_mb") == 20.0
    assert sample.reported("cpu") == 0.6
    assert sample.count == 3
