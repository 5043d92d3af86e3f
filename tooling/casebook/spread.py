"""Where the corpus reaches: regions, continents, recoveries and stopping controls.

Issue #16 sets targets for the corpus's spread (at least 35% of cases with no US country in
their regions, every continent with customers represented, 15 recovery exemplars, a stopping
control on every break of a reviewed case). These figures let `casebook stats` and the site show
how far the corpus is from them, computed from the cases alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from casebook.countries import CONTINENTS, GLOBAL, continent_of, country_name
from casebook.model import Case

HOME = "US"
"""The country the first wave leaned on; the spread target counts cases without it."""


@dataclass(frozen=True)
class Spread:
    """Counts over the corpus; region and continent mappings are ordered by count, then name."""

    cases: int
    by_region: Mapping[str, int]
    by_continent: Mapping[str, int]
    global_cases: int
    without_home: int
    recovery_exemplars: int
    breaks: int
    breaks_with_control: int
    reviewed_breaks_without_control: tuple[tuple[str, str], ...]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-ready data with stable keys."""
        return {
            "cases": self.cases,
            "by_region": dict(self.by_region),
            "by_continent": dict(self.by_continent),
            "global_cases": self.global_cases,
            "cases_outside_home_country": self.without_home,
            "recovery_exemplars": self.recovery_exemplars,
            "breaks": self.breaks,
            "breaks_with_control": self.breaks_with_control,
            "reviewed_breaks_without_control": [
                {"case": c, "event": e} for c, e in self.reviewed_breaks_without_control
            ],
        }


def case_continents(case: Case) -> list[str]:
    """The continents where the case harmed customers, in ``CONTINENTS`` order (none for ``global``)."""
    found = {continent_of(code) for code in case.regions if code != GLOBAL}
    return [slug for slug in CONTINENTS if slug in found]


def spread(cases: Sequence[Case]) -> Spread:
    """Compute the spread figures for a list of valid cases."""
    regions = Counter(code for case in cases for code in case.regions)
    continents = Counter(slug for case in cases for slug in case_continents(case))
    breaks = [(case, event) for case in cases for event in case.chain if event.kind == "break"]
    return Spread(
        cases=len(cases),
        by_region=dict(sorted(regions.items(), key=lambda item: (-item[1], country_name(item[0])))),
        by_continent={slug: continents[slug] for slug in CONTINENTS if continents[slug]},
        global_cases=sum(GLOBAL in case.regions for case in cases),
        # Strict reading of the target: a `global` case harmed customers in the US too.
        without_home=sum(HOME not in case.regions and GLOBAL not in case.regions for case in cases),
        recovery_exemplars=sum(case.analysis.verdict == "restored" for case in cases),
        breaks=len(breaks),
        breaks_with_control=sum(event.stopped_by is not None for _, event in breaks),
        reviewed_breaks_without_control=tuple(
            sorted((c.id, e.id) for c, e in breaks if c.status == "reviewed" and e.stopped_by is None)
        ),
    )


def format_spread(report: Spread) -> list[str]:
    """The figures as text lines for `casebook stats`."""
    share = 100 * report.without_home / report.cases if report.cases else 0.0
    lines = ["Where customers were harmed (cases per region code)"]
    lines += [f"  {code:<7} {count:>4}  {country_name(code)}" for code, count in report.by_region.items()]
    lines += ["", "Continents with customers (cases; a `global` case counts for none)"]
    lines += [f"  {CONTINENTS[slug]:<14} {count:>4}" for slug, count in report.by_continent.items()]
    lines += [
        "",
        f"Cases harming customers only outside the {HOME}: {report.without_home} of {report.cases}"
        f" ({share:.0f}%; `global` cases, {report.global_cases}, not counted)",
        f"Recovery exemplars (verdict restored): {report.recovery_exemplars}",
        f"Breaks with a stopping control: {report.breaks_with_control} of {report.breaks}",
        f"Breaks of reviewed cases without one: {len(report.reviewed_breaks_without_control)}",
        "",
    ]
    return lines
