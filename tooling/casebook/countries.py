"""ISO 3166-1 alpha-2 countries (schema/countries.yaml) and suggestions for near-miss codes.

The list is data generated once from pycountry (tooling/dev/countries_from_pycountry.py);
Casebook itself depends only on the committed file.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from casebook.loading import load_file
from casebook.resources import ResourceError, schema_dir
from casebook.suggest import closest

GLOBAL = "global"
"""The one value of ``regions`` that is not a country: harm was worldwide."""

# Codes and names people type for a country that are not its ISO code: the usual mistakes only,
# kept short and explicit rather than guessed.
ALIASES: dict[str, str] = {
    "UK": "GB",
    "EN": "GB",
    "ENGLAND": "GB",
    "SCOTLAND": "GB",
    "WALES": "GB",
    "BRITAIN": "GB",
    "GREAT BRITAIN": "GB",
    "USA": "US",
    "AMERICA": "US",
    "UNITED STATES OF AMERICA": "US",
    "KOREA": "KR",
    "SOUTH KOREA": "KR",
    "EL": "GR",
    "UAE": "AE",
    "HOLLAND": "NL",
    "RUSSIA": "RU",
    "WORLD": GLOBAL,
    "WORLDWIDE": GLOBAL,
    "INTERNATIONAL": GLOBAL,
}


@functools.lru_cache(maxsize=1)
def countries() -> Mapping[str, str]:
    """Code -> English name, ``global`` first, then by code.

    Raises:
        ResourceError: the file is missing or broken.
    """
    target = schema_dir() / "countries.yaml"
    try:
        loaded = load_file(target)
    except OSError as exc:
        raise ResourceError(f"cannot read {target}: {exc.strerror}") from exc
    if not loaded.ok or not all(isinstance(v, str) for v in loaded.data.values()):
        raise ResourceError(f"{target} is not a mapping of codes to names")
    return MappingProxyType(dict(loaded.data))


def region_codes() -> list[str]:
    """Every value ``regions`` accepts: ``global`` and the country codes."""
    return list(countries())


def country_codes() -> list[str]:
    """Every value ``organization.country`` accepts."""
    return [code for code in countries() if code != GLOBAL]


def country_name(code: str) -> str:
    """The English name of a code (the code itself if unknown)."""
    return countries().get(code, code)


def suggest_code(text: str, *, allow_global: bool = True) -> str | None:
    """The code a contributor most likely meant by ``text`` (a code, an alias or a name)."""
    known = countries()
    word = text.strip()
    upper = word.upper()
    candidates: list[str | None] = [ALIASES.get(upper), upper if len(upper) == 2 else None]
    by_name = {name.upper(): code for code, name in known.items()}
    candidates.append(by_name.get(upper))
    if len(word) > 3:
        name = closest(upper, by_name)
        candidates.append(by_name[name] if name else None)
    for code in candidates:
        if code and code in known and (allow_global or code != GLOBAL):
            return code
    return None


def did_you_mean_country(text: str, *, allow_global: bool = True) -> str:
    """``"; did you mean 'GB' (United Kingdom)?"`` or an empty string."""
    code = suggest_code(text, allow_global=allow_global)
    return f"; did you mean '{code}' ({country_name(code)})?" if code else ""


CONTINENTS: dict[str, str] = {
    "africa": "Africa",
    "asia": "Asia",
    "europe": "Europe",
    "latin_america": "Latin America",
    "north_america": "North America",
    "oceania": "Oceania",
    "antarctica": "Antarctica",
}
"""Continent slugs of schema/continents.yaml, in display order, with their names."""


@functools.lru_cache(maxsize=1)
def continents() -> Mapping[str, str]:
    """Country code -> continent slug (schema/continents.yaml, generated from country_converter).

    Raises:
        ResourceError: the file is missing, broken, or names a continent not in ``CONTINENTS``.
    """
    target = schema_dir() / "continents.yaml"
    try:
        loaded = load_file(target)
    except OSError as exc:
        raise ResourceError(f"cannot read {target}: {exc.strerror}") from exc
    if not loaded.ok or not all(isinstance(v, str) and v in CONTINENTS for v in loaded.data.values()):
        raise ResourceError(f"{target} is not a mapping of country codes to continents")
    return MappingProxyType(dict(loaded.data))


def continent_of(code: str) -> str | None:
    """The continent slug of a country code; None for ``global`` or an unknown code."""
    return continents().get(code)
