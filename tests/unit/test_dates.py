"""Partial dates: parsing, calendar checks and honest comparison across precisions."""

from __future__ import annotations

import datetime as dt

import pytest

from casebook.dates import DateError, PartialDate, certainly_before, parse_partial_date


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2010", PartialDate(2010), "year"),
        ("2010-02", PartialDate(2010, 2), "month"),
        ("2010-02-09", PartialDate(2010, 2, 9), "day"),
        (2010, PartialDate(2010), "year"),
    ],
)
def test_parse(text: str | int, expected: PartialDate, precision: str) -> None:
    """Year, month and day precision all parse, and print back as written."""
    parsed = parse_partial_date(text)
    assert parsed == expected
    assert parsed.precision == precision
    assert str(parsed) == str(text)


@pytest.mark.parametrize(
    "text", ["2010-02-30", "2011-02-29", "2010-13", "2010-00-01", "10-02-2010", "Feb 2010", "2010-2-9"]
)
def test_rejects_non_dates(text: str) -> None:
    """Impossible and badly formed dates raise DateError."""
    with pytest.raises(DateError):
        parse_partial_date(text)


def test_leap_day() -> None:
    """29 February exists in leap years."""
    assert parse_partial_date("2012-02-29").latest == dt.date(2012, 2, 29)


def test_ranges() -> None:
    """A month stands for its first to its last day."""
    feb = parse_partial_date("2010-02")
    assert (feb.earliest, feb.latest) == (dt.date(2010, 2, 1), dt.date(2010, 2, 28))


def test_certainly_before_only_claims_what_is_certain() -> None:
    """A month does not certainly precede a day inside it; it does precede the next month."""
    assert not certainly_before(parse_partial_date("2010-02"), parse_partial_date("2010-02-15"))
    assert not certainly_before(parse_partial_date("2010-02-15"), parse_partial_date("2010-02"))
    assert certainly_before(parse_partial_date("2010-02"), parse_partial_date("2010-03-01"))
    assert certainly_before(parse_partial_date("2009"), parse_partial_date("2010-01"))
