"""The measured work of each benchmark stage; ``benchmarks.run`` runs each in a child process.

``python -m benchmarks.child STAGE ARGS...`` does the stage's work once and prints one JSON line:
``wall`` and ``cpu`` (seconds) cover the measured work only, without interpreter start-up,
imports or untimed set-up; the other keys describe what was done.
"""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def _timed(work: Callable[[], T]) -> tuple[T, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def parse(corpus: str) -> dict[str, Any]:
    """The baseline: each file read and parsed by libyaml into Python objects, nothing else."""
    import yaml

    files = sorted(Path(corpus).glob("*.yaml"))

    def work() -> int:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        return len(files)

    count, wall, cpu = _timed(work)
    return {"wall": wall, "cpu": cpu, "files": count}


def validate(corpus: str) -> dict[str, Any]:
    """``validate_paths`` on the whole folder: load, every gate, corpus gates, Case objects."""
    from casebook.validation import validate_paths

    result, wall, cpu = _timed(lambda: validate_paths([Path(corpus)]))
    if result.errors:
        raise SystemExit(f"the synthetic corpus has {result.errors} errors")
    return {"wall": wall, "cpu": cpu, "files": result.files, "cases": len(result.cases), "warnings": result.warnings}


def validate_one(corpus: str, file: str) -> dict[str, Any]:
    """One changed file checked against its corpus folder (sibling ids from file names)."""
    from casebook.validation import validate_paths

    result, wall, cpu = _timed(lambda: validate_paths([Path(corpus) / file]))
    return {"wall": wall, "cpu": cpu, "errors": result.errors}


def graph(corpus: str) -> dict[str, Any]:
    """Chain analysis, swim-lane SVG, corpus patterns and similar cases for every case."""
    from casebook.graph import analyse_chain, analyse_corpus, render_chain_svg
    from casebook.graph.neighbours import similar_index
    from casebook.validation import load_corpus

    cases = load_corpus(Path(corpus)).cases  # set-up, not timed
    _, analyse_wall, analyse_cpu = _timed(lambda: [analyse_chain(c) for c in cases])
    svgs, svg_wall, svg_cpu = _timed(lambda: [render_chain_svg(c) for c in cases])
    _, corpus_wall, corpus_cpu = _timed(lambda: analyse_corpus(cases))
    _, similar_wall, similar_cpu = _timed(lambda: similar_index(cases))
    return {
        "wall": analyse_wall + svg_wall + corpus_wall + similar_wall,
        "cpu": analyse_cpu + svg_cpu + corpus_cpu + similar_cpu,
        "analyse_cpu": analyse_cpu,
        "svg_cpu": svg_cpu,
        "patterns_cpu": corpus_cpu,
        "similar_cpu": similar_cpu,
        "svg_bytes": sum(len(s) for s in svgs) / max(len(svgs), 1),
    }


def site(corpus: str, project: str, out: str) -> dict[str, Any]:
    """``build_site``: validate, render every page, ``mkdocs build --strict``, swap the output in."""
    from casebook.build import build_site
    from casebook.progress import Progress

    class PhaseClock(Progress):
        """Records when each phase of the build starts (the same phases a terminal would show)."""

        def __init__(self) -> None:
            super().__init__(io.StringIO(), enabled=True)
            self.marks: list[tuple[str, float]] = []

        def start(self, label: str, total: int, unit: str = "") -> None:
            self.marks.append((label, time.process_time()))
            super().start(label, total, unit)

        def note(self, message: str) -> None:
            self.marks.append((message, time.process_time()))
            super().note(message)

    clock = PhaseClock()
    (_target, rendered), wall, cpu = _timed(
        lambda: build_site(Path(project) / "mkdocs.yml", Path(corpus), Path(out), progress=clock)
    )
    ends = [*(t for _, t in clock.marks[1:]), time.process_time()]
    phases: dict[str, float] = {}
    for (label, begun), ended in zip(clock.marks, ends, strict=True):
        phases[label.split(" ")[0]] = phases.get(label.split(" ")[0], 0.0) + ended - begun
    return {"wall": wall, "cpu": cpu, "generated": len(rendered.generated), "phases": phases}


STAGES: dict[str, Callable[..., dict[str, Any]]] = {
    "parse": parse,
    "validate": validate,
    "validate-one": validate_one,
    "graph": graph,
    "site": site,
}


def main(argv: list[str]) -> None:
    """Run one stage and print its report as the last line of stdout."""
    stage, *args = argv
    print(json.dumps(STAGES[stage](*args)))


if __name__ == "__main__":
    main(sys.argv[1:])
