"""One Jinja environment over the theme search path: strict, autoescaped, with the strings."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import NoReturn

import jinja2
import jinja2.bccache

from showroom.errors import ShowroomError
from showroom.images.variants import Rendition
from showroom.render.places import theme_error
from showroom.site import urls
from showroom.state.reuse import Slot
from showroom.theme.folders import Theme


def format_won(value: int) -> str:
    return f"{value:,}"


def iso(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory by the process: each build gets a fresh environment
    (imported macro modules capture the globals of their build) without compiling again.
    Jinja keys each entry on the template's name and file and checks it against a checksum of
    the source, so an edited template is compiled again. Nothing is read from disk: no code
    from a cache file is ever run."""

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._entries.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._entries[bucket.key] = bucket.bytecode_to_string()


#: The compiled templates of this process, shared by all its builds (`serve`'s rebuilds, the
#: site and the `pdf` command, a test session's many builds): one entry per template file.
PROCESS_TEMPLATES = MemoryBytecodeCache()
TEMPLATES: Slot[MemoryBytecodeCache] = Slot("compiled templates", lambda: PROCESS_TEMPLATES)


class ThemeEnvironment(jinja2.Environment):
    """The theme's templates, strict and autoescaped; an error in one of them (compiling or
    rendering) is raised as a ThemeError at the template's file and line."""

    def __init__(self, theme: Theme, bytecode_cache: jinja2.BytecodeCache | None = None) -> None:
        super().__init__(
            loader=jinja2.FileSystemLoader(theme.template_dirs),
            bytecode_cache=bytecode_cache,
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.theme = theme

    def handle_exception(self, source: str | None = None) -> NoReturn:
        """Jinja calls this for every error of compiling or rendering a template (inside the
        `except` that caught it); Jinja's rewritten traceback places it in the template."""
        current = sys.exc_info()[1]
        if isinstance(current, ShowroomError):  # placed already (an included template's)
            raise current
        try:
            super().handle_exception(source)
        except Exception as rewritten:
            raise theme_error(rewritten, self.theme) from rewritten


def make_environment(
    theme: Theme,
    base_path: str,
    base_url: str,
    bytecode_cache: jinja2.BytecodeCache | None = None,
    prefix: str = "",
) -> jinja2.Environment:
    """The environment of the pages in the language whose pages are under `prefix`: `url`
    and `abs_url` take a page's path in the site ("products/x/") and give its address in
    that language ("/en/products/x/"), and any other file's as it is."""
    env = ThemeEnvironment(theme, bytecode_cache)

    def url(path: str) -> str:
        return urls.join(base_path, urls.in_language(prefix, path))

    def abs_url(path: str) -> str:
        return urls.absolute(base_url, urls.in_language(prefix, path))

    def srcset(renditions: Sequence[Rendition]) -> str:
        return ", ".join(f"{url(r.path)} {r.width}w" for r in renditions)

    helpers: dict[str, object] = {
        "srcset": srcset,
        "url": url,
        "url_in": lambda language, path: urls.join(base_path, language.path(path)),
        "abs_url_in": lambda language, path: urls.absolute(base_url, language.path(path)),
        "abs_url": abs_url,
        "product_path": lambda p: urls.product(p.slug),
        "company_path": lambda c: urls.company(c.slug),
        "companies_path": urls.companies(),
        "static_path": lambda name: f"static/{name}",
    }
    env.globals.update(helpers)
    env.filters["won"] = format_won
    env.filters["iso"] = iso
    return env
