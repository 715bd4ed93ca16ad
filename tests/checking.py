"""Run validation on a test project and get the problems as the user sees them."""

from __future__ import annotations

import datetime as dt

from showroom.build import BuildOptions, check
from showroom.errors import ContentError
from tests.projects import Project

BUILD_DATE = dt.date(2026, 11, 28)


def problems_of(project: Project, date: dt.date = BUILD_DATE) -> list[str]:
    """Every problem, formatted `path:line: field: message`, errors and warnings."""
    try:
        checked = check(BuildOptions(config_file=project.config_file, date=date))
    except ContentError as exc:
        return [p.format() for p in exc.problems]
    return [p.format() for p in checked.problems]
