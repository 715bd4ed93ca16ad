"""The theme's words (`t.key` in templates), merged from its strings files."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from showroom.errors import ConfigError
from showroom.fields import characters
from showroom.fields.nodes import SyntaxProblem, parse_yaml
from showroom.fields.source import SourceProblem, read_source


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

    def count(self, key: str, count: int, **fields: object) -> str:
        """The text of `key` for `count` things: its singular `<key>_one` when the count is
        one and the language has one ("1 product"; Korean has none), else `key`'s."""
        one = f"{key}{SINGULAR}"
        text = self._texts[one] if count == 1 and one in self._texts else self[key]
        return text.format(count=count, **fields)

    def term(self, value: str) -> str:
        """The official name in this language of a term content gives in the default one (a
        certification, an agency, a company's flag, a district, a unit: the theme's terms
        file), else the value as it is."""
        return self._texts.get(TERM_PREFIX + value, value)


#: The end of the key of a text's singular form (`product_count_one`).
SINGULAR = "_one"

#: How the entries of a terms file (`terms/en.yml`) are kept among the strings.
TERM_PREFIX = "term:"


def load_strings(files: list[Path], city: str = "") -> Strings:
    """Merge the strings files in order: later files override earlier keys; `{city}` in a
    text is the city's name (see `fill_city`)."""
    strings: dict[str, str] = {}
    for path in files:
        try:
            text = read_source(path)
        except SourceProblem as exc:
            raise ConfigError(f"{path}:{exc.line}: {exc.message}") from None
        texts = _texts(str(path), text)
        if path.parent.name == "terms":
            texts = tuple((TERM_PREFIX + key, value) for key, value in texts)
        strings.update(texts)
    return Strings({key: fill_city(text, city) for key, text in strings.items()})


@functools.lru_cache(maxsize=16)
def _texts(path: str, text: str) -> tuple[tuple[str, str], ...]:
    """A strings file's key: text pairs, checked; kept by its text for the next build in this
    process (checking and parsing were a tenth of a small build; a problem is not kept)."""
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
    return tuple((str(k), str(v)) for k, v in data.items())


def fill_city(text: str, city: str) -> str:
    """`{city}` becomes the city's name (showroom.yml's `city`); without one, the placeholder
    goes and the spaces around it close up ("조달 번호로 {city} 지역상품을" reads "조달 번호로
    지역상품을"), so a theme writes the city as a word of its own."""
    if "{city}" not in text:
        return text
    if city:
        return text.replace("{city}", city)
    return re.sub(r" *\{city\} *", " ", text).strip()
