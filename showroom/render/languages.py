"""The languages of the pages: the other languages' versions of a page (hreflang alternates,
the language switcher), the visible mark of a field shown in the default language, and the
`lang` of the default language's words on a page in another one."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from showroom.site import urls


@dataclass(frozen=True)
class Language:
    """One of the site's languages as a page links to it."""

    code: str  # `languages`' code: "en"
    tag: str  # the pages' `lang`: "en", "ko-KR"
    name: str  # its own name: "English", "한국어"
    prefix: str  # where its pages are: "en/" ("" for the default language)

    def path(self, path: str) -> str:
        """The site path of page `path` in this language."""
        return urls.in_language(self.prefix, path)


@dataclass(frozen=True)
class PageLanguages:
    """The languages of a site as a page in one of them sees them."""

    current: Language
    default: Language
    every: tuple[Language, ...]  # in `languages`' order, the default first

    @property
    def others(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self.every if lang is not self.current)

    def alternates(self, base_url: str, path: str) -> Iterator[tuple[str, str]]:
        """(hreflang, absolute address) of the page in every language and `x-default` (the
        default language's); none on a site of one language."""
        if len(self.every) < 2:
            return
        for lang in self.every:
            yield lang.tag, urls.absolute(base_url, lang.path(path))
        yield "x-default", urls.absolute(base_url, self.default.path(path))

    def fell_back(self, obj: object, name: str) -> bool:
        """Whether a translatable field of a localised object is shown in the default language."""
        return name in getattr(obj, "fallback", ())

    def tag(self, obj: object, *names: str, title: str = "") -> Markup:
        """The visible mark after a field shown in the default language ("한국어"), marked up
        in that language, with `title` (in the page's); nothing when it is translated (or on
        the default language's pages)."""
        if not any(self.fell_back(obj, name) for name in names):
            return Markup("")
        return Markup('<span class="lang-tag" lang="{tag}" title="{title}">{name}</span>').format(
            tag=self.default.tag, name=self.default.name, title=title
        )

    def attrs(self, obj: object, *names: str) -> Markup:
        """` lang="ko"` for an element holding only a field shown in the default language."""
        if not any(self.fell_back(obj, name) for name in names):
            return Markup("")
        return Markup(' lang="{tag}"').format(tag=self.default.tag)


#: The default language's script: a run of text holding it is in that language.
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_LANG = re.compile(r"""\slang=["']?([^"'\s>]*)""")
#: Elements whose text cannot hold an element (or that is not text): left as they are.
_RAW = frozenset({"script", "style", "title", "textarea", "option", "template"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip


def mark_default_language(page: str, default_tag: str) -> str:
    """`page` (a page of ours in another language) with each text run that holds Hangul and
    is not inside an element in the default language wrapped in `<span lang="ko">`, so that
    a screen reader reads it in Korean and a browser picks a Korean font: names of people,
    units and anything else written only in Korean. Tags are ours (attribute values are
    escaped), so they are told by `<…>` alone."""
    if _HANGUL.search(page) is None:
        return page
    return _Marking(default_tag).run(page)


class _Marking:
    def __init__(self, default_tag: str) -> None:
        self.primary = default_tag.split("-")[0].lower()
        self.opening = f'<span lang="{html.escape(default_tag)}">'
        self.stack: list[tuple[str, bool]] = []  # (element, in the default language)

    def run(self, page: str) -> str:
        out: list[str] = []
        start = 0
        for match in _TAG.finditer(page):
            out.append(self.text(page[start : match.start()]))
            out.append(match.group(0))
            start = match.end()
            self.element(match.group(1) == "/", match.group(2).lower(), match.group(3))
        out.append(page[start:])
        return "".join(out)

    def text(self, text: str) -> str:
        if not text or _HANGUL.search(text) is None:
            return text
        name, korean = self.stack[-1] if self.stack else ("", False)
        return text if korean or name in _RAW else _wrapped(text, self.opening)

    def element(self, closing: bool, name: str, rest: str) -> None:
        if closing:
            while self.stack and self.stack.pop()[0] != name:
                pass
        elif name not in _VOID and not rest.endswith("/"):
            found = _LANG.search(rest)
            parent = self.stack[-1][1] if self.stack else False
            korean = (
                parent if found is None else found.group(1).split("-")[0].lower() == self.primary
            )
            self.stack.append((name, korean))


def _wrapped(text: str, opening: str) -> str:
    """`text` with its words from the first to the last that holds Hangul in a span."""
    words = [m for m in _WORD.finditer(text) if _HANGUL.search(m.group(0)) is not None]
    start, end = words[0].start(), words[-1].end()
    return f"{text[:start]}{opening}{text[start:end]}</span>{text[end:]}"


_WORD = re.compile(r"\S+")
