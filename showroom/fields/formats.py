"""Formats of single values: each is one regular expression and the message for a mismatch.

The same expression checks a value in Showroom and becomes the `pattern` of the JSON Schema
that editors use (`showroom schema`), so the two cannot disagree. The expressions keep to the
syntax that Python's `re` and JavaScript's `RegExp` (the editors' engine) read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from showroom.messages import N_


@dataclass(frozen=True)
class Format:
    """A value matches `pattern` as a whole, or `explain` says what is wrong with it.

    `summary` says what is expected without a value (the editor's message, e.g. "a phone
    number like 052-123-4567").
    """

    pattern: str
    summary: str
    explain: Callable[[str], str]

    def __call__(self, value: str) -> str | None:
        """None when the value matches, else the message (a field check)."""
        if re.fullmatch(self.pattern, value):
            return None
        return self.explain(value)


def _message(template: str) -> Callable[[str], str]:
    def explain(value: str) -> str:
        return template.format(value=value)

    return explain


_PHONE = r"(?:\+82-?)?0?[0-9]{1,3}-?[0-9]{3,4}-?[0-9]{4}|1[0-9]{3}-?[0-9]{4}"
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_WEB_URL = r"[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]+[^\s]*"

phone = Format(
    _PHONE,
    N_("a phone number like 052-123-4567"),
    _message(N_("{value!r} is not a phone number like 052-123-4567")),
)

email = Format(
    _EMAIL,
    N_("an e-mail address like sales@example.kr"),
    _message(N_("{value!r} is not an e-mail address like sales@example.kr")),
)

web_url = Format(
    _WEB_URL,
    N_("a web address starting with https://"),
    _message(N_("{value!r} is not a web address starting with https://")),
)


def _explain_url_or_email(value: str) -> str:
    if value.startswith("mailto:"):
        return email.explain(value.removeprefix("mailto:").split("?", 1)[0])
    if "@" in value and "://" not in value:
        return email.explain(value)
    return web_url.explain(value)


url_or_email = Format(
    rf"mailto:(?:{_EMAIL})(?:\?[\s\S]*)?|{_EMAIL}|{_WEB_URL}",
    N_("a web address starting with https://, or an e-mail address"),
    _explain_url_or_email,
)
"""A web address, a `mailto:` link or a bare e-mail address (inquiry links)."""

slug = Format(
    r"[a-z0-9\uac00-\ud7a3]+(?:-[a-z0-9\uac00-\ud7a3]+)*",
    N_("lowercase letters, digits and single hyphens (e.g. smart-led-lamp)"),
    _message(
        N_(
            "{value!r} is not a valid slug: use lowercase letters, digits and single hyphens "
            "(e.g. smart-led-lamp)"
        )
    ),
)


def _explain_relative_file(value: str) -> str:
    if value.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", value):
        return N_("{value!r} must be a file beside index.md, not an absolute path").format(
            value=value
        )
    if "://" in value:
        return N_("{value!r} must be a file beside index.md, not a web address").format(value=value)
    return N_("{value!r} must not leave the product's folder ('..')").format(value=value)


relative_file = Format(
    # not absolute (/…, \…, C:…), not a web address, no `..` part
    r"(?![/\\])(?![A-Za-z]:)(?![\s\S]*://)(?!(?:[\s\S]*[/\\])?\.\.(?:[/\\]|$))[\s\S]+",
    N_("a file name beside index.md (no folders above it, no web address)"),
    _explain_relative_file,
)
"""A file name inside the content's own folder: no absolute paths, no `..`."""


def digits(count: int, what: str) -> Format:
    """Exactly `count` digits (hyphens and spaces allowed between them)."""
    return Format(
        rf"[- ]*(?:[0-9][- ]*){{{count}}}",
        N_("{count} digits (hyphens allowed)").format(count=count),
        lambda value: N_("{what} must be {count} digits, got {value!r}").format(
            what=what, count=count, value=value
        ),
    )


def strip_separators(value: str) -> str:
    return value.replace("-", "").replace(" ", "")


#: 발간등록번호: 발간기관 구분 (2 digits), 기관 코드 (7), 일련번호 (6), 간행물 구분 (2).
registration_number = Format(
    r"[0-9]{2}-[0-9]{7}-[0-9]{6}-[0-9]{2}",
    N_("a publication registration number like 11-1234567-000123-01"),
    _message(N_("{value!r} is not a 발간등록번호 like 11-1234567-000123-01 (2-7-6-2 digits)")),
)


def isbn(value: str) -> str | None:
    """What is wrong with an ISBN (10 or 13 digits, hyphens and spaces allowed), or None."""
    plain = value.replace("-", "").replace(" ", "").upper()
    if len(plain) == 13 and plain.isdigit():
        total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(plain[:12]))
        expected = str(-total % 10)
    elif len(plain) == 10 and plain[:9].isdigit() and (plain[9].isdigit() or plain[9] == "X"):
        total = sum(int(d) * (10 - i) for i, d in enumerate(plain[:9]))
        expected = "0123456789X"[-total % 11]
    else:
        return N_("{value!r} is not an ISBN (13 digits like 979-11-1234-567-7, or 10)").format(
            value=value
        )
    if plain[-1] != expected:
        return N_("{value!r} is not a valid ISBN: its check digit would be {expected}").format(
            value=value, expected=expected
        )
    return None


repository = Format(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}",
    N_("a GitHub repository as owner/name (e.g. ulsan-city/showroom)"),
    _message(N_("{value!r} is not a GitHub repository as owner/name (e.g. ulsan-city/showroom)")),
)
"""A GitHub repository, `owner/name` (the web editor saves to it)."""
