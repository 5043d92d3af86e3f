"""Which output folders Casebook may replace or prune: only what it wrote (issue #12, DESIGN.md).

``casebook build --out DIR`` replaces DIR whole, so DIR must be missing, empty, or a site we
built (it holds ``.casebook-site``). ``casebook render --out DIR`` writes pages into DIR and
removes only the files its previous run listed in ``.casebook-render.json``. Either way a folder
holding something no build produces (``.git``, a ``cases/`` of YAML files, ``mkdocs.yml``,
``pyproject.toml``) is refused, and so are ``/``, the home folder and any folder that is or
contains the cases folder, the repository or (for ``build``) the docs folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SITE_MARKER = ".casebook-site"
"""Written at the root of every site ``casebook build`` makes; only such a folder is replaced."""

SITE_MARKER_TEXT = "This folder was built by `casebook build`, which replaces it whole on the next build.\n"

RENDER_MANIFEST = ".casebook-render.json"
"""Written by ``casebook render``: the files it generated, the only ones a later render removes."""

_FOREIGN_FILES = (".git", "mkdocs.yml", "pyproject.toml")


class OutputError(Exception):
    """An output folder cannot be used or written (exit status 2); nothing of the user's was touched."""


class OutputRefusedError(OutputError):
    """The output folder is not ours to replace or prune."""


def _refuse_protected(target: Path, protected: Iterable[tuple[Path, str]]) -> None:
    if target == Path(target.anchor):
        raise OutputRefusedError(f"refusing to write into {target}: it is the root of the file system")
    for path, what in protected:
        place = path.resolve()
        if target == place:
            raise OutputRefusedError(f"refusing to write into {target}: it is {what}")
        if place.is_relative_to(target):
            raise OutputRefusedError(f"refusing to write into {target}: it contains {what} ({place})")


def foreign_content(folder: Path) -> str | None:
    """Name what in ``folder`` no Casebook output holds (a repository, a corpus), or None."""
    for name in _FOREIGN_FILES:
        if (folder / name).exists() or (folder / name).is_symlink():
            return name
    cases = folder / "cases"
    if cases.is_dir() and any(p.suffix in (".yaml", ".yml") for p in cases.iterdir()):
        return "a cases/ folder of YAML files"
    return None


def _common_protected(cases_dir: Path, repository: Path | None) -> list[tuple[Path, str]]:
    from casebook.resources import project_root

    places = [(Path.home(), "the home folder"), (cases_dir, "the cases folder"), (project_root(), "the repository")]
    if repository is not None:
        places.append((repository, "the repository holding mkdocs.yml"))
    return places


def _refuse_inside(target: Path, folder: Path, what: str) -> None:
    if target.is_relative_to(folder.resolve()):
        raise OutputRefusedError(f"refusing to write into {target}: it is inside {what} ({folder.resolve()})")


def check_site_out(target: Path, *, cases_dir: Path, repository: Path, docs_dir: Path) -> None:
    """Refuse a ``build --out`` folder that Casebook did not build.

    Raises:
        OutputRefusedError: with the reason and what to do instead.
    """
    target = target.resolve()
    _refuse_protected(target, [*_common_protected(cases_dir, repository), (docs_dir, "the docs folder")])
    _refuse_inside(target, docs_dir, "the docs folder")
    _refuse_inside(target, cases_dir, "the cases folder")
    if not target.exists() and not target.is_symlink():
        return
    if not target.is_dir():
        raise OutputRefusedError(f"refusing to replace {target}: it is not a folder; choose a new or empty folder")
    foreign = foreign_content(target)
    if foreign is not None:
        raise OutputRefusedError(
            f"refusing to replace {target}: it holds {foreign}, which no Casebook site has; "
            "choose a new or empty folder for --out"
        )
    if any(target.iterdir()) and not (target / SITE_MARKER).is_file():
        raise OutputRefusedError(
            f"refusing to replace {target}: it is not empty and has no {SITE_MARKER} marker, so Casebook "
            "did not build it; choose a new or empty folder, or remove this one yourself"
        )


def check_render_out(target: Path, *, cases_dir: Path) -> None:
    """Refuse a ``render --out`` folder that is a repository, a corpus or a protected place.

    Which existing files a render may replace is decided per file by ``casebook.render.site``.

    Raises:
        OutputRefusedError: with the reason and what to do instead.
    """
    target = target.resolve()
    _refuse_protected(target, _common_protected(cases_dir, None))
    _refuse_inside(target, cases_dir, "the cases folder")
    if target.exists() and not target.is_dir():
        raise OutputRefusedError(f"refusing to write into {target}: it is not a folder")
    foreign = foreign_content(target) if target.is_dir() else None
    if foreign is not None:
        raise OutputRefusedError(
            f"refusing to render into {target}: it holds {foreign}, so it is not a docs folder; "
            "choose a new or empty folder for --out"
        )
