"""One Jinja environment over the theme search path: strict, autoescaped, with the strings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import yaml

from showroom.errors import ConfigError
from showroom.fields import characters
from showroom.fields.nodes import SyntaxProblem, parse_yaml
from showroom.fields.source import SourceProblem, read_source
from showroom.images.variants import Rendition
from showroom.render.theme import Theme
from showroom.site import urls


class Strings:
    """The theme's words: `t.key` in templates; an unknown key fails the build."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts

    def __getattr__(self, key: str) -> str:
        try:
            return self._texts[key]
        except KeyError:
            raise AttributeError(f"no text {key!r} in the theme's strings file") from None

    def __getitem__(self, key: str) -> str:
        try:
            return self._texts[key]
        except KeyError:
            raise KeyError(f"no text {key!r} in the theme's strings file") from None

    def __contains__(self, key: str) -> bool:
        return key in self._texts


def load_strings(files: list[Path], city: str = "") -> Strings:
    """Merge the strings files in order: later files override earlier keys; `{city}` in a
    text is the city's name (see `fill_city`)."""
    strings: dict[str, str] = {}
    for path in files:
        try:
            text = read_source(path)
        except SourceProblem as exc:
            raise ConfigError(f"{path}:{exc.line}: {exc.message}") from None
        bad = characters.find_in_file(text)
        if bad is not None:
            line = text.count("\n", 0, bad) + 1
            raise ConfigError(f"{path}:{line}: {characters.message(text[bad])}")
        checked = parse_yaml(text)  # no aliases, no foreign tags
        if isinstance(checked, SyntaxProblem):
            raise ConfigError(f"{path}:{checked.line}: {checked.message}")
        try:
            data = yaml.load(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: a strings file is a mapping of key: text")
        strings.update({str(k): str(v) for k, v in data.items()})
    return Strings({key: fill_city(text, city) for key, text in strings.items()})


def fill_city(text: str, city: str) -> str:
    """`{city}` becomes the city's name (showroom.yml's `city`); without one, the placeholder
    goes and the spaces around it close up ("조달 번호로 {city} 지역상품을" reads "조달 번호로
    지역상품을"), so a theme writes the city as a word of its own."""
    if "{city}" not in text:
        return text
    if city:
        return text.replace("{city}", city)
    return re.sub(r" *\{city\} *", " ", text).strip()


def format_won(value: int) -> str:
    return f"{value:,}"


def iso(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory by a long-running process (serve): each build gets a
    fresh environment (imported macro modules capture the globals of their build) without
    compiling again. Jinja keys each entry on the template's name and a checksum of its source."""

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._entries.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._entries[bucket.key] = bucket.bytecode_to_string()


def make_environment(
    theme: Theme,
    base_path: str,
    base_url: str,
    bytecode_cache: jinja2.BytecodeCache | None = None,
) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme.template_dirs),
        bytecode_cache=bytecode_cache,
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def url(path: str) -> str:
        return urls.join(base_path, path)

    def abs_url(path: str) -> str:
        return urls.absolute(base_url, path)

    def srcset(renditions: Sequence[Rendition]) -> str:
        return ", ".join(f"{url(r.path)} {r.width}w" for r in renditions)

    helpers: dict[str, Any] = {
        "srcset": srcset,
        "url": url,
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
