"""``casebook release``: tag a corpus release with its changelog entry, CITATION.cff and data files."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from casebook.commands import cases_option
from casebook.reporters import report_text
from casebook.resources import default_cases_dir
from casebook.validation import UsageError, load_corpus


def _day(value: str | None) -> dt.date:
    if value is None:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--date") from exc


@click.command()
@cases_option()
@click.option("--date", "day", metavar="YYYY-MM-DD", help="Release date (default: today, UTC); gives the tag's month.")
@click.option("--dry-run", is_flag=True, help="Print the changelog entry and the files; write and tag nothing.")
@click.option("--site-url", envvar="CASEBOOK_SITE_URL", default="", help="The site's public root (CASEBOOK_SITE_URL).")
@click.option(
    "--repository", envvar="CASEBOOK_REPO_URL", default="", help="The repository's home page (CASEBOOK_REPO_URL)."
)
def release(cases_dir: Path | None, day: str | None, dry_run: bool, site_url: str, repository: str) -> None:
    """Cut a corpus release: the next tag vYYYY.MM.N, a CHANGELOG.md entry listing the cases added,
    changed (with a one-line reason) and withdrawn since the previous release, CITATION.cff, and
    the release's data files in releases/<tag>/, committed and tagged.

    Refuses a dirty work tree (exit 2) and an invalid corpus (exit 1).
    """
    from casebook.provenance import git
    from casebook.provenance.release import ReleaseError, apply_release, check_ready, plan_release
    from casebook.provenance.releases import ReleaseDataError

    folder = (cases_dir or default_cases_dir()).resolve()
    root = git.toplevel(folder)
    if root is None:
        click.echo(f"error: {folder} is not inside a git work tree; a release is a git tag", err=True)
        sys.exit(2)
    release_day = _day(day)
    try:
        check_ready(root)
        result = load_corpus(folder)
        if result.errors:
            click.echo(report_text(result), err=True, nl=False)
            raise ReleaseError("the corpus has errors; a release is made only from a valid corpus", exit_code=1)
        plan = plan_release(root, folder, result.cases, release_day, site_url=site_url, repository=repository)
        if dry_run:
            click.echo(plan.entry)
        else:
            apply_release(root, plan)
    except (ReleaseError, ReleaseDataError, UsageError, OSError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(getattr(exc, "exit_code", 2))
    tag = plan.release.tag
    for relative in sorted(plan.files):
        click.echo(f"{'would write' if dry_run else 'wrote'} {relative}")
    click.echo(
        f"{'would tag' if dry_run else 'tagged'} {tag}: {len(plan.release.added)} added, "
        f"{len(plan.release.changed)} changed, {len(plan.release.withdrawn)} withdrawn"
    )
    if not dry_run and os.environ.get("GITHUB_ACTIONS") is None:
        click.echo(f"push it with: git push origin HEAD {tag}")
