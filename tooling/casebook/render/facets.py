"""The facets a reader can browse and filter by, defined once for the browse pages, the filter
index and the exports.

Each facet maps a case to the values it has (a case touches several stages, so a facet value is
"this case has it", not a partition). Values come in vocabulary order; years newest first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from casebook.countries import GLOBAL, country_name
from casebook.graph import ChainAnalysis
from casebook.graph.analysis import cached_analysis
from casebook.model import Case
from casebook.render.context import definition, label
from casebook.vocabulary import load_vocabulary
from casebook.voices import disputed

QUADRANTS = {
    "high-touch-high-scale": (
        "High touch, high scale",
        "Many personal touchpoints with very many customers: the hard quadrant.",
    ),
    "high-touch-low-scale": (
        "High touch, low scale",
        "Personal relationships with relatively few customers; typical of B2B.",
    ),
    "low-touch-high-scale": (
        "Low touch, high scale",
        "Few personal touchpoints with very many customers; typical of B2C.",
    ),
    "low-touch-low-scale": ("Low touch, low scale", "Few touchpoints and relatively few customers."),
}

DISSENT = {
    "disputed": (
        "On the first break",
        "Some perspective puts the first break at another stage of the chain than the main analysis.",
    ),
    "perspectives": (
        "Any other reading",
        "The case carries at least one perspective: another analyst's reading of where the chain broke or how to weigh an event.",
    ),
}
"""The values of the filter's "Analysts disagree" facet (``dissent_facet``)."""

_FIXED = {"quadrant": QUADRANTS, "dissent": DISSENT}


def quadrant(case: Case) -> str:
    """The case's Touch-versus-Scale quadrant slug, e.g. ``high-touch-low-scale``."""
    return f"{case.touch}-touch-{case.scale}-scale"


def _unique(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


@dataclass(frozen=True)
class Facet:
    """One way to group cases.

    Attributes:
        key: Query-string key and JSON key (``stage``).
        slug: Path of its browse page under ``browse/`` (``failure-mode``).
        title: Short name (``Failure mode``).
        plural: How the browse page names the grouping (``stages``).
        intro: One sentence saying what a case has to have to be listed under a value.
        vocabulary: The vocabulary list its values come from, if any.
        of: The values one case has, without duplicates.
    """

    key: str
    slug: str
    title: str
    plural: str
    intro: str
    vocabulary: str | None
    of: Callable[[Case], tuple[str, ...]]

    def label(self, value: str) -> str:
        """The display label of one value."""
        if self.key in _FIXED:
            return _FIXED[self.key][value][0]
        if self.key == "region":
            return country_name(value)
        return label(self.vocabulary, value) if self.vocabulary else value

    def definition(self, value: str) -> str:
        """What the value means, or '' when it needs no definition (years)."""
        if self.key in _FIXED:
            return _FIXED[self.key][value][1]
        return definition(self.vocabulary, value) if self.vocabulary else ""

    def values(self, cases: Sequence[Case]) -> list[str]:
        """Every value, in display order: the whole vocabulary list, or the years that occur."""
        if self.key in _FIXED:
            return list(_FIXED[self.key])
        if self.key == "region":  # the codes that occur, by English name; worldwide first
            found = {v for c in cases for v in self.of(c)}
            return sorted(found, key=lambda code: (code != GLOBAL, country_name(code)))
        if self.vocabulary:
            return load_vocabulary()[self.vocabulary].slugs
        return sorted({v for c in cases for v in self.of(c)}, reverse=True)

    def groups(self, cases: Sequence[Case]) -> list[tuple[str, list[Case]]]:
        """``(value, cases having it)`` for every value in display order; cases keep their order."""
        having = [(c, set(self.of(c))) for c in cases]  # once per case, not once per case and value
        return [(value, [c for c, values in having if value in values]) for value in self.values(cases)]


FACETS: tuple[Facet, ...] = (
    Facet(
        "first_break",
        "first-break",
        "First broke at",
        "first break stages",
        "A case is listed under the stage of its first break: where the chain first broke.",
        "stages",
        lambda c: (cached_analysis(c).first_break_stage,),
    ),
    Facet(
        "broke_at",
        "broke-at",
        "Broke at",
        "break stages",
        "A case is listed under every stage where one of its events is a break (not an amplifier, "
        "response or other event).",
        "stages",
        lambda c: cached_analysis(c).break_stages,
    ),
    Facet(
        "stage",
        "stage",
        "Stage touched",
        "stages touched",
        "A case is listed under every stage at which one of its events happened, whatever its kind: "
        "touched, which is not the same as broke.",
        "stages",
        lambda c: cached_analysis(c).stages_touched,
    ),
    Facet(
        "failure_mode",
        "failure-mode",
        "Failure mode",
        "failure modes",
        "A case is listed under every failure mode of its breaks and amplifiers.",
        "failure_modes",
        lambda c: _unique([e.failure_mode for e in c.chain if e.failure_mode]),
    ),
    Facet(
        "sector",
        "sector",
        "Sector",
        "sectors",
        "A case is listed under its organization's main sector.",
        "sectors",
        lambda c: (c.organization.sector,),
    ),
    Facet(
        "region",
        "region",
        "Region",
        "regions",
        "A case is listed under every country where its customers were harmed, or under Worldwide.",
        None,
        lambda c: c.regions,
    ),
    Facet(
        "year",
        "year",
        "Year",
        "years",
        "A case is listed under the year its failure became public (the year in its id), not the year its chain began.",
        None,
        lambda c: (str(c.year),),
    ),
    Facet(
        "trust",
        "trust-dimension",
        "Trust dimension",
        "trust dimensions",
        "A case is listed under its primary trust dimension and any other dimension it damaged.",
        "trust_dimensions",
        lambda c: _unique([c.analysis.trust_primary, *c.analysis.trust_also]),
    ),
    Facet(
        "response",
        "response-strategy",
        "Response strategy",
        "response strategies",
        "A case is listed under every strategy its organization used in response.",
        "response_strategies",
        lambda c: _unique(c.analysis.strategies),
    ),
    Facet(
        "detection",
        "detection-channel",
        "Detection channel",
        "detection channels",
        "A case is listed under the channel through which its failure first came to light.",
        "detection_channels",
        lambda c: (c.analysis.detection_channel,),
    ),
    Facet(
        "quadrant",
        "quadrant",
        "Touch and scale",
        "Touch-versus-Scale quadrants",
        "A case is listed under its organization's quadrant: how personal each relationship is, and how many customers there are.",
        None,
        lambda c: (quadrant(c),),
    ),
    Facet(
        "verdict",
        "verdict",
        "Trust verdict",
        "trust verdicts",
        "A case is listed under where trust ended up, as its sources judge it.",
        "trust_verdicts",
        lambda c: (c.analysis.verdict,),
    ),
)
"""Every facet, in the order the browse and filter pages show them."""

FACET_BY_KEY = {f.key: f for f in FACETS}


def dissent_facet(chains: Mapping[str, ChainAnalysis]) -> Facet:
    """The filter's "Analysts disagree" facet; it needs each case's first break, so it takes the analyses.

    Not a browse page: two values do not make a grouping worth a page of its own.
    """

    def of(case: Case) -> tuple[str, ...]:
        if not case.perspectives:
            return ()
        return ("disputed", "perspectives") if disputed(case, chains[case.id]) else ("perspectives",)

    return Facet(
        "dissent",
        "dissent",
        "Analysts disagree",
        "readings",
        "A case is listed when it carries another analyst's reading; under the first break when that reading "
        "puts it at another stage.",
        None,
        of,
    )
