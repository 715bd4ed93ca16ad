"""Issue 14, item 6: true on the date. A certification whose `until` is before the build date is
shown as expired on the product page and in the catalogue, and is not offered (or counted) as a
search filter; one still valid, or without an end date, is shown as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from showroom.build import BuildOptions, build
from tests.projects import Project, new_project
from tests.site_files import page
from tests.test_search_index import fragments

DATE = dt.date(2026, 11, 28)
CERTIFICATIONS = """\
certifications:
  - type: 단체표준
    number: "SPS-KFIA-0001"
    until: 2026-11-27
  - type: 성능인증
    number: "PC-2025-0002"
    until: 2026-11-28
  - type: 실용신안
    number: "20-0489133"
"""


def certified(project: Project) -> Project:
    project.product("sensor", "누수 감지 센서", extra=CERTIFICATIONS)
    return project


def test_an_expired_certification_is_marked_on_the_page_and_not_a_filter(
    project: Project,
) -> None:
    certified(project)
    build(BuildOptions(config_file=project.config_file, date=DATE))
    rows = {
        str(row.th.get_text(strip=True)): row
        for row in page(project.out, "products/sensor/").select("#sec-certifications ~ * tbody tr")
        if row.th is not None
    }
    assert set(rows) == {"단체표준", "성능인증", "실용신안"}
    assert [r.select_one(".status-expired") is not None for r in rows.values()] == [
        True,
        False,
        False,
    ]
    assert "인증 만료" in rows["단체표준"].get_text()
    filters = fragments(project.out)["products/sensor/"]["filters"]["certification"]
    assert sorted(filters) == ["성능인증", "실용신안"]  # the last valid day still counts
    search = page(project.out, "search/").get_text()
    assert "단체표준" not in search


def test_an_expired_certification_is_marked_in_the_catalogue(tmp_path: Path) -> None:
    project = certified(new_project(tmp_path / "site", catalogue=True))
    build(BuildOptions(config_file=project.config_file, date=DATE))
    reader = PdfReader(project.out / "catalogue.pdf")
    text = "\n".join(p.extract_text() for p in reader.pages).replace("\u2060", "")
    assert "SPS-KFIA-0001 (~2026-11-27, 인증 만료)" in text
    assert "PC-2025-0002 (~2026-11-28)" in text
