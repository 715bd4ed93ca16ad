"""content/products: one folder per product, named by its slug (see `bundle` for one)."""

from __future__ import annotations

import os
import stat
from functools import partial
from pathlib import Path

from showroom.content.bundle import Bundle, References, read_product
from showroom.content.entries import Claim
from showroom.content.folders import LINK_DIGEST, files_in, is_link
from showroom.content.memo import ParseMemo, Read
from showroom.content.model import Product
from showroom.content.reading import Reader
from showroom.fields.nodes import nfc
from showroom.hashing import text_digest
from showroom.messages import N_
from showroom.problems import Problems
from showroom.state.reuse import KeptEach, Slot

#: Each product folder's parse, kept while the folder is the same version (and the
#: categories and companies it may refer to are the same).
PRODUCTS: Slot[KeptEach[Read]] = Slot("product folders", KeptEach)

_NOTHING = Claim(None, "", ())


def load_products(reader: Reader, references: References) -> list[Product]:
    """The products (drafts too) without errors, in name order."""
    content_dir = reader.config.content_dir
    directory = content_dir / "products"
    if is_link(directory) or is_link(content_dir):
        return []
    text = references.text
    memo = reader.memo
    reference_key = text if memo is None else text_digest(memo.salt, text)
    kept = reader.kept(PRODUCTS, reader.context, text)
    read = partial(_read, reader, references, reference_key)
    return reader.load(directory, kept, _claim, read, Product)


def _claim(reader: Reader, folder: Path, problems: Problems) -> Claim:
    """A folder with an index.md (else: skipped; a link, or a folder without one, is
    reported) and a slug for name."""
    if folder.name.startswith("."):
        return _NOTHING
    mode = os.lstat(folder).st_mode
    if stat.S_ISLNK(mode):
        reader.refuse_link(folder, problems)
        return Claim(None, "", tuple(problems.items))
    if not stat.S_ISDIR(mode):
        return _NOTHING
    index = folder / "index.md"
    shown = reader.display(index)
    try:
        index_mode = os.lstat(index).st_mode
    except OSError:
        index_mode = 0
    if stat.S_ISLNK(index_mode):
        reader.refuse_link(index, problems)
    elif not stat.S_ISREG(index_mode):
        message = N_("a product folder needs an index.md file")
        problems.error(reader.display(folder), None, "", message)
    else:
        slug = nfc(folder.name)
        ok = reader.slug(slug, shown, problems)
        return Claim(slug if ok else None, shown, tuple(problems.items))
    return Claim(None, shown, tuple(problems.items))


def _read(
    reader: Reader, references: References, reference_key: str, folder: Path, claim: Claim
) -> Read:
    """The folder's product, through the parse memo under a key of every file in it (a
    link by what stands for one: it is never read) and of what it may refer to."""
    shown, slug = claim.shown, claim.slug
    assert slug is not None  # only a claim of a slug is read
    files = files_in(folder)
    config = reader.config
    bundle = Bundle(slug, folder, folder / "index.md", shown, files, config.root, config.languages)

    def key(memo: ParseMemo) -> str:
        digests = sorted(
            (name, LINK_DIGEST if name in files.links else memo.files.digest(path))
            for name, path in files.files.items()
        )
        return memo.key("product", folder, shown, slug, reference_key, digests, config.languages)

    return reader.memoised(key, partial(read_product, bundle, references))
