"""Photos straight from a phone: HEIC/HEIF files (pillow-heif) are accepted, turned upright and
converted to sRGB like every other photo; a damaged one is a content error at its field."""

from __future__ import annotations

import datetime as dt
import io
import struct
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image

from showroom.build import BuildOptions, BuildResult, build
from showroom.errors import ContentError
from tests.projects import Project

DATE = dt.date(2026, 11, 28)
PHOTO_LINE = 8  # `- src:` of the product written by Project.product

#: sRGB's primaries as XYZ (D50), the columns of its matrix.
RED, GREEN, BLUE = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)


@pytest.fixture
def project(cold_project: Project) -> Project:
    return cold_project


def run_build(project: Project) -> BuildResult:
    return build(BuildOptions(config_file=project.config_file, out=project.out, date=DATE))


def phone_product(project: Project, slug: str, name: str) -> Path:
    """A product whose one photo is `name` (not yet written); returns the photo's path."""
    path = project.product(slug, "휴대전화 사진 제품", image=False)
    path.write_text(path.read_text(encoding="utf-8").replace("photo.jpg", name), encoding="utf-8")
    return path.parent / name


def heic(image: Image.Image, **params: bytes) -> bytes:
    """The picture as a HEIC file, made with pillow-heif's own API: Pillow in this process is
    not taught HEIF by the test (the build must do it)."""
    buffer = io.BytesIO()
    pillow_heif.from_pillow(image).save(buffer, quality=90, **params)
    return buffer.getvalue()


def rotated_heic() -> bytes:
    """A 1200×800 picture with a red mark at its top left, saved as a phone held upright
    saves it: the EXIF orientation 6 (turned 90° clockwise: seen as 800×1200)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    image = Image.new("RGB", (1200, 800), "#3366aa")
    image.paste((255, 0, 0), (0, 0, 100, 100))
    return heic(image, exif=exif.tobytes())


def swapped_profile() -> bytes:
    """An ICC v2 RGB profile whose red and green primaries are sRGB's the other way round: a
    pixel (230, 20, 20) in it is green in sRGB. A photo that keeps its red ignored the profile."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0"
    text = b"swapped\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 79
    tags = [
        (b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(*GREEN)),
        (b"gXYZ", xyz(*RED)), (b"bXYZ", xyz(*BLUE)), (b"rTRC", curve), (b"gTRC", curve),
        (b"bTRC", curve),
    ]  # fmt: skip
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    header = (
        struct.pack(">I", offset + len(body)) + b"lcms" + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 28
        + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 48
    )  # fmt: skip
    return header + struct.pack(">I", len(tags)) + table + body


def renditions(project: Project, slug: str, stem: str) -> list[Path]:
    files = sorted((project.out / "products" / slug).glob(f"{stem}-*"))
    assert files, f"no renditions of {stem} were published"
    return files


def printed(project: Project, published: Path) -> list[Path]:
    """The print renditions of a published photo: in its image cache entry, not published."""
    key = published.name.rsplit("-", 2)[-2]  # <stem>-<key[:8]>-<rendition>
    return sorted((project.root / ".cache/images" / key[:2]).glob(f"{key}*/print*.jpg"))


def widest(files: list[Path], role: str, suffix: str) -> Path:
    chosen = [
        f for f in files if (f"-{role}" in f.name or f.name.startswith(role)) and f.suffix == suffix
    ]
    assert chosen, (role, suffix, [f.name for f in files])
    return max(chosen, key=width_of)


def width_of(path: Path) -> int:
    with Image.open(path) as image:
        return image.width


def centre(path: Path) -> tuple[int, int, int]:
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        r, g, b = rgb.getpixel((rgb.width // 2, rgb.height // 2))  # type: ignore[misc]
        return r, g, b


@pytest.mark.parametrize("name", ["photo.heic", "사진.HEIF"])
def test_a_rotated_heic_photo_is_published_upright(project: Project, name: str) -> None:
    phone_product(project, "phone", name).write_bytes(rotated_heic())
    result = run_build(project)
    assert not [w for w in result.warnings if "name should end" in w.message]
    files = renditions(project, "phone", name.rsplit(".", 1)[0])
    for file in files:
        with Image.open(file) as image:
            assert image.format in ("WEBP", "JPEG"), file.name
            assert not image.getexif() and "icc_profile" not in image.info, file.name
    files += printed(project, files[0])  # the catalogue's, in the cache
    for role, suffix in (("web", ".webp"), ("web", ".jpg"), ("print", ".jpg")):
        with Image.open(widest(files, role, suffix)) as image:
            assert image.size == (800, 1200), (role, suffix)  # upright: taller than wide
            r, g, b = image.convert("RGB").getpixel((image.width - 10, 10))  # type: ignore[misc]
            assert r > 200 and g < 80 and b < 80, (role, suffix, (r, g, b))  # the mark: top right
    page = (project.out / "products/phone/index.html").read_text(encoding="utf-8")
    assert 'width="800" height="1200"' in page


def test_a_heic_colour_profile_is_converted_to_srgb_as_a_jpeg_one(project: Project) -> None:
    profile = swapped_profile()
    red_in_the_file = Image.new("RGB", (1000, 750), (230, 20, 20))
    phone_product(project, "phone", "photo.heic").write_bytes(
        heic(red_in_the_file, icc_profile=profile)
    )
    red_in_the_file.save(
        phone_product(project, "camera", "photo.jpg"), "JPEG", quality=95, icc_profile=profile
    )
    run_build(project)
    for slug in ("phone", "camera"):
        files = renditions(project, slug, "photo")
        for role, suffix in (("web", ".webp"), ("card", ".webp"), ("web", ".jpg")):
            r, g, b = centre(widest(files, role, suffix))
            assert g > 180 and r < 80 and b < 80, (slug, role, suffix, (r, g, b))
    heic_colour = centre(widest(renditions(project, "phone", "photo"), "web", ".jpg"))
    jpeg_colour = centre(widest(renditions(project, "camera", "photo"), "web", ".jpg"))
    assert all(abs(a - b) <= 6 for a, b in zip(heic_colour, jpeg_colour, strict=True))


def test_a_damaged_heic_photo_is_a_content_error_at_its_field(project: Project) -> None:
    data = heic(Image.new("RGB", (1000, 750), "#3366aa"))
    phone_product(project, "phone", "photo.heic").write_bytes(data[: len(data) // 2])
    with pytest.raises(ContentError) as failure:
        run_build(project)
    messages = [p.format() for p in failure.value.problems]
    expected = (
        f"content/products/phone/index.md:{PHOTO_LINE}: images[0].src: photo.heic is damaged or "
        "truncated"
    )
    assert any(m.startswith(expected) for m in messages), messages


def test_a_heic_photo_named_jpg_is_used_with_a_warning(project: Project) -> None:
    phone_product(project, "phone", "photo.jpg").write_bytes(rotated_heic())
    warnings = [w.format() for w in run_build(project).warnings]
    assert (
        f"content/products/phone/index.md:{PHOTO_LINE}: warning: images[0].src: photo.jpg is a "
        "HEIF file; its name should end in .heic"
    ) in warnings
    assert renditions(project, "phone", "photo")
