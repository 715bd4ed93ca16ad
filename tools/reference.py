"""The README's content and configuration reference, generated from the schemas, and the
open data's columns (showroom/editor/columns.py).

`python tools/write_reference.py` rewrites the marked sections; a test keeps them current.
"""

from __future__ import annotations

import re

from showroom import config
from showroom.content import declarations
from showroom.editor.columns import reference_table
from showroom.fields.tables import document, nested_records, table

CONTENT_MARKERS = ("<!-- content-reference:start -->", "<!-- content-reference:end -->")
CONFIG_MARKERS = ("<!-- config-reference:start -->", "<!-- config-reference:end -->")
OPEN_DATA_MARKERS = ("<!-- open-data-columns:start -->", "<!-- open-data-columns:end -->")


def content_reference() -> str:
    intro = (
        "Every value is read exactly as typed (no YAML 1.1 surprises: `052` stays `052`, `NO` "
        "stays `NO`); dates are `YYYY-MM-DD` and must exist; every text and file name is "
        "normalised to Unicode NFC. A file's slug is its name (a product's: its folder's): "
        "lowercase letters, digits and single hyphens (Hangul is allowed)."
    )
    return (
        intro
        + "\n\n"
        + document(
            [
                (
                    "Category: `content/categories/<slug>.yml`",
                    "One product-group hall each, ordered by `order`.",
                    declarations.category_fields(EXAMPLE_LANGUAGES),
                ),
                (
                    "Company: `content/companies/<slug>.yml`",
                    "Referenced by products. When `showroom.yml` lists `districts`, the "
                    "district must be one of them.",
                    declarations.company_fields((), EXAMPLE_LANGUAGES),
                ),
                (
                    "Product: `content/products/<slug>/index.md`",
                    "YAML front matter between two `---` lines, then the description in Markdown. "
                    "Photos and the brochure go in the same folder; with `en` in `languages`, "
                    "`index.en.md` beside it holds the English description (Markdown only).",
                    declarations.product_fields(EXAMPLE_LANGUAGES),
                ),
                (
                    "Search synonyms: `content/search/synonyms.yml`",
                    "Optional. Groups of words that find each other's pages in search "
                    "(synonyms, spelling variants, English names); `finds` is one way.",
                    declarations.SYNONYMS,
                ),
            ]
        )
    )


#: The languages the reference shows the blocks of (`en:` as with `languages: [ko, en]`).
EXAMPLE_LANGUAGES = ("ko", "en")


def config_reference() -> str:
    parts = [table(config.FIELDS)]
    for record in nested_records(config.FIELDS):
        parts.append(f"#### `{record.name}`\n\n{record.doc}\n\n{table(record)}")
    return "\n\n".join(parts)


def update_readme(text: str) -> str:
    for markers, body in (
        (CONTENT_MARKERS, content_reference()),
        (CONFIG_MARKERS, config_reference()),
        (OPEN_DATA_MARKERS, reference_table()),
    ):
        start, end = markers
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
        if not pattern.search(text):
            raise ValueError(f"README.md has no {start} … {end} section")
        replacement = f"{start}\n{body}\n{end}"
        match = pattern.search(text)
        assert match is not None
        text = text[: match.start()] + replacement + text[match.end() :]
    return text
