"""The ``casebook`` command line. Parses options, calls the library, maps results to exit codes.

Exit status: 0 clean, 1 invalid input, 2 usage or I/O error. A traceback is never an answer
to bad input.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from casebook import __version__
from casebook.codes import CODES, GATES, lookup
from casebook.gates import REQUIREMENTS
from casebook.progress import for_stderr
from casebook.reporters import REPORTER_BY_NAME
from casebook.resources import ResourceError, default_cases_dir, schema_dir
from casebook.terminal import safe_lines
from casebook.validation import UsageError, validate_paths
from casebook.vocabulary import load_vocabulary

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageFailure(click.ClickException):
    """A usage or I/O problem: exit status 2."""

    exit_code = EXIT_USAGE


class _SafeGroup(click.Group):
    """The command group; every error message it prints has its control characters escaped.

    Messages echo file names, case ids and arguments, all untrusted (issue 12, item 9): escaping
    them here covers every command and click's own usage errors at once.
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            # click declares message Final; escaping it in place keeps the exception (and exit code) as is.
            exc.message = safe_lines(exc.message)  # type: ignore[misc]
            raise


@click.group(cls=_SafeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="casebook")
def main() -> None:
    """Casebook: validate, analyse and publish customer-trust failure cases."""
    # A file name that is not UTF-8 reaches messages as surrogate escapes; with a strict UTF-8
    # stream (PYTHONIOENCODING=utf-8, CI) printing it was a traceback (#12). Escape it visibly.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTER_BY_NAME)),
    default="text",
    show_default=True,
    help="text for people, json for machines, github for workflow annotations.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 when there are any).")
@click.option(
    "--require",
    "require",
    multiple=True,
    type=click.Choice(sorted(REQUIREMENTS)),
    help="Also require this content: controls (C506, every break of a reviewed case names its control), reviews (R407, every reviewed case records a review), reply-sources (P108, every statement of the organization cites its own publication or testimony). Repeatable.",
)
def validate(paths: tuple[Path, ...], fmt: str, strict: bool, require: tuple[str, ...]) -> None:
    """Check case files against the schema, the vocabulary and the gates.

    PATHS are case files or folders (default: cases/). Exit 0 when clean, 1 when any case is
    invalid, 2 on a usage or I/O error.
    """
    targets = list(paths) or [default_cases_dir()]
    progress = for_stderr(machine_output=fmt != "text")
    try:
        result = validate_paths(targets, progress=progress, require=frozenset(require))
    except (UsageError, ResourceError) as exc:
        raise UsageFailure(str(exc)) from exc
    finally:
        progress.close()
    click.echo(REPORTER_BY_NAME[fmt](result), nl=False)
    failed = result.errors > 0 or (strict and result.warnings > 0)
    sys.exit(EXIT_INVALID if failed else EXIT_OK)


@main.command()
@click.argument("code", required=False)
def explain(code: str | None) -> None:
    """Say what a diagnostic CODE means and how to fix it; with no CODE, list all codes."""
    if code is None:
        for gate_letter, gate in GATES.items():
            click.echo(f"{gate_letter}xxx  {gate}")
            for entry in CODES.values():
                if entry.code.startswith(gate_letter):
                    click.echo(f"  {entry.code}  {entry.severity.value:<7}  {entry.title}")
        return
    found = lookup(code)
    if found is None:
        raise UsageFailure(f"unknown code '{code}'; run `casebook explain` for the list")
    click.echo(f"{found.code} ({found.gate}, {found.severity.value}): {found.title}\n")
    click.echo(f"{found.explanation}\n\nHow to fix: {found.fix}")


@main.command()
@click.option("--write", "mode", flag_value="write", help="Regenerate schema/case.schema.json.")
@click.option(
    "--check", "mode", flag_value="check", default=True, help="Fail if the committed schema is stale (default)."
)
def schema(mode: str) -> None:
    """Generate the case schema from its definition and the vocabulary."""
    from casebook.schema_build import build_case_schema, render_schema_json

    try:
        text = render_schema_json(build_case_schema(load_vocabulary()))
    except ResourceError as exc:
        raise UsageFailure(str(exc)) from exc
    target = schema_dir() / "case.schema.json"
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    if mode == "write":
        from casebook.atomic import write_text_atomic

        if current != text:
            try:
                write_text_atomic(target, text)
            except OSError as exc:
                raise UsageFailure(f"cannot write {target}: {exc.strerror or exc}") from exc
            click.echo(f"wrote {target}")
        else:
            click.echo(f"{target} is up to date")
        return
    if current != text:
        click.echo(f"{target} is stale: run `make schema`", err=True)
        sys.exit(EXIT_INVALID)
    click.echo(f"{target} is up to date")


# Commands live in casebook.commands, one module per area; they register after the group exists.
from casebook.commands.archive import archive  # noqa: E402
from casebook.commands.build import build, render  # noqa: E402
from casebook.commands.graph import graph_command, patterns_command, show_command  # noqa: E402
from casebook.commands.migrate import migrate  # noqa: E402
from casebook.commands.new import new  # noqa: E402
from casebook.commands.release import release  # noqa: E402
from casebook.commands.stats import stats  # noqa: E402
from casebook.commands.synth import synth  # noqa: E402
from casebook.commands.watch import watch  # noqa: E402

for _command in (
    new,
    build,
    render,
    graph_command,
    show_command,
    patterns_command,
    stats,
    synth,
    watch,
    migrate,
    release,
    archive,
):
    main.add_command(_command)
