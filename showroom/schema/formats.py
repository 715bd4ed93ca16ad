"""Checks for the formats of single values: each returns a message, or None when fine."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

_DIGITS = re.compile(r"[0-9]+")
_PHONE = re.compile(r"(\+82-?)?0?[0-9]{1,3}-?[0-9]{3,4}-?[0-9]{4}|1[0-9]{3}-?[0-9]{4}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_SLUG = re.compile(r"[a-z0-9\uac00-\ud7a3]+(-[a-z0-9\uac00-\ud7a3]+)*")


def digits(count: int, what: str) -> Callable[[str], str | None]:
    """Exactly `count` digits (hyphens and spaces allowed between them)."""

    def check(value: str) -> str | None:
        plain = strip_separators(value)
        if not _DIGITS.fullmatch(plain) or len(plain) != count:
            return f"{what} must be {count} digits, got {value!r}"
        return None

    return check


def strip_separators(value: str) -> str:
    return value.replace("-", "").replace(" ", "")


def phone(value: str) -> str | None:
    if not _PHONE.fullmatch(value.strip()):
        return f"{value!r} is not a phone number like 052-123-4567"
    return None


def email(value: str) -> str | None:
    if not _EMAIL.fullmatch(value.strip()):
        return f"{value!r} is not an e-mail address like sales@example.kr"
    return None


def web_url(value: str) -> str | None:
    """An absolute http(s) URL."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        return f"{value!r} is not a web address starting with https://"
    return None


def url_or_email(value: str) -> str | None:
    """A web address, a `mailto:` link or a bare e-mail address (inquiry links)."""
    if value.startswith("mailto:"):
        return email(value.removeprefix("mailto:").split("?", 1)[0])
    if "@" in value and "://" not in value:
        return email(value)
    return web_url(value)


def slug(value: str) -> str | None:
    if not _SLUG.fullmatch(value):
        return (
            f"{value!r} is not a valid slug: use lowercase letters, digits and single hyphens "
            "(e.g. smart-led-lamp)"
        )
    return None


def relative_file(value: str) -> str | None:
    """A file name inside the content's own folder: no absolute paths, no `..`."""
    if value.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", value):
        return f"{value!r} must be a file beside index.md, not an absolute path"
    if "://" in value:
        return f"{value!r} must be a file beside index.md, not a web address"
    parts = value.replace("\\", "/").split("/")
    if ".." in parts:
        return f"{value!r} must not leave the product's folder ('..')"
    return None
