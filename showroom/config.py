"""showroom.yml: loaded and validated into a frozen Config; unknown keys warn."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from showroom.errors import ConfigError
from showroom.fields import characters, formats, languages
from showroom.fields.characters import find_in_file
from showroom.fields.containers import ListOf
from showroom.fields.files import image_problem, linked_folder
from showroom.fields.focus import aspect_problem, parse_aspect
from showroom.fields.nodes import SyntaxProblem, key_path_at, parse_yaml
from showroom.fields.records import Field, Record, Values, validate_document
from showroom.fields.scalars import Boolean, Integer, Text
from showroom.fields.source import SourceProblem, read_source
from showroom.fields.types import Context
from showroom.messages import N_
from showroom.problems import Problems, display_path

CONFIG_FILE = "showroom.yml"

IMAGES = Record(
    {
        "widths": Field(
            ListOf(Integer(minimum=16), min_items=1),
            doc="web widths in px, never upscaled (480, 960, 1600)",
        ),
        "card_widths": Field(
            ListOf(Integer(minimum=16), min_items=1), doc="hall and home card widths (360, 720)"
        ),
        "card_aspect": Field(
            Text(label=N_("aspect ratio"), check=aspect_problem), doc="card crop (4:3)"
        ),
        "quality": Field(Integer(minimum=1), doc="WebP and JPEG quality, 1-100 (80)"),
        "print_width_mm": Field(
            Integer(minimum=1), doc="photo width in the catalogue's full layout, mm (115)"
        ),
        "print_dpi": Field(Integer(minimum=72), doc="resolution of the print variant (300)"),
        "min_print_dpi": Field(Integer(minimum=1), doc="warn below this print resolution (200)"),
        "cache_dir": Field(Text(), doc="where encoded photos are kept (.cache/images)"),
    },
    name="images",
    doc="Photo processing: web and card sizes (WebP plus a JPEG or PNG fallback), the print "
    "variant for the catalogue, and the cache folder (outside public/, reused by every build).",
)

_AUTH_DOC = "the sign-in service for GitHub (Sveltia CMS Authenticator, see the editor guide)"
PAPER_SIZES = ("A4", "A5", "B5", "letter")
EDITIONS = ("screen", "print")

COLOPHON = Record(
    {
        "address": Field(Text(), doc="the publisher's postal address"),
        "phone": Field(Text(label=N_("phone number"), check=formats.phone), doc="its phone number"),
        "registration_number": Field(
            Text(label=N_("발간등록번호"), check=formats.registration_number),
            doc="발간등록번호 (11-1234567-000123-01), printed on the cover's top left too",
        ),
        "isbn": Field(Text(label="ISBN", check=formats.isbn), doc="ISBN, checked (none: left out)"),
        "not_for_sale": Field(Boolean(), doc="print 비매품 (not for sale) (false)"),
    },
    name="colophon",
    doc="The colophon on the catalogue's back cover (with `publisher`, `base_url`, `license` "
    "and the edition); each line is printed only when it is given.",
)

CATALOGUE = Record(
    {
        "enabled": Field(Boolean(), doc="build the PDFs with the site (true)"),
        "paper": Field(Text(choices=PAPER_SIZES), doc="page size (A4)"),
        "layout": Field(
            Text(choices=("full", "half")), doc="a full page or half a page per product (full)"
        ),
        "special_halls": Field(
            Text(choices=("first", "last")), doc="special halls before or after the groups"
        ),
        "edition": Field(
            Text(choices=EDITIONS),
            doc="`screen`: the screen edition only (`catalogue.pdf`, linked from the site); "
            "`print`: the printer's edition too, `catalogue-print.pdf` (PDF/X-4, CMYK), as "
            "`showroom pdf --print` makes it (screen)",
        ),
        "bleed_mm": Field(
            Integer(minimum=0), doc="bleed around each page of the printer's edition (3)"
        ),
        "crop_marks": Field(
            Boolean(), doc="crop marks outside the bleed in the printer's edition (true)"
        ),
        "pdf_ua": Field(
            Boolean(), doc="make the screen edition and the hall excerpts PDF/UA-1 (false)"
        ),
        "title": Field(Text(), doc="the cover's title (default: the site title)"),
        "edition_label": Field(
            Text(), doc="the cover's edition line, e.g. 2026년 제1판 (default: the build date)"
        ),
        "list_limit": Field(
            Integer(minimum=0),
            doc="at most this many features, specs and certifications printed per product, "
            "then how many more and the web address (0: all, the default)",
        ),
        "cover_image": Field(
            Text(label=N_("image path")),
            doc="an image in the project (JPEG, PNG) for the cover instead of its grid of "
            "product photos",
        ),
        "logo": Field(
            Text(label=N_("image path")),
            doc="the publisher's logo in the project (SVG, PNG, JPEG), on the covers",
        ),
        "guide": Field(
            Text(),
            doc="the page 'how to read this catalogue and how to buy', in Markdown (default: "
            "the theme's text)",
        ),
        "halls_on_right": Field(
            Boolean(), doc="each hall opens on a right-hand page, after a planned blank (true)"
        ),
        "page_multiple": Field(
            Integer(minimum=0),
            doc="pad the page count with notes pages to a multiple of this before the back "
            "cover (4: saddle stitching; 0 or 1: no padding)",
        ),
        "colophon": Field(COLOPHON, doc="the back cover's colophon (see below)"),
    },
    name="catalogue",
    doc="The printable catalogue (`public/catalogue.pdf` and one PDF per hall).",
)

ADMIN = Record(
    {
        "enabled": Field(Boolean(), doc="publish the web editor at `/admin/` (true)"),
        "repository": Field(
            Text(label=N_("owner/name"), check=formats.repository),
            doc="the GitHub repository it saves to (default: from a `github.io` base_url)",
        ),
        "branch": Field(Text(), doc="the branch it saves to (main)"),
        "auth_url": Field(Text(label=N_("web address"), check=formats.web_url), doc=_AUTH_DOC),
    },
    name="admin",
    doc="The web editor (Sveltia CMS) at `/admin/`: forms made from the same declarations, "
    "saving to GitHub through pull requests; published only when the repository is known.",
)

FIELDS = Record(
    {
        "title": Field(Text(), required=True, doc="site title"),
        "base_url": Field(
            Text(label=N_("web address"), check=formats.web_url),
            required=True,
            doc="the public address, with a sub-path if any (https://example.org/showroom/)",
        ),
        **languages.LANGUAGE_FIELDS,
        "description": Field(Text(), doc="the home page's meta description"),
        "publisher": Field(Text(), doc="the agency that publishes the showroom"),
        "city": Field(
            Text(),
            doc="the city's name as the site's texts say it (`{city}` in the theme's strings); "
            "none: the texts leave it out",
        ),
        "districts": Field(
            ListOf(Text(), min_items=1),
            doc="the districts a company's `district` must be one of (none: any district)",
        ),
        "theme": Field(Text(), doc="a theme folder that overrides the default theme"),
        "per_page": Field(Integer(minimum=1), doc="products per hall page (default 24)"),
        "home_new_products": Field(Integer(minimum=0), doc="newest products on the home page"),
        "feed_size": Field(Integer(minimum=1), doc="entries in the Atom feed (default 20)"),
        "related_products": Field(Integer(minimum=0), doc="related products per page (4)"),
        "expiring_days": Field(Integer(minimum=0), doc="designations ending this soon are listed"),
        "images": Field(IMAGES, doc="photo sizes, print size and cache (see below)"),
        "catalogue": Field(CATALOGUE, doc="the printable catalogue (see below)"),
        "search": Field(
            Boolean(),
            doc="build the search page, its index and the hall filters (true; needs Pagefind)",
        ),
        "allow_html": Field(Boolean(), doc="let Markdown pass raw HTML through (sanitised)"),
        "license": Field(Text(), doc="content licence line shown in the footer (공공누리 …)"),
        "admin": Field(ADMIN, doc="the web editor at /admin/ (see below)"),
    },
    checks=(languages.check_languages,),
)


@dataclass(frozen=True)
class ImageSettings:
    """The image part of showroom.yml."""

    widths: tuple[int, ...] = (480, 960, 1600)
    card_widths: tuple[int, ...] = (360, 720)
    card_aspect: float = 4 / 3
    quality: int = 80
    print_width_mm: float = 115.0  # the full layout's photo: 65% of A4's text width
    print_dpi: int = 300
    min_print_dpi: int = 200
    cache_dir: str = ".cache/images"


@dataclass(frozen=True)
class Colophon:
    address: str = ""
    phone: str = ""
    registration_number: str = ""
    isbn: str = ""
    not_for_sale: bool = False


@dataclass(frozen=True)
class CatalogueSettings:
    enabled: bool = True
    paper: str = "A4"
    layout: str = "full"
    special_halls: str = "first"
    edition: str = "screen"  # "print": the printer's edition too
    bleed_mm: int = 3  # the printer's edition only
    crop_marks: bool = True  # the printer's edition only
    pdf_ua: bool = False
    title: str = ""
    edition_label: str = ""
    list_limit: int = 0  # 0: every item of a product's lists is printed
    cover_image: str = ""  # a path inside the project, checked (see `_file_problems`)
    logo: str = ""
    guide: str = ""  # Markdown; none: the theme's strings
    halls_on_right: bool = True
    page_multiple: int = 4  # 0 or 1: no padding
    colophon: Colophon = field(default_factory=Colophon)


@dataclass(frozen=True)
class AdminSettings:
    enabled: bool = True
    repository: str = ""  # none: from a github.io base URL, else no editor
    branch: str = "main"
    auth_url: str = ""


@dataclass(frozen=True)
class Config:
    root: Path
    title: str
    base_url: str  # always ends with "/"
    language: str = "ko"  # the page language; its primary tag is the first of `languages`
    languages: tuple[str, ...] = ("ko",)  # the content's; the first is the default
    description: str = ""
    publisher: str = ""
    city: str = ""
    districts: tuple[str, ...] = ()  # none: a company may name any district
    theme_dir: Path | None = None
    per_page: int = 24
    home_new_products: int = 8
    feed_size: int = 20
    related_products: int = 4
    expiring_days: int = 90
    images: ImageSettings = field(default_factory=ImageSettings)
    catalogue: CatalogueSettings = field(default_factory=CatalogueSettings)
    search: bool = True
    allow_html: bool = False
    license: str = ""
    admin: AdminSettings = field(default_factory=AdminSettings)

    @property
    def base_path(self) -> str:
        """The URL path the site is served under: "/" or "/sub/path/"."""
        return urlsplit(self.base_url).path or "/"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def cache_dir(self) -> Path:
        return self.root / self.images.cache_dir


def _images(v: Values) -> ImageSettings:
    default = ImageSettings()
    aspect = parse_aspect(v["card_aspect"]) if "card_aspect" in v else default.card_aspect
    return ImageSettings(
        widths=tuple(v.get("widths", default.widths)),
        card_widths=tuple(v.get("card_widths", default.card_widths)),
        card_aspect=aspect if isinstance(aspect, float) else default.card_aspect,
        quality=min(100, v.get("quality", default.quality)),
        print_width_mm=float(v.get("print_width_mm", default.print_width_mm)),
        print_dpi=v.get("print_dpi", default.print_dpi),
        min_print_dpi=v.get("min_print_dpi", default.min_print_dpi),
        cache_dir=v.get("cache_dir", default.cache_dir),
    )


def _catalogue(v: Values) -> CatalogueSettings:
    values = dict(v)  # the colophon is taken out before the rest is passed on
    return CatalogueSettings(colophon=Colophon(**values.pop("colophon", {})), **values)


def load_config(
    path: Path, problems: Problems, base_url: str | None = None, edition: str | None = None
) -> Config:
    """Read showroom.yml; errors go to `problems` and raise ConfigError. `base_url` and the
    catalogue's `edition` (e.g. from the command line) override the file's."""
    if not path.is_file() and not path.is_symlink():
        missing = N_("No {name} found at {path}. Run showroom in a project folder.")
        raise ConfigError(missing.format(name=path.name, path=path))
    root, display = path.parent.resolve(), path.name
    try:
        text = read_source(path)
    except SourceProblem as exc:
        problems.error(display, exc.line, "", exc.message)
        raise ConfigError(N_("{name} cannot be read").format(name=display)) from None
    bad = find_in_file(text)
    if bad is not None:
        line = text.count("\n", 0, bad) + 1
        problems.error(display, line, key_path_at(text, bad), characters.message(text[bad]))
        raise ConfigError(N_("{name} has errors").format(name=display))
    parsed = parse_yaml(text)
    if isinstance(parsed, SyntaxProblem):
        problems.error(display, parsed.line, "YAML", parsed.message)
        raise ConfigError(N_("{name} is not valid YAML").format(name=display))
    ctx = Context(parsed, display, problems)
    values = validate_document(parsed, FIELDS, ctx)
    if values is None:
        raise ConfigError(N_("{name} has errors").format(name=display))
    config = _build(root, _overridden(values, base_url, edition))
    found = _file_problems(config, values.get("theme"))
    for name, message in found:
        problems.error(display, ctx.lines.get(name), name, message)
    if found:
        raise ConfigError(N_("{name} has errors").format(name=display))
    return config


def _overridden(values: Values, base_url: str | None, edition: str | None) -> Values:
    """The file's values with the command line's base URL and catalogue edition."""
    if base_url is not None:
        message = formats.web_url(base_url)
        if message is not None:
            raise ConfigError(N_("--base-url: {problem}").format(problem=message))
        values["base_url"] = base_url
    if edition is not None:
        values["catalogue"] = {**values.get("catalogue", {}), "edition": edition}
    return values


def _theme_problem(config: Config, theme: str | None) -> str | None:
    """What is wrong with the site's theme folder, if anything."""
    linked = linked_folder(config.root / theme, config.root) if theme else None
    if linked is not None:
        return N_(
            "{path} is a symbolic link, which is not followed or read (a link could publish "
            "any file of the computer); put the theme itself there"
        ).format(path=display_path(linked, config.root))
    if config.theme_dir is not None and not config.theme_dir.is_dir():
        return N_("no theme folder at {path}").format(path=config.theme_dir)
    return None


