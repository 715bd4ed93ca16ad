"""The pages of a bilingual site: every page kind in each language (the default at the root,
English under /en/), their language, alternates, switcher, feed, sitemap, structured data, and
the Korean text a page in English still shows, marked."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from showroom.build import BuildOptions, build
from showroom.theme.folders import DEFAULT_THEME
from tests.checking import BUILD_DATE, problems_of
from tests.projects import Project, new_project

HANGUL = re.compile(r"[\uac00-\ud7a3]")
BASE = "https://example.org/"

SITE_WORDS = """\
languages: [ko, en]
en:
  title: Test Showroom
  publisher: Test Agency
"""

#: The drill press is translated; the lathe and the rice cake are not.
DRILL_EN = """\
unit: 대
certifications:
  - type: 특허
    number: 10-1234567
    issuer: 특허청
en:
  name: Bench Drill
  summary: A drill for the bench.
  features: [Quiet, Strong]
  images:
    - alt: A bench drill
"""


def bilingual(root: Path) -> Project:
    project = new_project(root)
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + SITE_WORDS, encoding="utf-8")
    project.product("drill-press", "탁상 드릴", date="2025-01-10", extra=DRILL_EN)
    (project.root / "content/products/drill-press/index.en.md").write_text(
        "A drill press for **small** workshops.\n", encoding="utf-8"
    )
    project.write(
        "content/categories/machinery.yml", "name: 기계·금속\norder: 1\nen:\n  name: Machinery\n"
    )
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = bilingual(tmp_path_factory.mktemp("bilingual"))
    build(BuildOptions(config_file=project.config_file, date=BUILD_DATE))
    return project


def page(project: Project, path: str) -> BeautifulSoup:
    file = project.out / (path + "index.html" if path == "" or path.endswith("/") else path)
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


PAGES = [
    "",
    "halls/machinery/",
    "excellent-procurement/",
    "innovation/",
    "products/drill-press/",
    "products/lathe/",
    "companies/",
    "companies/acme/",
    "search/",
    "404.html",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_kind_is_in_both_languages_with_its_lang_and_alternates(
    site: Project, path: str
) -> None:
    ko, en = page(site, path), page(site, "en/" + path)
    assert ko.html is not None and en.html is not None
    assert (ko.html["lang"], en.html["lang"]) == ("ko", "en")
    for soup in (ko, en):
        alternates = {
            str(link["hreflang"]): str(link["href"])
            for link in soup.find_all("link", rel="alternate", hreflang=True)
        }
        assert alternates == {
            "ko": BASE + path,
            "en": BASE + "en/" + path,
            "x-default": BASE + path,
        }
    assert en.find("link", rel="canonical")["href"] == BASE + "en/" + path  # type: ignore[index]


def test_the_switcher_links_to_the_same_page_in_the_other_language(site: Project) -> None:
    ko, en = page(site, "products/lathe/"), page(site, "en/products/lathe/")
    to_en = ko.select_one(".language-switch a")
    to_ko = en.select_one(".language-switch a")
    assert to_en is not None and to_ko is not None
    assert (to_en["href"], to_en["hreflang"], to_en.get_text()) == (
        "/en/products/lathe/", "en", "English",
    )  # fmt: skip
    assert (to_ko["href"], to_ko["hreflang"], to_ko["lang"], to_ko.get_text()) == (
        "/products/lathe/", "ko", "ko", "한국어",
    )  # fmt: skip


def test_the_english_pages_link_english_pages_and_shared_files(site: Project) -> None:
    en = page(site, "en/products/drill-press/")
    links = [str(a["href"]) for a in en.find_all("a", href=True)]
    pages = [h for h in links if h.startswith("/") and not h.endswith((".jpg", ".webp"))]
    outside = [h for h in pages if not h.startswith("/en/")]
    # Out of /en/: the language switcher, and the sitemap and the open data, which are one
    # for every language.
    assert outside == ["/products/drill-press/", "/sitemap.xml", "/products.csv", "/products.json"]
    images = [str(i["src"]) for i in en.find_all("img")]
    assert images and all(src.startswith("/products/") for src in images)  # shared photos
    assert en.find("link", rel="stylesheet")["href"] == "/static/css/site.css"  # type: ignore[index]


def test_a_translated_product_is_in_english_without_marks(site: Project) -> None:
    en = page(site, "en/products/drill-press/")
    h1 = en.find("h1")
    assert h1 is not None and h1.get_text(strip=True) == "Bench Drill"
    assert en.title is not None and en.title.get_text().endswith("| Test Showroom")
    assert en.select(".product-header .lang-tag") == []
    assert [li.get_text(strip=True) for li in en.select("ul.features li")] == ["Quiet", "Strong"]
    assert "small" in en.select_one(".prose strong").get_text()  # type: ignore[union-attr]
    jsonld = json.loads(en.find("script", type="application/ld+json").get_text())  # type: ignore[union-attr]
    assert jsonld["inLanguage"] == "en" and jsonld["name"] == "Bench Drill"
    assert jsonld["url"] == BASE + "en/products/drill-press/"
    ko = json.loads(
        page(site, "products/drill-press/").find("script", type="application/ld+json").get_text()  # type: ignore[union-attr]
    )
    assert ko["inLanguage"] == "ko" and ko["name"] == "탁상 드릴"


def test_official_terms_are_in_english_on_the_english_pages(site: Project) -> None:
    """Certifications, issuers, units and districts by their official English names (the
    theme's terms/en.yml); the Korean pages as written."""
    en, ko = page(site, "en/products/drill-press/"), page(site, "products/drill-press/")
    cells = [
        c.get_text(strip=True)
        for c in en.select("#sec-certifications ~ div td, #sec-certifications ~ div th")
    ]
    assert "Patent" in cells and "Korean Intellectual Property Office (KIPO)" in cells
    assert "특허" in [c.get_text(strip=True) for c in ko.select("#sec-certifications ~ div th")]
    rows = {
        r.th.get_text(strip=True): r.td.get_text(strip=True)  # type: ignore[union-attr]
        for r in en.select("#sec-specs ~ div tr")
    }
    assert rows["Unit"] == "unit"
    company = page(site, "en/companies/acme/").select_one(".company-facts")
    assert company is not None and "Nam-gu" in company.get_text()


def test_an_untranslated_field_shows_the_korean_text_marked(site: Project) -> None:
    en = page(site, "en/products/lathe/")
    h1 = en.find("h1")
    assert isinstance(h1, Tag)
    name = h1.find("span", lang="ko")
    assert name is not None and name.get_text() == "소형 선반"
    mark = h1.select_one(".lang-tag")
    assert mark is not None and (mark.get_text(), mark["lang"]) == ("한국어", "ko")
    summary = en.select_one(".lead")
    assert summary is not None and summary.select_one(".lang-tag") is not None
    prose = en.select_one(".prose")
    assert prose is not None and prose["lang"] == "ko" and "설명 본문" in prose.get_text()
    # A product that is translated shows the translated name on the hall's cards, the other
    # one its Korean name with the mark.
    cards = {
        c.select_one(".card-title a").get_text(): c  # type: ignore[union-attr]
        for c in page(site, "en/halls/machinery/").select(".card")
    }
    assert set(cards) == {"Bench Drill", "소형 선반"}
    assert cards["Bench Drill"].select(".lang-tag") == []
    assert cards["소형 선반"].select_one(".card-title .lang-tag") is not None


@pytest.mark.parametrize("path", PAGES)
def test_all_korean_text_on_an_english_page_is_marked_korean(site: Project, path: str) -> None:
    """Names of people, units, districts: every text holding Hangul is inside lang="ko"."""
    en = page(site, "en/" + path)
    found = []
    for text in en.find_all(string=HANGUL):
        parent = text.parent
        if parent is None or parent.name in ("script", "style", "title"):
            continue
        holder = parent if parent.has_attr("lang") else parent.find_parent(lang=True)
        if holder is None or not str(holder["lang"]).startswith("ko"):
            found.append(str(text).strip())
    assert found == []


def test_each_language_has_its_feed_and_the_sitemap_lists_both(site: Project) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    en = ET.parse(site.out / "en/feed.xml").getroot()
    assert en.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert en.findtext(f"{atom}title") == "Test Showroom"
    titles = {e.findtext(f"{atom}title"): e for e in en.iter(f"{atom}entry")}
    assert "Bench Drill" in titles
    link = titles["Bench Drill"].find(f"{atom}link")
    assert link is not None and link.get("href") == BASE + "en/products/drill-press/"
    ko = ET.parse(site.out / "feed.xml").getroot()
    assert "탁상 드릴" in {e.findtext(f"{atom}title") for e in ko.iter(f"{atom}entry")}
    assert not (site.out / "en/sitemap.xml").exists()
    assert not (site.out / "en/robots.txt").exists()
    sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    xhtml = "{http://www.w3.org/1999/xhtml}"
    urls = {
        u.findtext(f"{sm}loc", ""): {
            a.get("hreflang"): a.get("href") for a in u.iter(f"{xhtml}link")
        }
        for u in ET.parse(site.out / "sitemap.xml").getroot().iter(f"{sm}url")
    }
    assert urls[BASE + "en/products/lathe/"] == {
        "ko": BASE + "products/lathe/",
        "en": BASE + "en/products/lathe/",
        "x-default": BASE + "products/lathe/",
    }
    assert urls[BASE + "products/lathe/"] == urls[BASE + "en/products/lathe/"]
    korean = [u for u in urls if not u.startswith(BASE + "en/")]
    assert len(korean) * 2 == len(urls)
    assert all(BASE + "en/" + u[len(BASE) :] in urls for u in korean)


def test_the_site_words_of_a_language_are_its_pages(site: Project) -> None:
    en, ko = page(site, "en/"), page(site, "")
    assert en.select_one(".site-title").get_text(strip=True) == "Test Showroom"  # type: ignore[union-attr]
    assert ko.select_one(".site-title").get_text(strip=True) == "테스트 홍보관"  # type: ignore[union-attr]
    assert "Test Agency" in en.select_one(".site-footer").get_text()  # type: ignore[union-attr]
    not_found = page(site, "en/404.html")
    assert not_found.html is not None and not_found.html["lang"] == "en"


def test_a_one_language_site_has_no_alternates_and_no_switcher(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    build(BuildOptions(config_file=project.config_file, date=BUILD_DATE))
    soup = page(project, "products/lathe/")
    assert soup.find_all("link", hreflang=True) == []
    assert soup.select(".language-switch") == []
    assert not (project.out / "en").exists()
    assert "xhtml" not in (project.out / "sitemap.xml").read_text(encoding="utf-8")


def test_site_words_for_a_language_not_listed_or_the_default_are_errors(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "en:\n  title: X\nko:\n  title: Y\n", encoding="utf-8")
    found = problems_of(project)
    assert any(p.startswith("showroom.yml:") and ": en: words in 'en'" in p for p in found), found
    assert any(": ko: 'ko' is the default language" in p for p in found), found


def test_a_third_language_is_configuration_a_strings_file_in_the_sites_theme(
    tmp_path: Path,
) -> None:
    project = bilingual(tmp_path)
    config = project.config_file.read_text(encoding="utf-8")
    config = config.replace("languages: [ko, en]", "languages: [ko, en, ja]")
    project.config_file.write_text(
        config + "theme: theme\nja:\n  title: テスト\n", encoding="utf-8"
    )
    english = (DEFAULT_THEME / "strings/en.yml").read_text(encoding="utf-8")
    japanese = english.replace("language_name: English", "language_name: 日本語")
    project.write("theme/strings/ja.yml", japanese.replace("home: Home", "home: ホーム"))
    project.product("lathe", "소형 선반", date="2025-02-10", company="bobs",
                    extra="ja:\n  name: 小型旋盤\n")  # fmt: skip
    build(BuildOptions(config_file=project.config_file, date=BUILD_DATE))
    ja = page(project, "ja/products/lathe/")
    assert ja.html is not None and ja.html["lang"] == "ja"
    assert ja.find("h1").get_text(strip=True) == "小型旋盤"  # type: ignore[union-attr]
    assert ja.select_one(".site-title").get_text(strip=True) == "テスト"  # type: ignore[union-attr]
    switch = [(a["hreflang"], a["href"], a.get_text()) for a in ja.select(".language-switch a")]
    assert switch == [
        ("ko", "/products/lathe/", "한국어"),
        ("en", "/en/products/lathe/", "English"),
    ]
    hreflangs = [link["hreflang"] for link in ja.find_all("link", hreflang=True)]
    assert hreflangs == ["ko", "en", "ja", "x-default"]
    en = page(project, "en/products/lathe/")
    assert [a.get_text() for a in en.select(".language-switch a")] == ["한국어", "日本語"]


def test_one_thing_is_counted_in_the_singular_in_english(site: Project) -> None:
    hall = page(site, "en/halls/food/").select_one(".hall-meta")
    assert hall is not None and "1 product" in hall.get_text() and "products" not in hall.get_text()
    ko = page(site, "halls/food/").select_one(".hall-meta")
    assert ko is not None and "1개" in ko.get_text()
