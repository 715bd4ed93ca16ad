"""The validity rules of designations (DOMAIN.md), as pure date functions."""

from __future__ import annotations

import datetime as dt

from showroom.messages import N_

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
        return N_(
            "the period {start} – {until} is longer than {years} years (3 years plus "
            "extensions end at {longest} at the latest)"
        ).format(start=start, until=until, years=MAX_YEARS, longest=longest)
    if not extended and until > base:
        return N_(
            "the period {start} – {until} is longer than 3 years (ends {base}); if it was "
            "extended, add 'extended: true'"
        ).format(start=start, until=until, base=base)
    return None