#: What the catalogue's own images may be (Pillow's format names; SVG is read by WeasyPrint).
COVER_FORMATS = {"catalogue.cover_image": ("JPEG", "PNG"), "catalogue.logo": ("JPEG", "PNG", "SVG")}


def _file_problems(config: Config, theme: str | None) -> list[tuple[str, str]]:
    """The settings that do not name what they must: the theme folder, and the catalogue's
    images inside the project (each with its field)."""
    settings = config.catalogue
    found = []
    message = _theme_problem(config, theme)
    if message is not None:
        found.append(("theme", message))
    for name, value in (
        ("catalogue.cover_image", settings.cover_image),
        ("catalogue.logo", settings.logo),
    ):
        message = image_problem(config.root, value, COVER_FORMATS[name]) if value else None
        if message is not None:
            found.append((name, message))
    return found


_AS_GIVEN = ("title", "description", "publisher", "city", "per_page",
             "home_new_products", "feed_size", "related_products", "expiring_days", "search",
             "allow_html", "license")  # fmt: skip


def _build(root: Path, v: Values) -> Config:
    base_url = v["base_url"] if v["base_url"].endswith("/") else v["base_url"] + "/"
    theme = v.get("theme")
    return Config(
        root=root,
        base_url=base_url,
        districts=tuple(v.get("districts", ())),
        theme_dir=(root / theme).resolve() if theme else None,
        images=_images(v.get("images", {})),
        catalogue=_catalogue(v.get("catalogue", {})),
        admin=AdminSettings(**v.get("admin", {})),
        **languages.languages_of(v),
        **{name: v[name] for name in _AS_GIVEN if name in v},
    )
