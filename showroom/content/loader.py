"""Read content files, validate them, and build the model. The only reader of content/."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from showroom.config import Config
from showroom.content import attachments, declarations
from showroom.content.model import (
    Category,
    Certification,
    Company,
    Contact,
    Content,
    Designation,
    Image,
    Procurement,
    Product,
)
from showroom.content.photo_header import ImageProblem, read_header
from showroom.fields import characters, formats
from showroom.fields.focus import Focus, parse_focus
from showroom.fields.nodes import (
    FrontMatterMissing,
    SyntaxProblem,
    key_path_at,
    nfc,
    parse_yaml,
    split_front_matter,
)
from showroom.fields.records import Record, validate_document
from showroom.fields.source import SourceProblem, read_source
from showroom.fields.types import Context
from showroom.hashing import text_digest
from showroom.problems import Problem, Problems, display_path
from showroom.state.files import Unchanged
from showroom.state.parsed import ParseMemo

log = logging.getLogger(__name__)

YAML_SUFFIXES = (".yml", ".yaml")

#: A product folder as read: the product (None if it has errors or is no product folder),
#: the problems it gave, and the parse memo's key of the product.
_Row = tuple[Product | None, tuple[Problem, ...], str | None]


@dataclass
class _Scan:
    """What reading the product folders shares: the references and the slugs seen."""

    references: str
    categories: set[str]
    companies: set[str]
    seen: dict[str, str]


def load_content(config: Config, problems: Problems, memo: ParseMemo | None = None) -> Content:
    """Read every category, company and product; every problem goes to `problems`.

    With a memo, a file whose inputs are unchanged since it was last parsed is not parsed again:
    its model object and problems come from the memo."""
    categories, companies = load_references(config, problems, memo)
    loader = _Loader(config, problems, memo)
    loader.refuse_linked_folder(config.content_dir / "products")
    listings = None if memo is None else memo.listings
    for kind, folder, loaded in (
        ("category", "categories", categories),
        ("company", "companies", companies),
    ):
        # Files that exist but did not load: a product pointing to one is told to fix it.
        names = _sorted_entries(config.content_dir / folder, listings)
        stems = {nfc(p.stem) for p in names if p.suffix in YAML_SUFFIXES}
        loader.broken[kind] = stems - {r.slug for r in loaded}
    products = loader.load_products({c.slug for c in categories}, {c.slug for c in companies})
    published = tuple(p for p in products if not p.draft)
    drafts = tuple(p for p in products if p.draft)
    return Content(
        categories=tuple(sorted(categories, key=lambda c: (c.order, c.slug))),
        companies=tuple(sorted(companies, key=lambda c: c.slug)),
        products=tuple(sorted(published, key=lambda p: p.slug)),
        drafts=drafts,
    )


def load_references(
    config: Config, problems: Problems, memo: ParseMemo | None = None
) -> tuple[list[Category], list[Company]]:
    """The categories and companies that products refer to (those without errors)."""
    loader = _Loader(config, problems, memo)
    loader.refuse_linked_folder(config.content_dir)
    categories = loader.load_records("categories", declarations.CATEGORY, _category)
    companies = loader.load_records(
        "companies", declarations.company_fields(config.districts), _company
    )
    return categories, companies


class _Loader:
    def __init__(
        self,
        config: Config,
        problems: Problems,
        memo: ParseMemo | None = None,
        broken: dict[str, set[str]] | None = None,
    ) -> None:
        self.config = config
        self.root = config.root
        self.problems = problems
        self.memo = memo
        #: category and company slugs whose files exist but have errors
        self.broken: dict[str, set[str]] = {} if broken is None else broken

    def display(self, path: Path) -> str:
        return nfc(display_path(path, self.root))

    def refuse_link(self, path: Path) -> None:
        """Report a symbolic link found in content (it is never followed or read)."""
        self.problems.error(self.display(path), None, "", LINK_MESSAGE)

    def refuse_linked_folder(self, folder: Path) -> None:
        """A content folder that is a link: reported, and none of it is read."""
        if folder.is_symlink():
            self.refuse_link(folder)

    def read(self, path: Path, shown: str, problems: Problems) -> str | None:
        """The text of a content file, or None after reporting why it cannot be read."""
        try:
            return nfc(read_source(path))
        except SourceProblem as exc:
            problems.error(shown, exc.line, "", exc.message)
            return None

    def load_records(self, folder: str, fields: Record, build: Any) -> list[Any]:
        """The categories or companies. In a long-running process, a folder in which the
        watcher saw nothing change since the last build gives that build's records again."""
        directory = self.config.content_dir / folder
        memo = self.memo
        unchanged = None if memo is None else memo.files.unchanged
        if _is_link(directory) or _is_link(self.config.content_dir):
            self.refuse_linked_folder(directory)
            return []
        entries = _sorted_entries(directory, None if memo is None else memo.listings)
        if memo is None:
            return self._load_records(folder, entries, fields, build)
        last = memo.scans.get(folder)
        if (
            last is not None
            and unchanged is not None
            and last[0] is entries
            and last[1] == memo.salt
            and unchanged.folder(os.fspath(directory))
        ):
            _, _, records, found, key_of = last
            self.problems.extend(found)
            memo.used.update(key_of.values())
            memo.key_of.update(key_of)
            return list(records)
        outer, self.problems = self.problems, Problems()
        try:
            records = self._load_records(folder, entries, fields, build)
        finally:
            found, self.problems = self.problems, outer
        self.problems.extend(found.items)
        key_of = {id(r): memo.key_of[id(r)] for r in records if id(r) in memo.key_of}
        memo.scans[folder] = (entries, memo.salt, records, tuple(found.items), key_of)
        return records

    def _load_records(
        self, folder: str, entries: list[Path], fields: Record, build: Any
    ) -> list[Any]:
        records: list[Any] = []
        seen: dict[str, str] = {}
        for path in entries:
            if path.name.startswith("."):
                continue
            if path.is_symlink():
                self.refuse_link(path)
                continue
            if path.is_dir():
                continue
            shown = self.display(path)
            if path.suffix not in YAML_SUFFIXES:
                self.problems.warn(shown, None, "", "not a .yml file; ignored")
                continue
            slug = nfc(path.stem)
            if not self._check_slug(slug, shown, seen):
                continue
            if self.memo is None:
                record = self._record(path, shown, slug, fields, build, self.problems)
            else:
                key = self.memo.key(folder, shown, slug, self.memo.files.digest(path))
                hit = self.memo.get(key)
                if hit is None:
                    found = Problems()
                    record = self._record(path, shown, slug, fields, build, found)
                    self.memo.put(key, record, found.items)
                    hit = (record, tuple(found.items))
                record = hit[0]
                self.problems.extend(hit[1])
            if record is not None:
                records.append(record)
        return records

    def _record(
        self, path: Path, shown: str, slug: str, fields: Record, build: Any, problems: Problems
    ) -> Any:
        text = self.read(path, shown, problems)
        if text is None or not _characters_allowed(text, 1, shown, problems, ""):
            return None
        parsed = parse_yaml(text)
        if isinstance(parsed, SyntaxProblem):
            problems.error(shown, parsed.line, "YAML", parsed.message)
            return None
        values = validate_document(parsed, fields, Context(parsed, shown, problems))
        return None if values is None else build(slug, values)

    def _check_slug(self, slug: str, shown: str, seen: dict[str, str]) -> bool:
        message = formats.slug(slug)
        if message is not None:
            self.problems.error(shown, None, "slug", f"the file name gives {message}")
            return False
        if slug in seen:
            self.problems.error(
                shown,
                None,
                "slug",
                f"the slug {slug!r} is already used by {seen[slug]} "
                "(names that differ only in Unicode normalisation are the same slug)",
            )
            return False
        seen[slug] = shown
        return True

    def load_products(self, categories: set[str], companies: set[str]) -> list[Product]:
        directory = self.config.content_dir / "products"
        if _is_link(directory) or _is_link(self.config.content_dir):
            return []
        references = "|".join(sorted(categories)) + "/" + "|".join(sorted(companies))
        references += "/" + repr(sorted((k, sorted(v)) for k, v in self.broken.items()))
        memo = self.memo
        unchanged = None if memo is None else memo.files.unchanged
        if memo is not None:
            references = text_digest(memo.salt, references)
        entries = _sorted_entries(directory, None if memo is None else memo.listings)
        scan = _Scan(references, categories, companies, {})
        if memo is not None and unchanged is not None:
            patched = self._patched(directory, entries, scan, memo, unchanged)
            if patched is not None:
                return patched
        rows: list[_Row] = []
        for folder in entries:
            rows.append(self._folder_row(folder, scan))
        if memo is not None:
            memo.scans["products"] = (references, entries, rows, scan.seen, None)
        return self._collect(rows)

    def _folder_row(self, folder: Path, scan: _Scan) -> _Row:
        """One entry of content/products, with the problems it gave."""
        outer, self.problems = self.problems, Problems()
        try:
            product = self._folder(folder, scan)
        finally:
            found, self.problems = self.problems, outer
        key = None
        if self.memo is not None and product is not None:
            key = self.memo.key_of.get(id(product))
        return (product, tuple(found.items), key)

    def _collect(self, rows: list[_Row]) -> list[Product]:
        for _, found, _ in rows:
            if found:
                self.problems.extend(found)
        return [product for product, _, _ in rows if product is not None]

    def _patched(
        self, directory: Path, entries: list[Path], scan: _Scan, memo: ParseMemo,
        unchanged: Unchanged,
    ) -> list[Product] | None:  # fmt: skip
        """The last scan with only the folders the watcher saw change read again, when it
        was of the same listing (the very list: see `_sorted_entries`) with the same
        references; else None. At 5,000 products a rebuild in `serve` feels every folder."""
        last = memo.scans.get("products")
        if last is None or last[0] != scan.references or last[1] is not entries:
            return None
        prefix = os.path.join(os.fspath(directory), "")
        names = {
            path[len(prefix) :].split(os.sep, 1)[0]
            for path in unchanged.changed
            if path.startswith(prefix)
        }
        if last[4] is None:  # the names' positions, made once per listing
            last = memo.scans["products"] = (*last[:4], {f.name: n for n, f in enumerate(entries)})
        index: dict[str, int] = last[4]
        if not names <= index.keys():
            return None
        rows = list(last[2])
        scan.seen.update(last[3])
        for name in sorted(names, key=index.__getitem__):
            n = index[name]
            folder = entries[n]
            slug, shown = nfc(folder.name), self.display(folder / "index.md")
            if scan.seen.get(slug) == shown:
                del scan.seen[slug]  # its own entry, made when it was last read
            rows[n] = self._folder_row(folder, scan)
        memo.used.update(key for _, _, key in rows if key is not None)
        memo.key_of.update({id(p): key for p, _, key in rows if p is not None and key is not None})
        memo.scans["products"] = (scan.references, entries, rows, scan.seen, index)
        return self._collect(rows)

    def _folder(self, folder: Path, scan: _Scan) -> Product | None:
        memo = self.memo
        unchanged = None if memo is None else memo.files.unchanged
        seen = scan.seen
        if memo is not None and unchanged is not None:
            name = os.fspath(folder)
            known = memo.folders.get(name)
            if known is not None and known[0] == scan.references and unchanged.folder(name):
                # Nothing in the folder changed since it was last parsed, with the same
                # settings and references: its parse is the memo's entry (and its name
                # was found a valid slug then).
                slug = known[3]
                if slug not in seen:
                    seen[slug] = known[1]
                    hit = memo.get(known[2])
                    if hit is not None:
                        self.problems.extend(hit[1])
                        return hit[0] if isinstance(hit[0], Product) else None
                elif not self._check_slug(slug, known[1], seen):
                    return None
        if folder.name.startswith("."):
            return None
        mode = os.lstat(folder).st_mode
        if stat.S_ISLNK(mode):
            self.refuse_link(folder)
            return None
        if not stat.S_ISDIR(mode):
            return None
        index = folder / "index.md"
        shown = self.display(index)
        try:
            index_mode = os.lstat(index).st_mode
        except OSError:
            index_mode = 0
        if stat.S_ISLNK(index_mode):
            self.refuse_link(index)
            return None
        if not stat.S_ISREG(index_mode):
            self.problems.error(
                self.display(folder), None, "", "a product folder needs an index.md file"
            )
            return None
        slug = nfc(folder.name)
        if not self._check_slug(slug, shown, seen):
            return None
        if memo is None:
            return self._product(slug, folder, index, shown, scan.categories, scan.companies)
        return self._memo_product(
            slug, folder, index, shown, scan.references, scan.categories, scan.companies
        )

    def _memo_product(
        self,
        slug: str,
        folder: Path,
        index: Path,
        shown: str,
        references: str,
        categories: set[str],
        companies: set[str],
    ) -> Product | None:
        """`_product` through the memo: keyed on every file of the folder and the references."""
        memo = self.memo
        assert memo is not None
        listed, links = _files_in(folder)
        files = sorted(
            (name, LINK_DIGEST if name in links else memo.files.digest(path))
            for name, path in listed.items()
        )
        key = memo.key("product", folder, shown, slug, references, files)
        memo.folders[os.fspath(folder)] = (references, shown, key, slug)
        hit = memo.get(key)
        if hit is None:
            found = Problems()
            product = _Loader(self.config, found, broken=self.broken)._product(
                slug, folder, index, shown, categories, companies
            )
            memo.put(key, product, found.items)
            hit = (product, tuple(found.items))
        self.problems.extend(hit[1])
        product = hit[0]
        return product if isinstance(product, Product) else None

    def _product(
        self,
        slug: str,
        folder: Path,
        index: Path,
        shown: str,
        categories: set[str],
        companies: set[str],
    ) -> Product | None:
        files, links = _files_in(folder)
        for name in sorted(links):
            self.refuse_link(folder / name)
        text = self.read(index, shown, self.problems)
        if text is None:
            return None
        try:
            front = split_front_matter(text)
        except FrontMatterMissing as exc:
            self.problems.error(shown, 1, "front matter", str(exc))
            return None
        problems = self.problems
        yaml_ok = _characters_allowed(front.yaml_text, front.yaml_first_line, shown, problems, "")
        body_ok = _characters_allowed(front.body, front.body_first_line, shown, problems, "body")
        if not (yaml_ok and body_ok):
            return None
        parsed = parse_yaml(front.yaml_text, first_line=front.yaml_first_line)
        if isinstance(parsed, SyntaxProblem):
            self.problems.error(shown, parsed.line, "YAML", parsed.message)
            return None
        ctx = Context(parsed, shown, self.problems)
        values = validate_document(parsed, declarations.PRODUCT, ctx)
        ok = values is not None and not links
        known = ctx.partial
        for kind, choices in (("category", categories), ("company", companies)):
            if kind in known and known[kind] not in choices:
                broken = known[kind] in self.broken.get(kind, ())
                ctx.error(None, kind, _unknown_ref(kind, known[kind], choices, broken))
                ok = False
        images: list[Image] = []
        for number, image in enumerate(known.get("images", ())):
            name = f"images[{number}].src"
            source = self._bundle_file(folder, files, image["src"], ctx, name)
            if source is None:
                ok = False
                continue
            data = _read_bytes(source)
            try:
                header = read_header(data, image["src"])
            except ImageProblem as exc:
                ctx.error(None, name, str(exc))
                ok = False
                continue
            problem = attachments.photo_problem(data, image["src"])
            if problem is not None:  # Pillow read it, but it does not start as a photo does
                ctx.error(None, name, problem)
                ok = False
                continue
            _check_extension(image["src"], header.format, ctx, name)
            focus = parse_focus(image.get("focus", "center"))
            images.append(
                Image(
                    image["src"],
                    image.get("alt", ""),
                    image.get("caption", ""),
                    source,
                    ctx.lines[name],
                    header.width,
                    header.height,
                    focus if isinstance(focus, Focus) else Focus(),
                )
            )
        brochure_source = None
        if "brochure" in known:
            brochure_source = self._bundle_file(folder, files, known["brochure"], ctx, "brochure")
            if brochure_source is not None:
                problem = attachments.brochure_problem(brochure_source, known["brochure"])
                if problem is not None:
                    ctx.error(None, "brochure", problem)
                    brochure_source = None
            ok = ok and brochure_source is not None
        if not ok or values is None:
            return None
        return _build_product(
            slug, index, shown, values, tuple(images), brochure_source, front, ctx.lines
        )

    def _bundle_file(
        self, folder: Path, files: dict[str, Path], name: str, ctx: Context, field: str
    ) -> Path | None:
        """The file `name` inside the product folder, or None after reporting why not."""
        key = nfc(name.replace("\\", "/"))
        path = files.get(key)
        if path is None:
            near = [f for f in files if f.lower() == key.lower()]
            hint = f"; did you mean '{near[0]}'?" if near else ""
            ctx.error(None, field, f"file {name!r} not found in {self.display(folder)}/{hint}")
            return None
        if path.is_symlink():
            real = path.resolve()
            if not real.is_relative_to(folder.resolve()):
                ctx.error(None, field, f"{name!r} is a link that leads out of the product's folder")
            else:
                ctx.error(None, field, f"{name!r} is a symbolic link; {LINK_ADVICE}")
            return None
        if not path.is_file():
            ctx.error(None, field, f"{name!r} is not a file")
            return None
        return path


