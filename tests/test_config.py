"""showroom.yml: validated like content, with every problem reported at once."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from showroom.build import BuildOptions, build
from showroom.config import load_config
from showroom.problems import Problems
from showroom.theme.strings import fill_city
from tests.checking import BUILD_DATE, problems_of
from tests.conftest import ROOT, BuiltSite
from tests.projects import Project


def set_config(project: Project, text: str) -> None:
    project.config_file.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "base_url: https://example.org/\n",
            "showroom.yml:1: title: required field is missing",
            id="title-missing",
        ),
        pytest.param(
            "title: 홍보관\nbase_url: example.org\n",
            "showroom.yml:2: base_url: 'example.org' is not a web address starting with https://",
            id="base-url",
        ),
        pytest.param(
            "title: 홍보관\nbase_url: https://example.org/\nper_page: 0\n",
            "showroom.yml:3: per_page: must be at least 1, got 0",
            id="per-page",
        ),
        pytest.param(
            "title: 홍보관\nbase_url: https://example.org/\nper_pgae: 12\n",
            "showroom.yml:3: warning: per_pgae: unknown field; did you mean 'per_page'?",
            id="unknown-key",
        ),
        pytest.param(
            "title: 홍보관\nbase_url: https://example.org/\ntheme: nowhere\n",
            "showroom.yml:3: theme: no theme folder at",
            id="theme-missing",
        ),
        pytest.param(
            "title: [홍보관\n",
            "showroom.yml:2: YAML:",
            id="yaml-syntax",
        ),
    ],
)
def test_config_rule(project: Project, text: str, expected: str) -> None:
    set_config(project, text)
    found = problems_of(project)
    assert any(problem.startswith(expected) for problem in found), found


def test_districts_are_configurable(project: Project) -> None:
    config = project.config_file.read_text(encoding="utf-8")
    set_config(
        project,
        config.replace(
            "districts: [중구, 남구, 동구, 북구, 울주군]", "districts: [수성구, 달서구]"
        ),
    )
    assert (
        "content/companies/acme.yml:4: district: '남구' is not one of: 수성구, 달서구"
        in problems_of(project)
    )


def test_without_districts_a_company_may_name_any_district(project: Project) -> None:
    lines = project.config_file.read_text(encoding="utf-8").splitlines(keepends=True)
    set_config(project, "".join(line for line in lines if not line.startswith("districts:")))
    company = project.root / "content/companies/acme.yml"
    text = company.read_text(encoding="utf-8").replace("district: 남구", "district: 해운대구")
    company.write_text(text, encoding="utf-8")
    assert problems_of(project) == []


def test_the_sample_keeps_ulsans_city_and_districts() -> None:
    config = load_config(ROOT / "showroom.yml", Problems())
    assert config.city == "울산"
    assert config.districts == ("중구", "남구", "동구", "북구", "울주군")


def test_the_sample_search_page_still_names_ulsan(sample: BuiltSite) -> None:
    page = (sample.out / "search/index.html").read_text(encoding="utf-8")
    assert "조달 번호로 울산 지역상품을 찾고" in page


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("창원", "조달 번호로 창원 지역상품을 찾고"),
        (None, "조달 번호로 지역상품을 찾고"),  # no city: the words close up
    ],
)
def test_the_city_in_showroom_yml_fills_the_theme_texts(
    project: Project, city: str | None, expected: str
) -> None:
    if city is not None:
        with project.config_file.open("a", encoding="utf-8") as config:
            config.write(f"city: {city}\n")
    build(BuildOptions(config_file=project.config_file, date=BUILD_DATE, pdf=False))
    page = BeautifulSoup(
        (project.out / "search/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    description = page.find("meta", attrs={"name": "description"})
    assert description is not None
    assert expected in str(description["content"])


@pytest.mark.parametrize(
    ("text", "city", "expected"),
    [
        ("{city} 지역상품", "울산", "울산 지역상품"),
        ("{city} 지역상품", "", "지역상품"),
        ("조달 번호로 {city} 지역상품을", "", "조달 번호로 지역상품을"),
        ("products of {city}", "", "products of"),
        ("{city}, {city}", "Ulsan", "Ulsan, Ulsan"),
        ("제품 {count}개", "", "제품 {count}개"),  # other fields stay for the template
    ],
)
def test_fill_city(text: str, city: str, expected: str) -> None:
    assert fill_city(text, city) == expected
