"""benchmarks/results.md from the measurements of one run: tables, ratios and the targets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from benchmarks.measure import Sample

VALIDATE_RATIO = 2.0
"""validate may take at most this many times the parse-only baseline (CPU time)."""
LINEAR = 11.0
"""Ten times the cases may take at most this many times the time."""
PAGE_SPREAD = 0.10
"""One case page's HTML may vary by at most this fraction across corpus sizes."""
SEARCH_BUDGET_GZ = 1.5e6
FILTER_BUDGET_GZ = 1.0e6
"""What a phone downloads before the first search or filter, gzipped, at the largest size built.
Material loads the search index in a worker on every first visit; a few MB of JSON also has to be
parsed and indexed by lunr on the phone, which is seconds per MB on a mid-range device."""
ONE_FILE_BUDGET = 0.5
"""Seconds of its own work for one changed file in the largest corpus ("well under a second")."""


def _s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def _b(size: float) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size:.0f} B"


def _n(count: int) -> str:
    return f"{count:,}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], *, numbers: bool = True) -> list[str]:
    align = ["---:" if i and numbers else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    return [*lines, *("| " + " | ".join(row) + " |" for row in rows), ""]


def _met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def _ratios(sizes: Sequence[int], value: Callable[[int], float | None]) -> list[tuple[int, int, float]]:
    """(small, large, t_large / t_small) for each pair of sizes ten times apart."""
    out = []
    for small in sizes:
        if small * 10 in sizes:
            low, high = value(small), value(small * 10)
            if low and high:
                out.append((small, small * 10, high / low))
    return out


def _machine(results: dict[str, Any]) -> list[str]:
    m = results["machine"]
    libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items())
    load = ", ".join(f"{x:.2f}" for x in m["load"])
    after = ", ".join(f"{x:.2f}" for x in results.get("load_after", m["load"]))
    rows = [
        ["Date", m["date"]],
        ["CPU", f"{m['cpu']}, {m['cores']} cores ({m['usable_cores']} usable)"],
        ["Memory", f"{m['memory_gb']} GB"],
        ["OS", m["os"]],
        ["Python", f"{m['python']}; libyaml {m['libyaml']}"],
        ["Libraries", libs],
        ["Commit", m["commit"]],
        ["Load average (1, 5, 15 min)", f"{load} at the start; {after} at the end"],
        ["Whole run", f"{results['elapsed'] / 60:.1f} minutes: `{results['command'].strip()}`"],
    ]
    return ["## Machine", "", *_table(["", ""], rows, numbers=False)]


def _validation(results: dict[str, Any]) -> list[str]:
    stages: dict[int, dict[str, Sample]] = results["stages"]
    rows, stock_rows, one_rows, graph_rows = [], [], [], []
    for count, s in sorted(stages.items()):
        parse, val = s["parse"], s["validate"]
        rows.append(
            [
                _n(count),
                _s(parse.reported("cpu")),
                _s(val.reported("cpu")),
                f"{val.reported('cpu') / parse.reported('cpu'):.2f}×",
                f"{_s(parse.reported('wall'))} / {_s(val.reported('wall'))}",
                f"{parse.median('peak_rss_mb'):.0f} / {val.median('peak_rss_mb'):.0f} MB",
                f"{parse.count} / {val.count}",
            ]
        )
        cli, stock = s["cli"], s["stock"]
        stock_rows.append(
            [
                _n(count),
                f"{_s(cli.median('wall'))} ({_s(cli.median('cpu'))} CPU, {cli.median('peak_rss_mb'):.0f} MB)",
                f"{_s(stock.median('wall'))} ({_s(stock.median('cpu'))} CPU, {stock.median('peak_rss_mb'):.0f} MB)",
                f"{stock.median('wall') / cli.median('wall'):.1f}×",
                f"{cli.count} / {stock.count}",
            ]
        )
        one, one_cli = s["one"], s["one_cli"]
        one_rows.append([_n(count), _s(one.reported("cpu")), _s(one.reported("wall")), _s(one_cli.median("wall"))])
        g = s["graph"]
        graph_rows.append(
            [
                _n(count),
                _s(g.reported("analyse_cpu")),
                _s(g.reported("svg_cpu")),
                _s(g.reported("patterns_cpu")),
                _s(g.reported("similar_cpu")),
                _s(g.reported("cpu")),
                f"{g.reported('cpu') / count * 1000:.1f} ms",
                f"{g.median('peak_rss_mb'):.0f} MB",
            ]
        )
    return [
        "## Load and validate",
        "",
        "`validate` is `casebook.validation.validate_paths` over the folder (strict YAML load with positions, "
        "hygiene, schema, every gate, corpus gates, `Case` objects); the baseline only reads each file and "
        "parses it with `yaml.load(text, Loader=yaml.CSafeLoader)`. Times are the work itself, medians.",
        "",
        *_table(
            [
                "Cases",
                "Parse-only CPU",
                "Validate CPU",
                "Ratio",
                "Wall (parse / validate)",
                "Peak RSS (parse / validate)",
                "Runs",
            ],
            rows,
        ),
        "## Stock validator side by side",
        "",
        "Both as commands on the same files and the same schema, start-up included: `casebook validate DIR` "
        "against `check-jsonschema --schemafile schema/case.schema.json FILES`.",
        "",
        *_table(["Cases", "casebook validate", "check-jsonschema", "casebook is faster by", "Runs"], stock_rows),
        "## One changed file in a large corpus",
        "",
        "`casebook validate cases/<one>.yaml`: the file gets every check; the corpus gates read the other ids "
        "from file names, so no other file is opened.",
        "",
        *_table(
            ["Cases in the folder", "Own work (CPU)", "Own work (wall)", "Whole command (wall, with start-up)"],
            one_rows,
        ),
        "## Graphs",
        "",
        "Every case's chain analysis and swim-lane SVG, the corpus patterns, and the five most similar cases "
        "of every case (`graph.neighbours`); CPU time, medians.",
        "",
        *_table(
            ["Cases", "Chain analysis", "SVG", "Patterns", "Similar cases", "Total", "Per case", "Peak RSS"], graph_rows
        ),
    ]


