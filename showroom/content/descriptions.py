"""A product's description in the languages after the default one: `index.en.md` beside
`index.md`, Markdown only (its fields are in index.md's `en:` block), read and checked as
index.md's body is."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from showroom.content.text import characters_allowed, read_text, shown_path
from showroom.messages import N_
from showroom.problems import Problems

if TYPE_CHECKING:
    from showroom.content.bundle import Bundle

#: index.<language>.md (a language code of two or three letters).
_NAME = re.compile(r"index\.([a-z]{2,3})\.md")


def translated_bodies(bundle: Bundle, problems: Problems) -> dict[str, str] | None:
    """The Markdown of each index.<language>.md, by language; None after an error. A file
    for a language `languages` does not list is not read, with a warning."""
    bodies: dict[str, str] = {}
    ok = True
    for name in sorted(bundle.files.files):
        match = _NAME.fullmatch(name.lower())
        if match is None or name in bundle.files.links:
            continue
        code = match[1]
        shown = shown_path(bundle.folder / name, bundle.root)
        if code not in bundle.languages[1:]:
            problems.warn(shown, None, "", _not_read(code, bundle.languages))
            continue
        body = _body(bundle, name, code, shown, problems)
        if body is None:
            ok = False
        else:
            bodies[code] = body
    return bodies if ok else None


def _body(bundle: Bundle, name: str, code: str, shown: str, problems: Problems) -> str | None:
    text = read_text(bundle.files.files[name], shown, problems)
    if text is None:
        return None
    if text.startswith("---"):
        message = N_(
            "holds the description only, in Markdown, without front matter: its fields go in "
            "the `{code}:` block of index.md"
        ).format(code=code)
        problems.error(shown, 1, "front matter", message)
        return None
    if not characters_allowed(text, 1, shown, problems, "body"):
        return None
    return text


def _not_read(code: str, languages: tuple[str, ...]) -> str:
    if code == languages[0]:
        return N_(
            "not read: {code!r} is the default language, whose description is index.md's body"
        ).format(code=code)
    return N_("not read: `languages` in showroom.yml does not list {code!r}").format(code=code)
