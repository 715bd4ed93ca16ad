"""The image pipeline: odd inputs, normalised outputs without metadata, the cache, markup."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageCms, features

from showroom.build import BuildOptions, BuildResult, build, prune_cache
from showroom.errors import ContentError
from showroom.fields.focus import Focus, parse_focus
from showroom.images.geometry import crop_box, dpi_at, pixels_for, web_widths
from showroom.images.normalise import open_normalised
from tests.checking import problems_of
from tests.projects import Project, make_image
from tests.site_files import page

DATE = dt.date(2026, 11, 28)
PHOTO_LINE = 8  # `- src:` of the product written by Project.product


@pytest.fixture
def project(cold_project: Project) -> Project:
    """These tests are about photos and the caches: their project starts with none."""
    return cold_project


def run_build(project: Project, out: Path | None = None) -> BuildResult:
    return build(BuildOptions(config_file=project.config_file, out=out or project.out, date=DATE))


def published(project: Project, slug: str, pattern: str) -> list[Path]:
    return sorted((project.out / "products" / slug).glob(pattern))


def size_of(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def width_of(path: Path) -> int:
    with Image.open(path) as image:
        return image.width


# -- odd inputs ----------------------------------------------------------------------------
def rotated(path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned 90° clockwise: the 1200×800 file is seen as 800×1200
    image = Image.new("RGB", (1200, 800), "#3366aa")
    image.paste((255, 0, 0), (0, 0, 100, 100))  # a red mark at the file's top left
    image.save(path, "JPEG", exif=exif.tobytes())


def cmyk(path: Path) -> None:
    Image.new("CMYK", (1000, 750), (0, 255, 255, 0)).save(path, "JPEG", quality=95)  # red


def palette_transparent(path: Path) -> None:
    image = Image.new("P", (600, 600), 0)
    image.putpalette([255, 255, 255, 0, 128, 0] + [0] * 762)
    image.paste(1, (100, 100, 500, 500))
    image.save(path, "PNG", transparency=0)


def sixteen_bit(path: Path) -> None:
    Image.new("I;16", (600, 400), 32768).save(path, "PNG")  # middle grey in 16 bits


def grayscale(path: Path) -> None:
    Image.new("L", (900, 600), 90).save(path, "JPEG")


def tiny(path: Path) -> None:
    Image.new("RGB", (40, 30), "#aa3300").save(path, "JPEG")


def huge(path: Path) -> None:
    Image.new("1", (10_000, 10_000), 1).save(path, "PNG")  # 100 megapixels, a small file


def truncated(path: Path) -> None:
    buffer = io.BytesIO()
    Image.effect_noise((1200, 900), 64).convert("RGB").save(buffer, "JPEG", quality=90)
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 3])


def png_named_jpg(path: Path) -> None:
    Image.new("RGB", (800, 600), "#228844").save(path, "PNG")


def gps_photo(path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[2] = (35.0, 32.0, 0.0)  # latitude: where the editor's phone was
    gps[4] = (129.0, 18.0, 0.0)
    Image.new("RGB", (1000, 750), "#ddaa33").save(path, "JPEG", exif=exif.tobytes())


def gray_alpha(path: Path) -> None:
    image = Image.new("LA", (500, 500), (120, 0))
    image.paste((120, 255), (100, 100, 400, 400))
    image.save(path, "PNG")


def with_profile(path: Path) -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (900, 600), (230, 20, 20)).save(path, "JPEG", icc_profile=profile)


def gif(path: Path) -> None:
    Image.new("P", (100, 100)).save(path, "GIF")


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], None]
    name: str = "photo.jpg"
    error: str = ""  # the message, when the photo must be refused
    warning: str = ""
    size: tuple[int, int] | None = None  # the widest web fallback
    fallback: str = "jpg"
    check: Callable[[Image.Image], None] | None = None


def is_red(image: Image.Image) -> None:
    r, g, b = image.convert("RGB").getpixel((image.width // 2, image.height // 2))  # type: ignore[misc]
    assert r > 200 and g < 80 and b < 80, (r, g, b)


def is_middle_grey(image: Image.Image) -> None:
    r, g, b = image.convert("RGB").getpixel((10, 10))  # type: ignore[misc]
    assert 110 < r < 145 and r == g == b, (r, g, b)


def mark_is_top_right(image: Image.Image) -> None:
    r, g, b = image.convert("RGB").getpixel((image.width - 10, 10))  # type: ignore[misc]
    assert r > 200 and g < 80, (r, g, b)


def keeps_transparency(image: Image.Image) -> None:
    assert image.mode == "RGBA"
    assert image.getpixel((5, 5))[3] == 0  # type: ignore[index]
    assert image.getpixel((image.width // 2, image.height // 2))[3] == 255  # type: ignore[index]


CASES = {
    "rotated": Case(rotated, size=(800, 1200), check=mark_is_top_right),
    "cmyk": Case(cmyk, size=(1000, 750), check=is_red),
    "palette-transparency": Case(palette_transparent, "photo.png", size=(600, 600),
                                 fallback="png", check=keeps_transparency),
    "16-bit-png": Case(sixteen_bit, "photo.png", size=(600, 400), check=is_middle_grey),
    "grayscale": Case(grayscale, size=(900, 600)),
    "grayscale-alpha": Case(gray_alpha, "photo.png", size=(500, 500), fallback="png",
                            check=keeps_transparency),
    "tiny": Case(tiny, size=(40, 30)),
    "huge-pixel-count": Case(huge, "photo.png", error="photo.png is 10000×10000 pixels (100 "
                             "megapixels), more than the 60 megapixels a photo may have"),
    "truncated": Case(truncated, error="photo.jpg is damaged or truncated"),
    "wrong-extension": Case(png_named_jpg, warning="photo.jpg is a PNG file; its name should "
                            "end in .png", size=(800, 600)),
    "korean-nfd-name": Case(grayscale, unicodedata.normalize("NFD", "제품 사진.jpg"),
                            size=(900, 600)),
    "gps-exif": Case(gps_photo, size=(1000, 750)),
    "icc-profile": Case(with_profile, size=(900, 600), check=is_red),
    "gif": Case(gif, "photo.gif", error="photo.gif is a GIF file; use one of: JPEG, PNG, WEBP"),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_odd_input(project: Project, case: Case) -> None:
    nfc_name = unicodedata.normalize("NFC", case.name)
    extra = ""
    path = project.product("odd", "이상한 사진", image=False)
    text = path.read_text(encoding="utf-8").replace("src: photo.jpg", f"src: {nfc_name}")
    path.write_text(text + extra, encoding="utf-8")
    case.make(path.parent / case.name)
    if case.error:
        with pytest.raises(ContentError) as failure:
            run_build(project)
        messages = [p.format() for p in failure.value.problems]
        expected = f"content/products/odd/index.md:{PHOTO_LINE}: images[0].src: {case.error}"
        assert any(m.startswith(expected) for m in messages), messages
        return
    result = run_build(project)
    warnings = [w.format() for w in result.warnings]
    if case.warning:
        assert (
            f"content/products/odd/index.md:{PHOTO_LINE}: warning: images[0].src: {case.warning}"
            in warnings
        )
    stem = nfc_name.rsplit(".", 1)[0]
    files = published(project, "odd", f"{stem}-*")
    assert files, "no renditions were published"
    for file in files:
        assert unicodedata.is_normalized("NFC", file.name)
        with Image.open(file) as image:
            assert not image.getexif(), f"{file.name} carries EXIF"
            assert "icc_profile" not in image.info and "exif" not in image.info, file.name
            assert image.mode in ("RGB", "RGBA"), (file.name, image.mode)
    webs = [f for f in files if "-web" in f.name and f.suffix == f".{case.fallback}"]
    widest = max(webs, key=width_of)
    with Image.open(widest) as image:
        assert image.size == case.size
        if case.check is not None:
            case.check(image)
    webp = max((f for f in files if "-web" in f.name and f.suffix == ".webp"), key=width_of)
    with Image.open(webp) as image:
        assert image.format == "WEBP" and image.size == case.size
        if case.check is not None:
            case.check(image)


def test_photo_too_small_for_print_warns(project: Project) -> None:
    make_image(project.root / "content/products/lathe/photo.jpg", size=(400, 300))
    assert (
        "content/products/lathe/index.md:8: warning: images[0].src: photo.jpg is 400 px wide: "
        "88 dpi at the catalogue's 115 mm; 200 dpi needs 906 px"
    ) in problems_of(project)


@pytest.mark.skipif(not features.check("avif"), reason="this Pillow cannot read AVIF")
def test_avif_is_accepted(project: Project) -> None:
    path = project.product("avif", "AVIF 제품", image=False)
    path.write_text(path.read_text(encoding="utf-8").replace("photo.jpg", "photo.avif"))
    Image.new("RGB", (800, 600), "#336699").save(path.parent / "photo.avif", "AVIF")
    run_build(project)
    assert published(project, "avif", "photo-*-web800.webp")


# -- outputs ---------------------------------------------------------------------------------
def cached(project: Project, name: str) -> list[Path]:
    """The files of that name in the project's image cache (where the print renditions are)."""
    return sorted((project.root / ".cache/images").glob(f"*/*/{name}"))


