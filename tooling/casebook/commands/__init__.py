"""Subcommands of the ``casebook`` CLI, one module per area; ``cli.py`` registers them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from casebook.resources import default_cases_dir
from casebook.validation import UsageError, check_corpus_folder

F = TypeVar("F", bound=Callable[..., object])


class UsageFailure(click.ClickException):
    """A usage or I/O problem: exit status 2, as in ``casebook.cli``."""

    exit_code = 2


def _checked(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None:
        try:
            check_corpus_folder(value)
        except UsageError as exc:
            raise click.BadParameter(str(exc), ctx, param) from exc
    return value


def _not_a_file(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None and value.exists() and not value.is_dir():
        raise click.BadParameter(f"{value} is not a folder", ctx, param)
    return value


def cases_option(help_text: str = "Cases folder (default: cases/).", *, require_cases: bool = True) -> Callable[[F], F]:
    """The ``--cases DIR`` option shared by the commands that read a corpus.

    A folder that is missing, not a folder or holds no case file is a usage error (exit 2);
    ``require_cases=False`` (``casebook new``, which may write the first case) only refuses a
    path that is not a folder.
    """
    return click.option(
        "--cases",
        "cases_dir",
        type=click.Path(path_type=Path),
        callback=_checked if require_cases else _not_a_file,
        help=help_text,
    )


def corpus_dir(cases_dir: Path | None) -> Path:
    """The ``--cases`` folder or the default one, checked to hold at least one case.

    Raises:
        UsageFailure: the default folder is missing or empty (exit 2).
    """
    folder = cases_dir or default_cases_dir()
    try:
        check_corpus_folder(folder)
    except UsageError as exc:
        raise UsageFailure(str(exc)) from exc
    return folder
