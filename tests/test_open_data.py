"""The open data a build writes: products.csv (UTF-8 with BOM, CRLF, RFC 4180, read back with
Python's csv module) and products.json, of the published products in slug order, with the
national mall's column names; reproducible; linked from the footer of every page in every
language with the licence."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from showroom.build import BuildOptions, build, check
from showroom.editor.columns import COLUMNS
from showroom.render.open_data import OPEN_DATA, open_data_files
from showroom.state.reuse import Memory
from tests.projects import Project
from tests.site_files import page

DATE = dt.date(2026, 11, 28)

#: A product with every kind of column, and text that needs quoting and escaping.
RICH = """\
model: "UL-300"
spec: 300 × 200 mm, "방수형"
unit: 대
price: 1250000
features:
  - 가볍고, 튼튼함
  - 세미콜론; 들어간 특징
specs:
  소비전력: 40 W
  "비율=값": "1:1"
keywords: [드릴, 공구]
usage: 금속 가공
inquiry: sales@example.kr
procurement:
  classification_number: "40151501"
  detailed_number: "4015150101"
  item_id: "23456789"
excellent_procurement:
  number: "2025-우수-0001"
  from: 2025-01-01
  until: 2027-12-31
innovation:
  type: 2
  agency: 조달청
  number: "2024-혁신-0002"
  from: 2023-01-01
  until: 2025-12-31
certifications:
  - type: 성능인증
    number: "제2025-001호"
    issuer: 중소벤처기업부
    until: 2028-12-31
  - type: 특허
