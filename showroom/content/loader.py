"""Read content files, validate them, and build the model. The only reader of content/.

The work is shared out: `folders` walks the folders, `text` reads and checks a file's text,
`records` reads the category and company files, `products` the product folders (`bundle`
one of them), `values` makes the model objects; `reading` holds what they work with and what
a long-running process keeps (`entries`: the pieces of a folder it keeps), `memo` the parses
kept on disk."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import partial
from itertools import chain, compress
from typing import cast

from showroom import collation
from showroom.config import Config
from showroom.content import declarations, values
from showroom.content.bundle import References
from showroom.content.folders import YAML_SUFFIXES
from showroom.content.memo import ParseMemo
from showroom.content.model import Category, Company, Content, Product
from showroom.content.products import load_products
from showroom.content.reading import Reader
from showroom.content.records import load_records
from showroom.content.synonyms import load_synonyms
from showroom.fields.nodes import nfc
from showroom.problems import Problems
from showroom.state.reuse import Kept, Memory, Slot, each_block


def load_content(
    config: Config,
    problems: Problems,
    memo: ParseMemo | None = None,
    memory: Memory | None = None,
    drafts: bool = False,
) -> Content:
    """Read every category, company and product; every problem goes to `problems`. With
    `drafts`, the drafts are among the products (each marked `draft`), else apart.

    With a memo, a file whose inputs are unchanged since it was last parsed is not parsed again:
    its model object and problems come from the memo. With `memory` (a long-running process),
    what the watcher saw unchanged is not looked at again (see `reading`)."""
    reader = Reader(config, problems, memo, memory)
    categories, companies = _references(reader)
    reader.refuse_linked_folder(config.content_dir / "products")
    broken = {
        "category": _broken(reader, "categories", {c.slug for c in categories}),
        "company": _broken(reader, "companies", {c.slug for c in companies}),
    }
    known = References(
        frozenset(c.slug for c in categories), frozenset(c.slug for c in companies), broken
    )
    products = load_products(reader, known)
    synonyms = load_synonyms(reader)
    reader.sweep()
    # In slug order already (a product folder's name in NFC is its slug, and the folders are
    # read in that order); published and drafts told apart a block at a time (see SPLIT).
    parts = each_block(reader.kept(SPLIT, drafts), "products", products, partial(_split, drafts))
    return Content(
        categories=tuple(sorted(categories, key=lambda c: (c.order, c.slug))),
        companies=collation.by_name(sorted(companies, key=_SLUG), _NAME),  # 가나다
        products=tuple(chain.from_iterable(part.shown for part in parts)),
        drafts=tuple(chain.from_iterable(part.drafts for part in parts)),
        synonyms=synonyms,
        drafts_shown=drafts,
    )


@dataclass(frozen=True, slots=True)
class _Split:
    """A block of products: those the site shows (with `drafts`, the drafts too), and the
    drafts."""

    shown: tuple[Product, ...]
    drafts: tuple[Product, ...]


#: Each block of the products, told apart while it holds the very same objects: at 5,000
#: products, a rebuild in `serve` that looks at each product object feels it.
SPLIT: Slot[Kept[_Split]] = Slot("products published and drafts", Kept)
_DRAFT = operator.attrgetter("draft")
_SLUG = operator.attrgetter("slug")
_NAME = operator.attrgetter("name")


def _split(shown: bool, block: tuple[object, ...]) -> _Split:
    products = cast("tuple[Product, ...]", block)
    drafts = list(map(_DRAFT, products))
    if shown:
        return _Split(products, tuple(compress(products, drafts)))
    return _Split(
        tuple(compress(products, map(operator.not_, drafts))), tuple(compress(products, drafts))
    )


def load_references(
    config: Config, problems: Problems, memo: ParseMemo | None = None
) -> tuple[list[Category], list[Company]]:
    """The categories and companies that products refer to (those without errors)."""
    return _references(Reader(config, problems, memo))


def _references(reader: Reader) -> tuple[list[Category], list[Company]]:
    reader.refuse_linked_folder(reader.config.content_dir)
    languages = reader.config.languages
    fields = declarations.category_fields(languages)
    categories = load_records(reader, "categories", fields, values.category, Category)
    fields = declarations.company_fields(reader.config.districts, languages)
    companies = load_records(reader, "companies", fields, values.company, Company)
    return categories, companies


def _broken(reader: Reader, folder: str, loaded: set[str]) -> frozenset[str]:
    """The slugs of the files in `folder` that exist but did not load: a product that
    refers to one is told to fix it."""
    paths = reader.entries(reader.config.content_dir / folder).paths
    return frozenset({nfc(p.stem) for p in paths if p.suffix in YAML_SUFFIXES} - loaded)
