"""The default theme's English strings (strings/en.yml): the same keys, kinds and {fields} as
the Korean file, English words throughout, and a site with `language: en` builds with them."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from showroom.build import BuildOptions, build
from showroom.errors import ConfigError
from tests.projects import Project, new_project
from tests.site_files import html_files, page, parse

STRINGS = Path(__file__).parent.parent / "themes" / "default" / "strings"
BUILD_DATE = dt.date(2026, 11, 28)
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")

#: Keys whose English text is Korean on purpose: the label of a Korean text field in the
#: editor is the language's own name, as a language switcher shows it.
KOREAN_ON_PURPOSE = {"cms_category_ko", "cms_company_ko", "cms_product_ko"}


def load(language: str) -> dict[str, object]:
    data = yaml.safe_load((STRINGS / f"{language}.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def fields(text: str) -> set[str]:
    """The `{name}` fields of a text, with their format specs (`{number:02d}`)."""
    found = string.Formatter().parse(text)
    return {f"{name}:{spec}" for _, name, spec, _ in found if name is not None}


def test_english_has_exactly_the_korean_keys_kinds_and_fields() -> None:
    korean, english = load("ko"), load("en")
    singular = {  # a singular form of a count: Korean has none
        k: v for k, v in english.items() if k.endswith("_one") and k not in korean
    }
    assert all(k.removesuffix("_one") in korean for k in singular), singular
    for key, text in singular.items():
        assert fields(str(text)) == fields(str(english[key.removesuffix("_one")])), key
    english = {k: v for k, v in english.items() if k not in singular}
    assert list(english) == list(korean)  # the same keys, in the same order
    for key, text in korean.items():
        assert type(english[key]) is type(text), key
        if isinstance(text, str):
            assert fields(str(english[key])) == fields(text), key


def test_english_has_no_korean_but_the_deliberate_language_names() -> None:
    english = load("en")
    korean_texts = {key for key, text in english.items() if HANGUL.search(str(text))}
    assert korean_texts == KOREAN_ON_PURPOSE
    assert {english[key] for key in KOREAN_ON_PURPOSE} == {"한국어"}


def test_the_procurement_terms_have_their_official_english_names() -> None:
    english = load("en")
    assert english["hall_excellent"] == "Excellent Procurement Products"
    assert english["hall_innovation"] == "Innovative Products"
    assert english["classification_number"] == "Product Classification Number"
    assert english["detailed_number"] == "Detailed Item Number"
    assert english["item_id"] == "Product Identification Number"
    assert english["draft"] == "Draft"
    assert "Public Procurement Service (PPS)" in str(english["hall_excellent_description"])


#: A GitHub Pages address, so that the site has its web editor at admin/.
PAGES_URL = "https://owner.github.io/showroom/"


def english_project(root: Path, catalogue: bool = False) -> Project:
    project = new_project(root, base_url=PAGES_URL, catalogue=catalogue)
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "language: en\n", encoding="utf-8")
    build(BuildOptions(config_file=project.config_file, out=project.out, date=BUILD_DATE))
    return project


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return english_project(tmp_path_factory.mktemp("english")).out


def test_every_page_of_an_english_site_says_it_is_english(english_site: Path) -> None:
    pages = html_files(english_site)
    assert len(pages) > 10
    for path in pages:
        html = parse(path).find("html")
        assert html is not None and html.get("lang") == "en", path


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("excellent-procurement/index.html", "Excellent Procurement Products"),
        ("innovation/index.html", "Innovative Products"),
        ("companies/index.html", "Participating Companies"),
        ("search/index.html", "Product search"),
        ("404.html", "Page not found"),
    ],
)
def test_the_english_pages_have_english_headings(
    english_site: Path, path: str, heading: str
) -> None:
    h1 = page(english_site, path).find("h1")
    assert h1 is not None and h1.get_text(strip=True) == heading


def test_the_theme_words_of_an_english_page_are_english(english_site: Path) -> None:
    home = page(english_site, "index.html")
    headings = [h.get_text(strip=True) for h in home.find_all("h2")]
    assert "Special halls" in headings and "Newly registered products" in headings
    product = page(english_site, "products/drill-press/index.html")
    text = product.get_text(" ", strip=True)
    assert "Price on request" in text and "Company information" in text
    assert "별도 문의" not in text and "업체 정보" not in text
    locale = product.find("meta", property="og:locale")
    assert locale is not None and locale.get("content") == "en_US"


def test_the_web_editor_of_an_english_site_is_in_english(english_site: Path) -> None:
    admin = page(english_site, "admin/index.html")
    html, title = admin.find("html"), admin.find("title")
    assert html is not None and html.get("lang") == "en"
    assert title is not None and title.get_text() == "테스트 홍보관 editor"
    settings = yaml.safe_load((english_site / "admin" / "config.yml").read_text("utf-8"))
    labels = [collection["label"] for collection in settings["collections"]]
    assert labels == ["Products", "Companies", "Product groups"]


def test_the_catalogue_of_an_english_site_is_in_english(tmp_path: Path) -> None:
    project = english_project(tmp_path, catalogue=True)
    pdf = PdfReader(project.out / "catalogue.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for words in ("Regional Products Catalogue", "How to use this catalogue", "Index of products"):
        assert words in text
    assert "online showroom of products from" in text  # no city named: {city} closes up
    for korean in ("목차", "업체 색인", "발행 정보", "이 면은 비워 두었습니다", "보는 법"):
        assert korean not in text


def test_a_regional_page_language_takes_the_strings_of_its_language(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "language: en-GB\n", encoding="utf-8")
    build(BuildOptions(config_file=project.config_file, out=project.out, date=BUILD_DATE))
    home = page(project.out, "index.html")
    html = home.find("html")
    assert html is not None and html.get("lang") == "en-GB"
    assert "Newly registered products" in [h.get_text(strip=True) for h in home.find_all("h2")]


def test_a_page_language_without_strings_is_named(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "language: fr\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        build(BuildOptions(config_file=project.config_file, out=project.out, date=BUILD_DATE))
    assert str(raised.value) == (
        "language: the theme has no strings file for the page language 'fr' (strings/fr.yml); "
        "the default theme has en, ko"
    )
