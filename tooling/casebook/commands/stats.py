"""``casebook stats``: corpus coverage for maintainers."""

from __future__ import annotations

import json
from pathlib import Path

import click

from casebook.commands import UsageFailure, cases_option, corpus_dir
from casebook.reporters import report_text
from casebook.stats import coverage, format_coverage
from casebook.validation import UsageError, load_corpus


@click.command()
@cases_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(cases_dir: Path | None, fmt: str) -> None:
    """Coverage of the corpus: cases by sector, decade, first-break stage, failure mode and
    verdict; sources by type; events lacking a primary or news source; cases without recovery;
    cases with the organization's own words (reply), with perspectives, with a disputed first
    break, and reviewed cases with and without a review record.

    Invalid cases are reported as `casebook validate` reports them and left out of the figures.
    """
    try:
        result = load_corpus(corpus_dir(cases_dir))
    except UsageError as exc:
        raise UsageFailure(str(exc)) from exc
    if result.diagnostics:
        click.echo(report_text(result), err=True, nl=False)
    report = coverage(result.cases)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        click.echo(format_coverage(report), nl=False)
