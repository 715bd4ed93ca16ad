"""`showroom schema`: the project's JSON Schemas for editors, and the modelines that use them.

One schema per kind of file (category, company, product front matter, the search synonyms,
showroom.yml), written from the declarations in `content/declarations.py` and `config.py`. The
product schema lists the project's own category and company slugs (with their names), so the
editor completes them and flags a reference to a file that does not exist; the schemas
therefore go out of date when a category or company is added, and `showroom check` warns when
they have.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from showroom import config as config_module
from showroom.config import Config, load_config
from showroom.content import declarations
from showroom.content.loader import load_references
from showroom.content.model import Category, Company
from showroom.errors import ConfigError, ContentError
from showroom.fields.json_schema import JSON, document_schema
from showroom.messages import N_
from showroom.problems import Problems

SCHEMA_DIR = "schemas"
MODELINE_PREFIX = "# yaml-language-server: $schema="
KINDS = ("category", "company", "product", "synonyms", "config")


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def project_schemas(
    config: Config, categories: Sequence[Category], companies: Sequence[Company]
) -> dict[str, JSON]:
    """Every schema of the project by file name."""
    category_names = {c.slug: c.name for c in sorted(categories, key=lambda c: (c.order, c.slug))}
    company_names = {c.slug: c.name for c in sorted(companies, key=lambda c: c.slug)}
    found = {
        "category": document_schema(
            declarations.category_fields(config.languages),
            "Showroom category",
            "A product-group hall: content/categories/<slug>.yml",
        ),
        "company": document_schema(
            declarations.company_fields(config.districts, config.languages),
            "Showroom company",
            "A company that products refer to: content/companies/<slug>.yml",
        ),
        "product": document_schema(
            declarations.product_fields(config.languages),
            "Showroom product",
            "The front matter of content/products/<slug>/index.md (between the two --- lines)",
            {"category": category_names, "company": company_names},
        ),
        "synonyms": document_schema(
            declarations.SYNONYMS,
            "Showroom search synonyms",
            "Synonyms and spelling variants for search: content/search/synonyms.yml",
        ),
        "config": document_schema(
            config_module.FIELDS, "Showroom settings", "The site's settings: showroom.yml"
        ),
    }
    return {file_name(kind): found[kind] for kind in KINDS}


def render(schema: JSON) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class Written:
    files: tuple[Path, ...]
    content_errors: int  # categories or companies left out because they have errors


def write_schemas(config_file: Path, out: Path | None = None) -> Written:
    """Write the schemas into `out` (default: the project's schemas/ folder)."""
    problems = Problems()
    try:
        config = load_config(config_file, problems)
    except ConfigError:
        if problems.errors:
            raise ContentError(problems.sorted()) from None
        raise
    categories, companies = load_references(config, problems)
    folder = out if out is not None else config.root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in project_schemas(config, categories, companies).items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return Written(tuple(written), len(problems.errors))


def check_current(
    config: Config,
    categories: Sequence[Category],
    companies: Sequence[Company],
    problems: Problems,
) -> None:
    """Warn about each schema in the project's schemas/ folder that is out of date."""
    folder = config.root / SCHEMA_DIR
    if not folder.is_dir():
        return
    for name, schema in project_schemas(config, categories, companies).items():
        path = folder / name
        if path.is_file() and path.read_text(encoding="utf-8") != render(schema):
            problems.warn(
                f"{SCHEMA_DIR}/{name}",
                None,
                "",
                N_(
                    "out of date (a category, company or district changed, or Showroom was "
                    "updated); run: showroom schema"
                ),
            )


def modeline(file: Path, schema_file: Path) -> str:
    """The comment that points yaml-language-server at a schema, relative to the file."""
    relative = Path(os.path.relpath(schema_file, file.parent)).as_posix()
    return f"{MODELINE_PREFIX}{relative}"
