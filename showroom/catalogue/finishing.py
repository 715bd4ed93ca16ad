"""What WeasyPrint leaves to us in each PDF, done on its objects just before they are written
(WeasyPrint's `finisher`): page labels that are the printed folios, and for the printer crop
marks outside the bleed, with the page's boxes to match.

WeasyPrint draws crop marks inside the bleed, over the art that runs into it, and sets the
BleedBox at most 10 pt from the trim. A print shop wants the marks outside the bleed, on a
slug the media box grows for, and the BleedBox where the bleed ends."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

MM = 72 / 25.4
#: Room beyond the bleed for the marks, and where they start and end in it.
SLUG_MM = 10.0
MARK_FROM_MM = 2.0  # beyond the bleed's edge
MARK_TO_MM = 9.0
MARK_WIDTH_PT = 0.25

#: A page's label: its printed folio (a number), or a word for a page without one.
Folio = int | str
#: (WeasyPrint's Document, pydyf's PDF)
Finisher = Callable[[Any, Any], None]  # Any: neither has type hints


def finisher(
    folios: Sequence[Folio] | None = None, bleed_mm: float = 0, srgb: bytes | None = None
) -> Finisher:
    """The finishing steps for one PDF: `folios` (one per page) as its page labels; with
    `bleed_mm`, crop marks outside a bleed of that width; with `srgb` (an ICC profile), RGB
    photos tagged as sRGB (see `tag_rgb_images`)."""

    def finish(document: Any, pdf: Any) -> None:  # Any: pydyf has no type hints
        if folios is not None:
            pdf.catalog["PageLabels"] = page_labels(folios)
        if srgb is not None:
            tag_rgb_images(pdf, srgb)
        if bleed_mm > 0:
            for page in pages(pdf):
                _mark(pdf, page, bleed_mm * MM)

    return finish


def pages(pdf: Any) -> list[Any]:  # Any: pydyf has no type hints
    kids = pdf.pages["Kids"]
    return [pdf.objects[number] for number in kids[::3]]


def tag_rgb_images(pdf: Any, profile: bytes) -> None:  # Any: pydyf has no type hints
    """Every DeviceRGB image as ICC-based sRGB (what a photo is): PDF/X-4 takes RGB photos
    only with their colour defined, and the print shop's RIP converts them for its press,
    as it does for any PDF/X-4 photo. Converting them to CMYK here instead cost about 0.2 s a
    photo and tripled their bytes."""
    import pydyf

    stream = pydyf.Stream([profile], pydyf.Dictionary({"N": 3}), compress=True)
    pdf.add_object(stream)
    space = pydyf.Array(["/ICCBased", stream.reference])
    for item in pdf.objects:
        extra = getattr(item, "extra", None)
        image = isinstance(extra, dict) and extra.get("Subtype") == "/Image"
        if image and extra.get("ColorSpace") == "/DeviceRGB":  # type: ignore[union-attr]
            extra["ColorSpace"] = space  # type: ignore[index]


def page_labels(folios: Sequence[Folio]) -> Any:  # Any: pydyf has no type hints
    """A /PageLabels number tree: a run of consecutive folios is one range (decimal, starting
    at its first folio); a word is a range of its own (the word as the prefix, no number)."""
    import pydyf

    nums = pydyf.Array()
    previous: Folio | None = None
    for index, folio in enumerate(folios):
        continues = isinstance(folio, int) and isinstance(previous, int) and folio == previous + 1
        if not continues:
            nums.append(index)
            if isinstance(folio, int):
                nums.append(pydyf.Dictionary({"S": "/D", "St": folio}))
            else:
                nums.append(pydyf.Dictionary({"P": pydyf.String(folio)}))
        previous = folio
    return pydyf.Dictionary({"Nums": nums})


def _mark(pdf: Any, page: Any, bleed: float) -> None:  # Any: pydyf has no type hints
    import pydyf

    left, bottom, right, top = (float(v) for v in page["TrimBox"])
    slug = bleed + SLUG_MM * MM
    page["BleedBox"] = pydyf.Array([left - bleed, bottom - bleed, right + bleed, top + bleed])
    page["MediaBox"] = pydyf.Array([left - slug, bottom - slug, right + slug, top + slug])
    near, far = bleed + MARK_FROM_MM * MM, bleed + MARK_TO_MM * MM
    lines = []
    for x, outward in ((left, -1), (right, 1)):
        for y, upward in ((bottom, -1), (top, 1)):
            # One mark along the trim's vertical line, one along its horizontal line.
            lines.append((x, y + upward * near, x, y + upward * far))
            lines.append((x + outward * near, y, x + outward * far, y))
    stream = pydyf.Stream()
    stream.begin_marked_content("Artifact")
    stream.push_state()
    stream.stream.append(b"0 0 0 1 K")
    stream.set_line_width(MARK_WIDTH_PT)
    for x1, y1, x2, y2 in lines:
        stream.move_to(x1, y1)
        stream.line_to(x2, y2)
    stream.stroke()
    stream.pop_state()
    stream.end_marked_content()
    pdf.add_object(stream)
    # First: WeasyPrint's own stream leaves its coordinates flipped (a `cm` outside any q/Q),
    # and the marks lie outside the bleed, where nothing else is drawn.
    page["Contents"] = pydyf.Array([stream.reference, page["Contents"]])
