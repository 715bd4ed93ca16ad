"""The JSON Schemas for editors agree with the validator they are written from.

Every sample file is valid against its schema; every file the validator rejects for a type,
required-field or format reason is rejected by the schema too (checked on the validator's own
rule tables); values the validator accepts raise no false alarm in the editor, except the few
places where the schema asks for the documented way of writing a value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from showroom.cli import main
from showroom.config import load_config
from showroom.content.loader import load_references
from showroom.editor.schemas import (
    MODELINE_PREFIX,
    file_name,
    modeline,
    project_schemas,
    render,
    write_schemas,
)
from showroom.fields.json_schema import JSON
from showroom.problems import Problems
from tests import test_validation
from tests.checking import problems_of
from tests.projects import Project, make_image
from tests.yaml_core import load, load_front_matter

ROOT = Path(__file__).resolve().parent.parent
P = test_validation.P


def schemas_of(config_file: Path) -> dict[str, JSON]:
    problems = Problems()
    config = load_config(config_file, problems)
    categories, companies = load_references(config, problems)
    return project_schemas(config, categories, companies)


def schema_errors(schema: JSON, instance: Any) -> list[str]:
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    return [
        f"{'.'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(instance)
    ]


def rejects(project: Project, path: str) -> bool:
    """Whether `showroom check` reports an error (not a warning) in the file."""
    return any(p.startswith(f"{path}:") and ": warning: " not in p for p in problems_of(project))


@pytest.fixture(scope="module")
def sample_schemas() -> dict[str, JSON]:
    return schemas_of(ROOT / "showroom.yml")


def test_schemas_are_valid_draft_07(sample_schemas: dict[str, JSON]) -> None:
    assert sorted(sample_schemas) == sorted(
        file_name(k) for k in ("category", "company", "product", "synonyms", "config")
    )
    for schema in sample_schemas.values():
        jsonschema.Draft7Validator.check_schema(schema)
        assert schema["additionalProperties"] is False


def test_committed_schemas_are_current(sample_schemas: dict[str, JSON]) -> None:
    for name, schema in sample_schemas.items():
        committed = ROOT / "schemas" / name
        assert committed.read_text(encoding="utf-8") == render(schema), (
            f"schemas/{name} is out of date; run: python -m showroom schema"
        )


def sample_files() -> list[tuple[str, Path]]:
    files = [("config", ROOT / "showroom.yml")]
    files += [("category", p) for p in sorted((ROOT / "content/categories").glob("*.yml"))]
    files += [("company", p) for p in sorted((ROOT / "content/companies").glob("*.yml"))]
    files += [("product", p) for p in sorted((ROOT / "content/products").glob("*/index.md"))]
    files.append(("synonyms", ROOT / "content/search/synonyms.yml"))
    return files


def test_every_sample_file_is_valid(sample_schemas: dict[str, JSON]) -> None:
    files = sample_files()
    assert len(files) > 60
    for kind, path in files:
        text = path.read_text(encoding="utf-8")
        instance = load_front_matter(text) if kind == "product" else load(text)
        assert schema_errors(sample_schemas[file_name(kind)], instance) == [], path


def modeline_of(kind: str, path: Path) -> str:
    """The modeline a file has: the first line, or the first line of a product's front matter."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if kind == "product":
        assert lines[0] == "---", path
        return lines[1]
    return lines[0]


def test_sample_files_start_with_a_modeline() -> None:
    for kind, path in sample_files():
        line = modeline_of(kind, path)
        assert line == modeline(path, ROOT / "schemas" / file_name(kind)), path
        target = path.parent / line.removeprefix(MODELINE_PREFIX)
        assert target.resolve() == (ROOT / "schemas" / file_name(kind)).resolve()
        assert target.is_file()


def test_new_product_scaffold_has_a_modeline_and_fits_the_schema(project: Project) -> None:
    assert main(["new", "-f", str(project.config_file), "product", "smart-lamp"]) == 0
    index = project.root / "content/products/smart-lamp/index.md"
    line = modeline_of("product", index)
    assert line == f"{MODELINE_PREFIX}../../../schemas/product.schema.json"
    write_schemas(project.config_file)
    schema_file = index.parent / line.removeprefix(MODELINE_PREFIX)
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema_errors(schema, load_front_matter(index.read_text(encoding="utf-8"))) == []