_EXTENSIONS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",), "AVIF": (".avif",)}


def _check_extension(name: str, fmt: str, ctx: Context, field: str) -> None:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = _EXTENSIONS.get(fmt, ())
    if expected and suffix not in expected:
        ctx.warn(None, field, f"{name} is a {fmt} file; its name should end in {expected[0]}")


def _unknown_ref(kind: str, value: str, known: set[str], broken: bool = False) -> str:
    import difflib

    folder = "categories" if kind == "category" else "companies"
    if broken:
        return (
            f"{kind} {value!r} cannot be used: content/{folder}/{value}.yml has errors "
            "(listed for that file); fix it first"
        )
    guess = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f"; did you mean '{guess[0]}'?" if guess else ""
    return f"unknown {kind} {value!r}: no file content/{folder}/{value}.yml{hint}"


def _sorted_entries(
    directory: Path, listings: dict[str, tuple[list[str], list[Path]]] | None = None
) -> list[Path]:
    """The entries of a folder in NFC name order (with `listings`, the same list as last
    time while the folder holds the same names)."""
    try:
        names = os.listdir(directory)
    except (FileNotFoundError, NotADirectoryError):
        return []
    key = os.fspath(directory)
    last = None if listings is None else listings.get(key)
    if last is not None and last[0] == names:
        return last[1]
    entries = sorted((directory / name for name in names), key=lambda p: nfc(p.name))
    if listings is not None:
        listings[key] = (names, entries)
    return entries


