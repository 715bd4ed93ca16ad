"""Content in several languages: `languages` in showroom.yml, the `en:` blocks of products,
companies and categories, index.en.md, and the model's translations with their fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from showroom.build import BuildOptions, check
from showroom.build.state import codec
from showroom.content.memo import Parsed
from showroom.content.model import Product
from showroom.content.translations import localised, translation_of
from tests.checking import BUILD_DATE, problems_of
from tests.projects import Project, make_image, new_project
from tests.test_content_reuse import Serving, fresh
from tests.test_json_schema import schema_errors, schemas_of
from tests.yaml_core import load_front_matter

P = "content/products/p/index.md"

#: Product `p`: lines 2-9 are the Korean fields, the `en:` block starts at line 10.
FRONT = """\
---
name: 제품
category: machinery
company: acme
date: 2025-01-15
summary: 요약
images:
  - src: photo.jpg
    alt: 사진
{extra}---
본문
"""

EN_BLOCK = """\
en:
  name: Press
  summary: A press.
  features: [Fast, Quiet, Small]
  specs:
    Weight: 3 kg
  images:
    - alt: A press
"""


def bilingual(project: Project) -> Project:
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "languages: [ko, en]\n", encoding="utf-8")
    return project


def product(project: Project, extra: str, body: str | None = None) -> None:
    path = project.write(P, FRONT.format(extra=extra))
    make_image(path.parent / "photo.jpg")
    if body is not None:
        (path.parent / "index.en.md").write_text(body, encoding="utf-8")


def loaded(project: Project, slug: str = "p") -> Product:
    checked = check(BuildOptions(config_file=project.config_file, date=BUILD_DATE))
    return next(p for p in checked.content.products if p.slug == slug)


def test_a_bilingual_project_validates_and_the_model_holds_the_translations(
    project: Project,
) -> None:
    bilingual(project)
    product(project, EN_BLOCK, "A press for **metal**.\n")
    project.write(
        "content/categories/machinery.yml", "name: 기계\norder: 1\nen:\n  name: Machines\n"
    )
    company = project.root / "content/companies/acme.yml"
    company.write_text(
        company.read_text(encoding="utf-8") + "en:\n  name: Acme Ltd.\n  address: 1 Test Road\n",
        encoding="utf-8",
    )
    assert problems_of(project) == []
    checked = check(BuildOptions(config_file=project.config_file, date=BUILD_DATE))
    assert checked.config.languages == ("ko", "en")
    assert checked.config.language == "ko"
    p = next(p for p in checked.content.products if p.slug == "p")
    en = translation_of(p, "en")
    assert en is not None
    assert en.get("name") == "Press"
    assert en.get("features") == ("Fast", "Quiet", "Small")  # a list of its own length
    assert en.get("specs") == (("Weight", "3 kg"),)
    assert en.get("body_markdown") == "A press for **metal**.\n"
    view = localised(p, "en", "ko")
    assert (view.value.name, view.value.summary) == ("Press", "A press.")
    assert view.value.images[0].alt == "A press"
    assert view.value.images[0].src == "photo.jpg"  # shared
    assert view.value.date == p.date  # shared
    assert view.fallback == ()
    assert localised(p, "ko", "ko").value is p
    category = next(c for c in checked.content.categories if c.slug == "machinery")
    assert localised(category, "en", "ko").value.name == "Machines"
    assert localised(category, "en", "ko").fallback == ()
    acme = next(c for c in checked.content.companies if c.slug == "acme")
    assert localised(acme, "en", "ko").value.address == "1 Test Road"
    assert localised(acme, "en", "ko").value.phone == acme.phone  # shared


def test_what_is_not_translated_falls_back_and_is_named(project: Project) -> None:
    bilingual(project)
    product(project, "  - src: photo.jpg\n    alt: 둘째\n    caption: 설명\nen:\n  name: Press\n")
    make_image(project.root / "content/products/p/photo.jpg")
    view = localised(loaded(project), "en", "ko")
    assert view.value.name == "Press"
    assert view.value.summary == "요약"  # the Korean text
    assert view.value.body_markdown == "본문\n"
    assert view.fallback == (
        "summary", "images[0].alt", "images[1].alt", "images[1].caption", "body_markdown",
    )  # fmt: skip


def test_bad_translations_are_each_reported_with_their_line(project: Project) -> None:
    bilingual(project)
    extra = (
        "en:\n"  # line 10
        "  name: [Press]\n"  # 11
        "  features:\n"  # 12
        "    - Fast\n"  # 13
        "    - {a: b}\n"  # 14
        "  price: 3\n"  # 15: not translatable
    )
    product(project, extra)
    project.write("content/categories/machinery.yml", "name: 기계\norder: 1\nen:\n  order: 2\n")
    company = project.root / "content/companies/acme.yml"
    company.write_text(
        company.read_text(encoding="utf-8") + "en:\n  address: [1, 2]\n", encoding="utf-8"
    )
    found = problems_of(project)
    assert f"{P}:11: en.name: expected text, got a list" in found
    assert f"{P}:14: en.features[1]: expected text, got a mapping (key: value lines)" in found
    assert f"{P}:15: warning: en.price: unknown field (ignored)" in found
    assert "content/categories/machinery.yml:4: warning: en.order: unknown field (ignored)" in found
    assert "content/companies/acme.yml:10: en.address: expected text, got a list" in found


def test_more_photo_words_than_photos_is_an_error(project: Project) -> None:
    bilingual(project)
    product(project, "en:\n  images:\n    - alt: One\n    - alt: Two\n")
    assert (
        f"{P}:11: en.images: has words for 2 photos, but the product has 1: each item goes "
        "with the photo in the same place" in problems_of(project)
    )


def test_a_block_for_a_language_not_listed_is_an_error(project: Project) -> None:
    product(project, "en:\n  name: Press\n")
    project.write("content/categories/food.yml", "name: 식품\norder: 2\nen:\n  name: Food\n")
    company = project.root / "content/companies/bobs.yml"
    company.write_text(company.read_text(encoding="utf-8") + "en:\n  name: Bob's\n", "utf-8")
    refused = "en: a translation into 'en', which `languages` in showroom.yml does not list"
    found = problems_of(project)
    assert f"{P}:10: {refused}" in found
    assert f"content/categories/food.yml:3: {refused}" in found
    assert f"content/companies/bobs.yml:9: {refused}" in found


def test_a_block_for_the_default_language_is_an_error(project: Project) -> None:
    bilingual(project)
    product(project, "ko:\n  name: 제품\n")
    assert (
        f"{P}:10: ko: 'ko' is the default language: its text is the file's own fields, not a "
        "block" in problems_of(project)
    )


def test_index_md_of_an_unlisted_language_is_not_read_with_a_warning(project: Project) -> None:
    product(project, "", "English\n")
    found = problems_of(project)
    assert (
        "content/products/p/index.en.md: warning: not read: `languages` in showroom.yml does "
        "not list 'en'" in found
    )
    assert translation_of(loaded(project), "en") is None


def test_index_en_md_with_front_matter_is_an_error(project: Project) -> None:
    bilingual(project)
    product(project, "", "---\nname: Press\n---\nEnglish\n")
    assert (
        "content/products/p/index.en.md:1: front matter: holds the description only, in "
        "Markdown, without front matter: its fields go in the `en:` block of index.md"
        in problems_of(project)
    )


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("languages: [ko, fr]", "showroom.yml:9: languages[1]: 'fr' is not one of: ko, en, zh, ja"),
        ("languages: []", "showroom.yml:9: languages: needs at least 1 item"),
        ("languages: [ko, en, ko]", "showroom.yml:9: languages[2]: appears twice; keep one"),
        (
            "languages: [en, ko]\nlanguage: ko-KR",
            "showroom.yml:10: language: the page language 'ko-KR' must be the default language, "
            "the first of `languages` (en)",
        ),
    ],
)
def test_the_languages_setting_is_checked(project: Project, setting: str, expected: str) -> None:
    config = project.config_file.read_text(encoding="utf-8").replace("messages: en\n", "")
    project.config_file.write_text(config + setting + "\n", encoding="utf-8")
    assert problems_of(project) == [expected]


def test_the_page_language_defaults_to_the_first_language(project: Project) -> None:
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "languages: [en, ko]\n", encoding="utf-8")
    checked = check(BuildOptions(config_file=project.config_file, date=BUILD_DATE))
    assert (checked.config.language, checked.config.languages) == ("en", ("en", "ko"))


def test_the_json_schemas_take_the_blocks_of_the_languages_listed(project: Project) -> None:
    product(project, EN_BLOCK)
    front = load_front_matter((project.root / P).read_text(encoding="utf-8"))
    assert (
        schema_errors(schemas_of(project.config_file)["product.schema.json"], front) != []
    )  # ko only
    bilingual(project)
    schemas = schemas_of(project.config_file)
    assert schema_errors(schemas["product.schema.json"], front) == []
    front["en"]["price"] = 3  # not translatable
    assert schema_errors(schemas["product.schema.json"], front) != []
    category = {"name": "기계", "order": 1, "en": {"name": "Machines"}}
    assert schema_errors(schemas["category.schema.json"], category) == []
    assert schema_errors(schemas["category.schema.json"], {**category, "en": {"order": 2}}) != []


def test_an_edit_of_index_en_md_parses_its_product_again(tmp_path: Path) -> None:
    project = bilingual(new_project(tmp_path / "site"))
    serving = Serving(project)
    serving.load(watched=False)
    english = project.root / "content/products/lathe/index.en.md"
    for text in ("A lathe.\n", "A small lathe.\n"):
        english.write_text(text, encoding="utf-8")
        content, problems = serving.load()
        assert serving.memo.parsed == 1  # the lathe, and nothing else
        assert (content, problems) == fresh(project)
        lathe = next(p for p in content.products if p.slug == "lathe")
        assert localised(lathe, "en", "ko").value.body_markdown == text


def test_the_parse_memo_on_disk_is_not_reused_when_the_languages_change(tmp_path: Path) -> None:
    project = new_project(tmp_path / "site")
    index = project.root / "content/products/lathe/index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("images:", "en:\n  name: Lathe\nimages:", 1),
        encoding="utf-8",
    )
    before = Serving(project)
    _, problems = before.load(watched=False)
    assert [p.field for p in problems] == ["en"]  # not listed
    bilingual(project)
    after = Serving(project)
    after.entries = before.entries  # the next build, with the build state on disk
    content, problems = after.load(watched=False)
    assert (content, problems) == fresh(project)
    assert problems == []


def test_the_translations_come_back_from_the_build_state(project: Project) -> None:
    bilingual(project)
    product(project, EN_BLOCK, "A press.\n")
    parsed = Parsed(loaded(project), ())
    data = codec().dump(parsed, Parsed, "test", 1, "engine")
    assert codec().load(data, Parsed, "test", 1, "engine") == parsed