def with_fallbacks(project: Project) -> None:
    config = project.config_file
    config.write_text(config.read_text(encoding="utf-8") + "images:\n  fallback: true\n")


@pytest.mark.parametrize("fallback", [False, True])
def test_web_card_and_print_renditions(project: Project, fallback: bool) -> None:
    if fallback:
        with_fallbacks(project)
    make_image(project.root / "content/products/lathe/photo.jpg", size=(2000, 1000))
    run_build(project)
    names = sorted(f.name.split("-", 2)[2] for f in published(project, "lathe", "photo-*"))
    every_size = ["card360.jpg", "card720.jpg", "web480.jpg", "web960.jpg"] if fallback else []
    assert names == sorted([
        "card360.webp", "card720.webp", "web1600.jpg", "web1600.webp", "web480.webp",
        "web960.webp", *every_size,
    ])  # fmt: skip
    with Image.open(published(project, "lathe", "photo-*-card720.webp")[0]) as card:
        assert card.size == (720, 540)  # the 4:3 crop
    assert not published(project, "lathe", "photo-*-print*")  # the catalogue's, not the site's
    sizes = set(map(size_of, cached(project, "print1358.jpg")))
    assert (1358, 679) in sizes  # 115 mm at 300 dpi, in the cache for the catalogue