def _files_in(folder: Path) -> tuple[dict[str, Path], frozenset[str]]:
    """Every file and link under a product folder by its NFC path relative to the folder,
    and the names of the links among them (none is followed)."""
    files: dict[str, Path] = {}
    links: set[str] = set()
    for relative, link in _walk(os.fspath(folder), ""):
        name = nfc(relative)
        files[name] = folder / relative
        if link:
            links.add(name)
    return files, frozenset(links)


def _walk(folder: str, prefix: str) -> Iterator[tuple[str, bool]]:
    """Relative paths ('/'-separated) of the files and links under a folder, sorted,
    following no links."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, f"{prefix}{entry.name}/")
            continue
        yield prefix + entry.name, entry.is_symlink()  # a file, or a link to be refused


LINK_ADVICE = "put the file itself here instead of a link"
LINK_MESSAGE = (
    "this is a symbolic link, which content may not hold (it was not followed or read); "
    "put the file or folder itself here"
)
#: What stands for a link's content in the parse memo's key: its target is never read.
LINK_DIGEST = "symbolic link"

#: The characters of one file reported at most (one is enough to find the others).
_CHARACTERS_SHOWN = 5


def _is_link(path: Path) -> bool:
    return path.is_symlink()


def _read_bytes(path: Path) -> bytes:
    """A file of a product folder, never through a link (checked just before; O_NOFOLLOW
    closes the gap between that check and this read)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return b""
    with os.fdopen(descriptor, "rb") as file:
        return file.read()


