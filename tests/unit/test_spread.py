"""Where the corpus reaches: regions, continents, recoveries and stopping controls (issue #16)."""

from __future__ import annotations

import dataclasses
import json

from click.testing import CliRunner

from casebook.cli import main
from casebook.countries import CONTINENTS, continent_of, continents, countries
from casebook.model import Case, Control
from casebook.spread import case_continents, format_spread, spread
from tests.helpers import MINIMAL, minimal_case


def _case(case_id: str, regions: tuple[str, ...], **changes: object) -> Case:
    return dataclasses.replace(minimal_case(), id=case_id, regions=regions, **changes)


def test_every_country_has_a_continent_and_the_americas_are_split() -> None:
    """schema/continents.yaml covers every country code; Mexico is Latin America, Canada North America."""
    codes = [code for code in countries() if code != "global"]
    assert sorted(continents()) == sorted(codes)
    assert set(continents().values()) <= set(CONTINENTS)
    assert continent_of("MX") == "latin_america" and continent_of("BR") == "latin_america"
    assert continent_of("CA") == "north_america" and continent_of("US") == "north_america"
    assert continent_of("ZA") == "africa" and continent_of("NZ") == "oceania" and continent_of("JP") == "asia"
    assert continent_of("global") is None


def test_continents_of_a_case_are_deduplicated_and_ordered() -> None:
    """GB and IE are one continent; global names none."""
    assert case_continents(_case("2099-a", ("JP", "GB", "IE"))) == ["asia", "europe"]
    assert case_continents(_case("2099-b", ("global",))) == []


def test_spread_counts_regions_continents_and_cases_outside_the_us() -> None:
    """A global case is not counted as outside the US; region counts are per case."""
    cases = [_case("2099-a", ("GB", "IE")), _case("2099-b", ("US", "CA")), _case("2099-c", ("global",))]
    report = spread(cases)
    assert report.by_region == {"CA": 1, "GB": 1, "IE": 1, "US": 1, "global": 1}
    assert report.by_continent == {"europe": 1, "north_america": 1}
    assert report.without_home == 1 and report.global_cases == 1


def test_controls_and_recoveries() -> None:
    """Breaks with a control are counted; reviewed breaks without one are listed; restored cases counted."""
    base = minimal_case()
    with_control = tuple(
        dataclasses.replace(e, stopped_by=Control("supplier_audit", "partners", "why")) if e.kind == "break" else e
        for e in base.chain
    )
    restored = dataclasses.replace(base.analysis, verdict="restored")
    cases = [
        _case("2099-a", ("GB",), status="reviewed"),
        _case("2099-b", ("GB",), status="reviewed", chain=with_control, analysis=restored),
        _case("2099-c", ("GB",), status="draft"),
    ]
    report = spread(cases)
    breaks_per_case = sum(e.kind == "break" for e in base.chain)
    assert report.breaks == 3 * breaks_per_case and report.breaks_with_control == breaks_per_case
    assert {case for case, _ in report.reviewed_breaks_without_control} == {"2099-a"}
    assert report.recovery_exemplars == 1


def test_text_and_cli_json_agree() -> None:
    """`casebook stats` prints the spread and carries it in JSON."""
    text = "\n".join(format_spread(spread([_case("2099-a", ("GB", "IE"))])))
    assert "Europe" in text and "United Kingdom" in text and "1 of 1 (100%" in text
    result = CliRunner().invoke(main, ["stats", "--cases", str(MINIMAL.parent), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["spread"]
    assert data["by_region"] == {"GB": 1, "IE": 1} and data["by_continent"] == {"europe": 1}
