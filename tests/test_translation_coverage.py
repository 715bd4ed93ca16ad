"""`showroom check`'s translation coverage report (per language, per kind, the fields each
file lacks with -v) and `--require-translation LANG`, which makes each missing field an error
at its file and line, in check and build."""

from __future__ import annotations

import pytest

from showroom.build import BuildOptions, check
from showroom.content.coverage import translation_coverage
from tests.checking import BUILD_DATE
from tests.projects import Project
from tests.test_cli import cli
from tests.test_languages import bilingual

DATE = ("--date", BUILD_DATE.isoformat())

#: drill-press: every field of the test project's product translated (with index.en.md).
FULL = "en:\n  name: Drill press\n  summary: A drill.\n  images:\n    - alt: A drill press\n"
#: lathe: its name alone (front matter lines: name 2, summary 6, images[0].alt 9, body 11).
PARTLY = "en:\n  name: Lathe\n"


def translated(project: Project) -> Project:
    """The test project in [ko, en]: drill-press fully translated, lathe partly, rice-cake
    not at all; the company acme and both categories translated, bobs not; and a draft,
    not translated, which is not counted."""
    bilingual(project)
    project.product("drill-press", "탁상 드릴", date="2025-01-10", extra=FULL)
    (project.root / "content/products/drill-press/index.en.md").write_text(
        "A bench drill press.\n", encoding="utf-8"
    )
    project.product("lathe", "소형 선반", date="2025-02-10", company="bobs", extra=PARTLY)
    project.product("sketch", "초안 제품", extra="draft: true\n")
    acme = project.root / "content/companies/acme.yml"
    english = "en:\n  name: Acme Co., Ltd.\n  address: 1 Test Road, Nam-gu, Ulsan\n"
    acme.write_text(acme.read_text(encoding="utf-8") + english, encoding="utf-8")
    for slug, name in (("machinery", "Machinery & metal"), ("food", "Food & farm")):
        path = project.root / f"content/categories/{slug}.yml"
        english = f"en:\n  name: {name}\n  description: {name} products.\n"
        path.write_text(path.read_text(encoding="utf-8") + english, encoding="utf-8")
    return project


def messages_ko(project: Project) -> None:
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config.replace("messages: en", "messages: ko"), "utf-8")


def test_the_coverage_counts_each_kind_and_names_what_each_file_lacks(project: Project) -> None:
    checked = check(BuildOptions(config_file=translated(project).config_file, date=BUILD_DATE))
    (en,) = translation_coverage(checked.config, checked.content)
    assert en.language == "en"
    products, companies, categories = en.kinds
    assert (products.kind, products.total, products.full, products.partly, products.none) == (
        "products", 3, 1, 1, 1,
    )  # fmt: skip
    assert [(u.path, u.missing, u.none) for u in products.untranslated] == [
        ("content/products/lathe/index.md", ("summary", "images[0].alt", "index.en.md"), False),
        (
            "content/products/rice-cake/index.md",
            ("name", "summary", "images[0].alt", "index.en.md"),
            True,
        ),
    ]  # the draft is not counted
    assert (companies.total, companies.full, companies.none) == (2, 1, 1)
    assert [(u.path, u.missing) for u in companies.untranslated] == [
        ("content/companies/bobs.yml", ("name", "address"))
    ]
    assert (categories.total, categories.full, categories.untranslated) == (2, 2, ())
    assert not en.complete


def test_check_prints_the_coverage_and_with_v_the_fields_missing(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    translated(project)
    assert cli(project, "check", *DATE) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Translations (en): products 1/3 complete, 1 partial, 1 untranslated · "
        "companies 1/2 complete, 0 partial, 1 untranslated · categories 2/2",
        "  (the fields each file lacks: showroom check -v)",
        "OK: 3 products, 2 companies, 2 categories; 0 warnings.",
    ]  # not translated is no problem: the Korean text is shown
    assert cli(project, "check", "-v", *DATE) == 0
    assert capsys.readouterr().out.splitlines()[1:-1] == [
        "  content/products/lathe/index.md: en: summary, images[0].alt, index.en.md",
        "  content/products/rice-cake/index.md: en: name, summary, images[0].alt, index.en.md",
        "  content/companies/bobs.yml: en: name, address",
    ]
    assert cli(project, "check", "-q", *DATE) == 0
    assert capsys.readouterr().out == ""


