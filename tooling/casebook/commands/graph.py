"""``casebook graph``, ``casebook show`` and ``casebook patterns``: failure chains from the CLI.

A case is named by id (looked up in the cases folder) or by path. It is validated first, and
any error is reported exactly as ``casebook validate`` reports it (exit 1); a missing case or
folder is a usage error (exit 2). Nothing here raises a traceback at bad input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from casebook.atomic import write_text_atomic
from casebook.commands import cases_option, corpus_dir
from casebook.graph import analyse_corpus, render_chain_svg
from casebook.graph.export import chain_to_dot, chain_to_json, describe_chain
from casebook.graph.patterns_svg import render_patterns_svg
from casebook.model import Case
from casebook.reporters import report_text
from casebook.resources import default_cases_dir
from casebook.suggest import did_you_mean
from casebook.terminal import safe_lines
from casebook.validation import CheckResult, UsageError, is_case_file, validate_paths
from casebook.vocabulary import VocabularyError

EXIT_INVALID = 1


class UsageFailure(click.ClickException):
    """A usage or I/O problem: exit status 2, as in ``casebook.cli``."""

    exit_code = 2


def resolve_case(name: str, cases_dir: Path) -> Path:
    """Find the file for a case id or path.

    Raises:
        UsageFailure: no such file, or no case with that id in ``cases_dir``.
    """
    path = Path(name)
    if path.is_file():
        return path
    if path.is_dir():
        raise UsageFailure(f"{name} is a folder; give a case file or a case id")
    if "/" in name or "\\" in name or path.suffix in (".yaml", ".yml"):
        raise UsageFailure(f"no such case file: {name}")
    for suffix in (".yaml", ".yml"):
        candidate = cases_dir / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    known = [p.stem for p in cases_dir.glob("*.y*ml") if is_case_file(p)] if cases_dir.is_dir() else []
    raise UsageFailure(f"no case '{name}' in {cases_dir}{did_you_mean(name, known)}")


def _checked(paths: list[Path]) -> CheckResult:
    try:
        result = validate_paths(paths)
    except (UsageError, VocabularyError) as exc:
        raise UsageFailure(str(exc)) from exc
    if result.errors:
        click.echo(report_text(result), nl=False, err=True)
        sys.exit(EXIT_INVALID)
    return result


def load_case(name: str, cases_dir: Path | None) -> Case:
    """Resolve, validate and return one case; exit 1 (with the report) when it is invalid."""
    result = _checked([resolve_case(name, cases_dir or default_cases_dir())])
    return result.cases[0]


def emit(text: str, output: Path | None) -> None:
    """Write to ``output`` atomically, or to standard output."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_text_atomic(output, text)
    except OSError as exc:
        raise UsageFailure(f"cannot write {output}: {exc.strerror}") from exc


_OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write here (atomically) instead of to standard output.",
)
_CASES = cases_option("Folder to look case ids up in (default: cases/).")


@click.command("graph")
@click.argument("case")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["svg", "json", "dot"]),
    default="svg",
    show_default=True,
    help="svg: the swim-lane picture; json: nodes, edges and analysis; dot: Graphviz text.",
)
@_OUTPUT
@_CASES
def graph_command(case: str, fmt: str, output: Path | None, cases_dir: Path | None) -> None:
    """Draw the failure chain of CASE (a case id or a path to a case file)."""
    found = load_case(case, cases_dir)
    if fmt == "svg":
        text = render_chain_svg(found)
    elif fmt == "dot":
        text = chain_to_dot(found)
    else:
        text = json.dumps(chain_to_json(found), indent=2, ensure_ascii=False) + "\n"
    emit(text, output)


@click.command("show")
@click.argument("case")
@_CASES
def show_command(case: str, cases_dir: Path | None) -> None:
    """Print the derived analysis of CASE's chain: first break, break path, timings, stages."""
    # Titles are case text: a control character in one must not reach the terminal (issue 12).
    click.echo(safe_lines(describe_chain(load_case(case, cases_dir))), nl=False)


@click.command("patterns")
@cases_option("Corpus folder (default: cases/).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "svg"]),
    default="json",
    show_default=True,
    help="json: the counts; svg: the heat map for the patterns page.",
)
@_OUTPUT
def patterns_command(cases_dir: Path | None, fmt: str, output: Path | None) -> None:
    """Count patterns across the corpus: stage transitions, first breaks, failure modes by stage."""
    folder = corpus_dir(cases_dir)
    analysis = analyse_corpus(_checked([folder]).cases)
    if fmt == "svg":
        emit(render_patterns_svg(analysis), output)
    else:
        emit(json.dumps(analysis.to_json(), indent=2, ensure_ascii=False) + "\n", output)
