"""Gates on in-memory variations of the minimal case, for codes not covered by fixture files."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from casebook.codes import CODES
from casebook.validation import validate_paths
from tests.helpers import minimal_data

PACKAGE = Path(__file__).resolve().parents[2] / "tooling" / "casebook"


def _codes(tmp_path: Path, mutate: Callable[[dict[str, Any]], None]) -> list[str]:
    data = minimal_data()
    mutate(data)
    path = tmp_path / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return [d.code for d in validate_paths([path]).diagnostics]


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return mutate


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (_set(("analysis", "lessons", 0, "events"), ["nope"]), "R402"),
        (_set(("chain", 1, "id"), "defect"), "R404"),
        (lambda d: d["sources"].append({**d["sources"][0], "id": "spare"}), "R405"),
        (_set(("id",), "2099_Acme"), "S203"),
        (_set(("organization", "sector"), "retial"), "V300"),
        (_set(("last_reviewed",), "2099-02"), "S203"),
        (_set(("sources", 0, "archived_url"), "file:///etc/passwd"), "H800"),
        (_set(("related",), [{"id": "2099-nobody-here", "relation": "contrast"}]), "R403"),
        (_set(("impact", 0, "source"), "memoo"), "R401"),
        (_set(("analysis", "outcome", "sources"), ["nothing"]), "R401"),
        (_set(("license",), "MIT"), "S200"),
        (_set(("chain", 0, "date"), "January 2099"), "S203"),
    ],
)
def test_gate_codes(tmp_path: Path, mutate: Callable[[dict[str, Any]], None], code: str) -> None:
    """Each mutation produces its code."""
    assert code in _codes(tmp_path, mutate)


def test_bare_year_is_a_date(tmp_path: Path) -> None:
    """`date: 2099` (an unquoted year, loaded as a number) is accepted as a year-precision date."""
    assert _codes(tmp_path, _set(("chain", 0, "date"), 2099)) == []


def test_phone_pattern_ignores_figures_and_dates(tmp_path: Path) -> None:
    """Dates, years and large figures in text are not mistaken for phone numbers."""
    text = "On 2099-01-15 it cost 1,250,000 dollars and 3.5 million units, per case 2010-1234-5678."
    assert _codes(tmp_path, _set(("chain", 0, "description"), text)) == []


def test_every_code_in_the_package_is_registered() -> None:
    """A code string used anywhere in the package has an entry (and so an explanation)."""
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r'"([YSVRCDIHF]\d{3})"', path.read_text(encoding="utf-8")))
    assert used - set(CODES) == set()
    assert len(used) > 20
