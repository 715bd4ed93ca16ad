"""showroom.yml: loaded and validated into a frozen Config; unknown keys warn."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from showroom.config.declarations import EDITIONS as EDITIONS
from showroom.config.declarations import FIELDS as FIELDS
from showroom.config.declarations import PAPER_SIZES as PAPER_SIZES
from showroom.config.site_text import SiteText, site_texts
from showroom.errors import ConfigError
from showroom.fields import characters, formats, languages
from showroom.fields.characters import find_in_file
from showroom.fields.files import image_problem, linked_folder
from showroom.fields.focus import parse_aspect
from showroom.fields.nodes import SyntaxProblem, key_path_at, parse_yaml
from showroom.fields.records import Values, validate_document
from showroom.fields.source import SourceProblem, read_source
from showroom.fields.types import Context
from showroom.messages import N_
from showroom.problems import Problems, display_path

CONFIG_FILE = "showroom.yml"


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
    #: JPEG (PNG) fallbacks at every web and card width in the pages' <picture>s; off: WebP
    #: only, and one JPEG per photo (its largest web width) for <img src>, links and og:image.
    fallback: bool = False


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
    #: The most pages one search index shard holds (search/shards.py).
    search_shard_pages: int = 4000
    allow_html: bool = False
    license: str = ""
    admin: AdminSettings = field(default_factory=AdminSettings)
    #: The site's words in each language after the default one (see `in_language`).
    texts: tuple[SiteText, ...] = ()

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def prefix(self) -> str:
        """Where this language's pages are: the default language's at the root ("")."""
        code = self.language.split("-")[0].lower()
        return "" if code == self.default_language else f"{code}/"

    def in_language(self, code: str) -> Config:
        """The settings as the pages in language `code` (one of `languages`) show them: its
        words where given, the default language's elsewhere. The default language: these."""
        if code == self.default_language:
            return self
        text = next((t for t in self.texts if t.language == code), SiteText(code))
        words = {name: getattr(text, name) for name in _SITE_WORDS if getattr(text, name)}
        return replace(self, language=code, catalogue=_catalogue_in(self.catalogue, text), **words)

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


#: The settings a language's block of the site's words gives (see `Config.in_language`).
_SITE_WORDS = ("title", "description", "publisher", "city", "license")


def _catalogue_in(catalogue: CatalogueSettings, text: SiteText) -> CatalogueSettings:
    """The catalogue's settings with a language's words where it gives them."""
    colophon = replace(catalogue.colophon, address=text.address or catalogue.colophon.address)
    return replace(
        catalogue,
        title=text.catalogue_title or catalogue.title,
        edition_label=text.edition_label or catalogue.edition_label,
        guide=text.guide or catalogue.guide,
        colophon=colophon,
    )


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
        fallback=v.get("fallback", default.fallback),
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
             "search_shard_pages", "allow_html", "license")  # fmt: skip


def _build(root: Path, v: Values) -> Config:
    base_url = v["base_url"] if v["base_url"].endswith("/") else v["base_url"] + "/"
    theme = v.get("theme")
    settings = languages.languages_of(v)
    return Config(
        root=root,
        base_url=base_url,
        districts=tuple(v.get("districts", ())),
        theme_dir=(root / theme).resolve() if theme else None,
        images=_images(v.get("images", {})),
        catalogue=_catalogue(v.get("catalogue", {})),
        admin=AdminSettings(**v.get("admin", {})),
        texts=site_texts(v, settings["languages"]),
        **settings,
        **{name: v[name] for name in _AS_GIVEN if name in v},
    )
