"""The web editor's forms: a Sveltia CMS configuration written from the same declarations that
validate content (`content/declarations.py`), the way `fields/json_schema.py` writes the JSON
Schemas from them.

Each declared field becomes a form field: text a `string` (a `text` box where several lines are
usual), a formatted text a `string` with the format's expression as its `pattern`, choices a
`select`, whole numbers a `number`, true/false a `boolean`, dates a date picker, lists a `list`
(of records: a list of sub-forms), the `specs` mapping a `keyvalue` table and a record an
`object`. What a type alone does not say is in `WIDGETS` (the category and company are relation
fields over the other collections; photos and the brochure are files beside index.md), and the
words come from the theme's strings: `cms_<record>_<field>` labels a field, `…_hint` explains
it. Checks over several fields (the detailed number starting with the classification number,
`until` after `from`, an existing photo) stay with `showroom check` in the pull request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any

import yaml

from showroom.config import Config
from showroom.content import declarations
from showroom.content.bundle import PHOTO_EXTENSIONS
from showroom.fields.containers import ListOf, MapOf
from showroom.fields.formats import Format
from showroom.fields.languages import TEXT_SUFFIX
from showroom.fields.records import Field, Record
from showroom.fields.scalars import Boolean, Date, Integer, Text
from showroom.fields.types import FieldType
from showroom.theme.strings import Strings

JSON = dict[str, Any]  # Any: a CMS configuration holds any YAML value (lists, numbers, text)

#: The fields edited with a widget their type does not name, by `<record>.<field>`.
WIDGETS: Mapping[str, JSON] = {
    "product.category": {
        "widget": "relation",
        "collection": "categories",
        "value_field": "{{slug}}",
        "search_fields": ["name"],
        "display_fields": ["name"],
    },
    "product.company": {
        "widget": "relation",
        "collection": "companies",
        "value_field": "{{slug}}",
        "search_fields": ["name", "business_number"],
        "display_fields": ["name"],
    },
    "image.src": {"widget": "image", "accept": ",".join(chain(*PHOTO_EXTENSIONS.values()))},
    "product.brochure": {"widget": "file", "accept": "application/pdf"},
}

#: Text fields that usually take more than a line: a box of several lines.
MULTILINE = frozenset(
    {"category.description", "company.description", "company.address", "product.summary",
     "product.usage"}
)  # fmt: skip

#: Declared fields the forms leave out on purpose, with the reason (`<record>.<field>`).
#: None today: every field has a form field (tests/test_cms.py holds the forms to it).
LEFT_OUT: Mapping[str, str] = {}

#: Kinds of content file with no collection, by their declaration in `content/declarations.py`,
#: with the reason.
LEFT_OUT_FILES: Mapping[str, str] = {
    "SYNONYMS": "content/search/synonyms.yml: the reason for each group is a YAML comment above "
    "it, which the CMS, writing the file anew from its values, would not keep; it is edited in "
    "GitHub's editor with its JSON Schema and `showroom check`",
}


@dataclass(frozen=True)
class Collection:
    """One kind of content file as the CMS lists and edits it."""

    name: str  # the collection ("products"); the strings' `cms_<name>` names it
    kind: str  # the record's name in the strings keys ("product")
    record: Record
    folder: str
    options: Mapping[str, object]  # how its files are laid out (see `_collections`)


def collections(config: Config) -> tuple[Collection, ...]:
    """Products as folder bundles (photos beside index.md), companies and categories."""
    yml = {"extension": "yml", "format": "yaml"}
    languages = config.languages
    bundle = {
        "path": "{{slug}}/index",
        "extension": "md",
        "format": "yaml-frontmatter",
        "media_folder": "",  # relative to the entry: beside index.md
        "public_folder": "",  # and named by the file name alone
    }
    return (
        Collection(
            "products", "product", declarations.product_fields(languages), "content/products",
            bundle,
        ),
        Collection(
            "companies", "company", declarations.company_fields(config.districts, languages),
            "content/companies", yml,
        ),
        Collection(
            "categories", "category", declarations.category_fields(languages),
            "content/categories", yml,
        ),
    )  # fmt: skip


def cms_config(config: Config, strings: Strings, repository: str) -> JSON:
    """The whole configuration (`admin/config.yml`) for the site's GitHub repository."""
    backend: JSON = {"name": "github", "repo": repository, "branch": config.admin.branch}
    if config.admin.auth_url:
        backend["base_url"] = config.admin.auth_url.rstrip("/")
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "app_title": strings["cms_app_title"].format(site=config.title),
        "site_url": config.base_url,
        "display_url": config.base_url,
        # the asset library's folder: it holds every product's photos (a file uploaded there
        # by itself belongs to no product, and the loader passes over it)
        "media_folder": "content/products",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "output": {"omit_empty_optional_fields": True},
        "collections": [_collection(c, strings) for c in collections(config)],
    }


