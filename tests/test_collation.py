"""Issue 14, item 5: names in the order a Korean reader looks for them, by one function
(`showroom.collation`) for the catalogue's indexes and listings and for the site's companies
page: 가나다 by the displayed name, a company's legal form aside, Latin after (case and
accents aside), numbers by their value."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from showroom.build import BuildOptions, build
from showroom.collation import by_name, sort_key
from tests.projects import Project, new_project
from tests.site_files import page

DATE = dt.date(2026, 11, 28)


def test_hangul_first_then_latin_then_numbers() -> None:
    names = ["Zeta 장비", "3D 프린터", "나무", "alpha 장비", "가나 제품", "Élan", "다리"]
    assert by_name(names, str) == (
        "가나 제품", "나무", "다리", "alpha 장비", "Élan", "Zeta 장비", "3D 프린터"
    )  # fmt: skip


def test_numbers_by_value_spaces_and_legal_forms_aside() -> None:
    assert by_name(["제품 10", "제품 2", "제품 1"], str) == ("제품 1", "제품 2", "제품 10")
    assert sort_key("스마트 가로등")[0] == sort_key("스마트가로등")[0]
    for name in ("(주)한빛", "㈜한빛", "주식회사 한빛", "한빛 주식회사"):
        assert sort_key(name)[0] == sort_key("한빛")[0], name
    assert by_name(["(주)하늘", "가온"], str) == ("가온", "(주)하늘")


def test_the_same_name_in_another_normal_form_sorts_the_same() -> None:
    name = "한빛 테크"
    assert sort_key(unicodedata.normalize("NFD", name)) == sort_key(name)


COMPANY = """\
name: {name}
ceo: 홍길동
business_number: "123-45-6789{n}"
district: 남구
address: 울산광역시 남구 테스트로 {n}
phone: "052-123-456{n}"
"""
EXCELLENT = """\
excellent_procurement:
  number: 2025-우수-00{n}
  from: 2025-01-01
  until: 2027-12-31
procurement:
  classification_number: "{number}"
"""


def named_project(project: Project) -> Project:
    """Companies whose slugs and names sort differently; products the same."""
    companies = {"acme": "(주)하늘", "bobs": "Nuri Tech", "cora": "가온 주식회사",
                 "dana": "농업회사법인 마루(주)"}  # fmt: skip
    for n, (slug, name) in enumerate(companies.items()):
        project.write(f"content/companies/{slug}.yml", COMPANY.format(name=name, n=n))
    products = [
        ("p-a", "Alpha 장비", "acme", "40101609"),
        ("p-b", "다 제품 10", "bobs", "12352310"),
        ("p-c", "다 제품 2", "cora", "40101609"),
        ("p-d", "가 제품", "dana", "26111501"),
    ]
    for n, (slug, name, company, number) in enumerate(products):
        extra = EXCELLENT.format(n=10 + n, number=number)
        project.product(slug, name, company=company, date=f"2025-0{n + 4}-01", extra=extra)
    return project


def test_the_companies_page_lists_companies_by_name(project: Project) -> None:
    named_project(project)
    build(BuildOptions(config_file=project.config_file, date=DATE, pdf=False))
    cards = page(project.out, "companies/").select(".company-card-name")
    assert [c.get_text(strip=True) for c in cards] == [
        "가온 주식회사", "농업회사법인 마루(주)", "(주)하늘", "Nuri Tech"
    ]  # fmt: skip


def section(pages: list[str], heading: str) -> str:
    """The text of the catalogue's pages from the one that opens with `heading` (past the
    contents) to the next that opens with another index's heading."""
    headings = ("업체 색인", "제품명 색인", "물품분류번호 색인")
    start = next(n for n, t in enumerate(pages) if n > 1 and t.startswith(heading))
    end = next(
        (n for n in range(start + 1, len(pages)) if pages[n].startswith(headings)
         and not pages[n].startswith(heading)),
        len(pages),
    )  # fmt: skip
    return "\n".join(pages[start:end])


def order(names: list[str], within: str) -> list[str]:
    return sorted(names, key=within.index)


def test_the_catalogue_indexes_and_listings_are_by_name(tmp_path: Path) -> None:
    project = named_project(new_project(tmp_path / "site", catalogue=True))
    build(BuildOptions(config_file=project.config_file, date=DATE))
    reader = PdfReader(project.out / "catalogue.pdf")
    pages = [p.extract_text().replace("\u2060", "") for p in reader.pages]
    companies = section(pages, "업체 색인")
    company_names = ["가온 주식회사", "농업회사법인 마루(주)", "(주)하늘", "Nuri Tech"]
    assert order(company_names, companies) == company_names
    products = section(pages, "제품명 색인")
    product_names = ["가 제품", "다 제품 2", "다 제품 10", "소형 선반", "쌀 떡", "탁상 드릴",
                     "Alpha 장비"]  # fmt: skip
    assert order(product_names, products) == product_names
    for name in product_names:
        line = next(line for line in products.splitlines() if line.startswith(name + " ."))
        number = int(line.rsplit("p.", 1)[1])
        assert f"{name} 요약입니다." in pages[number - 1], (name, line)  # its own page
    rows = [line for line in section(pages, "물품분류번호 색인").splitlines()
            if re.match(r"\d{8} ", line)]  # fmt: skip
    assert [row.split(" ..")[0] for row in rows] == [
        "12352310 다 제품 10", "26111501 가 제품", "40101609 다 제품 2", "40101609 Alpha 장비"
    ]  # fmt: skip
    listing = next(t for t in pages if "우수조달물품관" in t and "기준 지정이 유효한" in t)
    designated = ["가 제품", "다 제품 2", "다 제품 10", "Alpha 장비"]
    assert order(designated, listing) == designated
