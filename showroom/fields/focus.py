"""Where a photo's point of interest is, and what shape a crop has: values editors write."""

from __future__ import annotations

import re
from dataclasses import dataclass

from showroom.messages import N_


@dataclass(frozen=True)
class Focus:
    """The point of interest as fractions of width and height (0.5, 0.5 is the centre)."""

    x: float = 0.5
    y: float = 0.5


KEYWORDS = {
    "center": Focus(0.5, 0.5),
    "centre": Focus(0.5, 0.5),
    "top": Focus(0.5, 0.0),
    "bottom": Focus(0.5, 1.0),
    "left": Focus(0.0, 0.5),
    "right": Focus(1.0, 0.5),
    "top left": Focus(0.0, 0.0),
    "top right": Focus(1.0, 0.0),
    "bottom left": Focus(0.0, 1.0),
    "bottom right": Focus(1.0, 1.0),
}
_PERCENTS = re.compile(r"([0-9]{1,3}(?:\.[0-9]+)?)%\s+([0-9]{1,3}(?:\.[0-9]+)?)%")


def parse_focus(text: str) -> Focus | str:
    """`center`, `top left` … or `30% 40%` (from the left, from the top); else a message."""
    value = " ".join(text.lower().split())
    if value in KEYWORDS:
        return KEYWORDS[value]
    match = _PERCENTS.fullmatch(value)
    if match:
        x, y = float(match.group(1)), float(match.group(2))
        if x <= 100 and y <= 100:
            return Focus(x / 100, y / 100)
    return N_("{text!r} is not a focus point: write e.g. 'center', 'top' or '30% 40%'").format(
        text=text
    )


def parse_aspect(text: str) -> float | str:
    match = re.fullmatch(r"\s*([0-9]+)\s*[:/]\s*([0-9]+)\s*", text)
    if not match or int(match.group(2)) == 0 or int(match.group(1)) == 0:
        return N_("{text!r} is not an aspect ratio like 4:3").format(text=text)
    return int(match.group(1)) / int(match.group(2))


def aspect_problem(value: str) -> str | None:
    """What is wrong with an aspect ratio (a field check), or None."""
    parsed = parse_aspect(value)
    return parsed if isinstance(parsed, str) else None
