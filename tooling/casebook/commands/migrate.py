"""``casebook migrate``: upgrade v1 case files to format v2 in place (ADR 0007)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from casebook.commands.graph import UsageFailure
from casebook.countries import country_codes, did_you_mean_country, region_codes
from casebook.migrate import MigrationError, migrate_file
from casebook.migrate_table import RegionMapping
from casebook.resources import default_cases_dir
from casebook.terminal import safe
from casebook.validation import UsageError, expand_paths


def _override(country: str | None, regions: str | None) -> RegionMapping | None:
    if country is None and regions is None:
        return None
    if country is None or regions is None:
        raise click.UsageError("--country and --regions go together")
    codes = [r.strip() for r in regions.split(",") if r.strip()]
    for code, allowed in ((country, country_codes()), *((r, region_codes()) for r in codes)):
        if code not in allowed:
            raise click.UsageError(f"unknown country or region {code!r}{did_you_mean_country(code)}")
    if not codes or ("global" in codes and len(codes) > 1):
        raise click.UsageError("--regions takes country codes, or 'global' alone")
    return RegionMapping("", country, tuple(codes))


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--country", help="For a file the migration has no mapping for: the organization's home country (ISO code)."
)
@click.option("--regions", help="With --country: where customers were harmed, comma-separated codes, or 'global'.")
def migrate(paths: tuple[Path, ...], country: str | None, regions: str | None) -> None:
    """Rewrite v1 case files (PATHS, default cases/) to format v2, keeping comments and layout.

    The region text of each first-wave case has a mapping to `regions` and
    `organization.country`; any other file needs --country and --regions (one file at a
    time), or editing by hand. Files already in v2 are refused. Exit 0 when every file was
    migrated, 1 when any was refused, 2 on a usage or I/O error.
    """
    override = _override(country, regions)
    try:
        files = expand_paths(list(paths) or [default_cases_dir()])
    except UsageError as exc:
        raise click.UsageError(str(exc)) from exc
    if override is not None and len(files) != 1:
        raise click.UsageError("--country and --regions apply to one file at a time")
    refused = 0
    for path in files:
        try:
            mapping = migrate_file(path, str(path), override)
        except MigrationError as exc:
            refused += 1
            click.echo(safe(f"{path}:{exc.line}:1: refused: {exc}"), err=True)
        except OSError as exc:
            raise UsageFailure(f"cannot migrate {path}: {exc}") from exc
        else:
            click.echo(safe(f"migrated {path}: country {mapping.country}, regions [{', '.join(mapping.regions)}]"))
    click.echo(f"{len(files) - refused} migrated, {refused} refused", err=True)
    sys.exit(1 if refused else 0)
