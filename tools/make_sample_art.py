"""Draw the illustrations of the sample showroom content.

Every product folder under ``content/products/`` gets the image files its front matter lists
(``photo.jpg``, ``detail.jpg`` …) and, where it lists one, a ``brochure.pdf``. The pictures are
honest illustrations drawn from simple shapes (no photographs, no text, no fonts): a studio or
outdoor backdrop, a soft shadow and a stylised object that fits the product. Colours are seeded
from the product slug, so running the script again gives byte-identical files.

    python tools/make_sample_art.py            # (re)draw every product
    python tools/make_sample_art.py smart-led-streetlight permeable-block

By default only the sample products named in ``MOTIFS`` are drawn, so real photos that
editors add to other product folders are never overwritten; name a slug to draw it explicitly.
Only Pillow is needed. The front matter is read with a few regular expressions (image ``src``
lines, ``category``, ``name`` and ``brochure``), so the script also runs before the engine is
installed.
"""

from __future__ import annotations

import argparse
import colorsys
import hashlib
import itertools
import math
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
PRODUCTS = ROOT / "content" / "products"

OUT_SIZE = (1200, 900)
SCALE = 2  # draw at twice the size, then downsample: cheap anti-aliasing
W, H = OUT_SIZE[0] * SCALE, OUT_SIZE[1] * SCALE
HORIZON = 1180
JPEG_QUALITY = 85
MAX_BYTES = 150_000
PDF_DATE = time.gmtime(1_767_225_600)  # 2026-01-01: a fixed date keeps the PDF reproducible

RGB = tuple[int, int, int]
Point = tuple[float, float]
Box = tuple[float, float, float, float]
Fill = RGB | Callable[[int, int], Image.Image]

WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)