@pytest.mark.parametrize("fallback", [False, True])
def test_picture_markup(project: Project, fallback: bool) -> None:
    if fallback:
        with_fallbacks(project)
    run_build(project)
    soup = page(project.out, "products/lathe/")
    pictures = soup.find_all("picture")
    assert pictures
    images = [p.find("img") for p in pictures]
    for picture, img in zip(pictures, images, strict=True):
        source = picture.find("source")
        assert source is not None and source["type"] == "image/webp"
        assert str(source["srcset"]).count("w") >= 1 and source.get("sizes")
        assert all(".webp " in s for s in str(source["srcset"]).split(", "))
        assert img is not None and str(img["src"]).endswith(".jpg")
        # Fallbacks at every size only when asked for; else the photo's one JPEG in `src`.
        assert bool(img.get("srcset")) == fallback and bool(img.get("sizes")) == fallback
        assert img["decoding"] == "async"
        assert (project.out / str(img["src"]).lstrip("/")).is_file()
        widest = str(source["srcset"]).split(", ")[-1].split()[0]  # its size is the <img>'s
        with Image.open(project.out / widest.lstrip("/")) as image:
            assert (str(img["width"]), str(img["height"])) == (str(image.width), str(image.height))
    assert images[0] is not None and images[0].get("loading") is None  # the first loads at once
    assert all(i is not None and i["loading"] == "lazy" for i in images[1:])
    hall = page(project.out, "halls/machinery/").find("main")
    assert hall is not None
    hall_images = hall.find_all("img")
    assert hall_images[0].get("loading") is None
    assert all(i["loading"] == "lazy" for i in hall_images[1:])
    assert all(str(i["src"]).endswith(".jpg") for i in hall_images)
    og = soup.find("meta", property="og:image")
    assert og is not None and str(og["content"]).endswith(".jpg")  # link previews want a JPEG
    with Image.open(project.out / urlsplit(str(og["content"])).path.lstrip("/")) as shared:
        assert shared.format == "JPEG" and shared.width == 1000  # the largest web size


