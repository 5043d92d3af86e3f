"""The sources file: which feeds the news watch reads, checked like a case file.

``feeds/sources.yaml`` is loaded by the same strict loader as cases and checked against
``schema/feeds.schema.json`` through the same located-diagnostic machinery, so a misspelt key
is reported as ``feeds/sources.yaml:7:5: error F902 unknown field 'wieght'; did you mean
'weight'?``. Schema codes are renamed into the F gate; YAML syntax keeps its Y codes.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.diagnostics import Diagnostic, Severity
from casebook.loading import LoadResult, load_file
from casebook.resources import schema_dir
from casebook.schema_check import check_against

if TYPE_CHECKING:
    # Imported when a feed list is checked, not when the CLI starts: every `casebook` command
    # imports this module, and jsonschema's import costs about a second (ADR 0005).
    from jsonschema import Draft202012Validator

# The case-schema codes check_against produces, and what they mean for a sources file.
_RENAMED = {"S200": "F900", "S201": "F901", "S202": "F902", "S203": "F903", "V300": "F903", "H800": "F903"}

# A feed's tags may name the kind of publisher; draft stubs use it as the source type.
SOURCE_TYPES = ("regulator", "legislature", "court", "company", "news", "trade", "blog")


@dataclass(frozen=True)
class Feed:
    """One feed to read."""

    name: str
    url: str
    weight: float = 1.0
    tags: tuple[str, ...] = ()

    @property
    def source_type(self) -> str | None:
        """The case-source type implied by the tags (``regulator``, ``news``, ...), if any."""
        return next((tag for tag in self.tags if tag in SOURCE_TYPES), None)


@dataclass
class SourcesResult:
    """The feeds of a sources file, or the diagnostics that stop it being used."""

    path: str
    feeds: list[Feed] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """How many errors; any error means the file is not used."""
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)


@functools.lru_cache(maxsize=2)
def _validator(path: Path) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    with path.open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _renamed(diagnostic: Diagnostic) -> Diagnostic:
    code = _RENAMED.get(diagnostic.code, diagnostic.code)
    return dataclasses.replace(diagnostic, code=code) if code != diagnostic.code else diagnostic


def _not_a_mapping(loaded: LoadResult) -> Iterator[Diagnostic]:
    # The loader words Y105 for cases; say what a sources file should look like instead.
    for diagnostic in loaded.diagnostics:
        if diagnostic.code == "Y105":
            yield dataclasses.replace(
                diagnostic,
                code="F900",
                message="a sources file is a mapping with a `feeds:` list, not a bare list or value",
            )
        else:
            yield diagnostic


def _duplicates(loaded: LoadResult) -> Iterator[Diagnostic]:
    names: dict[str, int] = {}
    urls: dict[str, int] = {}
    for index, raw in enumerate(loaded.data["feeds"]):
        name, url = raw["name"], raw["url"]
        if name.casefold() in names:
            first = names[name.casefold()]
            message = f"feed name '{name}' is already used by feed {first + 1}"
            yield loaded.diagnostic(("feeds", index, "name"), "F904", message)
        else:
            names[name.casefold()] = index
        if url in urls:
            message = f"feed URL is already read by feed {urls[url] + 1}"
            yield loaded.diagnostic(("feeds", index, "url"), "F905", message, severity=Severity.WARNING)
        else:
            urls[url] = index


def resolve_url(url: str, base: Path | None) -> str:
    """Make a relative ``file:`` URL (``file:feeds/x.xml``) absolute, against ``base``; others pass through.

    Relative file URLs let a sources file in a test folder name its neighbours wherever the
    checkout lives.
    """
    if base is None or not url.startswith("file:") or url.startswith("file:/"):
        return url
    return (base / urllib.request.url2pathname(url[len("file:") :])).resolve().as_uri()


def check_sources(loaded: LoadResult, schema_path: Path | None = None, base: Path | None = None) -> SourcesResult:
    """Check a loaded sources file and build its feeds when it has no error.

    Args:
        loaded: The sources file as loaded by ``casebook.loading``.
        schema_path: The schema to check against (default ``schema/feeds.schema.json``).
        base: The folder relative ``file:`` URLs are read from (the sources file's folder).

    Returns:
        The feeds in file order, with any diagnostics (sorted by position).
    """
    result = SourcesResult(loaded.path)
    if not loaded.ok:
        result.diagnostics = sorted(_not_a_mapping(loaded))
        return result
    validator = _validator(schema_path or schema_dir() / "feeds.schema.json")
    result.diagnostics = [_renamed(d) for d in check_against(validator, loaded)]
    if result.diagnostics:
        result.diagnostics.sort()
        return result
    result.diagnostics = sorted(_duplicates(loaded))
    if result.errors:
        return result
    result.feeds = [
        Feed(
            name=raw["name"],
            url=resolve_url(raw["url"], base),
            weight=float(raw.get("weight", 1.0)),
            tags=tuple(raw.get("tags", ())),
        )
        for raw in loaded.data["feeds"]
    ]
    return result


def load_sources(path: Path, display: str | None = None) -> SourcesResult:
    """Read and check a sources file.

    Args:
        path: The YAML file, usually ``feeds/sources.yaml``.
        display: How to name the file in diagnostics (default: the path as given).

    Returns:
        The feeds, or diagnostics located by line and column.

    Raises:
        OSError: The file cannot be opened at all; the caller decides how to report it.
    """
    return check_sources(load_file(path, display or str(path)), base=path.parent)