def _collection(collection: Collection, strings: Strings) -> JSON:
    name = collection.name
    fields = _fields(collection.record, collection.kind, strings)
    if collection.kind == "product":
        body = {"name": "body", "widget": "markdown", "required": False}
        fields.append({**_words(f"{collection.kind}.body", strings), **body})
    return {
        "name": name,
        "label": strings[f"cms_{name}"],
        "label_singular": strings[f"cms_{name}_one"],
        "description": strings[f"cms_{name}_description"],
        "folder": collection.folder,
        **collection.options,
        "identifier_field": "name",
        "slug": {"editable": ["create"]},  # typed in when the file is made: its name, its URL
        "summary": "{{name}}",
        "create": True,
        "fields": fields,
    }


def _fields(record: Record, scope: str, strings: Strings) -> list[JSON]:
    """The form fields of a record; `scope` names it in the strings keys."""
    found = []
    for name, spec in record.fields.items():
        path = f"{scope}.{name}"
        if path not in LEFT_OUT:
            found.append(_field(name, spec, path, strings))
    return found


def _field(name: str, spec: Field, path: str, strings: Strings) -> JSON:
    result: JSON = {"name": name, **_words(path, strings)}
    result.update(WIDGETS.get(path) or _widget(spec.type, path, strings))
    if not spec.required:
        result["required"] = False  # the CMS's default is required
    return result


def _words(path: str, strings: Strings) -> JSON:
    """A field's label and, if the strings have one, its hint."""
    key = "cms_" + path.replace(".", "_")
    words: JSON = {"label": strings[key]}
    if f"{key}_hint" in strings:
        words["hint"] = strings[f"{key}_hint"]
    return words


def _widget(kind: FieldType, path: str, strings: Strings) -> JSON:
    """The widget and its options for a value of `kind`."""
    if isinstance(kind, Record):
        return {"widget": "object", "fields": _fields(kind, _scope(kind), strings)}
    if isinstance(kind, ListOf):
        return _list(kind, path, strings)
    if isinstance(kind, MapOf):
        return {
            "widget": "keyvalue",
            "key_label": strings["cms_keyvalue_key"],
            "value_label": strings["cms_keyvalue_value"],
        }
    if isinstance(kind, Text):
        return _text(kind, path, strings)
    if isinstance(kind, Integer):
        if kind.choices:
            options = [
                {"label": strings[f"cms_{_key(path)}_{c}"], "value": c} for c in kind.choices
            ]
            return {"widget": "select", "options": options}
        number: JSON = {"widget": "number", "value_type": "int"}
        if kind.minimum is not None:
            number["min"] = kind.minimum
        return number
    if isinstance(kind, Boolean):
        return {"widget": "boolean"}
    if isinstance(kind, Date):
        return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    raise TypeError(f"no CMS widget for {type(kind).__name__} ({path})")


def _list(kind: ListOf, path: str, strings: Strings) -> JSON:
    item = kind.item
    result: JSON
    if isinstance(item, Text) and item.choices:
        result = {"widget": "select", "multiple": True, "options": list(item.choices)}
    elif isinstance(item, Record):
        result = {"widget": "list", "fields": _fields(item, _scope(item), strings)}
        first = next(iter(item.fields))
        result["summary"] = "{{fields." + first + "}}"
    else:
        result = {"widget": "list"}  # a list of lines of text
    if kind.min_items:
        result["min"] = kind.min_items
    return result


def _scope(record: Record) -> str:
    """A nested record's name in the strings keys: a translation block ("product text") is
    labelled as the record it translates."""
    return record.name.removesuffix(TEXT_SUFFIX)


def _text(kind: Text, path: str, strings: Strings) -> JSON:
    if kind.choices:
        return {"widget": "select", "options": list(kind.choices)}
    if isinstance(kind.check, Format):
        message = strings[f"cms_pattern_{_key(kind.label)}"]
        return {"widget": "string", "pattern": [rf"^\s*(?:{kind.check.pattern})\s*$", message]}
    return {"widget": "text" if path in MULTILINE else "string"}


def _key(text: str) -> str:
    """A strings key part from a field's path or a type's label ("e-mail address" →
    "e_mail_address")."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


#: The CMS's JSON Schema of this file, for an editor that opens it (VS Code's YAML extension).
MODELINE = "# yaml-language-server: $schema=https://unpkg.com/@sveltia/cms/schema/sveltia-cms.json"


def render_yaml(data: JSON) -> str:
    """The configuration as YAML: in the declarations' order, the same bytes every build."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: 30 ms less, same text
    text: str = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=4096)
    return f"{MODELINE}\n# Written by Showroom from its declarations; edit those, not this.\n{text}"