def _site(results: dict[str, Any]) -> list[str]:
    rows, load_rows = [], []
    for count, s in sorted(results["site"].items()):
        if "error" in s:
            rows.append([_n(count), "failed", "", "", "", "", s["error"][:300].replace("|", "/").replace("\n", " ")])
            continue
        b, z = s["build"], s["sizes"]
        phases = b.runs[-1].report.get("phases", {})
        phase_text = ", ".join(f"{k} {_s(v)}" for k, v in phases.items())
        rows.append(
            [
                _n(count),
                _s(b.reported("wall")),
                _s(b.reported("cpu")),
                f"{b.median('peak_rss_mb'):.0f} MB",
                f"{_b(z['bytes'])} in {_n(z['files'])} files",
                str(b.count),
                phase_text,
            ]
        )
        idx = "; ".join(f"`{name}` {_b(raw)} ({_b(gz)} gz)" for name, (raw, gz) in z["indexes"].items())
        largest = f"`{z['largest_page'][0]}` {_b(z['largest_page'][1])}"
        load_rows.append([_n(count), idx, _b(z["case_page"]), _b(z["case_page_median"]), largest])
    return [
        "## Site build",
        "",
        "`build_site` (what `casebook build` runs): validate, render every page, `mkdocs build --strict`, swap the "
        "output in. Phases are CPU time from the last run.",
        "",
        *_table(["Cases", "Wall", "CPU", "Peak RSS", "Output", "Runs", "Phases (CPU)"], rows),
        "## What a browser loads",
        "",
        "gz is gzip level 6, as a web server would send it. The case page is the same synthetic case at every size.",
        "",
        *_table(["Cases", "Indexes", "One case page (HTML)", "Median case page", "Largest page"], load_rows),
    ]


def _linearity(results: dict[str, Any]) -> tuple[list[str], list[tuple[str, float]]]:
    stages: dict[int, dict[str, Sample]] = results["stages"]
    sizes = sorted(stages)
    site = {c: s for c, s in results["site"].items() if "build" in s}
    series: dict[str, Callable[[int], float | None]] = {
        "Parse-only baseline": lambda c: stages[c]["parse"].reported("cpu"),
        "Validate": lambda c: stages[c]["validate"].reported("cpu"),
        "casebook validate (command)": lambda c: stages[c]["cli"].median("cpu"),
        "check-jsonschema (command)": lambda c: stages[c]["stock"].median("cpu"),
        "Graphs": lambda c: stages[c]["graph"].reported("cpu"),
    }
    worst: list[tuple[str, float]] = []
    rows = []
    for name, value in series.items():
        pairs = _ratios(sizes, value)
        rows.append([name, *(f"{_n(a)} → {_n(b)}: {r:.1f}×" for a, b, r in pairs)])
        worst += [(name, r) for a, b, r in pairs if a >= 1000 or len(pairs) == 1]
    site_pairs = _ratios(sorted(site), lambda c: site[c]["build"].reported("cpu"))
    if site_pairs:
        rows.append(["Site build", *(f"{_n(a)} → {_n(b)}: {r:.1f}×" for a, b, r in site_pairs)])
        worst += [("Site build", r) for a, b, r in site_pairs if a >= 1000 or len(site_pairs) == 1]
    width = max((len(r) for r in rows), default=1)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["## Linearity", "", "CPU time at ten times the cases, divided by the time at the smaller size.", ""]
    return [*lines, *_table(["Stage", *(["Ratio"] * (width - 1))], rows)], worst


