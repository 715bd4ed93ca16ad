"""Every validation rule: the message the editor sees and the line it points at."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from tests.checking import problems_of
from tests.projects import Project, make_image

P = "content/products/p/index.md"

# The base front matter of product `p`; its lines in the file are 2-9, extra starts at 10.
BASE = {
    "name": "name: 제품",
    "category": "category: machinery",
    "company": "company: acme",
    "date": "date: 2025-01-15",
    "summary": "summary: 요약",
    "images": "images:\n  - src: photo.jpg\n    alt: 사진",
}


def front(extra: str = "", **override: str | None) -> str:
    lines = []
    for key, text in BASE.items():
        value = override.get(key, text)
        if value is not None:
            lines.append(value)
    return "\n".join(lines) + "\n" + extra


PRODUCT_CASES = [
    pytest.param(
        front(summary=None),
        f"{P}:2: summary: required field is missing",
        id="required-missing",
    ),
    pytest.param(
        front(summary="summary:"),
        f"{P}:6: summary: required field is empty",
        id="required-empty",
    ),
    pytest.param(
        front("price: 많이\n"),
        f"{P}:10: price: expected a whole number, got '많이'",
        id="type-integer",
    ),
    pytest.param(
        front("price: 1,250,000\n"),
        f"{P}:10: price: write the number without separators: 1250000",
        id="integer-separators",
    ),
    pytest.param(
        front("features: 하나\n"),
        f"{P}:10: features: expected a list (lines starting with '- '), got '하나'",
        id="type-list",
    ),
    pytest.param(
        front("name:\n  - 제품\n", name=None),
        f"{P}:9: name: expected text, got a list",
        id="type-text",
    ),
    pytest.param(
        front(category="category: machinry"),
        f"{P}:3: category: unknown category 'machinry': no file "
        "content/categories/machinry.yml; did you mean 'machinery'?",
        id="unknown-category",
    ),
    pytest.param(
        front(company="company: nobody"),
        f"{P}:4: company: unknown company 'nobody': no file content/companies/nobody.yml",
        id="unknown-company",
    ),
    pytest.param(
        front(date="date: 2025-02-30"),
        f"{P}:5: date: 2025-02-30 is not a real date",
        id="date-not-real",
    ),
    pytest.param(
        front(date="date: 2025/02/03"),
        f"{P}:5: date: expected a date as YYYY-MM-DD, got '2025/02/03'",
        id="date-wrong-form",
    ),
    pytest.param(
        front(date="date: 15.01.2025"),
        f"{P}:5: date: expected a date as YYYY-MM-DD, got '15.01.2025'",
        id="date-dotted",
    ),
    pytest.param(
        front("excellent_procurement:\n  number: A-1\n  from: 2025-03-01\n  until: 2025-02-28\n"),
        f"{P}:13: excellent_procurement.until: ends (2025-02-28) before it starts (2025-03-01)",
        id="until-before-from",
    ),
    pytest.param(
        front("excellent_procurement:\n  number: A-1\n  from: 2025-03-01\n  until: 2028-12-31\n"),
        f"{P}:13: warning: excellent_procurement.until: the period 2025-03-01 – 2028-12-31 is "
        "longer than 3 years (ends 2028-02-29); if it was extended, add 'extended: true'",
        id="designation-over-3-years",
    ),
    pytest.param(
        front(
            "innovation:\n  type: 2\n  number: I-1\n  from: 2020-01-01\n  until: 2026-12-31\n"
            "  extended: true\n"
        ),
        f"{P}:14: warning: innovation.until: the period 2020-01-01 – 2026-12-31 is longer than "
        "6 years (3 years plus extensions end at 2025-12-31 at the latest)",
        id="designation-over-6-years",
    ),
    pytest.param(
        front("innovation:\n  type: 4\n  number: I-1\n  from: 2025-01-01\n  until: 2027-12-31\n"),
        f"{P}:11: innovation.type: 4 is not one of: 1, 2, 3",
        id="innovation-type",
    ),
    pytest.param(
        front("excellent_procurement:\n  number: A-1\n  from: 2025-01-01\n"),
        f"{P}:10: excellent_procurement.until: required field is missing",
        id="designation-until-missing",
    ),
    pytest.param(
        front('procurement:\n  classification_number: "1234567"\n'),
        f"{P}:11: procurement.classification_number: a classification number (물품분류번호) "
        "must be 8 digits, got '1234567'",
        id="classification-8-digits",
    ),
    pytest.param(
        front(
            'procurement:\n  classification_number: "12345678"\n  detailed_number: "9934567801"\n'
        ),
        f"{P}:12: procurement.detailed_number: the detailed item number 9934567801 must start "
        "with the classification number 12345678",
        id="detailed-starts-with-classification",
    ),
    pytest.param(
        front('procurement:\n  detailed_number: "123456780"\n'),
        f"{P}:11: procurement.detailed_number: a detailed item number (세부품명번호) must be "
        "10 digits, got '123456780'",
        id="detailed-10-digits",
    ),
    pytest.param(
        front('procurement:\n  item_id: "123456789"\n'),
        f"{P}:11: procurement.item_id: an item id (물품식별번호) must be 8 digits, got '123456789'",
        id="item-id-8-digits",
    ),
    pytest.param(
        front('procurement:\n  classification_number: "12345678"\n  item_id: "12345678"\n'),
        f"{P}:12: procurement.item_id: the item id (물품식별번호) is a different number from "
        "the classification number",
        id="item-id-differs",
    ),
    pytest.param(
        front("video: javascript:alert(1)\n"),
        f"{P}:10: video: 'javascript:alert(1)' is not a web address starting with https://",
        id="url-scheme",
    ),
    pytest.param(
        front("inquiry: 전화 주세요\n"),
        f"{P}:10: inquiry: '전화 주세요' is not a web address starting with https://",
        id="inquiry-format",
    ),
    pytest.param(
        front("contact:\n  phone: 12\n"),
        f"{P}:11: contact.phone: '12' is not a phone number like 052-123-4567",
        id="phone-format",
    ),
    pytest.param(
        front("contact:\n  name: 김담당\n  email: kim@\n"),
        f"{P}:12: contact.email: 'kim@' is not an e-mail address like sales@example.kr",
        id="email-format",
    ),
    pytest.param(
        front("contact:\n  name: 김담당\n"),
        f"{P}:10: contact.phone: a contact needs a phone number or an e-mail address",
        id="contact-reachable",
    ),
    pytest.param(
        front("certifications:\n  - type: KS\n    until: 2027-13-01\n"),
        f"{P}:12: certifications[0].until: 2027-13-01 is not a real date",
        id="certification-date",
    ),
    pytest.param(
        front(images="images:\n  - src: missing.jpg\n    alt: 사진"),
        f"{P}:8: images[0].src: file 'missing.jpg' not found in content/products/p/",
        id="image-missing",
    ),
    pytest.param(
        front(images="images:\n  - src: ../other/photo.jpg\n    alt: 사진"),
        f"{P}:8: images[0].src: '../other/photo.jpg' must not leave the product's folder ('..')",
        id="image-dotdot",
    ),
    pytest.param(
        front(images="images:\n  - src: /etc/photo.jpg\n    alt: 사진"),
        f"{P}:8: images[0].src: '/etc/photo.jpg' must be a file beside index.md, not an "
        "absolute path",
        id="image-absolute",
    ),
    pytest.param(
        front(images="images:\n  - src: photo.jpg"),
        f"{P}:8: images[0].alt: required field is missing",
        id="image-alt-missing",
    ),
    pytest.param(
        front(images='images:\n  - src: photo.jpg\n    alt: ""'),
        f"{P}:9: images[0].alt: must not be empty",
        id="image-alt-empty",
    ),
    pytest.param(
        front(images="images: []"),
        f"{P}:7: images: needs at least 1 item",
        id="images-none",
    ),
    pytest.param(
        front("modle: X-1\n"),
        f"{P}:10: warning: modle: unknown field; did you mean 'model'?",
        id="unknown-key-suggestion",
    ),
    pytest.param(
        front("colour: 빨강\n"),
        f"{P}:10: warning: colour: unknown field (ignored)",
        id="unknown-key",
    ),
    pytest.param(
        front("name: 다른 이름\n"),
        f"{P}:10: name: appears twice; keep one",
        id="duplicate-key",
    ),
    pytest.param(
        front("features:\n  - 하나\n  -\n"),
        f"{P}:12: features[1]: empty list item",
        id="empty-list-item",
    ),
    pytest.param(
        front("draft: maybe\n"),
        f"{P}:10: draft: expected true or false, got 'maybe'",
        id="boolean",
    ),
    pytest.param(
        front("specs:\n  무게: 3 kg\n  무게: 4 kg\n"),
        f"{P}:12: specs.무게: appears twice",
        id="specs-duplicate-row",
    ),
    pytest.param(
        front("features: [하나, 둘\n"),
        f"{P}:11: YAML: did not find expected ',' or ']' (column 1); while parsing a flow "
        "sequence that starts on line 10",
        id="yaml-syntax",
    ),
    pytest.param(
        front("summary: 요약: 콜론: 문제\n", summary=None),
        f"{P}:9: YAML: mapping values are not allowed in this context (column 12)",
        id="yaml-colon",
    ),
]


@pytest.mark.parametrize(("front_matter", "expected"), PRODUCT_CASES)
def test_product_rule(project: Project, front_matter: str, expected: str) -> None:
    path = project.product_file("p", front_matter)
    make_image(path.parent / "photo.jpg")
    assert expected in problems_of(project)


def test_valid_project_has_no_problems(project: Project) -> None:
    assert problems_of(project) == []


def test_every_problem_is_reported_at_once(project: Project) -> None:
    path = project.product_file(
        "p", front(date="date: 2025-02-30", category="category: nope", summary=None)
    )
    make_image(path.parent / "photo.jpg")
    project.write("content/companies/acme.yml", "name: 회사\nbusiness_number: '1'\n")
    found = problems_of(project)
    assert f"{P}:2: summary: required field is missing" in found
    assert f"{P}:5: date: 2025-02-30 is not a real date" in found
    assert (
        "content/companies/acme.yml:2: business_number: a business number (사업자등록번호) "
        "must be 10 digits, got '1'" in found
    )
    assert "content/companies/acme.yml:1: district: required field is missing" in found


def test_missing_front_matter(project: Project) -> None:
    path = project.root / "content/products/p/index.md"
    path.parent.mkdir(parents=True)
    path.write_text("name: 제품\n", encoding="utf-8")
    assert problems_of(project) == [
        f"{P}:1: front matter: the file must start with a line '---' that opens the front matter"
    ]


def test_unclosed_front_matter(project: Project) -> None:
    path = project.root / "content/products/p/index.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\nname: 제품\n", encoding="utf-8")
    assert problems_of(project) == [
        f"{P}:1: front matter: the front matter is never closed by a line '---'"
    ]


def test_broken_image_file(project: Project) -> None:
    path = project.product_file("p", front())
    (path.parent / "photo.jpg").write_bytes(b"this is not a jpeg")
    assert f"{P}:8: images[0].src: photo.jpg is not a readable image" in problems_of(project)


def test_image_symlink_leading_out(project: Project, tmp_path: Path) -> None:
    outside = make_image(tmp_path / "outside.jpg")
    path = project.product_file("p", front())
    os.symlink(outside, path.parent / "photo.jpg")
    assert (
        f"{P}:8: images[0].src: 'photo.jpg' is a link that leads out of the product's "
        "folder" in problems_of(project)
    )


def test_image_name_in_nfd_on_disk_matches_nfc_in_file(project: Project) -> None:
    name = "제품사진.jpg"
    path = project.product_file("p", front(images=f"images:\n  - src: {name}\n    alt: 사진"))
    make_image(path.parent / unicodedata.normalize("NFD", name))
    assert problems_of(project) == []


def test_duplicate_slug_after_normalisation(project: Project) -> None:
    nfc = "한글제품"
    for form in ("NFC", "NFD"):
        slug = unicodedata.normalize(form, nfc)
        path = project.product_file(slug, front())
        make_image(path.parent / "photo.jpg")
    found = problems_of(project)
    assert len([f for f in found if "is already used by" in f]) == 1
    assert (
        f"content/products/{nfc}/index.md: slug: the slug '{nfc}' is already used by "
        f"content/products/{nfc}/index.md (names that differ only in Unicode normalisation "
        "are the same slug)" in found
    )


def test_bad_slug(project: Project) -> None:
    path = project.product_file("My Product", front())
    make_image(path.parent / "photo.jpg")
    assert (
        "content/products/My Product/index.md: slug: the file name gives 'My Product' is "
        "not a valid slug: use lowercase letters, digits and single hyphens "
        "(e.g. smart-led-lamp)" in problems_of(project)
    )


COMPANY_CASES = [
    pytest.param("business_number", '"123-45-678"',
                 "a business number (사업자등록번호) must be 10 digits, got '123-45-678'",
                 id="business-number"),
    pytest.param("phone", '"052-12"', "'052-12' is not a phone number like 052-123-4567",
                 id="company-phone"),
    pytest.param("email", "sales(at)example.kr",
                 "'sales(at)example.kr' is not an e-mail address like sales@example.kr",
                 id="company-email"),
    pytest.param("homepage", "www.example.kr",
                 "'www.example.kr' is not a web address starting with https://", id="homepage"),
    pytest.param("district", "강남구", "'강남구' is not one of: 중구, 남구, 동구, 북구, 울주군",
                 id="district"),
    pytest.param("flags", "[벤쳐]",
                 "'벤쳐' is not one of: 벤처, 이노비즈, 메인비즈, 여성기업, 장애인기업, "
                 "사회적기업, 중소기업", id="flag"),
]  # fmt: skip


@pytest.mark.parametrize(("key", "value", "message"), COMPANY_CASES)
def test_company_rule(project: Project, key: str, value: str, message: str) -> None:
    path = project.root / "content/companies/acme.yml"
    lines = [*path.read_text(encoding="utf-8").splitlines(), "flags: []"]
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith(f"{key}:"))
    lines[number - 1] = f"{key}: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    field = f"{key}[0]" if key == "flags" else key
    assert f"content/companies/acme.yml:{number}: {field}: {message}" in problems_of(project)


def test_a_product_of_a_broken_company_is_told_to_fix_that_file(project: Project) -> None:
    """A company file with errors is not "no file": its products say which file to fix."""
    path = project.root / "content/companies/acme.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("phone:", "phone: x\nold_phone:", 1), encoding="utf-8")
    found = problems_of(project)
    assert any(line.startswith("content/companies/acme.yml:") for line in found)
    broken = (
        "company: company 'acme' cannot be used: content/companies/acme.yml has errors "
        "(listed for that file); fix it first"
    )
    pointing = [line for line in found if line.endswith(broken)]
    assert pointing and all(line.startswith("content/products/") for line in pointing)
    assert not any("no file content/companies/acme.yml" in line for line in found)


def test_category_needs_name_and_order(project: Project) -> None:
    project.write("content/categories/empty.yml", "description: 설명\n")
    found = problems_of(project)
    assert "content/categories/empty.yml:1: name: required field is missing" in found
    assert "content/categories/empty.yml:1: order: required field is missing" in found


def test_empty_category_file(project: Project) -> None:
    project.write("content/categories/empty.yml", "")
    assert "content/categories/empty.yml:1: name: required field is missing" in problems_of(project)


def test_yaml_is_read_as_typed(project: Project) -> None:
    """YAML 1.1 surprises (octal, booleans, sexagesimal) never reach a text field."""
    path = project.product_file("p", front("model: NO\nspec: 0123\nunit: 1:20\n"))
    make_image(path.parent / "photo.jpg")
    assert problems_of(project) == []


def test_unsafe_yaml_tags_are_not_executed(project: Project) -> None:
    path = project.product_file(
        "p", front("usage: !!python/object/apply:os.system ['echo hacked']\n")
    )
    make_image(path.parent / "photo.jpg")
    found = problems_of(project)
    assert len(found) == 1
    assert found[0] == (
        f"{P}:10: YAML: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
        "allowed (column 8)"
    )
