"""The strict loader: YAML 1.2 scalars, positions, caps and hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.loading import MAX_BYTES, load_file, load_text


def test_yaml_11_booleans_and_dates_stay_strings() -> None:
    """`NO`, `yes`, `on`, `off` and unquoted dates are not converted (the Norway problem)."""
    loaded = load_text("a: NO\nb: yes\nc: on\nd: off\ne: 2010-02-09\nf: true\ng: 12\nh: 1.5\ni: ~\n", "x.yaml")
    assert loaded.data == {
        "a": "NO",
        "b": "yes",
        "c": "on",
        "d": "off",
        "e": "2010-02-09",
        "f": True,
        "g": 12,
        "h": 1.5,
        "i": None,
    }


def test_quoted_scalars_are_never_resolved() -> None:
    """A quoted `true` or `12` stays text."""
    assert load_text("a: 'true'\nb: \"12\"\n", "x.yaml").data == {"a": "true", "b": "12"}


def test_special_floats_stay_text() -> None:
    """`.inf` and `.nan` would not survive JSON; they stay strings."""
    assert load_text("a: .inf\nb: .nan\n", "x.yaml").data == {"a": ".inf", "b": ".nan"}


def test_every_value_and_key_has_a_position() -> None:
    """Positions are 1-based and recorded for nested values and keys."""
    loaded = load_text("a:\n  b:\n    - c: 1\n      d: [x, y]\n", "x.yaml")
    assert loaded.positions[("a", "b", 0, "d", 1)] == (4, 14)
    assert loaded.key_positions[("a", "b", 0, "d")] == (4, 7)
    assert loaded.locate(("a", "b", 0, "missing", 3)) == (3, 7)


def test_billion_laughs_is_refused_without_expansion() -> None:
    """An alias bomb is reported once, with a count, and never expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    loaded = load_text("\n".join(lines) + "\n", "bomb.yaml")
    assert loaded.data is None
    assert [d.code for d in loaded.diagnostics] == ["Y102"]
    assert "and 90 more" in loaded.diagnostics[0].message


def test_ten_megabyte_file_is_refused_unread(tmp_path: Path) -> None:
    """A file over the cap is reported as Y106 without parsing it."""
    big = tmp_path / "2099-big-file.yaml"
    big.write_bytes(b"a: " + b"x" * (10 * 1024 * 1024) + b"\n")
    loaded = load_file(big)
    assert [d.code for d in loaded.diagnostics] == ["Y106"]
    assert MAX_BYTES == 1024 * 1024


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 BOM written by some editors is not an error."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_file(path).data == {"a": 1}


def test_non_utf8_byte_is_located(tmp_path: Path) -> None:
    """The first undecodable byte is reported at its line and column."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nb: caf\u00e9\n".encode("latin-1"))
    (diagnostic,) = load_file(path).diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == ("Y107", 2, 7)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: 1\na: 2\n", "Y101"),
        ("a: &x 1\n", "Y102"),
        ("b: *x\n", "Y102"),  # an alias is refused even when its anchor is missing
        ("a:\n\t- 1\n", "Y103"),
        ("", "Y104"),
        ("---\n", "Y104"),
        ("just text\n", "Y105"),
        ("- a\n", "Y105"),
        ("a: 1\n---\nb: 2\n", "Y108"),
        ("a: !!binary aGVsbG8=\n", "Y109"),
        ("? [a, b]\n: 1\n", "Y100"),
        ("a: 'unclosed\n", "Y100"),
    ],
)
def test_bad_documents_give_one_code(text: str, code: str) -> None:
    """Each kind of bad document is answered with its own code, never an exception."""
    loaded = load_text(text, "x.yaml")
    assert loaded.data is None
    assert code in [d.code for d in loaded.diagnostics]


def test_tab_inside_text_is_not_indentation() -> None:
    """A tab after content on a line is legal YAML text, not indentation."""
    assert load_text("a: 'x\ty'\n", "x.yaml").data == {"a": "x\ty"}