def test_sample_schemas_list_the_project_slugs(sample_schemas: dict[str, JSON]) -> None:
    product = sample_schemas["product.schema.json"]["properties"]
    categories = sorted(p.stem for p in (ROOT / "content/categories").glob("*.yml"))
    assert sorted(product["category"]["enum"]) == categories
    assert "전기·전자" in product["category"]["enumDescriptions"]
    companies = sorted(p.stem for p in (ROOT / "content/companies").glob("*.yml"))
    assert sorted(product["company"]["enum"]) == companies


# Cases of the validator's table that no schema of one file can decide: they need another
# file or compare two fields (showroom check reports them), or they are YAML syntax, which
# the editor's parser reports before any schema.
NOT_FOR_A_SCHEMA = {
    "until-before-from",
    "designation-over-3-years",
    "designation-over-6-years",
    "detailed-starts-with-classification",
    "item-id-differs",
    "image-missing",
    "duplicate-key",
    "specs-duplicate-row",
    "yaml-syntax",
    "yaml-colon",
}
PRODUCT_CASES = [c for c in test_validation.PRODUCT_CASES if c.id not in NOT_FOR_A_SCHEMA]


@pytest.mark.parametrize(("front_matter", "expected"), PRODUCT_CASES)
def test_schema_rejects_what_the_validator_rejects(
    project: Project, front_matter: str, expected: str
) -> None:
    path = project.product_file("p", front_matter)
    make_image(path.parent / "photo.jpg")
    assert expected in problems_of(project)
    errors = schema_errors(
        schemas_of(project.config_file)["product.schema.json"],
        load_front_matter(path.read_text(encoding="utf-8")),
    )
    assert errors, f"the schema accepts what showroom check reports: {expected}"


@pytest.mark.parametrize(("key", "value", "message"), test_validation.COMPANY_CASES)
def test_company_fields_rejects_what_the_validator_rejects(
    project: Project, key: str, value: str, message: str
) -> None:
    path = project.root / "content/companies/acme.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith(f"{key}:")] + [f"{key}: {value}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert rejects(project, "content/companies/acme.yml")
    errors = schema_errors(
        schemas_of(project.config_file)["company.schema.json"],
        load(path.read_text(encoding="utf-8")),
    )
    assert errors, message


def test_category_schema_requires_name_and_order(project: Project) -> None:
    path = project.write("content/categories/empty.yml", "description: 설명\n")
    assert rejects(project, "content/categories/empty.yml")
    errors = schema_errors(
        schemas_of(project.config_file)["category.schema.json"],
        load(path.read_text(encoding="utf-8")),
    )
    assert errors == [": 'name' is a required property", ": 'order' is a required property"]


front = test_validation.front