updated: 2026-05-01
"""


def rich_project(project: Project) -> Project:
    config = project.config_file.read_text(encoding="utf-8")
    config += "languages: [ko, en]\nlicense: 공공누리 제1유형 (출처표시)\n"
    project.config_file.write_text(config, encoding="utf-8")
    index = project.product("band-saw", "띠톱 기계", date="2025-04-01", extra=RICH)
    text = index.read_text(encoding="utf-8")
    summary = 'summary: "쉼표, 따옴표(\\"), 줄바꿈\\n이 있는 요약"'
    index.write_text(text.replace("summary: 띠톱 기계 요약입니다.", summary), encoding="utf-8")
    project.product("secret", "비공개 시제품", date="2026-03-01", extra="draft: true\n")
    # Content is untrusted: a cell that starts like a formula must not run in a spreadsheet.
    formula = project.product(
        "formula", "수식 제품", date="2025-05-01", extra='spec: "-20 ~ 50 °C"\n'
    )
    text = formula.read_text(encoding="utf-8")
    name = 'name: "=HYPERLINK(\\"http://evil.example\\",\\"클릭\\")"'
    formula.write_text(text.replace("name: 수식 제품", name, 1), encoding="utf-8")
    return project


def run(project: Project, out: Path | None = None, clean: bool = False) -> Path:
    options = BuildOptions(
        config_file=project.config_file, out=out or project.out, date=DATE, clean=clean
    )
    build(options)
    return out or project.out


def csv_rows(out: Path) -> list[dict[str, str]]:
    text = (out / "products.csv").read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def built(project: Project) -> Path:
    return run(rich_project(project))


def test_the_csv_is_utf8_with_bom_crlf_and_the_columns(built: Path) -> None:
    data = (built / "products.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "").replace("줄바꿈\n이", "")  # only in a quoted cell
    header = next(csv.reader(io.StringIO(text, newline="")))
    assert header == [c.name for c in COLUMNS]
    for name in ("prdctClsfcNo", "dtilPrdctClsfcNo", "prdctIdntNo", "prdctSpecNm", "prdctUnit"):
        assert name in header
    for name in ("cntrctPrceAmt", "cntrctCorpNm", "cntrctCorpBizno", "exclncPrcrmntPrdctYn"):
        assert name in header


def test_every_published_product_in_slug_order_no_draft(built: Path) -> None:
    rows = csv_rows(built)
    assert [r["slug"] for r in rows] == ["band-saw", "drill-press", "formula", "lathe", "rice-cake"]
    assert rows[3]["name"] == "소형 선반"  # Korean intact
    assert rows[3]["cntrctCorpNm"] == "(주)테스트2"
    assert rows[3]["cntrctCorpBizno"] == "1234567892"
    assert rows[3]["url"] == "https://example.org/products/lathe/"


def test_the_csv_cells_of_a_rich_product(built: Path) -> None:
    row = csv_rows(built)[0]
    assert row["summary"] == '쉼표, 따옴표("), 줄바꿈\n이 있는 요약'
    assert row["prdctSpecNm"] == '300 × 200 mm, "방수형"'
    assert (row["prdctClsfcNo"], row["dtilPrdctClsfcNo"]) == ("40151501", "4015150101")
    assert (row["prdctIdntNo"], row["prdctUnit"], row["cntrctPrceAmt"]) == (
        "23456789",
        "대",
        "1250000",
    )
    # valid on the build date: Y; the innovation designation ended in 2025
    assert row["exclncPrcrmntPrdctYn"] == "Y"
    assert (row["excellent_number"], row["excellent_from"]) == ("2025-우수-0001", "2025-01-01")
    assert (row["excellent_until"], row["excellent_extended"]) == ("2027-12-31", "N")
    assert (row["innovation_type"], row["innovation_agency"]) == ("2", "조달청")
    assert row["innovation_until"] == "2025-12-31"
    assert row["certifications"] == "성능인증:제2025-001호:2028-12-31:중소벤처기업부;특허"
    assert row["features"] == r"가볍고, 튼튼함;세미콜론\; 들어간 특징"
    assert row["specs"] == r"소비전력=40 W;비율\=값=1:1"
    assert (row["category"], row["category_name"]) == ("machinery", "기계·금속")
    assert (row["company"], row["company_district"]) == ("acme", "남구")
    assert (row["date"], row["updated"]) == ("2025-04-01", "2026-05-01")
    plain = csv_rows(built)[1]
    assert plain["exclncPrcrmntPrdctYn"] == "N"
    assert plain["excellent_number"] == plain["cntrctPrceAmt"] == plain["certifications"] == ""


def test_a_cell_that_starts_like_a_formula_is_guarded_in_the_csv_only(built: Path) -> None:
    row = next(r for r in csv_rows(built) if r["slug"] == "formula")
    assert row["name"] == '\'=HYPERLINK("http://evil.example","클릭")'
    assert row["prdctSpecNm"] == "'-20 ~ 50 °C"
    data = json.loads((built / "products.json").read_text(encoding="utf-8"))
    item = next(p for p in data["products"] if p["slug"] == "formula")
    assert item["name"] == '=HYPERLINK("http://evil.example","클릭")'


def test_the_json_has_the_same_products_typed(built: Path) -> None:
    document = json.loads((built / "products.json").read_text(encoding="utf-8"))
    assert document["date"] == "2026-11-28"
    assert document["license"] == "공공누리 제1유형 (출처표시)"
    assert document["columns"] == [c.name for c in COLUMNS]
    products = document["products"]
    assert [p["slug"] for p in products] == [r["slug"] for r in csv_rows(built)]
    rich = products[0]
    assert rich["cntrctPrceAmt"] == 1250000 and rich["innovation_type"] == 2
    assert rich["features"] == ["가볍고, 튼튼함", "세미콜론; 들어간 특징"]
    assert rich["specs"] == {"소비전력": "40 W", "비율=값": "1:1"}
    assert rich["certifications"][1] == {"type": "특허", "number": "", "until": "", "issuer": ""}
    assert products[1]["model"] is None


def test_byte_identical_across_builds_and_after_an_edit(project: Project, tmp_path: Path) -> None:
    rich_project(project)
    first = run(project)
    before = {name: (first / name).read_bytes() for name in ("products.csv", "products.json")}
    again = run(project, tmp_path / "again", clean=True)
    assert {name: (again / name).read_bytes() for name in before} == before
    index = project.root / "content/products/lathe/index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("summary:", "price: 99000\nsummary:"),
        encoding="utf-8",
    )
    run(project)  # incremental
    row = next(r for r in csv_rows(project.out) if r["slug"] == "lathe")
    assert row["cntrctPrceAmt"] == "99000"
    fresh = tmp_path / "fresh"
    shutil.copytree(project.root, fresh, ignore=shutil.ignore_patterns(".cache", "public"))
    clean = run(Project(fresh))
    for name in before:
        assert (project.out / name).read_bytes() == (clean / name).read_bytes()


@pytest.mark.parametrize(
    ("path", "label", "licence"),
    [("", "공공데이터", "공공누리 제1유형"), ("en/products/lathe/", "Open data", "공공누리")],
)
def test_the_footer_links_the_files_with_the_licence(
    built: Path, path: str, label: str, licence: str
) -> None:
    item = page(built, path).select_one("footer li.open-data")
    assert item is not None
    links = {a.get_text(): a["href"] for a in item.select("a")}
    assert links == {"CSV": "/products.csv", "JSON": "/products.json"}  # one for the site
    assert label in item.get_text() and licence in item.get_text()
    assert not (built / "en/products.csv").exists()


def test_a_process_makes_only_the_changed_products_records_again(project: Project) -> None:
    """`serve` keeps each product's records: after an edit the files are those a fresh build
    makes, and the records of the products that did not change are the kept ones."""
    rich_project(project)
    site = check(BuildOptions(config_file=project.config_file, date=DATE)).site
    kept = Memory().of(OPEN_DATA)
    first = open_data_files(site, kept)
    assert open_data_files(site, kept) is first  # nothing changed: the very same files
    rows = dict(kept.rows)
    lathe = next(p for p in site.published if p.slug == "lathe")
    edited = dataclasses.replace(lathe, price=99000)
    published = tuple(edited if p is lathe else p for p in site.published)
    after = dataclasses.replace(site, published=published)
    files = open_data_files(after, kept)
    assert files == open_data_files(after)  # as made afresh
    assert files != first and "99000" in files["products.csv"].decode("utf-8-sig")
    assert kept.rows["lathe"][3] != rows["lathe"][3]
    assert all(kept.rows[slug][3] is rows[slug][3] for slug in rows if slug != "lathe")
