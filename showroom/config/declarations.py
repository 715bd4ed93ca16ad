"""showroom.yml's declarations: every setting, its type and its documentation (what the
reference, the JSON Schema and validation are made from)."""

from __future__ import annotations

from showroom.config.site_text import SITE_TEXT_BLOCKS, check_site_text
from showroom.fields import formats, languages
from showroom.fields.containers import ListOf
from showroom.fields.focus import aspect_problem
from showroom.fields.records import Field, Record
from showroom.fields.scalars import Boolean, Integer, Text
from showroom.messages import N_

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
        "fallback": Field(
            Boolean(),
            doc="JPEG (or PNG) fallbacks at every width for browsers without WebP (false: "
            "WebP only, and one JPEG per photo for old browsers, links and og:image)",
        ),
    },
    name="images",
    doc="Photo processing: web and card sizes in WebP (JPEG or PNG fallbacks at every size "
    "only with `fallback`), one JPEG per photo, the print variant for the catalogue (kept in "
    "the cache, not published), and the cache folder (outside public/, reused by every build).",
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
        "search_shard_pages": Field(
            Integer(minimum=1),
            doc="the most pages one search index shard holds (4000): a larger site's index is "
            "split into shards, each made by its own Pagefind run and only when its pages "
            "changed, and the search page merges them",
        ),
        "allow_html": Field(Boolean(), doc="let Markdown pass raw HTML through (sanitised)"),
        "license": Field(Text(), doc="content licence line shown in the footer (공공누리 …)"),
        "admin": Field(ADMIN, doc="the web editor at /admin/ (see below)"),
        **SITE_TEXT_BLOCKS,
    },
    checks=(languages.check_languages, check_site_text),
)