def _targets(results: dict[str, Any], worst: list[tuple[str, float]]) -> list[str]:
    stages: dict[int, dict[str, Sample]] = results["stages"]
    rows = []
    if stages:
        ratios = {c: s["validate"].reported("cpu") / s["parse"].reported("cpu") for c, s in stages.items()}
        text = ", ".join(f"{r:.2f}× at {_n(c)}" for c, r in sorted(ratios.items()))
        rows.append(
            [f"validate ≤ {VALIDATE_RATIO:g}× parse-only (CPU)", text, _met(max(ratios.values()) <= VALIDATE_RATIO)]
        )
        speed = {c: s["stock"].median("wall") / s["cli"].median("wall") for c, s in stages.items()}
        text = ", ".join(f"{r:.1f}× faster at {_n(c)}" for c, r in sorted(speed.items()))
        rows.append(["validate faster than check-jsonschema (command, wall)", text, _met(min(speed.values()) > 1)])
        largest = max(stages)
        own = stages[largest]["one"].reported("wall")
        whole = stages[largest]["one_cli"].median("wall")
        text = f"{_s(own)} own work, {_s(whole)} whole command, in {_n(largest)} cases"
        rows.append([f"one changed file < {ONE_FILE_BUDGET:g} s of own work", text, _met(own < ONE_FILE_BUDGET)])
    if worst:
        text = ", ".join(f"{name} {r:.1f}×" for name, r in worst)
        rows.append(
            [f"every stage linear: 10× cases ≤ {LINEAR:g}× time", text, _met(max(r for _, r in worst) <= LINEAR)]
        )
    built = {c: s["sizes"] for c, s in results["site"].items() if "sizes" in s}
    if built:
        pages = {c: z["case_page"] for c, z in built.items()}
        spread = (max(pages.values()) - min(pages.values())) / min(pages.values())
        text = ", ".join(f"{_b(v)} at {_n(c)}" for c, v in sorted(pages.items())) + f" (spread {spread:.1%})"
        rows.append([f"case page HTML flat within {PAGE_SPREAD:.0%}", text, _met(spread <= PAGE_SPREAD)])
        top = max(built)
        search = built[top]["indexes"].get("search/search_index.json", (0, 0))[1]
        filters = sum(gz for name, (_raw, gz) in built[top]["indexes"].items() if name == "filter/cases.json")
        text = f"search {_b(search)} gz, filter {_b(filters)} gz at {_n(top)} (budgets {_b(SEARCH_BUDGET_GZ)}, {_b(FILTER_BUDGET_GZ)})"
        rows.append(
            ["indexes small enough for a phone", text, _met(search <= SEARCH_BUDGET_GZ and filters <= FILTER_BUDGET_GZ)]
        )
    failed = [c for c, s in results["site"].items() if "error" in s]
    if failed:
        rows.append(["site builds at every size", "failed at " + ", ".join(_n(c) for c in failed), _met(False)])
    return ["## Targets", "", *_table(["Target", "Measured in this run", ""], rows, numbers=False)]


def render(results: dict[str, Any]) -> str:
    """The whole results file."""
    linearity, worst = _linearity(results) if results["stages"] else ([], [])
    lines = [
        "# Benchmark results",
        "",
        "Generated by `make bench` (`benchmarks/run.py`) from synthetic corpora (`casebook synth`, seed 1); "
        "see `benchmarks/README.md` for the method. Ratios compare CPU time measured in this same run: the "
        "machine is shared, and CPU time is far less disturbed by other processes than wall time, which is "
        "shown beside it. Each figure is the median of the runs counted in its table.",
        "",
        *_targets(results, worst),
        *_machine(results),
        *(_validation(results) if results["stages"] else []),
        *(_site(results) if results["site"] else []),
        *linearity,
    ]
    return "\n".join(lines).rstrip("\n") + "\n"
