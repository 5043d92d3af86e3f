"""What every generated page needs: the sorted corpus, its version, site settings and labels.

``Corpus`` is built once per render; page functions take it instead of recomputing analyses,
so one render analyses each chain once however many pages show it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from casebook import __version__
from casebook.graph import ChainAnalysis, analyse_chain, similar_cases
from casebook.graph.neighbours import suggestion_index
from casebook.graph.similarity import Suggestion
from casebook.model import Case
from casebook.provenance.state import Provenance
from casebook.render.records import corpus_digest
from casebook.vocabulary import load_vocabulary

DIGEST_LENGTH = 12
"""Hex digits of the corpus digest shown in versions and citations (48 bits: no accidental clash)."""


SIMILAR = 5
"""How many similar cases a case page suggests."""


@dataclass(frozen=True)
class SiteSettings:
    """Where the site and its sources live; all optional so that rendering works without MkDocs.

    Attributes:
        site_url: The public root of the site, ending in ``/`` (``site_url`` in mkdocs.yml).
        repo_url: The repository home page (``repo_url``).
        edit_uri: The edit path relative to ``repo_url`` (``edit_uri``), or an absolute URL.
    """

    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = ""

    def page_url(self, path: str) -> str:
        """The absolute URL of a site path such as ``cases/x/``, or the path itself without a site URL."""
        if not self.site_url:
            return path
        return self.site_url.rstrip("/") + "/" + path.lstrip("/")

    def edit_url(self, case: Case) -> str | None:
        """Where to edit the case's YAML file in the repository, if the repository is known."""
        if self.edit_uri.startswith(("http://", "https://")):
            base = self.edit_uri
        elif self.repo_url and self.edit_uri:
            base = self.repo_url.rstrip("/") + "/" + self.edit_uri.lstrip("/")
        else:
            return None
        return base.rstrip("/") + f"/cases/{case.id}.yaml"


@functools.cache
def label(list_name: str, slug: str) -> str:
    """The display label of a controlled value (its ``label``, or the slug in words)."""
    return load_vocabulary()[list_name].terms[slug].label


def org_slug(name: str) -> str:
    """An organization's page name: ``United Airlines`` -> ``united-airlines``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "organization"


def in_sentence(value: str) -> str:
    """A label inside a sentence: first letter lower case, unless the word is an acronym (``CEO``)."""
    first = value.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return value
    return value[:1].lower() + value[1:]


@functools.cache
def definition(list_name: str, slug: str) -> str:
    """The plain-words definition of a controlled value."""
    return load_vocabulary()[list_name].terms[slug].definition


@dataclass(frozen=True)
class Corpus:
    """The valid cases of one render, sorted by id, with what pages share."""

    cases: tuple[Case, ...]
    settings: SiteSettings = SiteSettings()
    digest: str = ""
    by_id: Mapping[str, Case] = field(default_factory=dict)
    chains: Mapping[str, ChainAnalysis] = field(default_factory=dict)
    neighbours: Mapping[str, list[tuple[str, float]]] = field(default_factory=dict)
    suggestions: Mapping[str, list[Suggestion]] = field(default_factory=dict)
    provenance: Provenance = field(default_factory=Provenance)

    @classmethod
    def build(
        cls,
        cases: Sequence[Case],
        settings: SiteSettings | None = None,
        *,
        chains: Mapping[str, ChainAnalysis] | None = None,
        provenance: Provenance | None = None,
        digest: str | None = None,
        similar: Callable[[Sequence[Case]], Mapping[str, list[Suggestion]]] | None = None,
    ) -> Corpus:
        """Sort the cases, compute the corpus digest (unless given: ``corpus_digest`` of the cases)
        and analyse every chain once (unless ``chains`` already holds every case's analysis, e.g.
        from the build cache). ``similar`` finds the similar cases of the sorted cases (by default
        ``suggestion_index``; the build passes one that uses its cache)."""
        ordered = tuple(sorted(cases, key=lambda c: c.id))
        # Every case page lists similar cases: found for all cases at once (graph.neighbours).
        found = similar(ordered) if similar is not None else suggestion_index(ordered, SIMILAR)[0]
        return cls(
            cases=ordered,
            settings=settings or SiteSettings(),
            digest=corpus_digest(ordered) if digest is None else digest,
            by_id=MappingProxyType({c.id: c for c in ordered}),
            chains=MappingProxyType({c.id: chains[c.id] if chains else analyse_chain(c) for c in ordered}),
            neighbours=MappingProxyType({k: [(s.id, s.score) for s in v] for k, v in found.items()}),
            suggestions=MappingProxyType(found),
            provenance=provenance or Provenance(),
        )

    def similar(self, case: Case, limit: int = SIMILAR) -> list[tuple[str, float]]:
        """The cases whose chains are most like this one's, best first."""
        if limit == SIMILAR and case.id in self.neighbours:
            return self.neighbours[case.id]
        return similar_cases(case, self.cases, limit)

    @functools.cached_property
    def organization_counts(self) -> Mapping[str, int]:
        """How many cases each organization has, by ``org_slug`` (organization pages exist for more than one)."""
        return Counter(org_slug(c.organization.name) for c in self.cases)

    @property
    def version(self) -> str:
        """Package version plus corpus digest, e.g. ``0.1.0+corpus.1a2b3c4d5e6f``; pins a citation."""
        return f"{__version__}+corpus.{self.digest[:DIGEST_LENGTH]}"

    def newest_first(self) -> list[Case]:
        """Cases by the year they became public (``Case.year``), newest first; ties by id."""
        return sorted(self.cases, key=lambda c: (-c.year, c.id))

    def recently_reviewed(self, limit: int) -> list[Case]:
        """The ``limit`` cases reviewed last; ties newest case first, then by id."""
        return sorted(self.cases, key=lambda c: (-c.last_reviewed.earliest.toordinal(), -c.year, c.id))[:limit]
