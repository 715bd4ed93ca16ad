"""`showroom import`: real .xlsx files written with openpyxl and .csv files as Excel saves
them, into projects in tmp_path: the 혁신장터 list's Korean columns, companies made when
missing, every bad cell reported as FILE:row:column at once with nothing written, --update
keeping the editor's text, --dry-run, and the round trip export → import → build."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from showroom.build import BuildOptions, build
from showroom.cli import main
from tests.projects import Project, new_project
from tests.test_open_data import rich_project

DATE = dt.date(2026, 11, 28)

#: The 혁신장터 registration list's columns (and a few more), as its spreadsheets have them.
KOREAN_HEADER = [
    "제품명", "물품분류", "물품식별", "세부품명", "업체", "업체사업자등록번호", "혁신상품구분",
    "혁신상품지정기관명", "지정번호", "지정일자", "유효기간", "혁신제품인증목록", "규격", "단가",
]  # fmt: skip
KOREAN_ROW = [
    "스마트 절삭유 관리기", "40151501", 23456789, "절삭유관리기", "(주)테스트1", "123-45-67891",
    "혁신시제품", "조달청", "2025-혁신-0042", dt.date(2025, 3, 1), "20280229",
    "성능인증, GS", "W300×D200 mm", "1,250,000",
]  # fmt: skip


def workbook(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def excel_csv(path: Path, rows: list[list[str]]) -> Path:
    """A CSV file as Excel saves "CSV UTF-8": a byte order mark, CRLF, RFC 4180 quoting."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    return path


def run(project: Project, *args: str) -> int:
    return main(["import", "-f", str(project.config_file), *args])


