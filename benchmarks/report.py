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
FILTER_BUDGET_GZ = 1.0e6
"""What a phone downloads before the first filter, gzipped, at the largest size built."""
QUERY_BUDGET = 300e3
"""Bytes a browser may fetch for one search query at 10,000 cases (issue 15)."""
EDIT_SHARE = 0.10
EDIT_CPU = 5.0
"""One changed case at 1,000 cases: at most this share of a full build, and this many CPU seconds."""
EDIT_CPU_10K = 10.0
"""One changed case at 10,000 cases: at most this many seconds."""
BUILD_10K_CPU = 150.0
BUILD_10K_RSS_MB = 1500.0
"""A full build of 10,000 cases: at most this many seconds and this much peak memory."""
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
    rows: list[list[str]] = []
    load_rows: list[list[str]] = []
    edit_rows: list[list[str]] = []
    search_rows: list[list[str]] = []
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
        if "pagefind" in z:
            idx += f"; `pagefind/` {_b(z['pagefind'][0])} in {_n(z['pagefind'][1])} files (fetched in parts)"
        if "edit" in s:
            e = s["edit"]
            share = e.median("cpu") / b.median("cpu")
            edit_rows.append(
                [
                    _n(count),
                    _s(e.median("wall")),
                    _s(e.median("cpu")),
                    f"{share:.1%}",
                    _s(b.median("cpu")),
                    str(e.count),
                ]
            )
        q = s.get("search", {})
        if "median_bytes" in q:
            search_rows.append(
                [
                    _n(count),
                    _b(q["median_bytes"]),
                    f"{_b(q['min_bytes'])} to {_b(q['max_bytes'])}",
                    f"{q['median_files']} files (`{q['median_query']}`)",
                    str(q["queries"]),
                ]
            )
        elif "error" in q:
            search_rows.append(
                [_n(count), "not measured", q["error"][:200].replace("|", "/").replace("\n", " "), "", ""]
            )
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
        "## Edit loop",
        "",
        "One case's title changed, then `build_site` into the same output with the build cache of the full build "
        "(`casebook.build_cache`): the whole command as a child process, Pagefind included. Share is CPU time "
        "against the full build's, measured from outside in the same way.",
        "",
        *_table(["Cases", "Wall", "CPU", "Share of a full build", "Full build (CPU)", "Runs"], edit_rows),
        "## Search bytes per query",
        "",
        "`benchmarks/search_bytes.py`: 20 words of the synthetic lexicon, each typed into the search dialog in "
        "Chromium with an empty cache; the total of the files fetched from `/pagefind/` as a server sends them "
        "(index files are gzipped by Pagefind, JavaScript counted gzipped).",
        "",
        *_table(["Cases", "Median", "Range", "Fetched for the median query", "Queries"], search_rows),
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
        filters = sum(gz for name, (_raw, gz) in built[top]["indexes"].items() if name == "filter/cases.json")
        text = f"filter {_b(filters)} gz at {_n(top)} (budget {_b(FILTER_BUDGET_GZ)})"
        rows.append(["filter index small enough for a phone", text, _met(filters <= FILTER_BUDGET_GZ)])
    rows += _scale_targets(results)
    failed = [c for c, s in results["site"].items() if "error" in s]
    if failed:
        rows.append(["site builds at every size", "failed at " + ", ".join(_n(c) for c in failed), _met(False)])
    return ["## Targets", "", *_table(["Target", "Measured in this run", ""], rows, numbers=False)]


def _scale_targets(results: dict[str, Any]) -> list[list[str]]:
    """Issue 15: the edit loop, bytes per query, and the 10,000-case build; "not measured" without the size."""
    site = {c: s for c, s in results["site"].items() if "build" in s}
    rows = []
    edits = {c: s for c, s in site.items() if "edit" in s}
    if edits:
        parts, ok = [], True
        for c, s in sorted(edits.items()):
            cpu, share = s["edit"].median("cpu"), s["edit"].median("cpu") / s["build"].median("cpu")
            parts.append(f"{_s(cpu)} CPU, {share:.1%} of a full build at {_n(c)}")
            if c == 1000:
                ok = ok and cpu <= EDIT_CPU and share <= EDIT_SHARE
            if c == 10000:
                ok = ok and s["edit"].median("cpu") <= EDIT_CPU_10K
        measured = any(c in (1000, 10000) for c in edits)
        rows.append(
            [
                f"one changed case: ≤ {EDIT_SHARE:.0%} of a full build and ≤ {EDIT_CPU:g} s CPU at 1,000; ≤ {EDIT_CPU_10K:g} s at 10,000",
                "; ".join(parts),
                _met(ok) if measured else "not measured at 1,000 or 10,000",
            ]
        )
    queries = {c: s["search"]["median_bytes"] for c, s in site.items() if "median_bytes" in s.get("search", {})}
    if queries:
        text = ", ".join(f"{_b(v)} at {_n(c)}" for c, v in sorted(queries.items()))
        verdict = _met(queries[10000] <= QUERY_BUDGET) if 10000 in queries else "not measured at 10,000"
        rows.append([f"≤ {_b(QUERY_BUDGET)} fetched per query at 10,000", text, verdict])
    if 10000 in site:
        b = site[10000]["build"]
        cpu, rss = b.median("cpu"), b.median("peak_rss_mb")
        text = f"{_s(cpu)} CPU, {rss:.0f} MB peak"
        rows.append(
            [
                f"full build of 10,000 in ≤ {BUILD_10K_CPU:g} s and ≤ {BUILD_10K_RSS_MB / 1000:g} GB",
                text,
                _met(cpu <= BUILD_10K_CPU and rss <= BUILD_10K_RSS_MB),
            ]
        )
    return rows


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
