"""``casebook archive``: Wayback Machine copies for sources, and a dead-link check."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from casebook.reporters import report_text
from casebook.resources import default_cases_dir
from casebook.validation import UsageError, validate_paths


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Report dead source links (HEAD, then GET); edit nothing.")
@click.option("--save", is_flag=True, help="Ask Save Page Now to capture sources the archive lacks (3 a minute).")
@click.option(
    "--endpoint", metavar="URL", help="Archive service base URL (default archive.org; env CASEBOOK_WAYBACK_URL)."
)
@click.option("--dry-run", is_flag=True, help="Look up, but write nothing to the case files.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True, help="Seconds per request.")
@click.option(
    "--per-minute",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Availability lookups a minute.",
)
def archive(
    paths: tuple[Path, ...],
    check: bool,
    save: bool,
    endpoint: str | None,
    dry_run: bool,
    fmt: str,
    timeout: float,
    per_minute: float,
) -> None:
    """Record Wayback Machine snapshots for sources that have no archived_url.

    For each such source, asks the availability API for the snapshot closest to the day it was
    accessed and, when the archive confirms one, adds `archived_url` and `archived` (the
    snapshot's date) to the case file, editing its text (comments stay). With --save, asks for
    a capture of sources the archive lacks and records it only once the archive confirms it.
    With --check, reports source links that no longer answer (exit 1 when any is dead), with the
    archive's copy of each dead link that has none recorded; it edits nothing.
    PATHS are case files or folders (default: cases/).
    """
    from casebook.archive.links import LinkChecker
    from casebook.archive.ratelimit import RateLimit
    from casebook.archive.run import check as check_links
    from casebook.archive.run import format_json, format_markdown, format_text, lookup, sources
    from casebook.archive.wayback import ENDPOINT_ENV, Wayback, endpoints

    try:
        result = validate_paths(list(paths) or [default_cases_dir()])
    except UsageError as exc:
        raise click.UsageError(str(exc)) from exc
    if result.errors:
        click.echo(report_text(result), err=True, nl=False)
        click.echo("error: fix the invalid cases first; archive edits only valid files", err=True)
        sys.exit(1)
    refs = sources(result.cases)
    progress = (lambda note: click.echo(note, err=True)) if fmt == "text" and sys.stderr.isatty() else (lambda _: None)
    available, save_url = endpoints(endpoint or os.environ.get(ENDPOINT_ENV))
    wayback = Wayback(available, save_url, lookups=RateLimit(per_minute), timeout=timeout)
    if check:
        checker = LinkChecker(timeout=timeout, per_host_per_minute=per_minute)
        report = check_links(refs, checker, progress, wayback)  # copies of dead links are suggested, not recorded
    else:
        report = lookup(refs, wayback, save=save, write=not dry_run, progress=progress)
    if fmt == "json":
        click.echo(format_json(report), nl=False)
    elif fmt == "markdown" and check:
        click.echo(format_markdown(report), nl=False)
    else:
        click.echo(format_text(report, checking=check, wrote=not dry_run), nl=False)
    sys.exit(1 if check and report.dead else 0)