def check(project: Project) -> int:
    return main(["check", "-f", str(project.config_file), "--date", "2026-11-28"])


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_the_registration_lists_korean_columns_from_xlsx(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = workbook(tmp_path / "혁신제품.xlsx", [KOREAN_HEADER, KOREAN_ROW])
    code = run(project, str(sheet), "--category", "machinery", "--date", "2026-12-01")
    assert code == 0, capsys.readouterr().err
    index = project.root / "content/products/item-23456789/index.md"
    text = index.read_text(encoding="utf-8")
    assert "draft: true" in text
    assert (index.parent / "photo.jpg").is_file()
    assert "warning: no photo" in capsys.readouterr().err
    assert check(project) == 0  # the written files pass `showroom check`
    expected = [
        "name: 스마트 절삭유 관리기",
        "category: machinery",
        "company: acme",  # found by its business number
        "date: 2026-12-01",
        "spec: W300×D200 mm",
        "price: 1250000",
        "- 절삭유관리기",  # 세부품명 as a name: a search word
        "  classification_number: '40151501'",
        "  item_id: '23456789'",
        "  type: 2",
        "  agency: 조달청",
        "  number: 2025-혁신-0042",
        "  from: 2025-03-01",
        "  until: 2028-02-29",
        "- type: 성능인증",
        "- type: GS",
    ]
    for line in expected:
        assert line in text.splitlines(), line
    companies = sorted(p.name for p in (project.root / "content/companies").iterdir())
    assert companies == ["acme.yml", "bobs.yml"]  # none made


def test_a_missing_company_gets_a_file(project: Project, tmp_path: Path) -> None:
    header = ["slug", "name", "category", "cntrctCorpNm", "cntrctCorpBizno", "company_address"]
    header += ["company_phone", "summary"]
    row = ["new-pump", "신형 펌프", "기계·금속", "(주)새회사", "6208112345"]
    row += ["울산광역시 북구 산업로 1", "052-111-2222", "물을 퍼 올립니다."]
    second = ["new-valve", "신형 밸브", "machinery", "", "620-81-12345", "", "", "밸브입니다."]
    assert run(project, str(excel_csv(tmp_path / "new.csv", [header, row, second]))) == 0
    made = sorted(p.name for p in (project.root / "content/companies").iterdir())
    assert made == ["acme.yml", "bobs.yml", "company-6208112345.yml"]  # one for both rows
    valve = (project.root / "content/products/new-valve/index.md").read_text(encoding="utf-8")
    assert "company: company-6208112345" in valve
    company = project.root / "content/companies/company-6208112345.yml"
    text = company.read_text(encoding="utf-8")
    assert "name: (주)새회사" in text and "district: 북구" in text  # from the address
    product = (project.root / "content/products/new-pump/index.md").read_text(encoding="utf-8")
    assert "company: company-6208112345" in product and "category: machinery" in product
    assert check(project) == 0


def test_every_bad_cell_at_once_and_nothing_written(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["slug", "name", "category", "company", "prdctIdntNo", "cntrctPrceAmt", "date"]
    header += ["excellent_extended", "excellent_number", "excellent_from", "excellent_until"]
    rows = [
        header,
        [
            "good",
            "좋은 제품",
            "machinery",
            "acme",
            "23456789",
            "1000",
            "2025-01-01",
            "",
            "",
            "",
            "",
        ],
        ["bad-id", "제품 2", "machinery", "acme", "1234567", "1000", "20250101", "", "", "", ""],
        ["bad-price", "제품 3", "nowhere", "acme", "", "천원", "2025-13-01", "", "", "", ""],
        ["bad-period", "제품 4", "food", "acme", "", "", "", "예", "A-1", "2025-01-01", ""],
    ]
    sheet = workbook(tmp_path / "bad.xlsx", rows)
    before = files(project.root)
    assert run(project, str(sheet)) == 1
    err = capsys.readouterr().err
    shown = str(sheet)
    for expected in (
        f"{shown}:3:prdctIdntNo: an item id (물품식별번호) must be 8 digits, got '1234567'",
        f"{shown}:4:category: unknown category 'nowhere': one of food, machinery",
        f"{shown}:4:cntrctPrceAmt: '천원' is not a whole number of won",
        f"{shown}:4:date: '2025-13-01' is not a date (YYYY-MM-DD or YYYYMMDD)",
        f"{shown}:5:excellent_extended: '예' is not Y or N",
        f"{shown}:5:excellent_until: required field is missing",
    ):
        assert expected in err.splitlines(), (expected, err)
    assert "Error: Import failed: 6 errors; nothing was written." in err
    assert files(project.root) == before  # not even the good row


@pytest.fixture
def edited(project: Project) -> Path:
    """A product whose editor wrote comments, a body and fields the import has no column for."""
    return project.product_file(
        "lathe",
        """\
        # 편집자 메모: 가격은 2026년 기준
        name: 소형 선반
        category: machinery
        company: bobs
        date: 2025-02-10
        summary: 작은 공방용 선반입니다.   # 목록에 보이는 요약
        price: 900000   # 단가 (원)
        usage: 시제품 가공
        images:
          - src: photo.jpg
            alt: 선반 사진
        procurement:
          classification_number: "40151501"
          item_id: "23456789"
        """,
        body="편집자가 쓴 본문입니다.\n\n## 특징\n\n- 하나\n",
    )


def test_an_existing_product_needs_update(
    project: Project, edited: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = edited.read_bytes()
    rows = [["slug", "cntrctPrceAmt", "prdctIdntNo"], ["lathe", "950000", "123"]]
    sheet = excel_csv(tmp_path / "u.csv", rows)
    assert run(project, str(sheet)) == 1
    err = capsys.readouterr().err
    assert f"{sheet}:2:slug: content/products/lathe/index.md exists" in err
    assert (
        f"{sheet}:2:prdctIdntNo: an item id (물품식별번호) must be 8 digits" in err
    )  # checked too
    assert edited.read_bytes() == before


def test_update_changes_only_the_imported_fields(
    project: Project, edited: Path, tmp_path: Path
) -> None:
    before = edited.read_text(encoding="utf-8")
    header = ["slug", "cntrctPrceAmt", "prdctIdntNo", "features", "model"]
    sheet = excel_csv(
        tmp_path / "u.csv", [header, ["lathe", "950000", "2345-6780", "정밀;저소음", ""]]
    )
    assert run(project, str(sheet), "--update") == 0
    after = edited.read_text(encoding="utf-8")
    assert after.endswith("---\n편집자가 쓴 본문입니다.\n\n## 특징\n\n- 하나\n")  # the body kept
    changed = {line for line in after.splitlines()} - set(before.splitlines())
    assert changed == {
        "price: 950000   # 단가 (원)",  # the value's comment kept
        "  classification_number: '40151501'",  # the block written again, its other key kept
        "  item_id: 2345-6780",
        "features:",
        "- 정밀",
        "- 저소음",
    }
    gone = set(before.splitlines()) - set(after.splitlines())
    assert gone == {
        "price: 900000   # 단가 (원)",
        '  classification_number: "40151501"',
        '  item_id: "23456789"',
    }
    assert "# 편집자 메모: 가격은 2026년 기준" in after and "usage: 시제품 가공" in after
    assert check(project) == 0
    assert run(project, str(sheet), "--update") == 0  # again: nothing to change
    assert edited.read_text(encoding="utf-8") == after


def test_dry_run_writes_nothing(project: Project, tmp_path: Path) -> None:
    sheet = workbook(tmp_path / "k.xlsx", [KOREAN_HEADER, KOREAN_ROW])
    before = files(project.root)
    assert run(project, str(sheet), "--category", "machinery", "--dry-run") == 0
    assert files(project.root) == before


def test_round_trip_export_import_build(project: Project, tmp_path: Path) -> None:
    """The products.json of a site built from an import of another site's products.csv is
    the same: every exported field comes back."""
    rich_project(project)
    build(BuildOptions(config_file=project.config_file, out=project.out, date=DATE))
    empty = new_project(tmp_path / "empty")
    shutil.rmtree(empty.root / "content/products")
    shutil.rmtree(empty.root / "content/companies")
    shutil.copy(project.config_file, empty.config_file)
    assert run(empty, str(project.out / "products.csv")) == 0
    for index in (empty.root / "content/products").glob("*/index.md"):  # publish the drafts
        text = index.read_text(encoding="utf-8")
        index.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    build(BuildOptions(config_file=empty.config_file, out=empty.out, date=DATE))
    exported = json.loads((project.out / "products.json").read_text(encoding="utf-8"))
    again = json.loads((empty.out / "products.json").read_text(encoding="utf-8"))
    assert len(again["products"]) == 5
    assert again == exported
    assert (empty.out / "products.csv").read_bytes() == (project.out / "products.csv").read_bytes()


def test_a_cp949_csv_as_korean_excel_saves_it(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["제품명", "물품식별", "업체사업자등록번호", "제품군", "우수조달여부", "혁신상품구분"]]
    rows[0] += ["지정번호", "유효기간"]
    rows.append(["쌀 과자", "34567890", "1234567892", "식품·농수산", "Y", "유형1"])
    rows[1] += ["R-7", "2024.01.01~2026.12.31"]  # the whole period in one cell
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    sheet = tmp_path / "목록.csv"
    sheet.write_bytes(buffer.getvalue().encode("cp949"))
    assert run(project, str(sheet)) == 0
    text = (project.root / "content/products/item-34567890/index.md").read_text(encoding="utf-8")
    assert "name: 쌀 과자" in text and "company: bobs" in text and "category: food" in text
    assert "  type: 1\n  number: R-7\n  from: 2024-01-01\n  until: 2026-12-31\n" in text
    err = capsys.readouterr().err
    assert f"{sheet}:2:우수조달여부: warning: Y, but no designation is imported" in err


def test_the_export_as_a_workbook_imports_as_the_csv_does(project: Project, tmp_path: Path) -> None:
    """products.csv saved as .xlsx (as an editor does in Excel) gives the same files."""
    rich_project(project)
    build(BuildOptions(config_file=project.config_file, out=project.out, date=DATE))
    text = (project.out / "products.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    made = {}
    for name, sheet in (
        ("csv", project.out / "products.csv"),
        ("xlsx", workbook(tmp_path / "products.xlsx", rows)),
    ):
        empty = new_project(tmp_path / name)
        shutil.rmtree(empty.root / "content/products")
        shutil.rmtree(empty.root / "content/companies")
        assert run(empty, str(sheet)) == 0
        made[name] = {
            path: data
            for path, data in files(empty.root / "content").items()
            if not path.endswith(".jpg")
        }
    csv_files = {k: v.replace(b"products.csv", b"products.xlsx") for k, v in made["csv"].items()}
    assert csv_files == made["xlsx"]
    assert len(made["xlsx"]) == 2 + 2 + 5  # categories, companies, products
