"""The printer's edition in the printer's colours: every colour of the catalogue's stylesheets
and photos in CMYK for the output profile (see themes/default/print/README.md).

A print shop wants text and rules in one ink: a grey or a black becomes black ink alone
(`device-cmyk(0 0 0 k)`), and the colour of text that is grey or black is pure black
(`device-cmyk(0 0 0 1)`, never a four-colour "rich" black, which blurs small type when the
plates are not in register); white is no ink. Other colours (the halls' colours, badges) are
converted by the profile, as the print shop's RIP would. (Photos stay RGB, tagged as sRGB:
see finishing.py.)"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, unquote

from PIL import Image, ImageCms

#: How far apart a colour's channels may be for it to count as a grey (Tailwind's slate greys,
#: which the theme uses, are a little blue: #4a5568 is 30 apart).
GREY_SPREAD = 40
#: A `color` lighter than this is printed as no ink (white text on a coloured ground).
LIGHT_TEXT = 0.75

_HEX = r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![0-9a-fA-F\w-])"
_FUNCTION = r"rgba?\(\s*[\d.%\s,/]+\)"
_NAMED = r"(?<![-\w#])(?:black|white)(?![-\w])"
_COLOUR = re.compile(f"{_HEX}|{_FUNCTION}|{_NAMED}")
_DECLARATION = re.compile(r"([a-zA-Z-]+)(\s*:\s*)([^;{}]*)")
_STYLE_BLOCK = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S | re.I)
_STYLE_ATTRIBUTE = re.compile(r'(\sstyle=")([^"]*)(")', re.I)
_SVG_DATA = re.compile(r"data:image/svg\+xml,([^)\s\"']+)")
_SVG_PAINT = re.compile(r"((?:fill|stroke|stop-color)=')([^']*)(')")

RGB = tuple[int, int, int]
Convert = Callable[[RGB], tuple[float, float, float, float]]


def css_in_cmyk(css: str, profile: Path) -> str:
    """The stylesheet with every colour of a declaration in CMYK (see the module's text)."""
    convert = _converter(profile)

    def declaration(match: re.Match[str]) -> str:
        name, colon, value = match.groups()
        text = name.lower() == "color"
        return name + colon + _COLOUR.sub(lambda m: _cmyk(m.group(0), text, convert), value)

    return _DECLARATION.sub(declaration, css)


def html_in_cmyk(html: str, profile: Path) -> str:
    """The document's own style blocks and style attributes in CMYK, with the SVG images they
    hold as data addresses (the book's colour bands and thumb tabs); its text untouched."""

    def styled(match: re.Match[str]) -> str:
        opening, body, closing = match.groups()
        return opening + css_in_cmyk(_SVG_DATA.sub(svg, body), profile) + closing

    def svg(match: re.Match[str]) -> str:
        drawing = unquote(match.group(1))
        painted = _SVG_PAINT.sub(
            lambda m: (
                m.group(1)
                + _COLOUR.sub(lambda c: _cmyk(c.group(0), False, _converter(profile)), m.group(2))
                + m.group(3)
            ),
            drawing,
        )
        return "data:image/svg+xml," + quote(painted)

    return _STYLE_ATTRIBUTE.sub(styled, _STYLE_BLOCK.sub(styled, html))


def _cmyk(token: str, text: bool, convert: Convert) -> str:
    parsed = _parse(token)
    if parsed is None:
        return token
    (r, g, b), alpha = parsed
    if max(r, g, b) - min(r, g, b) <= GREY_SPREAD:
        lightness = (0.299 * r + 0.587 * g + 0.114 * b) / 255
        # Text is black ink or none; a ground or a rule is a tint of black.
        k = (0.0 if lightness > LIGHT_TEXT else 1.0) if text else round(1 - lightness, 3)
        c = m = y = 0.0
    else:
        c, m, y, k = convert((r, g, b))
    shown = " ".join(_number(v) for v in (c, m, y, k))
    return f"device-cmyk({shown})" if alpha >= 1 else f"device-cmyk({shown} / {_number(alpha)})"


def _parse(token: str) -> tuple[RGB, float] | None:
    lowered = token.lower()
    if lowered == "black":
        return (0, 0, 0), 1.0
    if lowered == "white":
        return (255, 255, 255), 1.0
    if lowered.startswith("#"):
        digits = lowered[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)), 1.0
    parts = [p for p in re.split(r"[\s,/]+", lowered[lowered.index("(") + 1 : -1]) if p]
    if len(parts) not in (3, 4):
        return None
    try:
        channels = [_channel(p) for p in parts[:3]]
        alpha = _alpha(parts[3]) if len(parts) == 4 else 1.0
    except ValueError:
        return None
    return (channels[0], channels[1], channels[2]), alpha


def _channel(part: str) -> int:
    value = float(part[:-1]) * 2.55 if part.endswith("%") else float(part)
    return max(0, min(255, round(value)))


def _alpha(part: str) -> float:
    value = float(part[:-1]) / 100 if part.endswith("%") else float(part)
    return max(0.0, min(1.0, value))


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


@functools.cache
def _converter(profile: Path) -> Convert:
    transform = _colour_transform(str(profile))

    def convert(rgb: RGB) -> tuple[float, float, float, float]:
        pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), transform)
        assert pixel is not None
        c, m, y, k = pixel.getpixel((0, 0))  # type: ignore[misc]
        return (round(c / 255, 3), round(m / 255, 3), round(y / 255, 3), round(k / 255, 3))

    return convert


@functools.cache
def _colour_transform(profile: str) -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(profile),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )
