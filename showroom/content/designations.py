"""The validity rules of designations (DOMAIN.md), as pure date functions."""

from __future__ import annotations

import datetime as dt

#: Both designations last 3 years; extensions add at most 3 more (innovation: +1 then +2).
BASE_YEARS = 3
MAX_YEARS = 6


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def standard_until(start: dt.date, years: int = BASE_YEARS) -> dt.date:
    """The last valid day of a designation of `years` years: start + years − 1 day."""
    return add_years(start, years) - dt.timedelta(days=1)


def validity_problem(start: dt.date, until: dt.date, extended: bool) -> str | None:
    """What is wrong with a designation period under the rules, or None when it holds."""
    if until < start:
        return None  # reported as an error elsewhere
    longest = standard_until(start, MAX_YEARS)
    base = standard_until(start)
    if until > longest:
        return (
            f"the period {start} – {until} is longer than {MAX_YEARS} years "
            f"(3 years plus extensions end at {longest} at the latest)"
        )
    if not extended and until > base:
        return (
            f"the period {start} – {until} is longer than 3 years (ends {base}); "
            "if it was extended, add 'extended: true'"
        )
    return None
