"""Run the benchmarks and write benchmarks/results.md (``make bench``).

For each corpus size: the libyaml parse-only baseline, ``casebook validate`` (in process and as a
command), check-jsonschema on the same files and schema, one changed file in the corpus, and
chain graphs; for each site size, a full ``casebook build`` with the sizes of what it wrote, the
edit loop (one case changed, rebuilt into the same output with the build cache) and the bytes a
browser fetches per search query (``benchmarks.search_bytes``).
Every measurement is a child process of this one (``benchmarks.measure``); corpora are generated
by ``casebook synth`` and cached under ``build/bench/``.

    python benchmarks/run.py                          # the full run, about 25 minutes here
    python benchmarks/run.py --sizes 5 --no-site      # a smoke test
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import shutil
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import ROOT, Sample, StageFailedError, child_argv, machine, repeat, run_child
from benchmarks.report import render
from casebook.commands.synth import write_corpus
from casebook.render import GENERATED_DIRS, GENERATED_FILES
from casebook.synth import case_id

BIN = Path(sys.executable).parent
STAMP = ".synth-stamp"


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def corpus(cache: Path, count: int, seed: int) -> Path:
    """The synthetic corpus of ``count`` cases, generated once and reused while the generator is unchanged."""
    sources = [
        ROOT / "tooling/casebook/synth.py",
        ROOT / "tooling/casebook/commands/synth.py",
        ROOT / "schema/vocabulary.yaml",
    ]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources) + f"{count}:{seed}".encode()).hexdigest()
    folder = cache / f"corpus-{count}-seed{seed}"
    if (folder / STAMP).is_file() and (folder / STAMP).read_text(encoding="utf-8") == digest:
        return folder
    _log(f"generating {count} synthetic cases")
    shutil.rmtree(folder, ignore_errors=True)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    write_corpus(count, seed, partial)
    (partial / STAMP).write_text(digest, encoding="utf-8")
    partial.rename(folder)
    return folder


def validation_stages(folder: Path, count: int, runs: int, big_runs: int) -> dict[str, Sample]:
    """Parse baseline, validate, the CLI, the stock validator, one changed file, graphs."""
    files = sorted(p.name for p in folder.glob("*.yaml"))
    one = f"{case_id(min(1, count - 1))}.yaml"
    stock = [str(BIN / "check-jsonschema"), "--schemafile", str(ROOT / "schema/case.schema.json"), *files]
    plan: list[tuple[str, list[str], int, Path]] = [
        ("parse", child_argv("parse", str(folder)), runs, ROOT),
        ("validate", child_argv("validate", str(folder)), runs, ROOT),
        ("cli", [str(BIN / "casebook"), "validate", str(folder)], big_runs, ROOT),
        ("stock", stock, big_runs, folder),
        ("one", child_argv("validate-one", str(folder), one), runs, ROOT),
        ("one_cli", [str(BIN / "casebook"), "validate", str(folder / one)], runs, ROOT),
        ("graph", child_argv("graph", str(folder)), big_runs, ROOT),
    ]
    out: dict[str, Sample] = {}
    for name, argv, times, cwd in plan:
        _log(f"{name} at {count} cases ({times} run{'s' if times > 1 else ''})")
        out[name] = repeat(argv, times, cwd=cwd)
    return out


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def output_sizes(out: Path, count: int) -> dict[str, Any]:
    """Total output, the indexes a browser loads, and one case page, measured on the built site."""
    files = [p for p in out.rglob("*") if p.is_file()]
    pages = [p for p in files if p.name == "index.html"]
    case_pages = sorted(p.stat().st_size for p in (out / "cases").glob("*/index.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    indexes = {f"filter/{p.name}": p for p in sorted((out / "filter").glob("*.json"))}
    bundle = [p for p in (out / "pagefind").rglob("*") if p.is_file()]
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "indexes": {name: (p.stat().st_size, _gz(p)) for name, p in indexes.items() if p.is_file()},
        "pagefind": (sum(p.stat().st_size for p in bundle), len(bundle)),
        "case_page": (out / "cases" / case_id(min(1, count - 1)) / "index.html").stat().st_size,
        "case_page_median": case_pages[len(case_pages) // 2] if case_pages else 0,
        "largest_page": (largest.relative_to(out).as_posix(), largest.stat().st_size),
    }


def _edit_title(case_file: Path, n: int) -> None:
    """Change one case's title (a different title each time), as a contributor's edit would."""
    lines = case_file.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("title: "):
            value = line.rstrip("\n")
            quote = value[-1] if value[-1] in "'\"" else ""
            base = (value[:-1] if quote else value).split(" (edit ")[0]
            lines[i] = f"{base} (edit {n}){quote}\n"
            break
    case_file.write_text("".join(lines), encoding="utf-8")


def site_stage(folder: Path, cache: Path, count: int, runs: int, edits: int) -> dict[str, Any]:
    """Build the site ``runs`` times from a clean copy of mkdocs.yml and site/ (no build cache);
    then change one case ``edits`` times, rebuilding into the same output with the cache each time
    (the edit loop); measure the last output and what a search fetches from it."""
    work = cache / f"site-{count}"
    project, out, cases = work / "project", work / "out", work / "cases"
    shutil.rmtree(cases, ignore_errors=True)
    shutil.copytree(folder, cases)  # the edits must not touch the cached corpus
    built: list[Any] = []
    for n in range(runs):
        _log(f"site build at {count} cases (run {n + 1} of {runs})")
        shutil.rmtree(project, ignore_errors=True)  # and with it the build cache (project/.cache)
        project.mkdir(parents=True)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        skip = shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES, "__pycache__")
        shutil.copytree(ROOT / "site", project / "site", ignore=skip)
        try:
            built.append(run_child(child_argv("site", str(cases), str(project), str(out))))
        except StageFailedError as exc:
            return {"error": str(exc)}
    rebuilt: list[Any] = []
    for n in range(edits):
        _log(f"edit loop at {count} cases: one changed case (run {n + 1} of {edits})")
        _edit_title(cases / f"{case_id(min(1, count - 1))}.yaml", n)
        try:
            rebuilt.append(run_child(child_argv("site", str(cases), str(project), str(out))))
        except StageFailedError as exc:
            return {"error": str(exc)}
    result: dict[str, Any] = {"build": Sample(built), "sizes": output_sizes(out, count)}
    if rebuilt:
        result["edit"] = Sample(rebuilt)
    _log(f"search bytes per query at {count} cases")
    try:
        result["search"] = run_child([sys.executable, "-m", "benchmarks.search_bytes", str(out)]).report
    except StageFailedError as exc:
        result["search"] = {"error": str(exc)[-300:]}
    return result


def main(argv: list[str] | None = None) -> int:
    """Parse options, run every stage, write the report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000", help="corpus sizes for validation and graphs")
    parser.add_argument("--site-sizes", help="corpus sizes for full site builds (default: --sizes)")
    parser.add_argument("--no-site", action="store_true", help="skip the site builds")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported")
    parser.add_argument(
        "--big",
        type=int,
        default=1000,
        help="above this many cases, the slow stages (stock validator, CLI, graphs, site) run once",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    site_sizes = [] if args.no_site else [int(s) for s in (args.site_sizes or args.sizes).split(",")]
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": machine(), "sizes": sizes, "site_sizes": site_sizes, "stages": {}, "site": {}}
    for count in sorted(set(sizes) | set(site_sizes)):
        folder = corpus(args.cache, count, args.seed)
        big_runs = 1 if count > args.big else args.repeat
        if count in sizes:
            results["stages"][count] = validation_stages(folder, count, args.repeat, big_runs)
        if count in site_sizes:
            results["site"][count] = site_stage(folder, args.cache, count, big_runs, args.repeat)
    results["elapsed"] = time.perf_counter() - started
    results["load_after"] = machine()["load"]
    results["command"] = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(results), encoding="utf-8")
    _log(f"wrote {args.out} after {results['elapsed'] / 60:.1f} minutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
