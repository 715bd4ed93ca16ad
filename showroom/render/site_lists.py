"""What the sitemap and the feed list, made a block of products at a time: a long-running
process keeps each block's part while the block holds the very same products, so that an
edit looks at one block, not at every product of the site."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from functools import partial
from itertools import chain

from showroom.content.model import Company, Product
from showroom.render.structured import sitemap_entry
from showroom.site import urls
from showroom.site.structure import Hall, Site, page_count
from showroom.state.reuse import Kept, Slot, each_block

#: The sitemap's text in parts, kept by a long-running process.
SITEMAP_TEXT: Slot[Kept[str]] = Slot("sitemap text", Kept)
#: The newest products of each block of products (the feed's candidates), kept likewise.
FEED_BLOCKS: Slot[Kept[tuple[Product, ...]]] = Slot("feed candidates", Kept)


def sitemap_text(site: Site, kept: Kept[str]) -> tuple[str, ...]:
    """Every address the sitemap lists (no draft's), with its date, as text in parts (the
    halls' pages, each block of products, the companies): while a part is equal to last
    time's it is the very same string, so the parts of an unchanged sitemap are compared by
    identity."""
    per_page = site.config.per_page
    kept.under(per_page)
    halls = kept.get("halls", site.halls, partial(_hall_pages, site.halls, per_page), True)
    products = each_block(kept, "products", site.published, _entries, same_if_equal=True)
    companies = kept.get("companies", site.companies, partial(_companies, site.companies), True)
    kept.sweep()
    return (urls.home(), halls, *products, urls.companies(), companies)


def _hall_pages(halls: Sequence[Hall], per_page: int) -> str:
    return "\n".join(
        urls.page(hall.path, n) for hall in halls for n in range(1, page_count(hall, per_page) + 1)
    )


def _entries(products: tuple[Product, ...]) -> str:
    return "\n".join(" ".join(sitemap_entry(p)) for p in products)


def _companies(companies: Sequence[Company]) -> str:
    return "\n".join(urls.company(c.slug) for c in companies)


def feed_products(site: Site, kept: Kept[tuple[Product, ...]]) -> tuple[Product, ...]:
    """The feed's products (no draft): the `feed_size` most recently updated (or posted),
    newest first; each block's newest are kept while it holds the very same products."""
    size = site.config.feed_size
    kept.under(size)
    newest = partial(_newest, size)
    candidates = each_block(kept, "feed", site.published, newest)
    kept.sweep()
    return newest(tuple(chain.from_iterable(candidates)))


def _newest(size: int, products: tuple[Product, ...]) -> tuple[Product, ...]:
    return tuple(heapq.nlargest(size, products, key=_updated))


def _updated(product: Product) -> tuple[object, ...]:
    return (product.updated or product.date, product.date, product.slug)