@pytest.mark.parametrize("fallback", [False, True])
def test_every_published_photo_is_linked(project: Project, fallback: bool) -> None:
    """Every image file in the output is one some page links (src, srcset, href, og:image)."""
    if fallback:
        with_fallbacks(project)
    run_build(project)
    linked: set[str] = set()
    for html in project.out.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["img", "source", "a", "link", "meta"]):
            values = [tag.get("src"), tag.get("href"), tag.get("content")]
            values += [part.split()[0] for part in str(tag.get("srcset") or "").split(",") if part]
            linked.update(urlsplit(str(v)).path.lstrip("/") for v in values if v)
    images = {
        f.relative_to(project.out).as_posix()
        for f in project.out.rglob("*")
        if f.suffix in (".jpg", ".webp", ".png")
        and f.relative_to(project.out).parts[0] == "products"  # the photos, not theme files
    }
    assert images, "no photos were published"
    assert images <= linked, sorted(images - linked)


def test_card_crop_follows_the_focus_point(project: Project) -> None:
    photo = project.root / "content/products/lathe/photo.jpg"
    image = Image.new("RGB", (1600, 600), "#2255aa")
    image.paste((255, 0, 0), (0, 0, 300, 600))  # red at the far left
    image.save(photo, "JPEG", quality=95)
    path = project.root / "content/products/lathe/index.md"
    text = path.read_text(encoding="utf-8").replace("    alt:", "    focus: left\n    alt:")
    path.write_text(text, encoding="utf-8")
    run_build(project)
    with Image.open(published(project, "lathe", "photo-*-card360.webp")[0]) as card:
        is_red(card.crop((0, 0, 60, card.height)))


# -- the cache -------------------------------------------------------------------------------
def test_second_build_encodes_nothing(project: Project, tmp_path: Path) -> None:
    first = run_build(project)
    assert first.photos_encoded == 3
    second = run_build(project)
    assert (second.photos_encoded, second.photos_reused) == (0, 3)
    elsewhere = run_build(project, out=tmp_path / "elsewhere")  # another output folder
    assert elsewhere.photos_encoded == 0


def test_changing_one_photo_encodes_only_that_photo(project: Project) -> None:
    run_build(project)
    before = {f.name for f in published(project, "drill-press", "photo-*")}
    make_image(project.root / "content/products/lathe/photo.jpg", color="#aa2200")
    result = run_build(project)
    assert (result.photos_encoded, result.photos_reused) == (1, 2)
    assert {f.name for f in published(project, "drill-press", "photo-*")} == before


def test_changed_settings_are_new_cache_entries(project: Project) -> None:
    run_build(project)
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "images:\n  quality: 70\n", encoding="utf-8")
    assert run_build(project).photos_encoded == 3


def test_output_names_carry_the_content_hash(project: Project) -> None:
    run_build(project)
    first = {f.name for f in published(project, "lathe", "photo-*")}
    make_image(project.root / "content/products/lathe/photo.jpg", color="#00aa22")
    run_build(project)
    second = {f.name for f in published(project, "lathe", "photo-*")}
    assert first.isdisjoint(second)