# --------------------------------------------------------------------------- colours


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """Blend two colours: t=0 gives a, t=1 gives b."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def lighter(c: RGB, t: float) -> RGB:
    return mix(c, WHITE, t)


def darker(c: RGB, t: float) -> RGB:
    return mix(c, BLACK, t)


def hsv(h: float, s: float, v: float) -> RGB:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, max(0.0, min(1.0, s)), max(0.0, min(1.0, v)))
    return (round(r * 255), round(g * 255), round(b * 255))


@dataclass(frozen=True)
class Palette:
    """The colours of one picture, derived from the product slug."""

    hue: float
    accent: RGB
    second: RGB
    metal: RGB
    wall_top: RGB
    wall_bottom: RGB
    floor_far: RGB
    floor_near: RGB


def palette_for(rng: random.Random) -> Palette:
    hue = rng.random()
    bg = (hue + 0.5 + rng.uniform(-0.12, 0.12)) % 1.0
    return Palette(
        hue=hue,
        accent=hsv(hue, rng.uniform(0.55, 0.75), rng.uniform(0.72, 0.88)),
        second=hsv(hue + 0.5 + rng.uniform(-0.08, 0.08), 0.45, 0.85),
        metal=hsv(bg, 0.04, 0.74),
        wall_top=hsv(bg, rng.uniform(0.08, 0.16), 0.96),
        wall_bottom=hsv(bg, rng.uniform(0.12, 0.2), 0.86),
        floor_far=hsv(bg, 0.14, 0.80),
        floor_near=hsv(bg, 0.18, 0.66),
    )


# --------------------------------------------------------------------------- paint


def _ramp(colors: Sequence[RGB], n: int = 256) -> list[RGB]:
    if len(colors) == 1:
        return [colors[0]] * n
    out: list[RGB] = []
    segments = len(colors) - 1
    for i in range(n):
        pos = i / (n - 1) * segments
        k = min(int(pos), segments - 1)
        out.append(mix(colors[k], colors[k + 1], pos - k))
    return out


def _gradient(w: int, h: int, colors: Sequence[RGB], vertical: bool) -> Image.Image:
    ramp = _ramp(colors)
    line = Image.new("RGB", (1, 256) if vertical else (256, 1))
    line.putdata(ramp)
    return line.resize((max(w, 1), max(h, 1)), Image.Resampling.BILINEAR)


def vgrad(*colors: RGB) -> Fill:
    """A top-to-bottom gradient through the given colours."""
    return lambda w, h: _gradient(w, h, colors, vertical=True)


def hgrad(*colors: RGB) -> Fill:
    """A left-to-right gradient through the given colours."""
    return lambda w, h: _gradient(w, h, colors, vertical=False)


def cyl(c: RGB, vertical: bool = True) -> Fill:
    """The shading of a cylinder: dark rim, bright highlight, dark rim."""
    stops = (darker(c, 0.45), lighter(c, 0.35), c, darker(c, 0.2), darker(c, 0.55))
    return hgrad(*stops) if vertical else vgrad(*stops)


def _paint(fill: Fill, w: int, h: int) -> Image.Image:
    if isinstance(fill, tuple):
        return Image.new("RGB", (max(w, 1), max(h, 1)), fill)
    return fill(w, h)


def _bounds(points: Sequence[Point]) -> tuple[int, int, int, int]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs)) + 1, math.ceil(max(ys)) + 1


def _stamp(img: Image.Image, x0: int, y0: int, mask: Image.Image, fill: Fill) -> None:
    img.paste(_paint(fill, mask.width, mask.height), (x0, y0), mask)


def rect(img: Image.Image, box: Box, fill: Fill, radius: float = 0, alpha: int = 255) -> None:
    x0, y0, x1, y1 = (math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3]))
    if x1 <= x0 or y1 <= y0:
        return
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, x1 - x0 - 1, y1 - y0 - 1), radius=round(radius), fill=alpha
    )
    _stamp(img, x0, y0, mask, fill)


def ellipse(img: Image.Image, box: Box, fill: Fill, alpha: int = 255) -> None:
    x0, y0, x1, y1 = (math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3]))
    if x1 <= x0 or y1 <= y0:
        return
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, x1 - x0 - 1, y1 - y0 - 1), fill=alpha)
    _stamp(img, x0, y0, mask, fill)


def polygon(img: Image.Image, points: Sequence[Point], fill: Fill, alpha: int = 255) -> None:
    x0, y0, x1, y1 = _bounds(points)
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(mask).polygon([(x - x0, y - y0) for x, y in points], fill=alpha)
    _stamp(img, x0, y0, mask, fill)


def stroke(
    img: Image.Image, points: Sequence[Point], fill: Fill, width: float, alpha: int = 255
) -> None:
    """A thick polyline with round joints and ends."""
    pad = width / 2 + 2
    x0, y0, x1, y1 = _bounds(points)
    x0, y0, x1, y1 = int(x0 - pad), int(y0 - pad), int(x1 + pad), int(y1 + pad)
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    draw = ImageDraw.Draw(mask)
    local = [(x - x0, y - y0) for x, y in points]
    draw.line(local, fill=alpha, width=round(width), joint="curve")
    r = width / 2
    for x, y in (local[0], local[-1]):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=alpha)
    _stamp(img, x0, y0, mask, fill)


def line(img: Image.Image, points: Sequence[Point], color: RGB, width: float = 4) -> None:
    ImageDraw.Draw(img).line(list(points), fill=color, width=round(width))


def shadow(img: Image.Image, box: Box, strength: float = 0.42, blur: float = 40) -> None:
    """A soft contact shadow (a blurred dark ellipse)."""
    pad = int(blur * 3)
    x0, y0, x1, y1 = (int(v) for v in box)
    mask = Image.new("L", (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad), 0)
    ImageDraw.Draw(mask).ellipse((pad, pad, pad + x1 - x0, pad + y1 - y0), fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(blur))
    mask = mask.point(lambda v: round(v * strength))
    img.paste((12, 14, 20), (x0 - pad, y0 - pad), mask)


def glow(img: Image.Image, center: Point, radius: float, color: RGB, strength: float = 1.0) -> None:
    """Light added on top (screen blend) with a soft round falloff."""
    r = int(radius)
    size = 4 * r
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).ellipse((r, r, 3 * r, 3 * r), fill=round(255 * strength))
    mask = mask.filter(ImageFilter.GaussianBlur(r / 2))
    _screen(img, int(center[0]) - 2 * r, int(center[1]) - 2 * r, mask, color)


def light_beam(
    img: Image.Image, points: Sequence[Point], color: RGB, strength: float, blur: float
) -> None:
    """A translucent, soft-edged polygon of light (screen blend)."""
    x0, y0, x1, y1 = _bounds(points)
    pad = int(blur * 3)
    mask = Image.new("L", (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad), 0)
    local = [(x - x0 + pad, y - y0 + pad) for x, y in points]
    ImageDraw.Draw(mask).polygon(local, fill=round(255 * strength))
    mask = mask.filter(ImageFilter.GaussianBlur(blur))
    _screen(img, x0 - pad, y0 - pad, mask, color)


def _screen(img: Image.Image, x0: int, y0: int, mask: Image.Image, color: RGB) -> None:
    box = (x0, y0, x0 + mask.width, y0 + mask.height)
    region = img.crop(box)
    layer = Image.new("RGB", mask.size, BLACK)
    layer.paste(color, (0, 0), mask)
    img.paste(ImageChops.screen(region, layer), (x0, y0))


def box3d(
    img: Image.Image,
    box: Box,
    depth: float,
    color: RGB,
    front: Fill | None = None,
    radius: float = 0,
) -> None:
    """A box seen slightly from the right and above: front face, top face, right side."""
    x0, y0, x1, y1 = box
    dx, dy = depth, -depth * 0.55
    polygon(img, [(x0, y0), (x1, y0), (x1 + dx, y0 + dy), (x0 + dx, y0 + dy)], lighter(color, 0.3))
    polygon(img, [(x1, y0), (x1 + dx, y0 + dy), (x1 + dx, y1 + dy), (x1, y1)], darker(color, 0.28))
    rect(img, box, front or vgrad(lighter(color, 0.08), darker(color, 0.1)), radius=radius)


def cylinder_v(
    img: Image.Image, cx: float, top: float, bottom: float, rx: float, ry: float, color: RGB
) -> None:
    """An upright cylinder with a visible top face."""
    ellipse(img, (cx - rx, bottom - ry, cx + rx, bottom + ry), cyl(color))
    rect(img, (cx - rx, top, cx + rx, bottom), cyl(color))
    ellipse(img, (cx - rx, top - ry, cx + rx, top + ry), vgrad(lighter(color, 0.35), color))


def cylinder_h(
    img: Image.Image, cy: float, left: float, right: float, ry: float, rx: float, color: RGB
) -> None:
    """A lying cylinder with its end face to the right."""
    ellipse(img, (left - rx, cy - ry, left + rx, cy + ry), cyl(color, vertical=False))
    rect(img, (left, cy - ry, right, cy + ry), cyl(color, vertical=False))
    ellipse(img, (right - rx, cy - ry, right + rx, cy + ry), hgrad(lighter(color, 0.2), color))


def hexagon(center: Point, r: float, rot: float = 0.0, squash: float = 1.0) -> list[Point]:
    cx, cy = center
    return [
        (
            cx + r * math.cos(rot + k * math.pi / 3),
            cy + r * squash * math.sin(rot + k * math.pi / 3),
        )
        for k in range(6)
    ]


def gear(center: Point, r: float, teeth: int, depth: float) -> list[Point]:
    pts: list[Point] = []
    for k in range(teeth * 4):
        a = 2 * math.pi * k / (teeth * 4)
        rr = r if (k % 4) in (0, 1) else r - depth
        pts.append((center[0] + rr * math.cos(a), center[1] + rr * math.sin(a)))
    return pts


# --------------------------------------------------------------------------- backdrops


def studio(img: Image.Image, pal: Palette, horizon: float = HORIZON) -> None:
    rect(img, (0, 0, W, horizon), vgrad(pal.wall_top, pal.wall_bottom))
    rect(img, (0, horizon, W, H), vgrad(pal.floor_far, pal.floor_near))
    glow(img, (W * 0.5, horizon - 420), 700, lighter(pal.wall_top, 0.5), 0.35)


def sky(img: Image.Image, pal: Palette, horizon: float, dusk: bool = False) -> None:
    if dusk:
        top, mid, low = hsv(0.64, 0.75, 0.30), hsv(0.72, 0.45, 0.52), hsv(0.07, 0.55, 0.95)
    else:
        top, mid, low = hsv(0.58, 0.55, 0.80), hsv(0.57, 0.35, 0.92), hsv(0.55, 0.12, 0.98)
    rect(img, (0, 0, W, horizon), vgrad(top, mid, low))


def skyline(img: Image.Image, rng: random.Random, base: float, color: RGB) -> None:
    x = -40.0
    while x < W:
        w = rng.uniform(90, 220)
        h = rng.uniform(60, 260)
        rect(img, (x, base - h, x + w, base + 2), color)
        x += w + rng.uniform(-10, 30)


def vignette(img: Image.Image, strength: float = 0.32) -> None:
    grad = Image.radial_gradient("L").resize((W, H), Image.Resampling.BILINEAR)

    def curve(v: int) -> int:
        t = max(0.0, (v / 255 - 0.5) / 0.5)
        return round(255 * strength * math.pow(t, 1.6))

    img.paste((8, 10, 16), (0, 0), grad.point(curve))


# --------------------------------------------------------------------------- motifs
# Each motif draws a whole scene on a W×H canvas and returns the box a detail picture zooms in
# on. ``detail`` is true when the picture being drawn is the close-up.

Motif = Callable[[Image.Image, Palette, random.Random, bool], Box]


def m_valve(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (520, 1330, 1900, 1500))
    metal = pal.metal
    box3d(img, (720, 1270, 1700, 1420), 120, darker(metal, 0.15))  # manifold plate
    box3d(img, (900, 880, 1520, 1290), 150, metal)  # valve body
    for x in (980, 1180, 1380):
        ellipse(img, (x + 40, 820, x + 110, 850), darker(metal, 0.4))
    coil = darker(pal.accent, 0.35)
    for left, right in ((520, 900), (1520, 1900)):
        cylinder_h(img, 1085, left + 40, right - 40, 150, 40, coil)
        box3d(img, (left + 130, 880, right - 130, 935), 40, pal.second)  # connector
        rect(img, (left + 150, 895, right - 150, 925), darker(pal.second, 0.3), radius=6)
    ellipse(img, (1820, 1015, 1900, 1155), vgrad(lighter(metal, 0.3), metal))
    rect(img, (1000, 1150, 1420, 1190), darker(metal, 0.25), radius=12)
    for x in (940, 1480):
        ellipse(img, (x - 26, 1210, x + 26, 1262), cyl(lighter(metal, 0.1)))
    return (1240, 700, 2140, 1375)


def m_carriage(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    rect(img, (0, 0, W, H), vgrad(hsv(pal.hue + 0.5, 0.12, 0.35), hsv(pal.hue + 0.5, 0.1, 0.2)))
    steel = hsv(pal.hue + 0.5, 0.05, 0.45)
    polygon(
        img,
        [(-200, 1060), (2600, 1060), (2600, 1800), (-200, 1800)],
        vgrad(darker(steel, 0.2), steel, darker(steel, 0.35)),
    )
    polygon(img, [(-200, 1060), (2600, 1060), (2600, 1000), (-200, 1000)], lighter(steel, 0.15))
    rect(img, (0, 1438, W, 1462), vgrad(lighter(steel, 0.35), darker(steel, 0.2)))  # seam
    shadow(img, (640, 1330, 1760, 1500), 0.6)
    orange = hsv(0.07, 0.85, 0.93)
    for x in (760, 1440):
        ellipse(img, (x - 90, 1290, x + 90, 1470), cyl(hsv(0, 0, 0.18), vertical=False))
        ellipse(img, (x - 40, 1340, x + 40, 1420), hsv(0, 0, 0.4))
    box3d(img, (660, 980, 1540, 1340), 140, orange, radius=24)
    rect(img, (720, 1050, 1080, 1250), vgrad(hsv(0, 0, 0.2), hsv(0, 0, 0.12)), radius=16)
    for i, c in enumerate(((60, 220, 120), (250, 190, 60), (240, 70, 60))):
        glow(img, (790 + i * 70, 1110), 26, c, 1.0)
    rect(img, (1140, 1060, 1460, 1090), darker(orange, 0.3), radius=10)
    stroke(img, [(820, 930), (820, 880), (1360, 880), (1360, 930)], hsv(0, 0, 0.22), 44)
    # torch arm, sensor and the arc
    stroke(img, [(1560, 1080), (1760, 1120)], cyl(pal.metal), 60)
    stroke(
        img,
        [(1760, 1120), (1880, 1390)],
        vgrad(lighter(pal.metal, 0.2), darker(pal.metal, 0.3)),
        70,
    )
    box3d(img, (1640, 1180, 1740, 1260), 40, darker(pal.accent, 0.2))
    light_beam(img, [(1690, 1262), (1698, 1262), (1760, 1452), (1748, 1452)], (255, 40, 40), 0.9, 2)
    glow(img, (1890, 1430), 150, (255, 190, 90), 0.9)
    glow(img, (1890, 1430), 50, (255, 255, 230), 1.0)
    for _ in range(22):
        a = rng.uniform(math.pi * 1.05, math.pi * 1.95)
        length = rng.uniform(60, 230)
        x0, y0 = 1890, 1430
        line(
            img,
            [(x0, y0), (x0 + length * math.cos(a), y0 + length * math.sin(a))],
            (255, 220, 140),
            rng.uniform(3, 6),
        )
    return (1240, 880, 2200, 1600)


def m_robot_arm(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    box3d(img, (300, 1300, 2000, 1380), 160, hsv(pal.hue + 0.5, 0.1, 0.55))  # workbench
    rect(img, (360, 1380, 420, 1780), hsv(0, 0, 0.35))
    rect(img, (1880, 1380, 1940, 1780), hsv(0, 0, 0.35))
    shadow(img, (700, 1250, 1500, 1350), 0.45, 25)
    white = (236, 238, 242)
    band = pal.accent
    cylinder_v(img, 950, 1120, 1300, 190, 56, white)
    rect(img, (760, 1170, 1140, 1200), band)
    joints = [(950, 1050), (950, 740), (1500, 560), (1760, 860)]
    for (xa, ya), (xb, yb) in itertools.pairwise(joints):
        stroke(img, [(xa, ya), (xb, yb)], vgrad(WHITE, (200, 204, 212)), 150)
    for i, (x, y) in enumerate(joints):
        r = 120 if i < 2 else 96
        ellipse(img, (x - r, y - r, x + r, y + r), vgrad(WHITE, (196, 200, 210)))
        ellipse(img, (x - r * 0.72, y - r * 0.72, x + r * 0.72, y + r * 0.72), band)
        ellipse(
            img, (x - r * 0.5, y - r * 0.5, x + r * 0.5, y + r * 0.5), vgrad(WHITE, (214, 218, 226))
        )
    # wrist and gripper
    stroke(img, [(1760, 860), (1760, 1010)], cyl(white), 120)
    rect(img, (1680, 1000, 1840, 1060), hsv(0, 0, 0.25), radius=12)
    rect(img, (1680, 1060, 1716, 1180), hsv(0, 0, 0.3), radius=8)
    rect(img, (1804, 1060, 1840, 1180), hsv(0, 0, 0.3), radius=8)
    box3d(img, (1700, 1210, 1820, 1300), 40, pal.second)
    for i in range(3):
        box3d(img, (1120 + i * 150, 1220, 1240 + i * 150, 1300), 40, pal.second)
    return (1180, 480, 2180, 1230)


def m_bolts(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal, horizon=900)
    metal = lighter(pal.metal, 0.05)
    for i, (y, x0, length) in enumerate(((1120, 520, 900), (1320, 380, 1100), (1540, 600, 820))):
        shadow(img, (x0 - 40, y + 40, x0 + length + 160, y + 120), 0.4, 22)
        x1 = x0 + length
        cylinder_h(img, y, x0 + 150, x1, 60, 18, metal)
        for k in range(int((length - 300) / 26)):
            x = x1 - 20 - k * 26
            line(img, [(x, y - 58), (x - 14, y + 58)], darker(metal, 0.35), 5)
        hx = x0 + 150
        rect(
            img,
            (x0, y - 120, hx, y + 120),
            hgrad(darker(metal, 0.3), lighter(metal, 0.3), metal),
            radius=10,
        )
        rect(img, (x0, y - 120, hx, y - 60), vgrad(lighter(metal, 0.45), metal), radius=10)
        rect(img, (x0, y + 60, hx, y + 120), vgrad(metal, darker(metal, 0.35)), radius=10)
        if i == 1:
            ellipse(img, (x1 - 40, y - 60, x1 + 20, y + 60), lighter(metal, 0.25))
    for cx, cy, r in ((1820, 1130, 150), (1880, 1480, 130)):
        shadow(img, (cx - r, cy + r * 0.5, cx + r + 40, cy + r * 1.1), 0.4, 20)
        polygon(
            img, hexagon((cx, cy), r, math.pi / 6), vgrad(lighter(metal, 0.35), darker(metal, 0.25))
        )
        ellipse(
            img,
            (cx - r * 0.5, cy - r * 0.5, cx + r * 0.5, cy + r * 0.5),
            vgrad(darker(metal, 0.6), darker(metal, 0.3)),
        )
        ellipse(
            img,
            (cx - r * 0.38, cy - r * 0.38, cx + r * 0.38, cy + r * 0.38),
            vgrad(pal.floor_far, pal.floor_near),
        )
    for cx, cy in ((1450, 1650), (1170, 1700)):
        ellipse(
            img,
            (cx - 130, cy - 50, cx + 130, cy + 50),
            vgrad(lighter(metal, 0.4), darker(metal, 0.2)),
        )
        ellipse(img, (cx - 60, cy - 22, cx + 60, cy + 22), darker(pal.floor_near, 0.15))
    return (700, 900, 1900, 1800)


def m_gearbox(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (420, 1320, 2000, 1500))
    body = pal.accent
    box3d(img, (760, 1340, 1680, 1420), 170, darker(pal.metal, 0.2))  # base
    box3d(img, (880, 820, 1560, 1340), 170, body, radius=30)
    for y in range(880, 1320, 70):
        rect(img, (900, y, 1540, y + 14), darker(body, 0.15), radius=7)
    polygon(img, gear((1220, 1080), 190, 18, 22), vgrad(lighter(body, 0.25), darker(body, 0.2)))
    ellipse(img, (1130, 990, 1310, 1170), darker(body, 0.25))
    ellipse(img, (1175, 1035, 1265, 1125), cyl(pal.metal))
    cylinder_h(img, 1080, 1720, 1980, 70, 22, pal.metal)  # output shaft
    motor = hsv(pal.hue + 0.5, 0.08, 0.62)
    cylinder_h(img, 1080, 380, 880, 210, 60, motor)
    for x in range(420, 860, 44):
        rect(img, (x, 875, x + 16, 1285), darker(motor, 0.25), radius=6)
    box3d(img, (1260, 700, 1480, 820), 60, hsv(0, 0, 0.22), radius=10)  # sensor module
    glow(img, (1310, 760), 26, (80, 240, 140), 1.0)
    stroke(img, [(1450, 700), (1500, 560)], hsv(0, 0, 0.2), 16)
    return (1000, 520, 1900, 1200)


def m_streetlight(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    horizon = 1230
    sky(img, pal, horizon, dusk=True)
    skyline(img, rng, horizon, hsv(0.68, 0.35, 0.22))
    rect(img, (0, horizon, W, H), vgrad(hsv(0.66, 0.2, 0.22), hsv(0.66, 0.15, 0.12)))
    for x in range(-100, W, 360):
        polygon(
            img, [(x, 1560), (x + 200, 1560), (x + 190, 1590), (x - 10, 1590)], hsv(0.12, 0.4, 0.75)
        )
    pole = hsv(pal.hue, 0.12, 0.55)
    rect(img, (1640, 250, 1700, 1480), cyl(pole))
    rect(img, (1615, 1380, 1725, 1490), cyl(darker(pole, 0.2)))
    stroke(img, [(1670, 300), (1560, 230), (1200, 215)], vgrad(lighter(pole, 0.3), pole), 36)
    warm = (255, 236, 190)
    light_beam(img, [(860, 262), (1240, 262), (1640, 1620), (420, 1620)], warm, 0.45, 40)
    ellipse(img, (300, 1440, 1800, 1720), warm, alpha=70)
    glow(img, (1050, 1560), 520, warm, 0.35)
    head = hsv(pal.hue, 0.18, 0.38)
    polygon(
        img, [(800, 230), (1260, 200), (1280, 250), (840, 275)], vgrad(lighter(head, 0.25), head)
    )
    for x in range(860, 1240, 34):
        line(
            img,
            [(x, 222 - (x - 860) * 0.06), (x + 8, 190 - (x - 860) * 0.06)],
            lighter(head, 0.2),
            8,
        )
    polygon(img, [(840, 262), (1260, 240), (1240, 268), (860, 286)], (255, 250, 230))
    glow(img, (1050, 268), 150, warm, 1.0)
    return (640, 40, 1740, 865)


def m_solar_light(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    horizon = 1260
    sky(img, pal, horizon)
    glow(img, (400, 260), 220, (255, 246, 200), 0.9)
    for i in range(4):
        hx = 300 + i * 600
        polygon(
            img,
            [(hx - 500, horizon), (hx, horizon - rng.uniform(120, 260)), (hx + 500, horizon)],
            hsv(0.32 + 0.04 * i, 0.35, 0.55 - 0.04 * i),
        )
    rect(img, (0, horizon, W, H), vgrad(hsv(0.28, 0.4, 0.62), hsv(0.25, 0.45, 0.42)))
    polygon(img, [(900, H), (1500, H), (1260, horizon), (1180, horizon)], hsv(0.1, 0.15, 0.7))
    shadow(img, (1540, 1560, 1900, 1640), 0.4, 20)
    pole = hsv(pal.hue, 0.15, 0.62)
    rect(img, (1690, 360, 1750, 1600), cyl(pole))
    polygon(
        img,
        [(1390, 280), (2050, 200), (2010, 420), (1430, 500)],
        vgrad(hsv(0.62, 0.7, 0.45), hsv(0.62, 0.8, 0.25)),
    )
    for k in range(1, 6):
        t = k / 6
        line(
            img,
            [(1390 + 40 * t, 280 + 220 * t), (2050 - 40 * t, 200 + 220 * t)],
            hsv(0.6, 0.3, 0.75),
            4,
        )
    for k in range(1, 4):
        t = k / 4
        line(
            img,
            [(1390 + 660 * t, 280 - 80 * t), (1430 + 580 * t, 500 - 80 * t)],
            hsv(0.6, 0.3, 0.75),
            4,
        )
    stroke(img, [(1720, 700), (1560, 660), (1380, 660)], vgrad(lighter(pole, 0.3), pole), 30)
    rect(img, (1200, 640, 1420, 700), vgrad(pal.accent, darker(pal.accent, 0.3)), radius=20)
    rect(img, (1220, 690, 1400, 708), (255, 250, 235), radius=8)
    box3d(img, (1680, 980, 1760, 1160), 30, darker(pole, 0.25), radius=8)  # battery box
    return (1100, 150, 2160, 945)


def m_cabinet(img: Image.Image, pal: Palette, rng: random.Random, detail: bool, face: str) -> Box:
    wall_mounted = face == "aed"
    studio(img, pal, horizon=1500 if wall_mounted else HORIZON)
    body = (242, 243, 240) if face in ("vents", "aed", "sterilizer") else pal.metal
    if face == "breakers":
        box = (760, 300, 1560, 1440)
    elif face == "vents":
        box = (700, 360, 1600, 1440)
    elif face == "sterilizer":
        box = (820, 420, 1520, 1440)
    else:
        box = (820, 420, 1500, 1260)
    x0, y0, x1, y1 = box
    if wall_mounted:
        shadow(img, (x0 + 60, y0 + 60, x1 + 120, y1 + 80), 0.35, 50)
    else:
        shadow(img, (x0 - 120, y1 - 70, x1 + 260, y1 + 80))
    box3d(img, box, 140 if not wall_mounted else 90, body, radius=16)
    if face == "breakers":
        rect(
            img,
            (x0 + 50, y0 + 50, x1 - 50, y1 - 50),
            vgrad(darker(body, 0.55), darker(body, 0.7)),
            radius=10,
        )
        for row in range(4):
            y = y0 + 120 + row * 255
            rect(img, (x0 + 80, y - 20, x1 - 80, y + 190), darker(body, 0.4), radius=6)
            for k in range(8):
                bx = x0 + 100 + k * 78
                rect(
                    img,
                    (bx, y, bx + 64, y + 170),
                    vgrad((250, 250, 248), (206, 208, 210)),
                    radius=8,
                )
                rect(img, (bx + 20, y + 60, bx + 44, y + 110), hsv(0, 0, 0.3), radius=6)
                led = (70, 230, 120) if rng.random() > 0.2 else (255, 160, 40)
                glow(img, (bx + 32, y + 30), 12, led, 1.0)
        polygon(
            img,
            [(x1, y0), (x1 + 260, y0 + 60), (x1 + 260, y1 - 40), (x1, y1)],
            hgrad(darker(body, 0.1), lighter(body, 0.2)),
        )
        return (x0 - 40, y0 + 20, x1 + 40, y0 + 620)
    if face == "vents":
        for y in (y0 + 80, y1 - 260):
            for k in range(6):
                rect(
                    img,
                    (x0 + 80, y + k * 30, x1 - 80, y + k * 30 + 12),
                    darker(body, 0.35),
                    radius=6,
                )
        rect(
            img,
            (x0 + 300, y0 + 360, x1 - 300, y0 + 560),
            vgrad(hsv(0.6, 0.6, 0.35), hsv(0.6, 0.7, 0.2)),
            radius=14,
        )
        for k in range(5):
            glow(img, (x0 + 330 + k * 60, y0 + 640), 16, (80, 230, 130), 1.0)
        rect(img, (x0 + 60, y0 + 300, x0 + 70, y1 - 300), darker(body, 0.2))
        rect(img, (x1 - 130, y0 + 700, x1 - 90, y0 + 820), hsv(0, 0, 0.35), radius=10)
        return (x0 + 150, y0 + 260, x1 + 40, y0 + 880)
    if face == "aed":
        green = hsv(0.38, 0.75, 0.6)
        rect(img, (x0, y0, x1, y0 + 150), vgrad(lighter(green, 0.15), green), radius=16)
        win = (x0 + 80, y0 + 220, x1 - 80, y1 - 70)
        rect(img, win, vgrad((205, 222, 226), (170, 190, 196)), radius=12)
        rect(
            img,
            (win[0] + 90, win[1] + 80, win[2] - 90, win[3] - 60),
            vgrad(hsv(0.1, 0.85, 0.98), hsv(0.08, 0.85, 0.82)),
            radius=40,
        )
        ellipse(img, (1100, win[1] + 150, 1220, win[1] + 270), hsv(0.33, 0.7, 0.75))
        rect(
            img,
            (win[0] + 150, win[3] - 150, win[2] - 150, win[3] - 110),
            hsv(0, 0, 0.25),
            radius=12,
        )
        polygon(
            img,
            [(win[0], win[1]), (win[0] + 180, win[1]), (win[0] + 60, win[3]), (win[0], win[3])],
            WHITE,
            alpha=60,
        )
        cx, cy = (x0 + x1) / 2, y0 + 75
        heart: list[Point] = [(cx, cy + 50)]
        for k in range(41):
            t = math.pi * k / 20
            heart.append(
                (
                    cx + 3.2 * 16 * math.sin(t) ** 3,
                    cy
                    - 3.2
                    * (
                        13 * math.cos(t)
                        - 5 * math.cos(2 * t)
                        - 2 * math.cos(3 * t)
                        - math.cos(4 * t)
                    )
                    + 5,
                )
            )
        polygon(img, heart, WHITE)
        stroke(
            img,
            [(cx - 10, cy - 20), (cx + 14, cy + 2), (cx - 8, cy + 6), (cx + 10, cy + 30)],
            (220, 40, 50),
            10,
        )
        ellipse(img, (x1 - 60, y0 - 60, x1 + 40, y0 + 20), (255, 80, 70))
        glow(img, (x1 - 10, y0 - 20), 90, (255, 90, 80), 0.8)
        return (win[0] - 60, win[1] - 60, win[2] + 120, win[3] + 40)
    # sterilizer
    win = (x0 + 90, y0 + 200, x1 - 90, y0 + 700)
    rect(img, win, vgrad(hsv(0.55, 0.25, 0.7), hsv(0.58, 0.35, 0.45)), radius=16)
    for k in range(6):
        bx = win[0] + 40 + k * 82
        color = hsv(rng.random(), 0.5, 0.8)
        rect(
            img,
            (bx, win[1] + 130 - (k % 2) * 30, bx + 64, win[3] - 40),
            vgrad(color, darker(color, 0.3)),
            radius=6,
        )
    light_beam(
        img,
        [(win[0], win[1]), (win[2], win[1]), (win[2], win[3]), (win[0], win[3])],
        (120, 110, 255),
        0.25,
        10,
    )
    polygon(
        img,
        [(win[0], win[1]), (win[0] + 150, win[1]), (win[0] + 40, win[3]), (win[0], win[3])],
        WHITE,
        alpha=70,
    )
    rect(img, (x0 + 90, y0 + 780, x1 - 90, y0 + 860), hsv(0, 0, 0.3), radius=14)
    ellipse(img, (1090, y0 + 900, 1250, y0 + 1060), vgrad(lighter(pal.accent, 0.3), pal.accent))
    return (x0, y0 + 100, x1 + 140, y0 + 800)


def m_tunnel(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    vx, vy = 1200.0, 820.0
    rect(img, (0, 0, W, H), hsv(pal.hue, 0.15, 0.16))
    wall = hsv(pal.hue, 0.1, 0.36)
    polygon(
        img,
        [(0, 0), (vx - 140, vy - 160), (vx - 140, vy + 70), (0, 1500)],
        hgrad(lighter(wall, 0.15), darker(wall, 0.3)),
    )
    polygon(
        img,
        [(W, 0), (vx + 140, vy - 160), (vx + 140, vy + 70), (W, 1500)],
        hgrad(darker(wall, 0.3), lighter(wall, 0.15)),
    )
    polygon(img, [(0, 0), (W, 0), (vx + 140, vy - 160), (vx - 140, vy - 160)], darker(wall, 0.45))
    polygon(img, [(0, 1500), (W, 1500), (W, H), (0, H)], hsv(0, 0, 0.16))
    polygon(
        img,
        [(0, 1500), (vx - 140, vy + 70), (vx + 140, vy + 70), (W, 1500)],
        vgrad(hsv(0, 0, 0.2), hsv(0, 0, 0.12)),
    )
    ellipse(img, (vx - 140, vy - 160, vx + 140, vy + 140), (255, 248, 228))
    rect(img, (vx - 140, vy - 10, vx + 140, vy + 70), (255, 248, 228))
    glow(img, (vx, vy), 260, (255, 240, 210), 0.7)
    for k in range(14):
        t = (k + 1) / 15
        xl = vx + (0 - vx) * (1 - t) ** 1.3 * 1.0
        y_wall = vy - 160 + (200 - (vy - 160)) * (1 - t) ** 1.3
        size = 120 * (1 - t) ** 1.3 + 6
        for side in (-1, 1):
            x = vx + side * (vx - xl)
            rect(
                img,
                (x - size * 0.9, y_wall - size * 0.18, x + size * 0.9, y_wall + size * 0.18),
                (255, 252, 240),
                radius=size * 0.1,
            )
            glow(img, (x, y_wall + size * 0.4), size * 1.4, (255, 236, 190), 0.55)
    for k in range(10):
        t0, t1 = k / 10, (k + 0.5) / 10
        ya, yb = H - (H - vy - 70) * t0**0.7, H - (H - vy - 70) * t1**0.7
        wa, wb = 30 * (1 - t0) + 2, 30 * (1 - t1) + 2
        polygon(img, [(vx - wa, ya), (vx + wa, ya), (vx + wb, yb), (vx - wb, yb)], (236, 200, 90))
    return (0, 0, 1100, 825)


def m_gateway(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (560, 1280, 1940, 1460))
    body = hsv(pal.hue, 0.08, 0.3)
    stroke(img, [(860, 930), (700, 420)], vgrad(hsv(0, 0, 0.3), hsv(0, 0, 0.15)), 56)
    stroke(img, [(1560, 930), (1720, 420)], vgrad(hsv(0, 0, 0.3), hsv(0, 0, 0.15)), 56)
    box3d(img, (640, 940, 1720, 1380), 200, body, radius=22)
    for k in range(9):
        x = 680 + k * 120
        polygon(
            img, [(x, 940), (x + 60, 940), (x + 60 + 200, 830), (x + 200, 830)], lighter(body, 0.22)
        )
    for k in range(4):
        x = 730 + k * 130
        rect(img, (x, 1140, x + 100, 1230), hsv(0, 0, 0.1), radius=6)
        rect(img, (x + 14, 1150, x + 86, 1190), hsv(0, 0, 0.55), radius=4)
        glow(img, (x + 20, 1122), 10, (90, 240, 120), 1.0)
    for k in range(2):
        x = 1280 + k * 170
        rect(img, (x, 1150, x + 140, 1220), hsv(0.6, 0.5, 0.55), radius=10)
        for p in range(5):
            ellipse(img, (x + 18 + p * 24, 1178, x + 30 + p * 24, 1190), hsv(0, 0, 0.1))
    for k in range(4):
        glow(
            img,
            (760 + k * 70, 1020),
            16,
            ((90, 240, 120), (90, 240, 120), (255, 190, 60), (90, 200, 255))[k],
            1.0,
        )
    rect(img, (640, 1300, 1720, 1320), lighter(pal.accent, 0.1))
    return (620, 900, 1780, 1360)


def m_wifi_ap(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    horizon = 1320
    sky(img, pal, horizon)
    skyline(img, rng, horizon, hsv(0.6, 0.15, 0.7))
    rect(img, (0, horizon, W, H), vgrad(hsv(0.08, 0.2, 0.7), hsv(0.08, 0.2, 0.5)))
    pole = hsv(pal.hue, 0.1, 0.55)
    rect(img, (1450, 80, 1530, 1700), cyl(pole))
    for y in (780, 1060):
        rect(img, (1380, y, 1460, y + 40), darker(pole, 0.3), radius=10)
    for k in range(3, 0, -1):
        r = 200 + k * 150
        ring = Image.new("L", (2 * r, 2 * r), 0)
        d = ImageDraw.Draw(ring)
        d.arc((0, 0, 2 * r - 1, 2 * r - 1), 200, 340, fill=round(230 - k * 50), width=36)
        d.arc((0, 0, 2 * r - 1, 2 * r - 1), 20, 160, fill=round(230 - k * 50), width=36)
        img.paste(lighter(pal.accent, 0.15), (1200 - r, 930 - r), ring)
    cylinder_v(img, 1200, 760, 1120, 130, 40, (240, 242, 244))
    rect(img, (1070, 1000, 1330, 1018), lighter(pal.accent, 0.1))
    glow(img, (1200, 1060), 18, (90, 230, 140), 1.0)
    return (600, 400, 1800, 1300)


def m_monitors(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    rect(
        img, (0, 0, W, 1240), vgrad(hsv(pal.hue + 0.5, 0.25, 0.28), hsv(pal.hue + 0.5, 0.25, 0.18))
    )
    box3d(img, (200, 1240, 2200, 1330), 120, hsv(0.08, 0.25, 0.5))
    rect(img, (200, 1330, 2200, H), vgrad(hsv(0, 0, 0.14), hsv(0, 0, 0.08)))
    for row in range(2):
        for col in range(2):
            x0 = 520 + col * 700
            y0 = 230 + row * 470
            rect(img, (x0, y0, x0 + 660, y0 + 420), hsv(0, 0, 0.08), radius=14)
            for i in range(2):
                for j in range(2):
                    sx, sy = x0 + 20 + i * 312, y0 + 20 + j * 192
                    hue = rng.random()
                    rect(
                        img,
                        (sx, sy, sx + 304, sy + 184),
                        vgrad(hsv(hue, 0.3, 0.65), hsv(hue, 0.4, 0.35)),
                    )
                    rect(img, (sx, sy + 120, sx + 304, sy + 184), hsv(hue + 0.1, 0.25, 0.45))
                    rect(
                        img,
                        (sx + rng.uniform(20, 180), sy + rng.uniform(30, 80), sx + 250, sy + 140),
                        hsv(hue + 0.5, 0.2, 0.55),
                    )
                    if rng.random() < 0.3:
                        rect(img, (sx + 3, sy + 3, sx + 301, sy + 181), (255, 80, 60), alpha=70)
                        ImageDraw.Draw(img).rectangle(
                            (sx + 2, sy + 2, sx + 302, sy + 182), outline=(255, 90, 60), width=6
                        )
            glow(img, (x0 + 330, y0 + 210), 360, hsv(pal.hue, 0.3, 0.6), 0.18)
    rect(img, (1140, 1130, 1260, 1250), hsv(0, 0, 0.2))
    box3d(img, (820, 1300, 1580, 1350), 50, hsv(0, 0, 0.25), radius=8)
    return (440, 160, 1960, 1300)


def m_signage(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    horizon = 1250
    sky(img, pal, horizon)
    skyline(img, rng, horizon, hsv(0.6, 0.12, 0.78))
    rect(img, (0, horizon, W, H), vgrad(hsv(0.07, 0.12, 0.78), hsv(0.07, 0.14, 0.6)))
    for k in range(-8, 9):
        line(img, [(1200 + k * 90, horizon), (1200 + k * 420, H)], hsv(0.07, 0.12, 0.66), 4)
    shadow(img, (820, 1560, 1700, 1680), 0.45, 30)
    frame = hsv(pal.hue, 0.1, 0.25)
    box3d(img, (880, 180, 1520, 1600), 90, frame, radius=24)
    scr = (930, 240, 1470, 1200)
    rect(img, scr, vgrad(lighter(pal.accent, 0.25), pal.accent, darker(pal.second, 0.2)))
    ellipse(img, (1050, 330, 1350, 630), lighter(pal.second, 0.35))
    polygon(
        img,
        [(930, 1000), (1130, 760), (1300, 920), (1470, 720), (1470, 1200), (930, 1200)],
        darker(pal.accent, 0.3),
    )
    menu = (930, 1220, 1470, 1540)
    rect(img, menu, hsv(pal.hue, 0.1, 0.92))
    for i in range(3):
        for j in range(2):
            bx, by = 960 + i * 172, 1250 + j * 140
            rect(img, (bx, by, bx + 150, by + 118), hsv(pal.hue + i * 0.12, 0.45, 0.8), radius=20)
            ellipse(img, (bx + 50, by + 34, bx + 100, by + 84), WHITE)
    polygon(img, [(930, 240), (1100, 240), (960, 1200), (930, 1200)], WHITE, alpha=40)
    return (640, 820, 1760, 1660)


def m_parking(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    vx, vy = 1200.0, 700.0
    rect(img, (0, 0, W, vy), vgrad(hsv(0, 0, 0.3), hsv(0, 0, 0.42)))
    rect(img, (0, vy, W, H), vgrad(hsv(pal.hue, 0.05, 0.48), hsv(pal.hue, 0.06, 0.36)))
    for k in range(-7, 8):
        x = vx + k * 380
        line(img, [(vx + k * 40, vy), (x, H)], (236, 236, 230), 10)
    for k in range(-6, 7):
        line(img, [(vx + k * 40, vy - 2), (vx + k * 380, -400)], hsv(0, 0, 0.26), 8)
    for k in range(-6, 6):
        occupied = rng.random() < 0.55
        xa, xb = vx + k * 380, vx + (k + 1) * 380
        cx = (xa + xb) / 2
        if occupied:
            color = hsv(rng.random(), rng.uniform(0.2, 0.7), rng.uniform(0.45, 0.9))
            shadow(img, (cx - 140, 1470, cx + 140, 1640), 0.5, 20)
            rect(
                img,
                (cx - 150, 1300, cx + 150, 1600),
                vgrad(lighter(color, 0.2), darker(color, 0.3)),
                radius=60,
            )
            for wx in (cx - 150, cx + 96):
                rect(img, (wx, 1560, wx + 54, 1640), hsv(0, 0, 0.1), radius=14)
            for lx in (cx - 136, cx + 96):
                rect(img, (lx, 1460, lx + 40, 1490), (230, 50, 50), radius=8)
            rect(
                img,
                (cx - 110, 1320, cx + 110, 1430),
                vgrad(hsv(0.58, 0.3, 0.35), hsv(0.58, 0.3, 0.2)),
                radius=30,
            )
        lx, ly = vx + (cx - vx) * 0.45, 330.0
        rect(img, (lx - 40, ly - 24, lx + 40, ly + 24), hsv(0, 0, 0.15), radius=10)
        c = (255, 70, 60) if occupied else (70, 240, 110)
        glow(img, (lx, ly + 10), 34, c, 1.0)
        glow(img, (lx, ly + 10), 90, c, 0.35)
    rect(img, (880, 430, 1520, 560), hsv(0, 0, 0.1), radius=16)
    for i in range(4):
        rect(
            img,
            (910 + i * 150, 460, 1030 + i * 150, 530),
            (60, 220, 110) if i % 2 == 0 else (240, 80, 60),
            radius=8,
        )
    return (600, 200, 1800, 1100)


def m_can(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (660, 1400, 1800, 1560))
    paint = lighter(pal.accent, 0.45)
    cylinder_v(img, 1080, 720, 1460, 340, 90, (208, 212, 216))
    rect(img, (740, 900, 1420, 1260), cyl(pal.second))
    rect(img, (740, 1040, 1420, 1120), cyl(lighter(pal.second, 0.5)))
    ellipse(img, (760, 645, 1400, 795), vgrad(darker(paint, 0.1), paint))
    stroke(img, [(1395, 740), (1400, 900), (1396, 960)], paint, 30)
    ellipse(img, (1378, 950, 1418, 1000), paint)
    stroke(img, [(760, 720), (1080, 520), (1400, 720)], hsv(0, 0, 0.4), 10)
    wood = hsv(0.08, 0.45, 0.7)
    polygon(
        img,
        [(1450, 1500), (1950, 1360), (1975, 1410), (1475, 1550)],
        vgrad(lighter(wood, 0.2), wood),
    )
    polygon(img, [(1300, 1530), (1460, 1480), (1490, 1560), (1330, 1610)], (200, 200, 205))
    polygon(img, [(1150, 1570), (1310, 1520), (1340, 1620), (1180, 1670)], darker(paint, 0.1))
    return (640, 520, 1700, 1300)


def m_stairs(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    rect(img, (0, 0, W, H), vgrad(pal.wall_top, pal.wall_bottom))
    concrete = hsv(pal.hue, 0.04, 0.7)
    yellow = hsv(0.13, 0.85, 0.95)
    for k in range(6):
        y = 500 + k * 220
        x = 400 - k * 60
        polygon(
            img,
            [(x, y), (x + 1500, y), (x + 1500 + 240, y - 90), (x + 240, y - 90)],
            lighter(concrete, 0.15),
        )
        rect(img, (x, y, x + 1500, y + 220), vgrad(concrete, darker(concrete, 0.15)))
        polygon(img, [(x, y), (x + 1500, y), (x + 1500 + 60, y - 22), (x + 60, y - 22)], yellow)
        rect(img, (x, y, x + 1500, y + 40), vgrad(yellow, darker(yellow, 0.15)))
        for _ in range(40):
            px, py = rng.uniform(x, x + 1500), rng.uniform(y + 4, y + 36)
            ellipse(img, (px - 4, py - 3, px + 4, py + 3), darker(yellow, 0.35))
    shadow(img, (1640, 1560, 2200, 1680), 0.5, 24)
    cylinder_v(img, 1900, 1320, 1620, 200, 56, pal.accent)
    ellipse(img, (1700, 1266, 2100, 1374), vgrad(yellow, darker(yellow, 0.2)))
    return (300, 300, 1500, 1200)


def m_roof(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    horizon = 1300
    sky(img, pal, horizon)
    glow(img, (1950, 220), 260, (255, 248, 210), 1.0)
    for k in range(7):
        a = math.pi * (0.6 + 0.07 * k)
        light_beam(
            img,
            [
                (1950, 220),
                (1950 + 2600 * math.cos(a - 0.02), 220 + 2600 * math.sin(a - 0.02)),
                (1950 + 2600 * math.cos(a + 0.02), 220 + 2600 * math.sin(a + 0.02)),
            ],
            (255, 250, 220),
            0.18,
            20,
        )
    rect(img, (0, horizon, W, H), vgrad(hsv(0.3, 0.3, 0.6), hsv(0.3, 0.35, 0.45)))
    wall = pal.second
    polygon(
        img, [(300, 1000), (1700, 1000), (1700, 1560), (300, 1560)], vgrad(wall, darker(wall, 0.2))
    )
    polygon(img, [(1700, 1000), (2150, 820), (2150, 1380), (1700, 1560)], darker(wall, 0.25))
    for k in range(8):
        x = 380 + k * 165
        rect(img, (x, 1180, x + 100, 1300), hsv(0.58, 0.3, 0.4), radius=6)
    roof = (246, 248, 250)
    polygon(img, [(220, 1010), (1760, 1010), (2220, 810), (680, 810)], vgrad((228, 232, 236), roof))
    for k in range(1, 12):
        t = k / 12
        line(img, [(220 + 1540 * t, 1010), (680 + 1540 * t, 810)], (205, 210, 218), 5)
    light_beam(img, [(900, 1000), (1400, 1000), (1750, 830), (1250, 830)], WHITE, 0.55, 30)
    rect(img, (200, 1000, 1780, 1030), darker(wall, 0.35))
    return (400, 600, 1950, 1300)


def m_film_roll(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal, horizon=1000)
    soil = hsv(0.07, 0.5, 0.42)
    polygon(img, [(0, 1220), (W, 1120), (W, H), (0, H)], vgrad(soil, darker(soil, 0.35)))
    for _ in range(160):
        x, y = rng.uniform(0, W), rng.uniform(1250, H)
        ellipse(img, (x - 8, y - 5, x + 8, y + 5), darker(soil, rng.uniform(0.1, 0.5)))
    film = hsv(0.3 + pal.hue * 0.1, 0.35, 0.75)
    polygon(img, [(1000, 1180), (2300, 1080), (2500, 1800), (700, 1800)], film, alpha=120)
    for k in range(5):
        y = 1300 + k * 110
        line(img, [(760 + k * 30, y), (2340 + k * 20, y - 80 + k * 6)], lighter(film, 0.5), 4)
    shadow(img, (400, 1120, 1500, 1260), 0.5, 30)
    cylinder_h(img, 930, 420, 1240, 260, 80, film)
    ellipse(img, (1160, 670, 1320, 1190), vgrad(lighter(film, 0.3), darker(film, 0.15)))
    for k in range(1, 6):
        f = 1 - k * 0.13
        ellipse(
            img,
            (1240 - 80 * f, 930 - 260 * f, 1240 + 80 * f, 930 + 260 * f),
            lighter(film, 0.1 + 0.05 * k),
            alpha=160,
        )
    ellipse(img, (1210, 850, 1270, 1010), hsv(0.08, 0.35, 0.6))
    ellipse(img, (1225, 880, 1258, 980), hsv(0.08, 0.4, 0.35))
    polygon(img, [(1240, 1190), (1320, 1160), (1100, 1320), (980, 1300)], film, alpha=150)
    return (900, 1000, 2300, 1800)


def m_sack(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal, horizon=1060)
    rect(img, (0, 1060, W, H), vgrad((226, 234, 242), (196, 208, 222)))
    for _ in range(60):
        x, y = rng.uniform(0, W), rng.uniform(1080, H)
        ellipse(img, (x - 70, y - 16, x + 70, y + 16), (240, 246, 252), alpha=160)
    shadow(img, (620, 1440, 1780, 1600), 0.4)
    bag = pal.accent
    pts = [(760, 560), (1560, 560), (1640, 1250), (1600, 1520), (720, 1520), (680, 1250)]
    polygon(img, pts, hgrad(darker(bag, 0.35), lighter(bag, 0.2), bag, darker(bag, 0.3)))
    polygon(img, [(760, 560), (1560, 560), (1530, 480), (790, 480)], darker(bag, 0.2))
    rect(img, (800, 820, 1520, 1220), hgrad((220, 224, 230), WHITE, (226, 230, 236)), radius=20)
    ellipse(img, (1000, 880, 1320, 1160), lighter(pal.second, 0.3))
    for k in range(5):
        a = k * math.pi * 2 / 5
        stroke(img, [(1160, 1020), (1160 + 120 * math.cos(a), 1020 + 120 * math.sin(a))], WHITE, 16)
    line(img, [(790, 520), (1530, 520)], darker(bag, 0.5), 8)
    for _ in range(220):
        x, y = rng.gauss(1750, 220), rng.gauss(1560, 90)
        r = rng.uniform(6, 14)
        ellipse(img, (x - r, y - r, x + r, y + r), vgrad(WHITE, (200, 205, 215)))
    return (1100, 1000, 2300, 1800)


def m_pavers(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    horizon = 620
    sky(img, pal, horizon)
    rect(img, (0, horizon - 120, W, horizon), hsv(0.3, 0.35, 0.5))
    rect(img, (0, horizon, W, H), hsv(0, 0, 0.3))
    colors = [hsv(0.05, 0.35, 0.62), hsv(pal.hue, 0.06, 0.72), hsv(0.08, 0.3, 0.78)]

    def proj(u: float, z: float) -> Point:
        return (1200 + u * 900 / z, horizon + 1050 / z)

    for j in range(40):
        z0, z1 = 0.8 + j * 0.25, 0.8 + (j + 1) * 0.25
        for i in range(-30, 30):
            u0, u1 = i * 0.25 + (0.125 if j % 2 else 0), (i + 1) * 0.25 + (0.125 if j % 2 else 0)
            g = 0.012
            pts = [
                proj(u0 + g, z0 + g),
                proj(u1 - g, z0 + g),
                proj(u1 - g, z1 - g),
                proj(u0 + g, z1 - g),
            ]
            if max(p[0] for p in pts) < -50 or min(p[0] for p in pts) > W + 50:
                continue
            c = colors[(i * 7 + j * 3) % 3 if rng.random() < 0.9 else 0]
            polygon(img, pts, vgrad(lighter(c, 0.05), darker(c, 0.08)))
    for _ in range(26):
        x, y = rng.uniform(150, 2250), rng.uniform(120, 1300)
        s = rng.uniform(16, 30)
        polygon(img, [(x, y - 2.4 * s), (x + s, y), (x - s, y)], hsv(0.57, 0.45, 0.95), alpha=200)
        ellipse(img, (x - s, y - s, x + s, y + s), hsv(0.57, 0.45, 0.95), alpha=200)
    return (400, 700, 2000, 1800)


def m_underground(
    img: Image.Image, pal: Palette, rng: random.Random, detail: bool, kind: str
) -> Box:
    ground = 560
    sky(img, pal, ground)
    soil = hsv(0.08, 0.45, 0.5)
    rect(img, (0, ground, W, H), vgrad(soil, darker(soil, 0.45)))
    for _ in range(260):
        x, y = rng.uniform(0, W), rng.uniform(ground + 80, H)
        r = rng.uniform(6, 22)
        ellipse(img, (x - r, y - r * 0.7, x + r, y + r * 0.7), darker(soil, rng.uniform(0.1, 0.4)))
    if kind == "tank":
        rect(img, (0, ground - 40, W, ground + 20), vgrad(hsv(0.3, 0.55, 0.6), hsv(0.3, 0.6, 0.45)))
        for k in range(12):
            x = 120 + k * 200
            polygon(
                img,
                [(x, ground - 40), (x + 20, ground - 120), (x + 40, ground - 40)],
                hsv(0.3, 0.6, 0.5),
            )
        rect(img, (380, 760, 2020, 1660), hsv(0.1, 0.2, 0.3))
        water = hsv(0.57, 0.6, 0.75)
        for row in range(3):
            for col in range(5):
                x0, y0 = 420 + col * 320, 800 + row * 280
                box3d(img, (x0, y0, x0 + 300, y0 + 260), 0, hsv(pal.hue, 0.35, 0.55))
                for k in range(1, 5):
                    line(
                        img,
                        [(x0 + k * 60, y0), (x0 + k * 60, y0 + 260)],
                        darker(hsv(pal.hue, 0.35, 0.55), 0.35),
                        8,
                    )
                    line(
                        img,
                        [(x0, y0 + k * 52), (x0 + 300, y0 + k * 52)],
                        darker(hsv(pal.hue, 0.35, 0.55), 0.35),
                        8,
                    )
        rect(img, (400, 1200, 2000, 1640), water, alpha=120)
        line(img, [(400, 1200), (2000, 1200)], lighter(water, 0.5), 6)
        rect(img, (1000, 300, 1060, 800), cyl(hsv(0, 0, 0.6)))
        rect(img, (1080, 460, 1340, 520), hsv(0.08, 0.4, 0.7))  # bench on the lawn
        return (300, 650, 1700, 1700)
    road = hsv(0, 0, 0.3)
    rect(img, (0, ground - 30, W, ground + 40), vgrad(lighter(road, 0.1), road))
    for x in range(80, W, 420):
        rect(img, (x, ground - 30, x + 200, ground - 16), (236, 236, 228))
    concrete = hsv(pal.hue, 0.04, 0.66)
    water = hsv(0.55, 0.55, 0.7)
    if kind == "grate":
        rect(img, (900, ground - 30, 1500, ground + 40), hsv(0, 0, 0.25))
        for k in range(10):
            rect(img, (920 + k * 58, ground - 26, 950 + k * 58, ground + 36), hsv(0, 0, 0.45))
        rect(img, (860, ground + 40, 1540, 1400), concrete)
        rect(img, (920, ground + 40, 1480, 1340), darker(concrete, 0.4))
        rect(img, (940, ground + 80, 1460, 860), vgrad(hsv(0, 0, 0.8), hsv(0, 0, 0.65)), radius=16)
        polygon(img, [(960, 860), (1200, 860), (1180, 1000)], pal.accent)
        polygon(img, [(1440, 860), (1200, 860), (1220, 1000)], pal.accent)
        rect(img, (1300, 680, 1440, 840), hsv(0.3, 0.4, 0.45), radius=12)
        for k in range(5):
            ellipse(
                img,
                (1320 + k * 22, 700 + (k % 2) * 40, 1340 + k * 22, 720 + (k % 2) * 40),
                hsv(0.3, 0.3, 0.7),
            )
        rect(img, (920, 1200, 1480, 1340), water, alpha=170)
        cylinder_h(img, 1250, 1540, 2500, 90, 30, hsv(0, 0, 0.55))
        return (700, 380, 1760, 1180)
    # filter box
    box = (640, ground + 40, 1900, 1600)
    rect(img, box, concrete)
    inner = (700, ground + 100, 1840, 1540)
    rect(img, inner, darker(concrete, 0.45))
    rect(img, (700, 1060, 1840, 1540), water, alpha=150)
    line(img, [(700, 1060), (1840, 1060)], lighter(water, 0.5), 6)
    cylinder_h(img, 900, 0, 640, 90, 30, hsv(0, 0, 0.55))
    cylinder_h(img, 1300, 1900, 2500, 90, 30, hsv(0, 0, 0.55))
    rect(img, (1100, ground - 30, 1440, ground + 40), hsv(0, 0, 0.22))
    rect(img, (1160, ground + 40, 1380, ground + 100), darker(concrete, 0.2))
    for k in range(4):
        cx = 980 + k * 220
        cylinder_v(img, cx, 820, 1480, 72, 24, lighter(pal.accent, 0.2))
        for y in range(860, 1460, 60):
            line(img, [(cx - 70, y), (cx + 70, y)], darker(pal.accent, 0.2), 5)
        cylinder_v(img, cx, 770, 820, 40, 14, hsv(0, 0, 0.35))
    for _ in range(40):
        x, y = rng.uniform(720, 900), rng.uniform(1480, 1530)
        ellipse(img, (x - 10, y - 6, x + 10, y + 6), hsv(0.08, 0.4, 0.4))
    return (820, 700, 1900, 1520)


def m_pipes(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (300, 1460, 2300, 1640))
    black = hsv(pal.hue, 0.06, 0.16)
    r = 230.0
    dx, dy = 300.0, -180.0
    length = math.hypot(dx, dy)
    nx, ny = -dy / length, dx / length
    centers = [(1100, 580), (860, 980), (1340, 980), (620, 1380), (1100, 1380), (1580, 1380)]
    for cx, cy in centers:
        bx, by = cx + dx, cy + dy
        ellipse(img, (bx - r, by - r, bx + r, by + r), vgrad(lighter(black, 0.2), black))
        polygon(
            img,
            [
                (cx + r * nx, cy + r * ny),
                (bx + r * nx, by + r * ny),
                (bx - r * nx, by - r * ny),
                (cx - r * nx, cy - r * ny),
            ],
            vgrad(lighter(black, 0.22), black),
        )
        for k in range(1, 12):
            t = k / 12
            px, py = cx + dx * t, cy + dy * t
            line(
                img,
                [(px + r * nx, py + r * ny), (px - r * nx, py - r * ny)],
                lighter(black, 0.16),
                12,
            )
    for cx, cy in centers:
        ellipse(img, (cx - r, cy - r, cx + r, cy + r), vgrad(lighter(black, 0.28), black))
        for k in range(3):
            rr = r - 8 - k * 10
            ImageDraw.Draw(img).ellipse(
                (cx - rr, cy - rr, cx + rr, cy + rr), outline=lighter(black, 0.12), width=3
            )
        ri = r * 0.8
        ellipse(
            img, (cx - ri, cy - ri, cx + ri, cy + ri), vgrad(darker(black, 0.6), hsv(0, 0, 0.32))
        )
        ellipse(
            img,
            (cx - ri * 0.6 + 40, cy - ri * 0.6 - 24, cx + ri * 0.6 + 40, cy + ri * 0.6 - 24),
            darker(black, 0.65),
        )
        rect(img, (cx - r + 10, cy - 20, cx - r + 34, cy + 20), pal.accent)
    return (500, 380, 1900, 1550)


def m_chair(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (640, 1560, 1760, 1700), 0.45, 30)
    cx = 1200.0
    dark = hsv(pal.hue, 0.1, 0.2)
    metal = (190, 194, 200)
    for k in range(5):
        a = math.pi * (0.5 + 0.4 * k)
        ex, ey = cx + 460 * math.cos(a), 1560 + 110 * math.sin(a)
        stroke(img, [(cx, 1540), (ex, ey)], vgrad(lighter(metal, 0.3), darker(metal, 0.2)), 44)
        ellipse(img, (ex - 44, ey + 10, ex + 44, ey + 80), hsv(0, 0, 0.12))
    rect(img, (cx - 34, 1120, cx + 34, 1545), cyl(metal))
    rect(img, (cx - 120, 1080, cx + 120, 1150), hsv(0, 0, 0.18), radius=12)
    fabric = pal.accent
    polygon(
        img,
        [(760, 1000), (1640, 1000), (1700, 1090), (1640, 1160), (760, 1160), (700, 1090)],
        vgrad(lighter(fabric, 0.2), darker(fabric, 0.35)),
    )
    stroke(
        img, [(900, 980), (880, 760), (940, 250), (1460, 250), (1520, 760), (1500, 980)], dark, 30
    )
    back = [(880, 760), (940, 250), (1460, 250), (1520, 760), (1500, 960), (900, 960)]
    polygon(img, back, vgrad(lighter(dark, 0.25), dark), alpha=220)
    mesh = Image.new("L", (700, 760), 0)
    md = ImageDraw.Draw(mesh)
    for k in range(-40, 40):
        md.line([(k * 28, 0), (k * 28 + 760, 760)], fill=60, width=3)
        md.line([(k * 28, 0), (k * 28 - 760, 760)], fill=60, width=3)
    backmask = Image.new("L", (700, 760), 0)
    ImageDraw.Draw(backmask).polygon([(x - 850, y - 230) for x, y in back], fill=255)
    img.paste(lighter(dark, 0.5), (850, 230), ImageChops.multiply(mesh, backmask))
    polygon(
        img,
        [(920, 700), (1480, 700), (1500, 800), (900, 800)],
        vgrad(pal.second, darker(pal.second, 0.3)),
    )
    rect(img, (1500, 730, 1560, 790), hsv(0, 0, 0.25), radius=14)
    for side in (-1, 1):
        x = cx + side * 470
        stroke(img, [(x, 1040), (x, 880), (x + side * 20, 870)], hsv(0, 0, 0.22), 34)
        rect(img, (x - 90, 850, x + 90, 890), hsv(0, 0, 0.16), radius=18)
    return (700, 450, 1820, 1150)


def m_desk(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (380, 1560, 2100, 1700), 0.4, 30)
    wood = hsv(0.09, 0.35, 0.8)
    white = (236, 238, 240)
    for x in (600, 1700):
        rect(img, (x - 50, 1000, x + 50, 1560), cyl(white))
        rect(img, (x - 200, 1540, x + 200, 1600), vgrad(white, (180, 184, 190)), radius=20)
    rect(img, (560, 1100, 1740, 1150), vgrad(white, (190, 194, 200)))
    box3d(img, (360, 920, 1940, 990), 240, wood)
    rect(img, (360, 960, 1940, 990), darker(wood, 0.25))
    rect(img, (1760, 990, 1880, 1040), hsv(0, 0, 0.25), radius=10)
    glow(img, (1790, 1015), 10, (90, 220, 255), 1.0)
    rect(img, (1100, 760, 1180, 880), hsv(0, 0, 0.25))
    rect(img, (960, 860, 1320, 900), hsv(0, 0, 0.25), radius=10)
    rect(img, (760, 360, 1520, 780), hsv(0, 0, 0.12), radius=16)
    rect(img, (780, 380, 1500, 760), vgrad(lighter(pal.accent, 0.3), darker(pal.accent, 0.2)))
    cylinder_v(img, 1700, 760, 880, 70, 22, pal.second)
    for k in range(6):
        a = math.pi * (1.1 + 0.16 * k)
        stroke(
            img,
            [(1700, 760), (1700 + 150 * math.cos(a), 760 + 200 * math.sin(a))],
            hsv(0.33, 0.6, 0.5),
            26,
        )
    return (300, 300, 2000, 1600)


def m_lockers(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (420, 1440, 2060, 1580))
    wood = hsv(0.1, 0.3, 0.85)
    box3d(img, (500, 560, 1900, 1500), 200, wood, radius=10)
    for row in range(3):
        for col in range(4):
            x0, y0 = 530 + col * 345, 590 + row * 300
            c = hsv(pal.hue + rng.choice((0.0, 0.15, 0.3, 0.5, 0.65, 0.8)), 0.32, 0.93)
            rect(
                img,
                (x0, y0, x0 + 325, y0 + 280),
                vgrad(lighter(c, 0.1), darker(c, 0.08)),
                radius=12,
            )
            rect(img, (x0 + 250, y0 + 110, x0 + 290, y0 + 170), hsv(0, 0, 0.4), radius=8)
            ellipse(img, (x0 + 40, y0 + 30, x0 + 90, y0 + 80), hsv(0, 0, 0.75))
    return (500, 500, 1900, 1520)


def m_box(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (540, 1380, 1900, 1540))
    kraft = hsv(0.08, 0.42, 0.78)
    box3d(img, (620, 820, 1620, 1460), 300, kraft)
    rect(img, (1000, 960, 1240, 1020), darker(kraft, 0.45), radius=30)
    polygon(img, [(600, 820), (1640, 820), (1980, 500), (940, 500)], darker(kraft, 0.25))
    polygon(
        img, [(600, 800), (1640, 800), (1700, 660), (660, 660)], vgrad(lighter(kraft, 0.25), kraft)
    )
    rect(img, (600, 800, 1640, 860), vgrad(kraft, darker(kraft, 0.2)))
    for k in range(3):
        x = 1680 + k * 70
        polygon(
            img,
            [(x, 1520), (x + 260, 1480), (x + 280, 1520), (x + 20, 1560)],
            hsv(pal.hue, 0.2, 0.95 - k * 0.05),
        )
    return (500, 500, 2000, 1550)


def m_first_aid(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (520, 1380, 1940, 1540))
    red = hsv(0.99, 0.8, 0.82)
    stroke(img, [(1000, 740), (1000, 620), (1400, 620), (1400, 740)], hsv(0, 0, 0.2), 60)
    box3d(img, (580, 720, 1800, 1460), 180, red, radius=40)
    rect(img, (580, 1030, 1800, 1060), darker(red, 0.3))
    for x in (760, 1620):
        rect(img, (x - 40, 1000, x + 40, 1100), hsv(0, 0, 0.85), radius=10)
    rect(img, (1110, 830, 1270, 1350), WHITE, radius=14)
    rect(img, (950, 990, 1430, 1190), WHITE, radius=14)
    return (500, 560, 2000, 1560)


def m_pears(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal, horizon=1100)
    pear = hsv(0.12, 0.6, 0.85)

    def draw_pear(cx: float, cy: float, s: float) -> None:
        """A round Korean pear (신고배): golden-brown skin with fine speckles."""
        shadow(img, (cx - 250 * s, cy + 170 * s, cx + 280 * s, cy + 280 * s), 0.45, 24)
        ellipse(
            img,
            (cx - 250 * s, cy - 210 * s, cx + 250 * s, cy + 240 * s),
            vgrad(lighter(pear, 0.25), pear, darker(pear, 0.3)),
        )
        ellipse(img, (cx - 60 * s, cy - 208 * s, cx + 60 * s, cy - 170 * s), darker(pear, 0.25))
        stroke(img, [(cx, cy - 190 * s), (cx + 24 * s, cy - 290 * s)], hsv(0.08, 0.6, 0.35), 16 * s)
        glow(img, (cx - 100 * s, cy - 80 * s), 80 * s, (255, 250, 225), 0.55)
        for _ in range(90):
            a, d = rng.uniform(0, 2 * math.pi), math.sqrt(rng.uniform(0, 0.9))
            x, y = cx + 235 * s * d * math.cos(a), cy + 15 * s + 215 * s * d * math.sin(a)
            ellipse(img, (x - 4, y - 4, x + 4, y + 4), darker(pear, 0.32))

    draw_pear(560, 1130, 1.0)
    draw_pear(1010, 1320, 0.85)
    juice = hsv(0.11, 0.45, 0.95)
    shadow(img, (1260, 1480, 1860, 1580), 0.45, 26)
    polygon(
        img,
        [(1330, 640), (1800, 640), (1840, 1520), (1290, 1520)],
        hgrad(darker(juice, 0.15), lighter(juice, 0.3), juice, darker(juice, 0.2)),
    )
    rect(img, (1330, 980, 1800, 1240), lighter(pal.accent, 0.3))
    ellipse(img, (1460, 1020, 1670, 1200), lighter(pear, 0.1))
    cylinder_v(img, 1565, 540, 640, 60, 18, pal.accent)
    # a pear cut in half, lying in front with its cut face up
    shadow(img, (1300, 1700, 1920, 1790), 0.45, 20)
    ellipse(img, (1320, 1560, 1880, 1780), vgrad(lighter(pear, 0.1), darker(pear, 0.3)))
    ellipse(img, (1340, 1572, 1860, 1762), vgrad((253, 251, 240), (236, 230, 204)))
    ellipse(img, (1520, 1630, 1680, 1704), (230, 220, 180))
    for k in range(5):
        ang = 2 * math.pi * k / 5
        x, y = 1600 + 50 * math.cos(ang), 1667 + 20 * math.sin(ang)
        ellipse(img, (x - 12, y - 8, x + 12, y + 8), hsv(0.07, 0.6, 0.3))
    for _ in range(10):
        glow(img, (rng.uniform(1380, 1820), rng.uniform(1590, 1740)), 10, WHITE, 0.9)
    return (1200, 1240, 2000, 1800)


def m_plate(img: Image.Image, pal: Palette, rng: random.Random, detail: bool, food: str) -> Box:
    studio(img, pal, horizon=760)
    box3d(img, (1500, 520, 2100, 1040), 160, pal.accent)
    rect(img, (1560, 620, 2040, 760), lighter(pal.accent, 0.45), radius=20)
    shadow(img, (440, 1280, 1780, 1620), 0.45, 36)
    plate = (30, 30, 34) if food == "bulgogi" else (245, 245, 240)
    ellipse(img, (400, 980, 1800, 1560), vgrad(lighter(plate, 0.15), darker(plate, 0.1)))
    ellipse(img, (520, 1040, 1680, 1500), vgrad(darker(plate, 0.05), lighter(plate, 0.08)))
    if food == "bulgogi":
        meat = hsv(0.04, 0.65, 0.5)
        for _ in range(16):
            x, y = rng.uniform(640, 1500), rng.uniform(1100, 1380)
            w, h = rng.uniform(140, 260), rng.uniform(40, 70)
            a = rng.uniform(-0.4, 0.4)
            pts = [
                (x + math.cos(a) * dx - math.sin(a) * dy, y + math.sin(a) * dx + math.cos(a) * dy)
                for dx, dy in (
                    (-w / 2, -h / 2),
                    (w / 2, -h / 2 - 10),
                    (w / 2, h / 2),
                    (-w / 2, h / 2 + 8),
                )
            ]
            polygon(img, pts, vgrad(lighter(meat, 0.15), darker(meat, 0.3)))
            for k in range(3):
                line(
                    img,
                    [(x - w / 3 + k * w / 4, y - h / 2), (x - w / 3 + k * w / 4 + 30, y + h / 2)],
                    darker(meat, 0.6),
                    6,
                )
        for _ in range(14):
            x, y = rng.uniform(700, 1450), rng.uniform(1100, 1400)
            stroke(
                img,
                [(x, y), (x + rng.uniform(-60, 60), y + rng.uniform(-20, 20))],
                hsv(0.3, 0.7, 0.6),
                12,
            )
    else:
        nori = hsv(0.32, 0.55, 0.22)
        for _ in range(12):
            x, y = rng.uniform(660, 1500), rng.uniform(1090, 1400)
            s = rng.uniform(120, 200)
            pts = [
                (x + rng.uniform(-s, -s * 0.7), y + rng.uniform(-s * 0.5, -s * 0.3)),
                (x + rng.uniform(s * 0.7, s), y + rng.uniform(-s * 0.5, -s * 0.3)),
                (x + rng.uniform(s * 0.7, s), y + rng.uniform(s * 0.3, s * 0.5)),
                (x + rng.uniform(-s, -s * 0.7), y + rng.uniform(s * 0.3, s * 0.5)),
            ]
            polygon(img, pts, vgrad(lighter(nori, 0.15), nori))
            for _ in range(18):
                px, py = x + rng.uniform(-s * 0.6, s * 0.6), y + rng.uniform(-s * 0.25, s * 0.25)
                ellipse(img, (px - 7, py - 4, px + 7, py + 4), (236, 226, 196))
        shadow(img, (140, 1280, 620, 1360), 0.4, 20)
        rect(
            img,
            (170, 860, 560, 1320),
            hgrad(
                darker(pal.second, 0.25),
                lighter(pal.second, 0.2),
                pal.second,
                darker(pal.second, 0.3),
            ),
            radius=40,
        )
        rect(img, (170, 860, 560, 930), darker(pal.second, 0.35), radius=12)
        for x in range(190, 550, 22):
            line(img, [(x, 866), (x, 924)], darker(pal.second, 0.5), 4)
        ellipse(img, (250, 1010, 480, 1220), lighter(pal.second, 0.6))
        ellipse(img, (285, 1045, 445, 1185), nori)
    return (380, 900, 1820, 1600)


def m_bowl(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal, horizon=980)
    green = hsv(0.25, 0.55, 0.72)
    shadow(img, (480, 1330, 1500, 1480), 0.4, 30)
    ellipse(img, (460, 900, 1500, 1140), (230, 240, 244), alpha=200)
    polygon(
        img,
        [(460, 1020), (1500, 1020), (1360, 1400), (600, 1400)],
        hgrad((200, 214, 220), (245, 250, 252), (210, 222, 228)),
        alpha=200,
    )
    ellipse(img, (600, 1350, 1360, 1450), (214, 226, 230), alpha=200)
    polygon(
        img,
        [(560, 1030), (980, 880), (1400, 1030), (1300, 1240), (660, 1240)],
        vgrad(lighter(green, 0.25), green),
    )
    ellipse(img, (520, 960, 1440, 1100), vgrad(lighter(green, 0.2), green))
    ellipse(img, (760, 930, 1200, 1020), lighter(green, 0.35))
    stem = hsv(0.28, 0.6, 0.55)
    for k in range(7):
        y0 = 1320 + k * 38
        stroke(
            img,
            [(1460, y0), (1800, y0 - 40 + k * 6), (2200, y0 - 120 + k * 10)],
            vgrad(lighter(stem, 0.3), stem),
            22,
        )
        for j in range(4):
            lx, ly = 2100 + j * 40, y0 - 120 + k * 10 + rng.uniform(-40, 40)
            ellipse(img, (lx - 50, ly - 26, lx + 50, ly + 26), hsv(0.3, 0.65, 0.5 + 0.05 * j))
    stroke(img, [(1500, 1560), (2000, 1480)], (200, 200, 206), 34)
    ellipse(img, (1380, 1520, 1560, 1610), vgrad((236, 236, 240), (180, 180, 186)))
    return (420, 700, 1600, 1560)


def m_backpack(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (500, 1420, 1500, 1560))
    orange = hsv(0.06, 0.8, 0.92)
    stroke(img, [(820, 520), (1000, 380), (1140, 520)], darker(orange, 0.4), 40)
    rect(
        img, (600, 480, 1400, 1480), vgrad(lighter(orange, 0.15), darker(orange, 0.25)), radius=150
    )
    rect(img, (700, 960, 1300, 1420), vgrad(orange, darker(orange, 0.35)), radius=80)
    rect(img, (700, 1000, 1300, 1030), darker(orange, 0.5))
    rect(img, (620, 820, 1380, 870), hsv(0, 0, 0.85))  # reflective band
    shadow(img, (1380, 1480, 2100, 1580), 0.4, 20)
    foil = (210, 214, 222)
    for k in range(3):
        x = 1420 + k * 210
        rect(
            img,
            (x, 1080 + k * 30, x + 190, 1520),
            hgrad(darker(foil, 0.2), WHITE, foil, darker(foil, 0.25)),
            radius=20,
        )
        rect(img, (x + 30, 1200 + k * 30, x + 160, 1300 + k * 30), pal.accent, radius=10)
    for k in range(2):
        cylinder_v(img, 1700 + k * 200, 1320, 1600, 60, 20, hsv(0.56, 0.35, 0.92))
        cylinder_v(img, 1700 + k * 200, 1260, 1320, 36, 12, pal.second)
    return (1200, 900, 2260, 1700)


def m_helmet(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (420, 1230, 2000, 1400), 0.5)
    yellow = hsv(0.13, 0.85, 0.98)
    cx, base, rx, ry = 1200.0, 1190.0, 640.0, 620.0
    ellipse(img, (380, 1110, 2020, 1290), vgrad(darker(yellow, 0.2), darker(yellow, 0.45)))
    dome = [
        (cx + rx * math.cos(math.pi * k / 90), base - ry * math.sin(math.pi * k / 90))
        for k in range(91)
    ]
    polygon(img, dome, vgrad(lighter(yellow, 0.45), yellow, darker(yellow, 0.15)))
    polygon(
        img,
        [(cx - 70, base - ry + 6), (cx + 70, base - ry + 6), (cx + 95, base), (cx - 95, base)],
        vgrad(lighter(yellow, 0.55), lighter(yellow, 0.1)),
    )

    def half_width(y: float) -> float:
        return rx * math.sqrt(max(0.0, 1 - ((base - y) / ry) ** 2))

    y0, y1 = 1030.0, 1100.0
    polygon(
        img,
        [
            (cx - half_width(y0), y0),
            (cx + half_width(y0), y0),
            (cx + half_width(y1), y1),
            (cx - half_width(y1), y1),
        ],
        hgrad((160, 166, 176), (246, 248, 252), (236, 238, 242), (170, 176, 186)),
    )
    front = [
        (cx + 820 * math.cos(math.pi * k / 60), 1200 + 90 * math.sin(math.pi * k / 60))
        for k in range(61)
    ]
    polygon(img, front, vgrad(yellow, darker(yellow, 0.3)))
    box3d(img, (1540, 860, 1720, 980), 36, hsv(0, 0, 0.18), radius=16)
    glow(img, (1590, 900), 20, (80, 240, 130), 1.0)
    ellipse(img, (820, 680, 1040, 800), WHITE, alpha=80)
    return (1240, 640, 2080, 1270)


def m_detector(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    shadow(img, (760, 1500, 1720, 1620), 0.5)
    yellow = hsv(0.13, 0.85, 0.95)
    rect(img, (880, 360, 1520, 1560), vgrad(lighter(yellow, 0.2), darker(yellow, 0.25)), radius=120)
    rect(img, (960, 460, 1440, 1480), vgrad(hsv(0, 0, 0.25), hsv(0, 0, 0.12)), radius=70)
    rect(img, (1020, 560, 1380, 880), vgrad(hsv(0.48, 0.5, 0.6), hsv(0.5, 0.6, 0.35)), radius=18)
    for k in range(4):
        rect(
            img,
            (1050 + k * 82, 780 - k * 40, 1110 + k * 82, 850),
            lighter(hsv(0.48, 0.5, 0.6), 0.5),
        )
    rect(img, (1020, 360, 1380, 430), (255, 70, 60), radius=20)
    glow(img, (1200, 390), 160, (255, 70, 60), 0.6)
    for k in range(3):
        ellipse(
            img,
            (1040 + k * 120, 1000, 1120 + k * 120, 1080),
            vgrad(pal.accent, darker(pal.accent, 0.3)),
        )
    for k in range(5):
        ellipse(img, (1090 + k * 50, 1250, 1110 + k * 50, 1270), hsv(0, 0, 0.05))
    return (700, 250, 1700, 1000)


def m_isolation(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    studio(img, pal)
    frame = (200, 204, 210)
    for x in (300, 1100, 1900):
        rect(img, (x - 14, 240, x + 14, 1500), cyl(frame))
    rect(img, (286, 226, 1914, 256), frame)
    curtain = hsv(pal.hue, 0.2, 0.92)
    for x0 in (314, 1114):
        for k in range(10):
            rect(
                img,
                (x0 + k * 77, 256, x0 + k * 77 + 77, 1480),
                hgrad(lighter(curtain, 0.2), curtain, darker(curtain, 0.15)),
                alpha=150,
            )
    shadow(img, (1380, 1520, 2060, 1640), 0.5, 24)
    white = (240, 242, 244)
    box3d(img, (1460, 560, 1860, 1560), 120, white, radius=30)
    for k in range(10):
        rect(img, (1500, 640 + k * 36, 1820, 656 + k * 36), hsv(0, 0, 0.55), radius=8)
    rect(img, (1540, 1060, 1780, 1200), vgrad(hsv(0.55, 0.6, 0.4), hsv(0.58, 0.7, 0.25)), radius=12)
    glow(img, (1600, 1130), 20, (80, 240, 130), 1.0)
    rect(img, (1460, 1300, 1860, 1340), pal.accent)
    for x in (1510, 1810):
        ellipse(img, (x - 40, 1540, x + 40, 1600), hsv(0, 0, 0.15))
    return (1100, 450, 2200, 1650)


def m_mooring(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    horizon = 760
    sky(img, pal, horizon)
    rect(img, (0, horizon, W, 1200), vgrad(hsv(0.57, 0.55, 0.55), hsv(0.6, 0.6, 0.35)))
    hull = hsv(pal.hue, 0.45, 0.35)
    polygon(
        img, [(1560, 560), (2400, 520), (2400, 800), (1660, 800)], vgrad(lighter(hull, 0.1), hull)
    )
    rect(img, (1540, 540, 2400, 575), hsv(pal.hue + 0.5, 0.3, 0.85))
    box3d(img, (1980, 300, 2300, 540), 40, (236, 238, 240))
    for k in range(5):
        rect(img, (2000 + k * 58, 360, 2040 + k * 58, 400), hsv(0.58, 0.4, 0.4), radius=6)
    rect(img, (0, 1200, W, H), vgrad(hsv(0, 0, 0.68), hsv(0, 0, 0.5)))
    rect(img, (0, 1180, W, 1230), hsv(0.13, 0.8, 0.9))
    iron = hsv(0.0, 0.05, 0.2)
    shadow(img, (700, 1500, 1300, 1620), 0.5)
    cylinder_v(img, 1000, 1180, 1560, 160, 50, iron)
    cylinder_v(img, 1000, 1120, 1180, 240, 70, iron)
    rope = hsv(0.1, 0.5, 0.75)
    stroke(img, [(1160, 1260), (1500, 1120), (1900, 900), (2400, 720)], rope, 46)
    for k in range(40):
        t = k / 40
        x, y = 1160 + (2400 - 1160) * t, 1260 - 540 * t
        line(img, [(x - 10, y - 20), (x + 10, y + 20)], darker(rope, 0.3), 5)
    ellipse(img, (820, 1260, 1180, 1380), rope)
    ellipse(img, (860, 1280, 1140, 1360), iron)
    box3d(img, (720, 1320, 860, 1440), 40, pal.accent, radius=10)
    glow(img, (760, 1350), 14, (80, 240, 130), 1.0)
    return (500, 700, 1800, 1600)


def m_drone(img: Image.Image, pal: Palette, rng: random.Random, detail: bool) -> Box:
    """A quadcopter with a camera gimbal inspecting a bridge pier against the sky."""
    horizon = 1320
    sky(img, pal, horizon)
    rect(img, (0, horizon, W, H), vgrad(hsv(0.55, 0.25, 0.62), hsv(0.56, 0.35, 0.45)))  # water
    concrete = hsv(0.1, 0.05, 0.72)
    rect(img, (1640, 260, 1940, H), hgrad(darker(concrete, 0.15), concrete, darker(concrete, 0.3)))
    rect(img, (1180, 160, W, 300), vgrad(lighter(concrete, 0.1), darker(concrete, 0.2)))  # deck
    for y in range(420, 1300, 170):  # inspection marks on the pier
        line(img, [(1660, y), (1920, y + rng.uniform(-12, 12))], darker(concrete, 0.35), 4)
    cx, cy = 900, 820
    body = (52, 56, 64)
    shadow(img, (cx - 420, horizon + 160, cx + 420, horizon + 260), 0.25, 40)
    for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
        ex, ey = cx + dx * 420, cy + dy * 170
        stroke(img, [(cx + dx * 90, cy + dy * 30), (ex, ey)], cyl(body, vertical=False), 46)
        cylinder_v(img, ex, ey - 40, ey + 10, 34, 12, body)
        ellipse(img, (ex - 250, ey - 80, ex + 250, ey - 30), (220, 228, 236), alpha=90)  # rotor
        rect(img, (ex - 220, ey - 60, ex + 220, ey - 48), (40, 44, 50), radius=6, alpha=200)
    rect(img, (cx - 190, cy - 90, cx + 190, cy + 80), vgrad((240, 242, 246), (176, 182, 192)), 60)
    rect(img, (cx - 190, cy - 14, cx + 190, cy + 6), pal.accent)
    glow(img, (cx + 150, cy - 40), 18, (90, 240, 140), 1.0)
    rect(img, (cx - 40, cy + 80, cx + 40, cy + 130), body, radius=10)  # gimbal
    ellipse(img, (cx - 80, cy + 120, cx + 80, cy + 250), vgrad((70, 74, 82), (30, 32, 38)))
    ellipse(img, (cx - 42, cy + 160, cx + 42, cy + 230), (20, 40, 70))
    glow(img, (cx - 12, cy + 180), 14, (170, 210, 255), 0.9)
    return (cx - 300, cy - 250, cx + 500, cy + 350)


def _cabinet(face: str) -> Motif:
    return lambda img, pal, rng, detail: m_cabinet(img, pal, rng, detail, face)


def _underground(kind: str) -> Motif:
    return lambda img, pal, rng, detail: m_underground(img, pal, rng, detail, kind)


def _plate(food: str) -> Motif:
    return lambda img, pal, rng, detail: m_plate(img, pal, rng, detail, food)


# Which motif draws which product. Products not listed fall back to their category.
MOTIFS: dict[str, Motif] = {
    "precision-hydraulic-valve": m_valve,
    "automatic-welding-carriage": m_carriage,
    "collaborative-robot-arm": m_robot_arm,
    "bridge-inspection-drone": m_drone,
    "anti-corrosion-bolt-set": m_bolts,
    "smart-gear-reducer": m_gearbox,
    "marine-mooring-monitor": m_mooring,
    "smart-led-streetlight": m_streetlight,
    "solar-led-security-light": m_solar_light,
    "smart-distribution-panel": _cabinet("breakers"),
    "ess-battery-cabinet": _cabinet("vents"),
    "led-tunnel-light": m_tunnel,
    "industrial-iot-gateway": m_gateway,
    "smart-parking-guidance": m_parking,
    "ai-cctv-analytics": m_monitors,
    "outdoor-digital-signage": m_signage,
    "public-wifi-ap": m_wifi_ap,
    "low-voc-water-paint": m_can,
    "biodegradable-pla-film": m_film_roll,
    "snow-melting-agent": m_sack,
    "anti-slip-floor-coating": m_stairs,
    "heat-reflective-roof-paint": m_roof,
    "permeable-block": m_pavers,
    "stormwater-filter-box": _underground("filter"),
    "sewer-odor-reducer": _underground("grate"),
    "hdpe-double-wall-pipe": m_pipes,
    "rainwater-harvesting-tank": _underground("tank"),
    "ergonomic-office-chair": m_chair,
    "height-adjustable-desk": m_desk,
    "school-locker": m_lockers,
    "recycled-paper-file-box": m_box,
    "library-book-sterilizer": _cabinet("sterilizer"),
    "ulsan-pear-juice": m_pears,
    "eonyang-bulgogi-mealkit": _plate("bulgogi"),
    "dried-seaweed-snack": _plate("seaweed"),
    "freeze-dried-minari-powder": m_bowl,
    "emergency-rice-ration": m_backpack,
    "smart-safety-helmet": m_helmet,
    "aed-cabinet": _cabinet("aed"),
    "first-aid-kit-industrial": m_first_aid,
    "gas-leak-detector-portable": m_detector,
    "negative-pressure-isolation-unit": m_isolation,
}

BY_CATEGORY: dict[str, Motif] = {
    "machinery-metal": m_gearbox,
    "electric-electronic": _cabinet("vents"),
    "ict": m_gateway,
    "chemical-material": m_can,
    "construction-environment": m_pavers,
    "living-office": m_box,
    "food-agrifood": m_pears,
    "medical-safety": m_first_aid,
}


# --------------------------------------------------------------------------- products


@dataclass(frozen=True)
class ProductArt:
    """What one product folder needs drawn."""

    slug: str
    folder: Path
    name: str
    category: str
    images: tuple[str, ...]
    brochure: str | None


FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
SRC = re.compile(r"^\s*(?:-\s+)?src:\s*[\"']?([^\"'#\s]+)", re.M)


def _top_level(text: str, key: str) -> str | None:
    match = re.search(rf"^{key}:\s*(.+?)\s*$", text, re.M)
    if not match:
        return None
    value = match.group(1).split(" #", 1)[0].strip()
    return value.strip("\"'") or None


def read_product(folder: Path) -> ProductArt | None:
    index = folder / "index.md"
    if not index.is_file():
        return None
    match = FRONT_MATTER.match(index.read_text(encoding="utf-8"))
    if not match:
        return None
    front = match.group(1)
    images = tuple(dict.fromkeys(SRC.findall(front)))
    return ProductArt(
        slug=folder.name,
        folder=folder,
        name=_top_level(front, "name") or folder.name,
        category=_top_level(front, "category") or "",
        images=images,
        brochure=_top_level(front, "brochure"),
    )


def rng_for(slug: str, salt: str = "") -> random.Random:
    digest = hashlib.sha256(f"{slug}/{salt}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def motif_for(product: ProductArt) -> Motif:
    return MOTIFS.get(product.slug) or BY_CATEGORY.get(product.category, m_box)


def focus_crop(focus: Box) -> tuple[int, int, int, int]:
    """Widen a focus box to the 4:3 picture shape and keep it inside the canvas."""
    x0, y0, x1, y1 = focus
    w, h = x1 - x0, y1 - y0
    if w / h > W / H:
        h = w * H / W
    else:
        w = h * W / H
    w, h = min(w, W), min(h, H)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    left = min(max(cx - w / 2, 0), W - w)
    top = min(max(cy - h / 2, 0), H - h)
    return round(left), round(top), round(left + w), round(top + h)


def draw(product: ProductArt, detail: bool) -> Image.Image:
    rng = rng_for(product.slug)
    pal = palette_for(rng)
    img = Image.new("RGB", (W, H), pal.wall_top)
    focus = motif_for(product)(img, pal, rng, detail)
    vignette(img, 0.22 if detail else 0.32)
    if detail:
        img = img.crop(focus_crop(focus))
    return img.resize(OUT_SIZE, Image.Resampling.LANCZOS)


def save_jpeg(img: Image.Image, path: Path) -> None:
    quality = JPEG_QUALITY
    while True:
        img.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
        if path.stat().st_size <= MAX_BYTES or quality <= 60:
            return
        quality -= 5


def save_brochure(product: ProductArt, pictures: list[Image.Image], path: Path) -> None:
    """A two-page A4 leaflet of the product's pictures (no text: the site has the words)."""
    rng = rng_for(product.slug, "brochure")
    pal = palette_for(rng)
    page_w, page_h = 1240, 1754  # A4 at 150 dpi
    pages: list[Image.Image] = []
    for i, picture in enumerate(pictures[:2] or [Image.new("RGB", OUT_SIZE, pal.wall_top)]):
        page = Image.new("RGB", (page_w, page_h), WHITE)
        rect(page, (0, 0, page_w, 220), hgrad(pal.accent, darker(pal.accent, 0.35)))
        rect(page, (0, page_h - 90, page_w, page_h), pal.second)
        shown = picture.resize((1080, 810), Image.Resampling.LANCZOS)
        page.paste(shown, (80, 300))
        for k in range(4 if i == 0 else 6):
            y = 1180 + k * 70
            rect(page, (80, y, 80 + (1080 if k % 3 else 700), y + 26), (226, 230, 236), radius=13)
        pages.append(page)
    pages[0].save(
        path,
        "PDF",
        resolution=150.0,
        save_all=True,
        append_images=pages[1:],
        title=product.name,
        author="Showroom sample content",
        creationDate=PDF_DATE,
        modDate=PDF_DATE,
    )


def make(product: ProductArt) -> list[Path]:
    written: list[Path] = []
    pictures: list[Image.Image] = []
    for i, name in enumerate(product.images):
        if not name.lower().endswith((".jpg", ".jpeg")):
            print(f"{product.slug}: skipping {name} (only JPEG files are drawn)", file=sys.stderr)
            continue
        img = draw(product, detail=i > 0)
        save_jpeg(img, product.folder / name)
        pictures.append(img)
        written.append(product.folder / name)
    if product.brochure:
        save_brochure(product, pictures, product.folder / product.brochure)
        written.append(product.folder / product.brochure)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("slugs", nargs="*", help="only these products (default: all)")
    args = parser.parse_args(argv)
    wanted = set(args.slugs) if args.slugs else set(MOTIFS)
    folders = [PRODUCTS / slug for slug in sorted(wanted) if (PRODUCTS / slug).is_dir()]
    missing = wanted - {p.name for p in folders}
    if missing:
        print(f"no such product folder: {', '.join(sorted(missing))}", file=sys.stderr)
        return 2
    count = 0
    for folder in folders:
        product = read_product(folder)
        if product is None:
            continue
        for path in make(product):
            print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
            count += 1
    print(f"{count} files written.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
