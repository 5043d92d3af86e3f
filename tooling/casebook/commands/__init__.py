"""Subcommands of the ``casebook`` CLI, one module per area; ``cli.py`` registers them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def cases_option(help_text: str = "Cases folder (default: cases/).") -> Callable[[F], F]:
    """The ``--cases DIR`` option shared by the commands that read a corpus."""
    return click.option("--cases", "cases_dir", type=click.Path(path_type=Path, file_okay=False), help=help_text)
