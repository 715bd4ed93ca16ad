"""The build date: from --date, else SOURCE_DATE_EPOCH, else today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from showroom.errors import UsageError
from showroom.fields.scalars import FIRST_YEAR, LAST_YEAR, parse_iso_date
from showroom.messages import N_


def build_date(option: str | None, environ: Mapping[str, str], today: dt.date) -> dt.date:
    if option:
        parsed = parse_iso_date(option)
        if isinstance(parsed, str):
            raise UsageError(N_("--date: {problem}").format(problem=parsed))
        return parsed
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise UsageError(f"SOURCE_DATE_EPOCH must be a Unix timestamp, got {epoch!r}")
        try:
            day = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            day = None
        if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise UsageError(
                f"SOURCE_DATE_EPOCH {epoch} is not a date between {FIRST_YEAR} and {LAST_YEAR}"
            )
        return day
    return today
