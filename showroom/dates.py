"""The build date: from --date, else SOURCE_DATE_EPOCH, else today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from showroom.errors import UsageError
from showroom.schema.fields import parse_iso_date


def build_date(option: str | None, environ: Mapping[str, str], today: dt.date) -> dt.date:
    if option:
        parsed = parse_iso_date(option)
        if isinstance(parsed, str):
            raise UsageError(f"--date: {parsed}")
        return parsed
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise UsageError(f"SOURCE_DATE_EPOCH must be a Unix timestamp, got {epoch!r}")
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return today
