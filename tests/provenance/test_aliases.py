"""Former ids: I702 (an alias that is still a case id) and I703 (two cases claim one former id)."""

from __future__ import annotations

from pathlib import Path

from casebook.gates.aliases import check_aliases
from casebook.loading import load_text


def _case(ident: str, aliases: list[str]) -> tuple[object, Path]:
    text = f"id: {ident}\naliases:\n" + "".join(f"  - {a}\n" for a in aliases) if aliases else f"id: {ident}\n"
    loaded = load_text(text, f"cases/{ident}.yaml")
    assert loaded.ok
    return loaded, Path(f"cases/{ident}.yaml")


def test_alias_of_a_live_case_is_i702() -> None:
    """The old file still exists: its id cannot also be another case's former id."""
    items = [_case("2099-acme-new", ["2099-acme-old"]), _case("2099-acme-old", [])]
    found = list(check_aliases(items, set()))  # type: ignore[arg-type]
    assert [(d.code, d.path, d.line) for d in found] == [("I702", "cases/2099-acme-new.yaml", 3)]


def test_alias_of_a_file_not_loaded_is_i702() -> None:
    """A single-file run knows the other ids from the folder's file names."""
    found = list(check_aliases([_case("2099-acme-new", ["2099-acme-old"])], {"2099-acme-old"}))  # type: ignore[list-item]
    assert [d.code for d in found] == ["I702"]


def test_two_cases_claiming_one_former_id_is_i703() -> None:
    """The second claim (in path order) is reported, naming the first."""
    items = [_case("2099-acme-b", ["2099-acme-gone"]), _case("2099-acme-a", ["2099-acme-gone", "2099-acme-x"])]
    found = list(check_aliases(items, set()))  # type: ignore[arg-type]
    assert [(d.code, d.path) for d in found] == [("I703", "cases/2099-acme-b.yaml")]
    assert "cases/2099-acme-a.yaml" in found[0].message


def test_distinct_former_ids_are_fine() -> None:
    """Each former id claimed once, none live: nothing to report."""
    items = [_case("2099-acme-a", ["2099-acme-a-old"]), _case("2099-acme-b", ["2099-acme-b-old"]), _case("2099-c", [])]
    assert list(check_aliases(items, set())) == []  # type: ignore[arg-type]
