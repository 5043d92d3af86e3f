"""``casebook watch``: read news feeds and propose candidate cases for a person to triage.

Exit status: 0 when the run completed (feeds that fail are warnings, listed in the report), 1
when the sources file is invalid (located diagnostics), 2 on a usage or I/O error.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from casebook.diagnostics import Severity
from casebook.feeds.bounded import PARSE_TIMEOUT
from casebook.feeds.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from casebook.feeds.pipeline import MAX_STUBS, MIN_SCORE, STUB_SCORE, Settings, run_watch
from casebook.feeds.sources import load_sources
from casebook.feeds.state import StateError, load_state
from casebook.feeds.stubs import TemplateError
from casebook.resources import default_cases_dir, project_root
from casebook.validation import UsageError, load_corpus

EXIT_INVALID = 1


class WatchUsageError(click.ClickException):
    """A usage or I/O problem: exit status 2."""

    exit_code = 2


def progress_wanted() -> bool:
    """Progress lines only on an interactive terminal, never in CI logs or pipes."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def _template(cases: Path) -> Path:
    # A corpus may carry its own template; otherwise the project's.
    local = cases / "_TEMPLATE.yaml"
    return local if local.is_file() else project_root() / "cases" / "_TEMPLATE.yaml"


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
"""The days --today accepts: the range feed dates are trusted in, with room to spare either side."""


def _checked_today(value: dt.datetime | None) -> dt.date:
    day = _day(value) or dt.date.today()
    if not FIRST_DAY <= day <= LAST_DAY:
        # Year 1 overflowed the state's pruning; no run of the watch happens outside this range.
        raise WatchUsageError(f"--today {day.isoformat()} is outside {FIRST_DAY.isoformat()}..{LAST_DAY.isoformat()}")
    return day


_DATE = click.DateTime(formats=["%Y-%m-%d"])
_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command()
@click.option(
    "--sources",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The feeds file, e.g. feeds/sources.yaml.",
)
@click.option(
    "--state",
    "state_path",
    required=True,
    type=_FILE,
    help="JSON file remembering validators and seen entries; created if missing.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for candidates.json, report.md and stubs/.",
)
@click.option(
    "--since", type=_DATE, help="Skip entries published before this day (YYYY-MM-DD); undated entries are kept."
)
@click.option(
    "--cases",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The corpus to match against (default: cases/).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True, max=300),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds allowed per feed request: connect, headers and body together.",
)
@click.option(
    "--parse-timeout",
    type=click.FloatRange(min=0, min_open=True, max=600),
    default=PARSE_TIMEOUT,
    show_default=True,
    help="Seconds allowed to parse one feed.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest feed read, in bytes.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(min=0),
    default=MIN_SCORE,
    show_default=True,
    help="Lowest score listed as a candidate.",
)
@click.option(
    "--stub-score",
    type=click.FloatRange(min=0),
    default=STUB_SCORE,
    show_default=True,
    help="Lowest score that gets a draft stub.",
)
@click.option(
    "--max-stubs",
    type=click.IntRange(min=0),
    default=MAX_STUBS,
    show_default=True,
    help="Most draft stubs written per run.",
)
@click.option(
    "--today", type=_DATE, help="Run as if today were this day (YYYY-MM-DD); for reproducible runs and tests."
)
def watch(
    sources: Path,
    state_path: Path,
    out: Path,
    since: dt.datetime | None,
    cases: Path | None,
    timeout: float,
    parse_timeout: float,
    max_bytes: int,
    min_score: float,
    stub_score: float,
    max_stubs: int,
    today: dt.datetime | None,
) -> None:
    """Read news feeds and propose candidate cases; it proposes, a person decides.

    Writes OUT/candidates.json, OUT/report.md and, for the strongest new stories, draft cases in
    OUT/stubs/. A feed that fails is a warning; the run goes on. See docs/news-watch.md.
    """
    run_day = _checked_today(today)
    try:
        loaded = load_sources(sources)
    except OSError as exc:
        raise WatchUsageError(f"cannot read {sources}: {exc.strerror}") from exc
    for diagnostic in loaded.diagnostics:
        click.echo(diagnostic.format(), err=True)
    if loaded.errors:
        click.echo(f"{sources}: {loaded.errors} error(s); no feed was read", err=True)
        sys.exit(EXIT_INVALID)
    corpus_dir = cases or default_cases_dir()
    try:
        state = load_state(state_path)
        corpus = load_corpus(corpus_dir)
    except StateError as exc:
        raise WatchUsageError(f"{state_path} is not a usable state file: {exc}; move it away to start afresh") from exc
    except (OSError, UsageError) as exc:
        raise WatchUsageError(str(exc)) from exc
    broken = len({d.path for d in corpus.diagnostics if d.severity is Severity.ERROR})
    if broken:
        click.echo(f"warning: {broken} case file(s) in {corpus_dir} have errors and are not matched against", err=True)
    settings = Settings(
        out=out, template=_template(corpus_dir), today=run_day, since=_day(since),
        timeout=timeout, parse_timeout=parse_timeout, max_bytes=max_bytes, min_score=min_score, stub_score=stub_score, max_stubs=max_stubs,
    )  # fmt: skip
    say = (lambda line: click.echo(line, err=True)) if progress_wanted() else (lambda line: None)
    try:
        result = run_watch(
            loaded.feeds,
            corpus.cases,
            state,
            state_path,
            settings,
            progress=say,
            warn=lambda line: click.echo(line, err=True),
        )
    except TemplateError as exc:
        raise WatchUsageError(f"cannot draft stubs: {exc}") from exc
    except OSError as exc:
        raise WatchUsageError(f"cannot write the results: {exc}") from exc
    failed = len(result.failures)
    click.echo(
        f"watch: {len(result.feeds)} feeds ({failed} failed), {result.new_entries} new entries, "
        f"{len(result.proposed)} candidates, {len(result.matched)} already in the casebook, "
        f"{len(result.stubs)} draft stubs -> {out / 'report.md'}"
    )
