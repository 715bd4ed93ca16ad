"""The web editor at /admin/: its configuration, written from the declarations, against the
CMS's own JSON Schema; every declared field has a form field; the setting that turns it off."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from showroom.build import BuildOptions, build
from showroom.config import load_config
from showroom.content import declarations
from showroom.editor import admin, cms
from showroom.fields.containers import ListOf
from showroom.fields.languages import TEXT_SUFFIX
from showroom.fields.records import Record
from showroom.problems import Problems
from showroom.theme.folders import DEFAULT_THEME
from showroom.theme.strings import load_strings
from tests.checking import BUILD_DATE, problems_of
from tests.conftest import ROOT
from tests.projects import Project

#: Sveltia CMS's JSON Schema of config.yml, from the vendored package (tools/vendor_sveltia.py).
SCHEMA = json.loads((ROOT / "tests/data/sveltia-cms.schema.json").read_text(encoding="utf-8"))
PAGES_URL = "https://ulsan-city.github.io/showroom/"
Config = dict[str, Any]  # Any: the CMS configuration as YAML gives it


def built(project: Project, base_url: str = PAGES_URL, admin_yaml: str = "") -> Path:
    """Build the project for `base_url` (and the `admin:` lines given); its output folder."""
    text = project.config_file.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^base_url: .*$", f"base_url: {base_url}", text) + admin_yaml
    project.config_file.write_text(text, encoding="utf-8")
    build(BuildOptions(project.config_file, date=BUILD_DATE, pdf=False, search=False))
    return project.out


def cms_config(out: Path) -> Config:
    data: Config = yaml.safe_load((out / "admin/config.yml").read_text(encoding="utf-8"))
    return data


def collection(config: Config, name: str) -> Config:
    found: Config = next(c for c in config["collections"] if c["name"] == name)
    return found


def field(fields: list[Config], path: str) -> Config:
    """A form field by its dotted path (`contact.phone`)."""
    head, _, rest = path.partition(".")
    found: Config = next(f for f in fields if f["name"] == head)
    return field(found["fields"], rest) if rest else found


def test_config_is_valid_for_the_cms(project: Project) -> None:
    config = cms_config(built(project))
    validator = jsonschema.Draft7Validator(SCHEMA)
    assert [e.message for e in validator.iter_errors(config)] == []
    # the schema has teeth: a misspelt option of a collection, a field or the backend, or a
    # pattern that is not [expression, message], is refused (a misspelt widget name is not: the
    # schema takes it for a custom widget)
    for mistake in ("extention", "value_typ", "pattern", "githb"):
        wrong = copy.deepcopy(config)
        companies = collection(wrong, "companies")
        if mistake == "extention":
            companies["extention"] = "yml"
        elif mistake == "value_typ":
            field(collection(wrong, "products")["fields"], "price")["value_typ"] = "int"
        elif mistake == "pattern":
            field(companies["fields"], "phone")["pattern"] = "[0-9]+"
        else:
            wrong["backend"]["name"] = "githb"
        assert list(validator.iter_errors(wrong)), mistake


def _declared(record: Record, scope: str) -> Iterator[tuple[str, str]]:
    """(dotted path in the file, the strings' record.field) of every declared field."""
    for name, spec in record.fields.items():
        yield name, f"{scope}.{name}"
        kind = spec.type.item if isinstance(spec.type, ListOf) else spec.type
        if isinstance(kind, Record) and f"{scope}.{name}" not in cms.WIDGETS:
            for path, key in _declared(kind, kind.name.removesuffix(TEXT_SUFFIX)):
                yield f"{name}.{path}", key


def test_every_kind_of_content_file_has_a_collection(project: Project) -> None:
    """A file's declaration is a record with no name (a nested record has one); each is a
    collection's, or left out with the reason."""
    config = load_config(project.config_file, Problems())
    made = {id(c.record) for c in cms.collections(config)}
    for name, value in vars(declarations).items():
        if name.startswith("_"):  # a record the files' declarations are made of (_PRODUCT)
            continue
        if isinstance(value, Record) and not value.name and id(value) not in made:
            assert cms.LEFT_OUT_FILES.get(name), f"{name} has no collection and no reason"
    assert set(cms.LEFT_OUT_FILES) <= set(vars(declarations))


@pytest.mark.parametrize("languages", ["", "languages: [ko, en]\n"])
def test_every_field_has_a_form_field(project: Project, languages: str) -> None:
    """Every field, the translation blocks' too (`en:`, labelled 영어)."""
    out = built(project, admin_yaml=languages)
    config = cms_config(out)
    assert [e.message for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(config)] == []
    strings = load_strings([DEFAULT_THEME / "strings/ko.yml"])
    settings = load_config(project.config_file, Problems())
    kinds = {
        "products": (declarations.product_fields(settings.languages), "product"),
        "companies": (
            declarations.company_fields(settings.districts, settings.languages),
            "company",
        ),
        "categories": (declarations.category_fields(settings.languages), "category"),
    }
    assert all(("en" in r.fields) == bool(languages) for r, _ in kinds.values())
    assert sorted(c["name"] for c in config["collections"]) == sorted(kinds)
    for name, (record, scope) in kinds.items():
        fields = collection(config, name)["fields"]
        for path, key in _declared(record, scope):
            if key in cms.LEFT_OUT:
                assert cms.LEFT_OUT[key], f"{key} is left out without a reason"
                continue
            form = field(fields, path)
            assert form["label"] == strings["cms_" + key.replace(".", "_")], path
            spec = _spec(record, path)
            assert form.get("required", True) == spec.required, path
        made = {f["name"] for f in fields} - {"body"}
        assert made == set(record.fields) - {k.split(".")[1] for k in cms.LEFT_OUT}, name


def _spec(record: Record, path: str) -> Any:  # Any: a Field of any record
    head, _, rest = path.partition(".")
    spec = record.fields[head]
    if not rest:
        return spec
    kind = spec.type.item if isinstance(spec.type, ListOf) else spec.type
    assert isinstance(kind, Record)
    return _spec(kind, rest)


def test_widgets_follow_the_declarations(project: Project) -> None:
    config = cms_config(built(project))
    products = collection(config, "products")
    fields = products["fields"]
    # products are folder bundles, the photos beside index.md
    assert products["folder"] == "content/products"
    assert products["path"] == "{{slug}}/index"
    assert (products["media_folder"], products["public_folder"]) == ("", "")
    assert field(fields, "category")["widget"] == "relation"
    assert field(fields, "category")["collection"] == "categories"
    assert field(fields, "company")["collection"] == "companies"
    assert field(fields, "images")["min"] == 1
    assert field(fields, "images.src")["widget"] == "image"
    assert ".heic" in field(fields, "images.src")["accept"].split(",")  # phone photos too
    assert field(fields, "brochure")["widget"] == "file"
    assert field(fields, "specs")["widget"] == "keyvalue"
    assert field(fields, "features")["widget"] == "list"
    assert field(fields, "price") | {"label": ""} == {
        "name": "price", "label": "", "hint": field(fields, "price")["hint"],
        "widget": "number", "value_type": "int", "min": 0, "required": False,
    }  # fmt: skip
    assert [o["value"] for o in field(fields, "innovation.type")["options"]] == [1, 2, 3]
    assert field(fields, "excellent_procurement.from")["widget"] == "datetime"
    assert field(fields, "body")["widget"] == "markdown"
    companies = collection(config, "companies")["fields"]
    assert field(companies, "district")["options"] == ["중구", "남구", "동구", "북구", "울주군"]
    flags = field(companies, "flags")
    assert (flags["widget"], flags["multiple"]) == ("select", True)
    assert flags["options"] == list(declarations.COMPANY_FLAGS)
    # a format is the same expression the CMS checks in the browser
    phone = field(companies, "contact.phone")["pattern"][0]
    assert re.search(phone, "052-123-4567") and not re.search(phone, "052-123")
    number = field(fields, "procurement.classification_number")["pattern"][0]
    assert re.search(number, "4511-1701") and not re.search(number, "451117011")


def test_backend_and_page(project: Project) -> None:
    out = built(project, admin_yaml="admin:\n  auth_url: https://auth.example.workers.dev/\n")
    config = cms_config(out)
    assert config["backend"] == {
        "name": "github",
        "repo": "ulsan-city/showroom",  # from the github.io address
        "branch": "main",
        "base_url": "https://auth.example.workers.dev",
    }
    assert config["publish_mode"] == "editorial_workflow"
    page = BeautifulSoup((out / "admin/index.html").read_text(encoding="utf-8"), "html.parser")
    robots = page.find("meta", attrs={"name": "robots"})
    assert robots is not None and "noindex" in str(robots["content"])
    scripts = [str(s["src"]) for s in page.find_all("script", src=True)]
    assert scripts == ["sveltia-cms.js"]  # beside the page, under any base path
    assert (out / "admin/sveltia-cms.js").is_file()
    assert (out / "admin/chunks/react-dom.js").is_file()
    assert "admin" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    text = (out / "admin/sveltia-cms.js").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net/fontsource" not in text and "githubstatus.com/api" not in text


def test_configuration_is_the_same_every_build(project: Project) -> None:
    out = built(project)
    first = (out / "admin/config.yml").read_bytes()
    build(BuildOptions(project.config_file, date=BUILD_DATE, pdf=False, search=False, clean=True))
    assert (out / "admin/config.yml").read_bytes() == first


@pytest.mark.parametrize(
    ("base_url", "admin_yaml", "repository"),
    [
        pytest.param(PAGES_URL, "", "ulsan-city/showroom", id="github-pages"),
        pytest.param(
            "https://ulsan-city.github.io/",
            "",
            "ulsan-city/ulsan-city.github.io",
            id="github-pages-root",
        ),
        pytest.param("https://example.org/", "", None, id="no-repository"),
        pytest.param(
            "https://example.org/",
            "admin:\n  repository: city/site\n",
            "city/site",
            id="repository-set",
        ),
        pytest.param(PAGES_URL, "admin:\n  enabled: false\n", None, id="turned-off"),
    ],
)
def test_published_when_on_and_the_repository_is_known(
    project: Project, base_url: str, admin_yaml: str, repository: str | None
) -> None:
    out = built(project, base_url, admin_yaml)
    if repository is None:
        assert not (out / "admin").exists()
    else:
        assert cms_config(out)["backend"]["repo"] == repository
    if "enabled: false" not in admin_yaml:
        found = admin.repository(load_config(project.config_file, Problems()))
        assert found == (repository or "")


def test_setting_problems_name_the_line(project: Project) -> None:
    project.config_file.write_text(
        project.config_file.read_text(encoding="utf-8")
        + "admin:\n  repository: not a repository\n  enabld: false\n",
        encoding="utf-8",
    )
    found = problems_of(project)
    lines = project.config_file.read_text(encoding="utf-8").splitlines()
    line = lines.index("  repository: not a repository") + 1
    assert any(
        p.startswith(f"showroom.yml:{line}: admin.repository: 'not a repository' is not a GitHub")
        for p in found
    ), found
    assert any("admin.enabld: unknown field; did you mean 'enabled'?" in p for p in found), found
