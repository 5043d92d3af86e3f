"""The diagnostic code registry is consistent: every code belongs to a gate and explains itself."""

from __future__ import annotations

from casebook.codes import CODES, GATES, lookup


def test_every_code_belongs_to_a_known_gate() -> None:
    """Each code starts with a registered gate letter and carries an explanation and a fix."""
    for code in CODES.values():
        assert code.code[0] in GATES, code.code
        assert code.code[1:].isdigit(), code.code
        assert code.explanation and code.fix, code.code


def test_lookup_is_case_insensitive() -> None:
    """`casebook explain s202` finds S202."""
    found = lookup(" s202 ")
    assert found is not None
    assert found.code == "S202"
    assert lookup("Z999") is None
