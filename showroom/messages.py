"""The editors' language for problems: English message templates marked in the code with
`N_`, their translations in gettext catalogues (showroom/locale/<language>/LC_MESSAGES/
messages.mo, made from the .po beside it by `python tools/messages.py`).

A message is made in English where a problem is found (`N_("{name} is not a file").format(
name=...)`), kept in English in every `Problem`, memo and test, and translated only where it is
shown to a reader (`Problem.format(messages)`, serve's error panel). Translating means
recognising the English text as one of the catalogue's templates, reading its arguments back,
translating each argument that is itself a message (a label, a nested problem), and putting them
into the translated template. `tests/test_messages.py` checks that every template is
recognised as itself, so that this never picks the wrong one."""

from __future__ import annotations

import functools
import gettext
import re
import string
from dataclasses import dataclass
from pathlib import Path

#: The languages problems can be shown in; English is the code's own.
LANGUAGES = ("ko", "en")
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_FORMATTER = string.Formatter()
_DEPTH = 4  # how deep messages nest in arguments (a label in a problem in a problem)


def default_messages(language: str) -> str:
    """The messages' language for a site's page language (`ko`, `ko-KR`): Korean, or English."""
    primary = language.split("-")[0].lower()
    return primary if primary in LANGUAGES else "en"


def N_(template: str) -> str:  # gettext's name for a marker
    """Marks an English message template for extraction; returns it unchanged."""
    return template


def _parts(template: str) -> list[tuple[str, str | None]]:
    """A template as (literal text, placeholder name or None) pieces."""
    return [(literal, name) for literal, name, _, _ in _FORMATTER.parse(template)]


def placeholders(template: str) -> set[str]:
    """The names of a template's placeholders (`{path}`, `{size:.0f}` → path, size); none for
    a message that is never formatted and may hold a brace of its own (YAML's "'}'")."""
    try:
        return {name for _, name in _parts(template) if name is not None}
    except ValueError:
        return set()


def _pattern(template: str) -> re.Pattern[str]:
    pieces = []
    seen: set[str] = set()
    for literal, name in _parts(template):
        pieces.append(re.escape(literal))
        if name is None:
            continue
        pieces.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
        seen.add(name)
    return re.compile("".join(pieces), re.DOTALL)


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    translation: str
    literal_length: int  # the more literal text, the more specific: tried first


@dataclass(frozen=True)
class Messages:
    """Translates English messages into one language (`en`: leaves them as they are)."""

    language: str
    plain: dict[str, str]  # messages without placeholders → their translation
    templates: tuple[_Template, ...]

    def text(self, message: str) -> str:
        """The message in this language; English when it is not a known message."""
        return self._translate(message, _DEPTH) or message

    def _translate(self, message: str, depth: int) -> str | None:
        found = self.plain.get(message)
        if found is not None or depth == 0 or not self.templates:
            return found
        for template in self.templates:
            match = template.pattern.fullmatch(message)
            if match is not None:
                args = {
                    name: self._translate(value, depth - 1) or value
                    for name, value in match.groupdict().items()
                }
                return "".join(
                    literal + ("" if name is None else args[name])
                    for literal, name in _parts(template.translation)
                )
        return None


ENGLISH = Messages("en", {}, ())


def _catalogue(language: str) -> dict[str, str]:
    """The compiled catalogue's msgid → msgstr for the language (none: empty)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.is_file():
        return {}
    with path.open("rb") as file:
        translations = gettext.GNUTranslations(file)
    # GNUTranslations keeps the catalogue in `_catalog` (not in typeshed's stub)
    catalog: dict[object, str] = translations._catalog  # type: ignore[attr-defined]
    return {k: v for k, v in catalog.items() if isinstance(k, str) and k and v}


@functools.cache
def messages_for(language: str) -> Messages:
    """The messages of a language (read once a process); English for any unknown one."""
    if language == "en":
        return ENGLISH
    catalogue = _catalogue(language)
    plain = {k: v for k, v in catalogue.items() if not placeholders(k)}
    templates = sorted(
        (
            _Template(_pattern(k), v, sum(len(lit) for lit, _ in _parts(k)))
            for k, v in catalogue.items()
            if placeholders(k)
        ),
        key=lambda t: -t.literal_length,
    )
    return Messages(language, plain, tuple(templates))
