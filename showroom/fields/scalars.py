"""Field types of one plain value: text, whole numbers, true/false and dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from yaml.nodes import Node, ScalarNode

from showroom.fields import characters
from showroom.fields.types import BOOL_TAG, INVALID, Context, FieldType, Invalid
from showroom.messages import N_

#: A check of a text value: the message saying what is wrong, or None.
Check = Callable[[str], str | None]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: Whole numbers longer than this are refused (prices in won are far shorter; Python itself
#: refuses to read numbers of more than 4,300 digits).
MAX_DIGITS = 15

#: The years a date may have. Products, designations and certificates are of the present:
#: a year before 1900 or after 2999 is a typing mistake or a "never expires" placeholder
#: (9999-12-31), and the validity arithmetic (start + 6 years, the feed's timestamps, days
#: left) stays far inside what dates can hold (year 1 to 9999).
FIRST_YEAR = 1900
LAST_YEAR = 2999


@dataclass(frozen=True)
class Text(FieldType):
    """A string, read as typed; optional pattern, choices and a check returning a message."""

    label: str = N_("text")
    choices: tuple[str, ...] = ()
    check: Check | None = None

    def convert(self, node: Node, ctx: Context, name: str) -> str | Invalid:
        raw = self._scalar(node, ctx, name)
        if isinstance(raw, Invalid):
            return raw
        value = raw.strip()
        message = self._problem(raw, value)
        if message is not None:
            ctx.error(node, name, message)
            return INVALID
        return value

    def _problem(self, raw: str, value: str) -> str | None:
        """What is wrong with the text `raw` (`value` once stripped), or None."""
        if not value:
            return N_("must not be empty")
        bad = characters.find_in_value(raw)  # before strip(), which drops U+0085 and others
        if bad is not None:
            return characters.message(raw[bad])
        if self.choices and value not in self.choices:
            options = ", ".join(self.choices)
            return N_("{value!r} is not one of: {options}").format(value=value, options=options)
        return self.check(value) if self.check is not None else None


@dataclass(frozen=True)
class Integer(FieldType):
    label: str = N_("whole number")
    minimum: int | None = None
    choices: tuple[int, ...] = ()

    def convert(self, node: Node, ctx: Context, name: str) -> int | Invalid:
        raw = self._scalar(node, ctx, name)
        if isinstance(raw, Invalid):
            return raw
        value = _whole_number(raw.strip())
        if isinstance(value, str):
            ctx.error(node, name, value)
            return INVALID
        message = self._problem(value)
        if message is not None:
            ctx.error(node, name, message)
            return INVALID
        return value

    def _problem(self, value: int) -> str | None:
        if self.minimum is not None and value < self.minimum:
            return N_("must be at least {minimum}, got {value}").format(
                minimum=self.minimum, value=value
            )
        if self.choices and value not in self.choices:
            options = ", ".join(str(c) for c in self.choices)
            return N_("{value} is not one of: {options}").format(value=value, options=options)
        return None


def _whole_number(text: str) -> int | str:
    """The number written as `text`, or the message saying what is wrong."""
    if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", text):
        plain = text.replace(",", "")
        return N_("write the number without separators: {plain}").format(plain=plain)
    if not re.fullmatch(r"[-+]?[0-9]+", text):
        return N_("expected a whole number, got {text!r}").format(text=text)
    if len(text.lstrip("+-0")) > MAX_DIGITS:
        return N_("the number is too large (more than {count} digits)").format(count=MAX_DIGITS)
    return int(text)


@dataclass(frozen=True)
class Boolean(FieldType):
    label: str = N_("true/false")

    def convert(self, node: Node, ctx: Context, name: str) -> bool | Invalid:
        raw = self._scalar(node, ctx, name)
        if isinstance(raw, Invalid):
            return raw
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            return raw.strip().lower() in ("true", "yes", "on", "y")
        ctx.error(node, name, N_("expected true or false, got {raw!r}").format(raw=raw))
        return INVALID


def parse_iso_date(text: str) -> dt.date | str:
    """A date from `YYYY-MM-DD`, or the message saying what is wrong."""
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        return N_("expected a date as YYYY-MM-DD, got {text!r}").format(text=text)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return N_("{text} is not a real date").format(text=text)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return N_("{text}: the year must be between {first} and {last}").format(
            text=text, first=FIRST_YEAR, last=LAST_YEAR
        )
    return day


@dataclass(frozen=True)
class Date(FieldType):
    label: str = N_("date (YYYY-MM-DD)")

    def convert(self, node: Node, ctx: Context, name: str) -> dt.date | Invalid:
        raw = self._scalar(node, ctx, name)
        if isinstance(raw, Invalid):
            return raw
        result = parse_iso_date(raw)
        if isinstance(result, str):
            ctx.error(node, name, result)
            return INVALID
        return result