# (front matter, does showroom check accept it, does the editor's schema accept it)
AGREEMENT = [
    pytest.param(front(), True, True, id="minimal"),
    pytest.param(front("model: 100\nspec: 0123\nunit: 1:20\n"), True, True, id="text-as-typed"),
    pytest.param(front("model: NO\nusage: yes\n"), True, True, id="yaml-1.1-words-are-text"),
    pytest.param(front("keywords: [2024, LED, true]\n"), True, True, id="keywords-numbers"),
    pytest.param(front("specs:\n  무게: 3\n  방수: IP67\n"), True, True, id="specs-numbers"),
    pytest.param(front("model:\nprice:\ncontact:\n"), True, True, id="empty-optional-fields"),
    pytest.param(front("price: 0\ndraft: false\n"), True, True, id="number-and-boolean"),
    pytest.param(front("inquiry: mailto:sales@example.kr?subject=구매\n"), True, True, id="mailto"),
    pytest.param(front("inquiry: sales@example.kr\n"), True, True, id="bare-email"),
    pytest.param(front("video: https://www.youtube.com/watch?v=x\n"), True, True, id="video"),
    pytest.param(
        front('procurement:\n  classification_number: "3911-1609"\n  item_id: "2441 7093"\n'),
        True, True, id="digits-with-separators",
    ),
    pytest.param(front("contact:\n  email: kim@example.kr\n"), True, True, id="contact-email"),
    pytest.param(front("contact:\n  phone: 1588-1234\n"), True, True, id="contact-phone"),
    pytest.param(front("contact:\n  name: 김\n  phone:\n"), False, False, id="contact-empty"),
    pytest.param(
        front(images="images:\n  - src: photo.jpg\n    alt: 사진\n    focus: 30% 40%"),
        True, True, id="focus",
    ),
    pytest.param(
        front("innovation:\n  type: 2\n  number: I-1\n  from: 2025-01-01\n  until: 2027-12-31\n"),
        True, True, id="innovation",
    ),
    pytest.param(front("price: -1\n"), False, False, id="negative-price"),
    pytest.param(front("price: 1.5\n"), False, False, id="fraction"),
    pytest.param(front("date: 2025-1-5\n", date=None), False, False, id="date-short"),
    pytest.param(front("innovation: 2\n"), False, False, id="record-as-text"),
    pytest.param(front(images="images:\n  - photo.jpg"), False, False, id="image-as-text"),
    pytest.param(front(images="images:\n  - src: photo.jpg\n    alt:"), False, False,
                 id="required-empty-in-list"),
    pytest.param(front("name: '  '\n", name=None), False, False, id="blank-text"),
    pytest.param(front("video: www.example.kr\n"), False, False, id="url-without-scheme"),
    # Where the schema asks for the documented way of writing a value (README: quote
    # identifiers; write true/false; whole numbers without quotes). Showroom accepts these.
    pytest.param(front("draft: yes\n"), True, False, id="stricter-yes-for-true"),
    pytest.param(front('price: "1250000"\n'), True, False, id="stricter-quoted-number"),
    pytest.param(
        front("procurement:\n  classification_number: 39111609\n"), True, False,
        id="stricter-unquoted-identifier",
    ),
    pytest.param(front("contact:\n  phone: 0522581234\n"), True, False, id="stricter-phone"),
    # An unknown key: a warning in showroom check (ignored), a warning in the editor too.
    pytest.param(front("colour: 빨강\n"), True, False, id="unknown-key"),
]  # fmt: skip


@pytest.mark.parametrize(("front_matter", "showroom_accepts", "schema_accepts"), AGREEMENT)
def test_schema_and_validator_agree(
    project: Project, front_matter: str, showroom_accepts: bool, schema_accepts: bool
) -> None:
    path = project.product_file("p", front_matter)
    make_image(path.parent / "photo.jpg")
    showroom_ok = not rejects(project, P)
    assert showroom_ok == showroom_accepts, problems_of(project)
    errors = schema_errors(
        schemas_of(project.config_file)["product.schema.json"],
        load_front_matter(path.read_text(encoding="utf-8")),
    )
    assert (errors == []) == schema_accepts, errors


def test_schema_command_writes_into_the_project(project: Project) -> None:
    written = write_schemas(project.config_file)
    assert [p.name for p in written.files] == [
        "category.schema.json",
        "company.schema.json",
        "product.schema.json",
        "synonyms.schema.json",
        "config.schema.json",
    ]
    assert all(p.parent == project.root / "schemas" for p in written.files)
    product = json.loads((project.root / "schemas/product.schema.json").read_text(encoding="utf-8"))
    assert product["properties"]["category"]["enum"] == ["machinery", "food"]
    assert problems_of(project) == []


def test_check_warns_when_a_schema_is_out_of_date(project: Project) -> None:
    write_schemas(project.config_file)
    project.category("tools", "공구", 3)
    assert problems_of(project) == [
        "schemas/product.schema.json: warning: out of date (a category, company or district "
        "changed, or Showroom was updated); run: showroom schema"
    ]


def test_schema_command(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    out = project.root / "elsewhere"
    assert main(["schema", "-f", str(project.config_file), "-d", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 5 and all(line.startswith("Wrote ") for line in printed)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        file_name(k) for k in ("category", "company", "product", "synonyms", "config")
    )
    assert not (project.root / "schemas").exists()
