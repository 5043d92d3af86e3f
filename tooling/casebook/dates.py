"""Partial ISO 8601 dates (``2010``, ``2010-02``, ``2010-02-09``) compared honestly."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

# [0-9], not \d (which takes any Unicode digit), and \Z, not $ (which allows a final newline).
_PATTERN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day.

    ``earliest`` and ``latest`` give the range of real days it may stand for, so that
    comparisons between dates of different precision only claim what is certain.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def earliest(self) -> dt.date:
        """The first day this date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date may stand for."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


class DateError(ValueError):
    """A date string that is not a real partial ISO date."""


# A corpus repeats the same few thousand dates (events, sources, figures); PartialDate is frozen,
# so parsed dates can be shared. typed=True keeps True apart from 1.
@functools.lru_cache(maxsize=16384, typed=True)
def parse_partial_date(value: str | int) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and check it is a real calendar date.

    Raises:
        DateError: the text is not of that form, or names a day that does not exist.
    """
    match = _PATTERN.match(str(value))
    if not match:
        raise DateError(f"'{value}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None  # the pattern always captures the year
    if year < 1:  # ISO 8601 allows 0000, but no calendar library here does, nor does any source
        raise DateError(f"'{value}' has year 0000, which is not a calendar year")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{value}' has no month {month}")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(f"'{value}' is not a calendar date ({calendar.month_name[month]} {year} has {last} days)")
    return PartialDate(year, month, day)


def is_partial_date(value: object) -> bool:
    """Return whether ``value`` parses as a real partial date."""
    try:
        parse_partial_date(value)
    except (DateError, TypeError):
        return False
    return True


def certainly_before(a: PartialDate, b: PartialDate) -> bool:
    """Return True only when every day ``a`` may mean falls before every day ``b`` may mean."""
    return a.latest < b.earliest