def _characters_allowed(
    text: str, first_line: int, shown: str, problems: Problems, part: str
) -> bool:
    """Report the characters no published text may hold (control characters …) in the YAML
    (`part` empty: the field is read from the lines above) or the Markdown body of a file
    (`part` "body"), with their lines; False when there were any."""
    index = characters.find_in_file(text)
    count = 0
    while index is not None and count < _CHARACTERS_SHOWN:
        line = first_line + text.count("\n", 0, index)
        field = part or key_path_at(text, index)
        problems.error(shown, line, field, characters.message(text[index]))
        count += 1
        index = characters.find_in_file(text, index + 1)
    reference = characters.find_reference(text) if part == "body" else None
    while reference is not None and count < _CHARACTERS_SHOWN:
        index, char = reference
        line = first_line + text.count("\n", 0, index)
        what = characters.describe(char)
        problems.error(shown, line, part, f"a character reference stands for {what}; remove it")
        count += 1
        reference = characters.find_reference(text, index + 1)
    return count == 0


def _category(slug: str, v: dict[str, Any]) -> Category:
    return Category(slug, v["name"], v["order"], v.get("description", ""))


def _contact(v: dict[str, Any] | None) -> Contact | None:
    if v is None:
        return None
    return Contact(
        v.get("name", ""), v.get("department", ""), v.get("phone", ""), v.get("email", "")
    )


