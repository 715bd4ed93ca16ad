"""The catalogue's editions: the printer's (PDF/X-4 in CMYK, bleed, crop marks outside it), the
screen's (RGB, photos at about 150 ppi, optionally PDF/UA-1), and the halls' own PDFs (a cover,
their own title, page labels that are the printed folios)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from showroom.build import BuildResult
from showroom.cli import _parser
from showroom.errors import ContentError
from tests.projects import Project, new_project
from tests.test_catalogue import DESIGNATED, configure, pdf_text, run_build

MM = 72 / 25.4
A4 = (595.28, 841.89)

#: One build for every test here that only reads what it made (one xdist worker).
PRINTED = pytest.mark.xdist_group("catalogue-printed")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    project = new_project(tmp_path_factory.mktemp("printed") / "site", catalogue=True)
    project.product("designated", "스마트 감속기", extra=DESIGNATED)
    configure(project, "catalogue:\n  edition: print\n  pdf_ua: true\n")
    return project, run_build(project)


def fill_colours_of_text(reader: PdfReader, page: Any) -> Iterator[tuple[str, tuple[float, ...]]]:
    """(colour space, fill colour) in effect at each text-showing operator of the page."""
    space: str = "DeviceGray"
    colour: tuple[float, ...] = (0.0,)
    stack: list[tuple[str, tuple[float, ...]]] = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        op = operator.decode()
        if op == "q":
            stack.append((space, colour))
        elif op == "Q" and stack:
            space, colour = stack.pop()
        elif op == "cs":
            space = str(operands[0])[1:]
        elif op in ("sc", "scn"):
            colour = tuple(float(v) for v in operands)
        elif op in ("rg", "k", "g"):
            space = {"rg": "DeviceRGB", "k": "DeviceCMYK", "g": "DeviceGray"}[op]
            colour = tuple(float(v) for v in operands)
        elif op in ("Tj", "TJ", "'", '"'):
            yield space, colour


def image_list(pdf: Path) -> list[dict[str, str]]:
    """`pdfimages -list`: one dict per image (page, width, color, x-ppi ...)."""
    lines = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    names = lines[0].split()
    return [dict(zip(names, line.split(), strict=False)) for line in lines[2:]]


def root(reader: PdfReader) -> Any:
    return reader.trailer["/Root"]


def xmp(reader: PdfReader) -> str:
    stream = root(reader)["/Metadata"].get_object()
    return str(stream.get_data().decode("utf-8"))


@PRINTED
def test_the_printer_edition_is_pdf_x4_in_black_ink_and_cmyk(
    printed: tuple[Project, BuildResult],
) -> None:
    out = printed[0].out
    reader = PdfReader(out / "catalogue-print.pdf")
    assert re.search(r"pdfxid:GTS_PDFXVersion(=\"PDF/X-4\"|>PDF/X-4<)", xmp(reader))
    intent = root(reader)["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX"
    profile = intent["/DestOutputProfile"].get_object()
    data = profile.get_data()
    assert profile["/N"] == 4 and data[12:16] == b"prtr" and data[16:20] == b"CMYK"
    black = coloured = 0
    for page in reader.pages:
        raw = page.get_contents().get_data()  # type: ignore[union-attr]
        assert b"/DeviceRGB" not in raw and not re.search(rb"\s(rg|RG)\s", raw)
        for space, colour in fill_colours_of_text(reader, page):
            assert space in ("DeviceCMYK", "DeviceGray"), space
            if space == "DeviceCMYK" and colour == (0, 0, 0, 1):
                black += 1
            else:
                c, m, y, k = colour if len(colour) == 4 else (0, 0, 0, 1 - colour[0])
                assert not (k > 0.5 and min(c, m, y) > 0.2), colour  # never a rich black
                coloured += 1
    assert black > 10 * coloured  # body text in black ink alone; some headings in colour
    # Photos keep their every pixel, as ICC-based sRGB (PDF/X-4 takes no DeviceRGB); the QR
    # codes are grey, printed in black ink.
    images = image_list(out / "catalogue-print.pdf")
    assert {i["color"] for i in images} == {"icc", "gray"}
    photos = [i for i in images if i["color"] == "icc"]
    assert photos and all(int(i["width"]) == 1000 for i in photos)  # every pixel
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for image in resources["/XObject"].values():
            if image.get_object()["/Subtype"] != "/Image":
                # A drawing (the book's colour bands and thumb tabs are SVG): in CMYK too.
                drawn = image.get_object().get_data()
                assert b"/DeviceRGB" not in drawn and not re.search(rb"\s(rg|RG)\s", drawn)
                continue
            space = image.get_object()["/ColorSpace"]
            assert space == "/DeviceGray" or space[0] == "/ICCBased", space
            if space != "/DeviceGray":
                assert space[1].get_object()["/N"] == 3


@PRINTED
def test_the_printer_edition_bleeds_and_has_its_crop_marks_outside_the_bleed(
    printed: tuple[Project, BuildResult], tmp_path: Path
) -> None:
    pdf = printed[0].out / "catalogue-print.pdf"
    reader = PdfReader(pdf)
    bleed, slug = 3 * MM, (3 + 10) * MM
    for page in reader.pages:
        trim = [float(v) for v in page.trimbox]
        assert trim == pytest.approx([0, 0, *A4], abs=0.05)
        assert [float(v) for v in page.bleedbox] == pytest.approx(
            [-bleed, -bleed, A4[0] + bleed, A4[1] + bleed], abs=0.05
        )
        assert [float(v) for v in page.mediabox] == pytest.approx(
            [-slug, -slug, A4[0] + slug, A4[1] + slug], abs=0.05
        )
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "cover")], check=True)  # fmt: skip
    image = Image.open(next(tmp_path.glob("cover*.png"))).convert("L")

    def grey(x: int, y: int) -> int:
        value = image.getpixel((x, y))
        assert isinstance(value, int)
        return value

    edge = round(slug)  # the trim's left edge, in pixels at 72 dpi
    marks_at = round(slug - bleed - 5 * MM)  # 5 mm beyond the bleed: in the marks' span
    assert grey(edge, marks_at) < 128  # the mark along the trim's left line
    assert grey(edge + 20, marks_at) > 240  # nothing else on the slug
    assert grey(edge - 4, image.height // 2) < 128  # the cover's ground bleeds
    assert grey(round(slug - bleed) - 4, image.height // 2) > 240  # to the bleed


@PRINTED
def test_the_screen_edition_is_rgb_at_150_ppi_and_pdf_ua(
    printed: tuple[Project, BuildResult],
) -> None:
    out = printed[0].out
    reader = PdfReader(out / "catalogue.pdf")
    assert re.search(r"pdfuaid:part(=\"1\"|>1<)", xmp(reader))
    page = reader.pages[0]
    assert [float(v) for v in page.mediabox] == pytest.approx([0, 0, *A4], abs=0.05)
    photos = [i for i in image_list(out / "catalogue.pdf") if i["color"] == "rgb"]
    assert photos and all(int(i["x-ppi"]) <= 151 for i in photos)
    alts = [
        str(node["/Alt"])
        for node in structure_elements(reader)
        if node.get("/S") == "/Figure" and "/Alt" in node
    ]
    assert any(a.startswith("제품 페이지 QR 코드: https://example.org/products/") for a in alts)
    # Layout is not tagged as data: no table holds a table or a picture (the photo beside the
    # QR code and the two fact tables side by side were laid out by tables before).
    tables = [n for n in structure_elements(reader) if n.get("/S") == "/Table"]
    assert tables  # the fact tables and the listings are data tables
    for table in tables:
        inside = {str(n.get("/S")) for n in structure_elements(reader, table)}
        assert not inside & {"/Table", "/Figure"}, inside


def structure_elements(reader: PdfReader, top: Any = None) -> Iterator[Any]:
    """The structure elements of the tagged PDF (under `top`, itself included)."""
    stack = [root(reader)["/StructTreeRoot"].get_object() if top is None else top]
    first = True
    while stack:
        node = stack.pop()
        if not (first and top is not None):
            yield node
        first = False
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                stack.append(kid)


@PRINTED
def test_a_hall_pdf_has_its_cover_title_and_the_printed_page_numbers(
    printed: tuple[Project, BuildResult],
) -> None:
    out = printed[0].out
    catalogue = PdfReader(out / "catalogue.pdf")
    assert catalogue.page_labels == [str(n) for n in range(1, len(catalogue.pages) + 1)]
    for hall, name in (("machinery", "기계·금속"), ("excellent-procurement", "우수조달물품관")):
        reader = PdfReader(out / f"catalogue/{hall}.pdf")
        assert reader.metadata is not None and reader.metadata.title is not None
        assert name in reader.metadata.title
        assert reader.metadata.title != catalogue.metadata.title  # type: ignore[union-attr]
        assert name in pdf_text(reader, 1) and reader.page_labels[0] == "표지"
        for index in range(1, len(reader.pages)):
            folio = pdf_text(reader, index + 1).strip().splitlines()[-1].strip()
            assert reader.page_labels[index] == folio, (hall, index)
            same = pdf_text(catalogue, int(folio))
            assert same == pdf_text(reader, index + 1)  # the catalogue's page of that number


def test_the_pdf_command_has_a_print_option_and_the_edition_is_checked(
    project: Project,
) -> None:
    args = _parser().parse_args(["pdf", "--print"])
    assert args.print_edition is True
    configure(project, "catalogue:\n  edition: paper\n")
    with pytest.raises(ContentError) as caught:
        run_build(project)
    line = len(project.config_file.read_text(encoding="utf-8").splitlines())
    assert any(
        p.path == "showroom.yml" and p.line == line and p.field == "catalogue.edition"
        for p in caught.value.problems
    )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return new_project(tmp_path / "site", catalogue=True)


@PRINTED
@pytest.mark.parametrize("edition", ["catalogue.pdf", "catalogue-print.pdf"])
def test_every_qr_code_reads_as_its_products_address(
    printed: tuple[Project, BuildResult], tmp_path: Path, edition: str
) -> None:
    """Rasterised at 150 dpi, as a phone's camera sees a printed page at least, each product
    page's code decodes to that product's web address."""
    out = printed[0].out
    reader = PdfReader(out / edition)
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(out / edition),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    found = set()
    for number, png in enumerate(sorted(tmp_path.glob("page*.png")), start=1):
        codes = [code.text for code in zxingcpp.read_barcodes(Image.open(png))]
        found.update(codes)
        for code in codes:
            slug = code.removeprefix("https://example.org/products/").rstrip("/")
            assert code == f"https://example.org/products/{slug}/"
            assert f"example.org/products/{slug}/" in pdf_text(reader, number).replace("\n", "")
    assert len(found) == 4  # the three products of the test project and the designated one
