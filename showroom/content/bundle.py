"""One product folder (a bundle): its index.md (front matter and Markdown body), the photos
and the brochure it names, and the category and company it refers to."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from showroom.content import attachments, declarations, values
from showroom.content.descriptions import translated_bodies
from showroom.content.folders import LINK_ADVICE, LINK_MESSAGE, FolderFiles, read_bytes
from showroom.content.model import Image, Product
from showroom.content.photo_header import ImageProblem, read_header
from showroom.content.text import characters_allowed, read_text, shown_path
from showroom.fields.nodes import (
    FrontMatter,
    FrontMatterMissing,
    SyntaxProblem,
    nfc,
    parse_yaml,
    split_front_matter,
)
from showroom.fields.records import validate_document
from showroom.fields.types import Context
from showroom.messages import N_
from showroom.problems import Problems


@dataclass(frozen=True)
class References:
    """What a product may refer to: the categories and companies that loaded, and those
    whose files exist but have errors (by kind: "category", "company")."""

    categories: frozenset[str]
    companies: frozenset[str]
    broken: dict[str, frozenset[str]]

    @property
    def text(self) -> str:
        """All of it as text (a product's parse depends on it: part of its memo key)."""
        text = "|".join(sorted(self.categories)) + "/" + "|".join(sorted(self.companies))
        return text + "/" + repr(sorted((k, sorted(v)) for k, v in self.broken.items()))


@dataclass(frozen=True)
class Bundle:
    """A product folder to read: its slug (valid and free), index.md, and every file in it."""

    slug: str
    folder: Path
    index: Path
    shown: str  # index.md as shown in messages
    files: FolderFiles
    root: Path  # the project's, for the paths in messages
    languages: tuple[str, ...] = ("ko",)  # the content's, the first the default


@dataclass(frozen=True)
class _Document:
    front: FrontMatter
    ctx: Context
    values: dict[str, object] | None  # None: the front matter has errors


def read_product(bundle: Bundle, references: References, problems: Problems) -> Product | None:
    """The product in the folder, or None after reporting what is wrong."""
    for name in sorted(bundle.files.links):
        problems.error(shown_path(bundle.folder / name, bundle.root), None, "", LINK_MESSAGE)
    document = _document(bundle, problems)
    if document is None:
        return None
    ctx = document.ctx
    known = values.known_values(ctx.partial)
    bodies = translated_bodies(bundle, problems)
    ok = document.values is not None and not bundle.files.links and bodies is not None
    ok = _references_known(ctx, known, references) and ok
    attached = _attached(bundle, known, ctx)
    if not (ok and attached.ok) or document.values is None or bodies is None:
        return None
    return values.product(
        bundle.slug, bundle.index, bundle.shown, document.values, attached.images,
        attached.brochure, document.front, ctx.lines, bodies,
    )  # fmt: skip


@dataclass(frozen=True)
class _Attached:
    """The photos and the brochure a product names; `ok`: all of them are fine."""

    images: tuple[Image, ...]
    brochure: Path | None
    ok: bool


def _attached(bundle: Bundle, known: values.KnownValues, ctx: Context) -> _Attached:
    found = [_image(bundle, n, image, ctx) for n, image in enumerate(known.get("images", ()))]
    images = tuple(image for image in found if image is not None)
    ok = len(images) == len(found)
    brochure = None
    if "brochure" in known:
        brochure = _brochure(bundle, known["brochure"], ctx)
        ok = ok and brochure is not None
    return _Attached(images, brochure, ok)


def _document(bundle: Bundle, problems: Problems) -> _Document | None:
    """index.md's front matter, validated (its values None when it has errors), or None
    when the file cannot be read, has no front matter or forbidden characters."""
    shown = bundle.shown
    text = read_text(bundle.index, shown, problems)
    if text is None:
        return None
    try:
        front = split_front_matter(text)
    except FrontMatterMissing as exc:
        problems.error(shown, 1, "front matter", str(exc))
        return None
    yaml_ok = characters_allowed(front.yaml_text, front.yaml_first_line, shown, problems, "")
    body_ok = characters_allowed(front.body, front.body_first_line, shown, problems, "body")
    if not (yaml_ok and body_ok):
        return None
    parsed = parse_yaml(front.yaml_text, first_line=front.yaml_first_line)
    if isinstance(parsed, SyntaxProblem):
        problems.error(shown, parsed.line, "YAML", parsed.message)
        return None
    ctx = Context(parsed, shown, problems)
    fields = declarations.product_fields(bundle.languages)
    return _Document(front, ctx, validate_document(parsed, fields, ctx))


def _references_known(ctx: Context, known: values.KnownValues, references: References) -> bool:
    """Whether the category and the company the product names exist (else reported)."""
    named: list[tuple[str, str, frozenset[str]]] = []
    if "category" in known:
        named.append(("category", known["category"], references.categories))
    if "company" in known:
        named.append(("company", known["company"], references.companies))
    ok = True
    for kind, value, choices in named:
        if value not in choices:
            broken = value in references.broken.get(kind, ())
            ctx.error(None, kind, _unknown_reference(kind, value, choices, broken))
            ok = False
    return ok


#: The kinds of reference, as a message names them.
KINDS = {"category": N_("category"), "company": N_("company")}


def _unknown_reference(kind: str, value: str, known: frozenset[str], broken: bool) -> str:
    folder = "categories" if kind == "category" else "companies"
    if broken:
        return N_(
            "{kind} {value!r} cannot be used: content/{folder}/{name}.yml has errors (listed "
            "for that file); fix it first"
        ).format(kind=KINDS[kind], value=value, folder=folder, name=value)
    guess = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = N_("; did you mean '{guess}'?").format(guess=guess[0]) if guess else ""
    return N_("unknown {kind} {value!r}: no file content/{folder}/{name}.yml{hint}").format(
        kind=KINDS[kind], value=value, folder=folder, name=value, hint=hint
    )


def _image(bundle: Bundle, number: int, image: values.ImageValues, ctx: Context) -> Image | None:
    """The photo `images[number]` names (None after reporting why not)."""
    name = f"images[{number}].src"
    source = _bundle_file(bundle, image["src"], ctx, name)
    if source is None:
        return None
    data = read_bytes(source)
    try:
        header = read_header(data, image["src"])
    except ImageProblem as exc:
        ctx.error(None, name, str(exc))
        return None
    problem = attachments.photo_problem(data, image["src"])
    if problem is not None:  # Pillow read it, but it does not start as a photo does
        ctx.error(None, name, problem)
        return None
    _check_extension(image["src"], header.format, ctx, name)
    return values.image(image, source, ctx.lines[name], header.width, header.height)


def _brochure(bundle: Bundle, name: str, ctx: Context) -> Path | None:
    """The brochure file (None after reporting why not)."""
    source = _bundle_file(bundle, name, ctx, "brochure")
    if source is None:
        return None
    problem = attachments.brochure_problem(source, name)
    if problem is not None:
        ctx.error(None, "brochure", problem)
        return None
    return source


def _bundle_file(bundle: Bundle, name: str, ctx: Context, field: str) -> Path | None:
    """The file `name` inside the product folder, or None after reporting why not."""
    files = bundle.files.files
    key = nfc(name.replace("\\", "/"))
    path = files.get(key)
    if path is None:
        near = [f for f in files if f.lower() == key.lower()]
        shown = shown_path(bundle.folder, bundle.root)
        missing = N_("file {name!r} not found in {folder}/").format(name=name, folder=shown)
        if near:
            missing = N_("file {name!r} not found in {folder}/; did you mean '{guess}'?").format(
                name=name, folder=shown, guess=near[0]
            )
        ctx.error(None, field, missing)
        return None
    if path.is_symlink():
        real = path.resolve()
        if not real.is_relative_to(bundle.folder.resolve()):
            ctx.error(
                None,
                field,
                N_("{name!r} is a link that leads out of the product's folder").format(name=name),
            )
        else:
            ctx.error(
                None,
                field,
                N_("{name!r} is a symbolic link; {advice}").format(name=name, advice=LINK_ADVICE),
            )
        return None
    if not path.is_file():
        ctx.error(None, field, N_("{name!r} is not a file").format(name=name))
        return None
    return path


#: The photo formats a product may have, with their file names' endings (the web editor's
#: photo field offers these files too).
PHOTO_EXTENSIONS = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "AVIF": (".avif",),
    "HEIF": (".heic", ".heif"),
}


def _check_extension(name: str, fmt: str, ctx: Context, field: str) -> None:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = PHOTO_EXTENSIONS.get(fmt, ())
    if expected and suffix not in expected:
        ctx.warn(
            None,
            field,
            N_("{name} is a {fmt} file; its name should end in {suffix}").format(
                name=name, fmt=fmt, suffix=expected[0]
            ),
        )