def _company(slug: str, v: dict[str, Any]) -> Company:
    return Company(
        slug=slug,
        name=v["name"],
        business_number=formats.strip_separators(v["business_number"]),
        district=v["district"],
        address=v["address"],
        phone=v["phone"],
        ceo=v.get("ceo", ""),
        fax=v.get("fax", ""),
        email=v.get("email", ""),
        homepage=v.get("homepage", ""),
        flags=tuple(v.get("flags", ())),
        description=v.get("description", ""),
        contact=_contact(v.get("contact")),
    )


def _designation(
    kind: str, v: dict[str, Any] | None, lines: dict[str, int], field: str
) -> Designation | None:
    if v is None:
        return None
    return Designation(
        from_line=lines.get(f"{field}.from"),
        until_line=lines.get(f"{field}.until"),
        kind=kind,
        number=v["number"],
        valid_from=v["from"],
        valid_until=v["until"],
        extended=v.get("extended", False),
        innovation_type=v.get("type"),
        agency=v.get("agency", ""),
    )


def _build_product(
    slug: str,
    index: Path,
    shown: str,
    v: dict[str, Any],
    images: tuple[Image, ...],
    brochure_source: Path | None,
    front: Any,
    lines: dict[str, int],
) -> Product:
    procurement = v.get("procurement")
    return Product(
        slug=slug,
        name=v["name"],
        category=v["category"],
        company=v["company"],
        date=v["date"],
        summary=v["summary"],
        images=images,
        body_markdown=front.body,
        body_first_line=front.body_first_line,
        source=index,
        source_display=shown,
        model=v.get("model", ""),
        spec=v.get("spec", ""),
        unit=v.get("unit", ""),
        price=v.get("price"),
        features=tuple(v.get("features", ())),
        usage=v.get("usage", ""),
        keywords=tuple(v.get("keywords", ())),
        specs=tuple(v.get("specs", ())),
        video=v.get("video", ""),
        brochure=v.get("brochure", ""),
        brochure_source=brochure_source,
        procurement=None
        if procurement is None
        else Procurement(
            formats.strip_separators(procurement.get("classification_number", "")),
            formats.strip_separators(procurement.get("detailed_number", "")),
            formats.strip_separators(procurement.get("item_id", "")),
        ),
        excellent=_designation(
            "excellent", v.get("excellent_procurement"), lines, "excellent_procurement"
        ),
        innovation=_designation("innovation", v.get("innovation"), lines, "innovation"),
        certifications=tuple(
            Certification(c["type"], c.get("number", ""), c.get("issuer", ""), c.get("until"))
            for c in v.get("certifications", ())
        ),
        contact=_contact(v.get("contact")),
        inquiry=v.get("inquiry", ""),
        updated=v.get("updated"),
        draft=v.get("draft", False),
    )