def test_cache_prune_removes_unused_entries(project: Project) -> None:
    run_build(project)
    make_image(project.root / "content/products/lathe/photo.jpg", color="#123456")
    run_build(project)
    removed, freed, folder = prune_cache(project.config_file)
    assert removed == 1 and freed > 0
    assert folder == project.root / ".cache/images"
    assert run_build(project).photos_encoded == 0  # what is in use was kept
    assert prune_cache(project.config_file)[0] == 0


# -- geometry --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "expected"),
    [(2000, (480, 960, 1600)), (1200, (480, 960, 1200)), (960, (480, 960)), (300, (300,))],
)
def test_web_widths_never_upscale(source: int, expected: tuple[int, ...]) -> None:
    assert web_widths(source, (480, 960, 1600)) == expected


@pytest.mark.parametrize(
    ("size", "focus", "box"),
    [
        ((1600, 600), Focus(0.5, 0.5), (400, 0, 1200, 600)),
        ((1600, 600), Focus(0.0, 0.5), (0, 0, 800, 600)),
        ((1600, 600), Focus(1.0, 0.5), (800, 0, 1600, 600)),
        ((600, 1600), Focus(0.5, 0.0), (0, 0, 600, 450)),
        ((800, 600), Focus(0.9, 0.9), (0, 0, 800, 600)),
    ],
)
def test_crop_box(size: tuple[int, int], focus: Focus, box: tuple[int, int, int, int]) -> None:
    assert crop_box(*size, 4 / 3, focus) == box


@pytest.mark.parametrize(
    ("text", "expected"),
    [("center", Focus(0.5, 0.5)), ("Top  Left", Focus(0.0, 0.0)), ("30% 40%", Focus(0.3, 0.4))],
)
def test_parse_focus(text: str, expected: Focus) -> None:
    assert parse_focus(text) == expected


@pytest.mark.parametrize("text", ["middle", "130% 40%", "30 40"])
def test_bad_focus(text: str) -> None:
    assert isinstance(parse_focus(text), str)


def test_print_resolution() -> None:
    assert pixels_for(80, 300) == 945
    assert round(dpi_at(400, 80)) == 127


def test_truncated_photo_is_refused_after_weasyprint_was_imported(project: Project) -> None:
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES at import; the pipeline must not care."""
    import weasyprint  # noqa: F401

    truncated(project.root / "content/products/lathe/photo.jpg")
    with pytest.raises(ContentError) as failure:
        run_build(project)
    assert any("damaged or truncated" in p.message for p in failure.value.problems)


def test_a_large_jpeg_is_decoded_at_half_size_with_the_same_rendition_sizes(
    project: Project,
) -> None:
    """Draft mode decodes a 4000×3000 JPEG at 2000×1500 (enough for 1600 px); the renditions
    have the sizes a whole decode gives, and a JPEG too small for that is decoded whole."""
    photo = make_image(project.root / "content/products/lathe/photo.jpg", size=(4000, 3000))
    data = photo.read_bytes()
    assert open_normalised(data, "photo.jpg", 1600).size == (2000, 1500)
    assert open_normalised(data, "photo.jpg", 10_000).size == (4000, 3000)
    assert open_normalised(data, "photo.jpg", 2500).size == (4000, 3000)
    run_build(project)
    sizes = {f.name.split("-", 2)[2]: size_of(f) for f in published(project, "lathe", "photo-*")}
    assert sizes == {
        "web1600.webp": (1600, 1200), "web1600.jpg": (1600, 1200), "web960.webp": (960, 720),
        "web480.webp": (480, 360), "card720.webp": (720, 540), "card360.webp": (360, 270),
    }  # fmt: skip
    assert set(map(size_of, cached(project, "print1358.jpg"))) == {(1358, 1018)}
