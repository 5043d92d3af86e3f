"""``casebook new``: scaffold a case from the template."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from casebook.commands import cases_option
from casebook.resources import default_cases_dir
from casebook.scaffold import NewCase, ScaffoldError, write_scaffold
from casebook.terminal import has_control, safe


def _ask(value: str | int | None, prompt: str, kind: type = str) -> object:
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise click.UsageError(f"missing --{prompt.split()[0].lower()} (no terminal to ask on)")
    return click.prompt(prompt, type=kind)


@click.command()
@click.option("--org", "organization", help="Organization, e.g. 'Google'.")
@click.option("--year", type=int, help="Year the failure became public.")
@click.option("--title", help="Headline for the case, in your own words.")
@click.option("--slug", help="Short words for the file name, e.g. 'buzz'.")
@cases_option(require_cases=False)
def new(
    organization: str | None, year: int | None, title: str | None, slug: str | None, cases_dir: Path | None
) -> None:
    """Create cases/<year>-<org>-<slug>.yaml from the template.

    Asks for what is missing when run on a terminal; otherwise every option is required.
    Refuses to overwrite an existing case.
    """
    spec = NewCase(
        organization=str(_ask(organization, "Organization")),
        year=int(str(_ask(year, "Year the failure became public", int))),
        title=str(_ask(title, "Title")),
        slug=str(_ask(slug, "Slug (short words for the file name)")),
    )
    for name, text in (("--org", spec.organization), ("--title", spec.title), ("--slug", spec.slug)):
        if has_control(text):  # validate would refuse the new file with H804 (issue 12)
            raise click.UsageError(f"{name} holds a control character: {safe(text)}")
    try:
        path = write_scaffold(spec, cases_dir or default_cases_dir())
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"wrote {path}")
    click.echo(f"next: fill in every TODO, then run `casebook validate --strict {path}`")
