"""Running one measured child process, repeating it, and describing the machine.

Every stage runs in a child process of its own, so that its peak memory is its own: the parent
waits for it with ``os.wait4`` and reads the child's resource usage (peak RSS, CPU time). A
stage run through ``benchmarks.child`` also reports the time of its measured work alone, without
interpreter start-up, imports or untimed set-up such as loading the corpus for the graph stage.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

LIBRARIES = (
    "pyyaml",
    "jsonschema",
    "referencing",
    "check-jsonschema",
    "ruamel.yaml",
    "networkx",
    "numpy",
    "markdown",
    "mkdocs",
    "mkdocs-material",
    "click",
)


@dataclass
class Run:
    """One child process: its wall time seen from outside, its rusage, and what it reported."""

    wall: float
    cpu: float
    peak_rss_mb: float
    report: dict[str, Any] = field(default_factory=dict)


@dataclass
class Sample:
    """Repeated runs of one stage at one size."""

    runs: list[Run]

    def median(self, key: str) -> float:
        """Median of what was seen from outside: ``wall``, ``cpu`` or ``peak_rss_mb``."""
        return statistics.median(float(getattr(r, key)) for r in self.runs)

    def reported(self, key: str) -> float:
        """Median of a number the child reported, such as its own ``wall`` and ``cpu``."""
        return statistics.median(float(r.report[key]) for r in self.runs)

    @property
    def count(self) -> int:
        """How many runs."""
        return len(self.runs)


class StageFailedError(RuntimeError):
    """A child process exited with an error; its stderr is in the message."""


def run_child(argv: Sequence[str], *, cwd: Path = ROOT, env: Mapping[str, str] | None = None) -> Run:
    """Run ``argv`` to completion and measure it.

    A child started through ``benchmarks.child`` prints one JSON object on its last stdout line;
    it becomes ``Run.report``. Other programs (the stock validator, the CLI) report nothing.

    Raises:
        StageFailedError: the process exited with a non-zero status.
    """
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full_env.pop("CI", None)  # the commands under test must not change behaviour because CI is set
    # Output goes to files, not pipes: a chatty child can never block on a full pipe.
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        started = time.perf_counter()
        proc = subprocess.Popen(list(argv), cwd=cwd, env=full_env, stdout=stdout, stderr=stderr)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; Popen must not wait again
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    if proc.returncode != 0:
        raise StageFailedError(f"{' '.join(argv[:4])} ... exited {proc.returncode}: {(err or out)[-2000:]}")
    lines = [line for line in out.splitlines() if line.startswith("{")]
    report = json.loads(lines[-1]) if lines else {}
    # ru_maxrss is in KiB on Linux.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, report)


def child_argv(stage: str, *args: str) -> list[str]:
    """The command line that runs one ``benchmarks.child`` stage."""
    return [sys.executable, "-m", "benchmarks.child", stage, *args]


def repeat(argv: Sequence[str], times: int, **kwargs: Any) -> Sample:
    """Run the same child ``times`` times."""
    return Sample([run_child(argv, **kwargs) for _ in range(max(1, times))])


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    """What the benchmarks ran on, and under how much other load."""
    import yaml

    libyaml = getattr(yaml, "__with_libyaml__", False)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count() or 0,
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gb": round(_memory_gb(), 1),
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libyaml": yaml._yaml.get_version_string() if libyaml else "not used",
        "libraries": {name: _version(name) for name in LIBRARIES},
        "commit": _git("rev-parse", "--short", "HEAD")
        + (" (with uncommitted changes)" if _git("status", "--porcelain") else ""),
        "load": os.getloadavg(),
    }
