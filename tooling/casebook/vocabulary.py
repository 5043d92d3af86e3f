"""The controlled vocabulary (schema/vocabulary.yaml) as typed, read-only data."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from casebook.loading import load_file
from casebook.resources import ResourceError, schema_dir


@dataclass(frozen=True)
class Term:
    """One controlled value with its definition and any extra attributes (home stage, posture, ...)."""

    slug: str
    definition: str
    label: str
    extra: Mapping[str, Any]


@dataclass(frozen=True)
class TermList:
    """One controlled list, in file order."""

    name: str
    description: str
    terms: Mapping[str, Term]

    @property
    def slugs(self) -> list[str]:
        """The values in the order the vocabulary lists them."""
        return list(self.terms)


class VocabularyError(ResourceError):
    """The vocabulary file itself is broken; nothing can be checked without it."""


def _label(slug: str) -> str:
    return slug.replace("_", " ").capitalize()


def parse_vocabulary(data: Mapping[str, Any]) -> dict[str, TermList]:
    """Turn the loaded YAML mapping into ``TermList`` objects."""
    lists: dict[str, TermList] = {}
    for name, body in data.items():
        terms = {}
        for slug, attrs in body["values"].items():
            extra = {k: v for k, v in attrs.items() if k not in ("definition", "label")}
            terms[slug] = Term(slug, attrs["definition"], attrs.get("label") or _label(slug), MappingProxyType(extra))
        lists[name] = TermList(name, body.get("description", ""), MappingProxyType(terms))
    return lists


@functools.lru_cache(maxsize=4)
def load_vocabulary(path: Path | None = None) -> Mapping[str, TermList]:
    """Load and cache the vocabulary.

    Raises:
        VocabularyError: the file is missing or not well formed.
    """
    target = path or schema_dir() / "vocabulary.yaml"
    try:
        loaded = load_file(target)
    except OSError as exc:
        raise VocabularyError(f"cannot read vocabulary {target}: {exc.strerror}") from exc
    if not loaded.ok:
        raise VocabularyError("; ".join(d.format() for d in loaded.diagnostics) or f"{target} is not a mapping")
    try:
        return MappingProxyType(parse_vocabulary(loaded.data))
    except (KeyError, TypeError, AttributeError) as exc:
        raise VocabularyError(f"{target}: malformed vocabulary entry ({exc})") from exc


def stage_order() -> list[str]:
    """Stages in chain order."""
    return load_vocabulary()["stages"].slugs


def home_stage(failure_mode: str) -> str:
    """The home stage of a failure mode."""
    return str(load_vocabulary()["failure_modes"].terms[failure_mode].extra["home_stage"])


def natural_stages(failure_mode: str) -> tuple[str, ...]:
    """Stages where a failure mode draws no warning: its home stage and its ``also_at`` stages."""
    extra = load_vocabulary()["failure_modes"].terms[failure_mode].extra
    return (str(extra["home_stage"]), *(str(s) for s in extra.get("also_at", ())))


def is_primary_source(source_type: str) -> bool:
    """Whether a source type counts as primary (regulator, legislature, court, company)."""
    return bool(load_vocabulary()["source_types"].terms[source_type].extra.get("primary", False))