def test_the_coverage_in_korean(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    messages_ko(translated(project))
    assert cli(project, "check", *DATE) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "번역 현황 (en): 제품 1/3 완전, 1 일부, 1 없음 · 업체 1/2 완전, 0 일부, 1 없음 · "
        "제품군 2/2",
        "  (파일마다 빠진 필드: showroom check -v)",
    ]


def test_a_site_translated_completely_and_one_in_a_language_alone(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(project, "check", *DATE) == 0
    assert not capsys.readouterr().out.startswith("Translations")  # nothing to translate into
    complete(translated(project))
    assert cli(project, "check", "--require-translation", "en", *DATE) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Translations (en): products 3/3 · companies 2/2 · categories 2/2",
        "OK: 3 products, 2 companies, 2 categories; 0 warnings.",
    ]


def complete(project: Project) -> None:
    """The translations `translated` left out given: lathe's, rice-cake's and bobs'."""
    lathe = "en:\n  name: Lathe\n  summary: A lathe.\n  images:\n    - alt: A lathe\n"
    project.product("lathe", "소형 선반", date="2025-02-10", company="bobs", extra=lathe)
    cake = "en:\n  name: Rice cake\n  summary: Rice cake.\n  images:\n    - alt: Rice cake\n"
    project.product("rice-cake", "쌀 떡", category="food", date="2025-03-10", extra=cake)
    for slug in ("lathe", "rice-cake"):
        (project.root / f"content/products/{slug}/index.en.md").write_text("Made.\n", "utf-8")
    bobs = project.root / "content/companies/bobs.yml"
    english = "en:\n  name: Bob's\n  address: 2 Test Road\n"
    bobs.write_text(bobs.read_text(encoding="utf-8") + english, encoding="utf-8")


LATHE = "content/products/lathe/index.md"
CAKE = "content/products/rice-cake/index.md"
FIELD = "no translation into en (--require-translation en): give it in the `en:` block; until "
FIELD += "then this text is shown"
BODY = "no description in en (--require-translation en): write it in index.en.md beside "
BODY += "index.md; until then this body is shown"


def test_a_required_translation_makes_each_missing_field_an_error(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    translated(project)
    assert cli(project, "check", "--require-translation", "en", *DATE) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"content/companies/bobs.yml:1: en.name: {FIELD}",
        f"content/companies/bobs.yml:5: en.address: {FIELD}",
        f"{LATHE}:6: en.summary: {FIELD}",  # each at the line of the text to translate
        f"{LATHE}:9: en.images[0].alt: {FIELD}",
        f"{LATHE}:13: index.en.md: {BODY}",  # the body's first line
        f"{CAKE}:2: en.name: {FIELD}",
        f"{CAKE}:6: en.summary: {FIELD}",
        f"{CAKE}:9: en.images[0].alt: {FIELD}",
        f"{CAKE}:11: index.en.md: {BODY}",
        "Error: Build failed: 9 problems; nothing was published.",
    ]  # the draft (content/products/sketch) is not required
    assert cli(project, "build", "--no-pdf", "--require-translation", "en", *DATE) == 1
    assert "Error: Build failed: 9 problems; nothing was published." in capsys.readouterr().err
    assert not project.out.exists()
    complete(project)
    assert cli(project, "build", "--no-pdf", "--require-translation", "en", *DATE) == 0
    assert (project.out / "index.html").is_file()


def test_the_required_problems_in_korean_and_a_language_not_translated_into(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    messages_ko(translated(project))
    assert cli(project, "check", "--require-translation", "en", *DATE) == 1
    err = capsys.readouterr().err
    assert (
        f"{LATHE}:6: en.summary: en 번역이 없습니다(--require-translation en): `en:` 블록에 "
        "쓰세요. 그때까지는 이 글이 보입니다"
    ) in err
    assert (
        f"{CAKE}:11: index.en.md: en 설명이 없습니다(--require-translation en): index.md 옆의 "
        "index.en.md에 쓰세요. 그때까지는 이 본문이 보입니다"
    ) in err
    assert cli(project, "check", "--require-translation", "ko", *DATE) == 2
    assert capsys.readouterr().err.splitlines() == [
        "오류: --require-translation ko: 번역하는 언어가 아닙니다(showroom.yml `languages`에서 "
        "첫째 다음의 언어: en)"
    ]
