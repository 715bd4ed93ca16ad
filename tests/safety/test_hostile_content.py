"""Issue 12, items 4 and 5: content that tries to hurt. Every case is a tiny project in
tmp_path; each asserts the exact problem the editor sees and that nothing was published."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from showroom.build import BuildOptions, build
from showroom.cli import main
from showroom.dates import build_date
from showroom.errors import UsageError
from showroom.messages import messages_for
from tests.checking import problems_of
from tests.projects import Project, make_image

P = "content/products/p/index.md"
ROOT = Path(__file__).resolve().parent.parent.parent
SECRET = "SECRET-TOKEN-d41d8cd98f00b204"

# The product `p`: front matter lines 2-9, `extra` from line 10.
FRONT = """\
name: 제품
category: machinery
company: acme
date: 2025-01-15
summary: 요약
images:
  - src: photo.jpg
    alt: 사진
"""

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def product(project: Project, extra: str = "", body: str = "본문\n") -> Path:
    path = project.product_file("p", FRONT + extra, body)
    make_image(path.parent / "photo.jpg")
    return path


def cli_build(project: Project, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["build", "-f", str(project.config_file), "--date", "2026-11-28"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def refused(project: Project, capsys: pytest.CaptureFixture[str], expected: str) -> str:
    """The build fails once with `expected` among its problems and publishes nothing."""
    assert expected in problems_of(project)
    code, output = cli_build(project, capsys)
    assert code == 1
    assert expected in output
    assert not project.out.exists()
    return output


# --- 1. attachments by content ------------------------------------------------------------

HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
XML = b'<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>'
NOT_PDF = "; a brochure must be a PDF file"
MARKUP = "it is a web page or other markup (HTML, SVG or XML)"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("brochure.pdf", HTML, f"brochure.pdf is not a PDF: {MARKUP}{NOT_PDF}"),
        ("brochure.html", HTML, f"brochure.html is not a PDF: {MARKUP}{NOT_PDF}"),
        ("brochure.svg", SVG, f"brochure.svg is not a PDF: {MARKUP}{NOT_PDF}"),
        ("brochure.pdf", SVG, f"brochure.pdf is not a PDF: {MARKUP}{NOT_PDF}"),
        ("brochure.xml", XML, f"brochure.xml is not a PDF: {MARKUP}{NOT_PDF}"),
        ("brochure.pdf", b"  \n<html>" + PDF, f"brochure.pdf is not a PDF: {MARKUP}{NOT_PDF}"),
        (
            "brochure.js",
            b"alert(1)\n",
            f"brochure.js is not a PDF: its content is of no accepted kind{NOT_PDF}",
        ),
        (
            "brochure.pdf",
            b"PK\x03\x04" + b"\x00" * 40,
            "brochure.pdf is not a PDF: it is a ZIP archive (or a Word, Excel or PowerPoint "
            f"file){NOT_PDF}",
        ),
        (
            "brochure.docx",
            b"PK\x03\x04" + b"\x00" * 40,
            "brochure.docx is not a PDF: it is a ZIP archive (or a Word, Excel or PowerPoint "
            f"file){NOT_PDF}",
        ),
        ("brochure.pdf", b"", "brochure.pdf is an empty file, not a PDF"),
        (
            "brochure.pdf",
            b"junk before %PDF-1.4\n%%EOF\n",
            "brochure.pdf is not a PDF: it does not start with %PDF- (something comes before "
            f"the PDF){NOT_PDF}",
        ),
        (
            "brochure.pdf",
            b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n",
            "brochure.pdf starts like a PDF but holds web page markup (HTML or SVG) at its "
            "start; save the brochure again as a plain PDF",
        ),
        (
            "brochure.pdf",
            b"%PDF-1.4\n<svg onload=alert(1)>\n%%EOF\n",
            "brochure.pdf starts like a PDF but holds web page markup (HTML or SVG) at its "
            "start; save the brochure again as a plain PDF",
        ),
        ("brochure.html", PDF, "brochure.html is a PDF file; its name must end in .pdf"),
        ("brochure.svg", PDF, "brochure.svg is a PDF file; its name must end in .pdf"),
        ("brochure", PDF, "brochure is a PDF file; its name must end in .pdf"),
        (
            "brochure.pdf",
            b"%PDF-1.4\n1 0 obj\n",
            "brochure.pdf is not a complete PDF (it does not end with %%EOF); save it again",
        ),
        (
            "brochure.pdf",
            b"GIF89a\x01\x00\x01\x00",
            f"brochure.pdf is not a PDF: it is a GIF picture{NOT_PDF}",
        ),
    ],
)
def test_brochure_must_be_a_pdf_by_content(
    project: Project, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = product(project, f"brochure: {name}\n")
    (path.parent / name).write_bytes(data)
    refused(project, capsys, f"{P}:10: brochure: {message}")


def test_a_real_pdf_brochure_is_published(project: Project) -> None:
    path = product(project, "brochure: 제품안내.pdf\n")
    (path.parent / "제품안내.pdf").write_bytes(PDF)
    assert problems_of(project) == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.jpg", HTML, "photo.jpg is not a readable image"),
        ("photo.svg", SVG, "photo.svg is not a readable image"),
        ("photo.png", XML, "photo.png is not a readable image"),
        ("photo.jpg", b"", "photo.jpg is not a readable image"),
        ("photo.webp", b"PK\x03\x04" + b"\x00" * 40, "photo.webp is not a readable image"),
        ("photo.jpg", PDF, "photo.jpg is not a readable image"),
        ("photo.jpg", b"alert(1)//\xff\xd8\xff", "photo.jpg is not a readable image"),
    ],
)
def test_photo_must_be_a_photo_by_content(
    project: Project, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = project.product_file("p", FRONT.replace("photo.jpg", name))
    (path.parent / name).write_bytes(data)
    refused(project, capsys, f"{P}:8: images[0].src: {message}")


# --- 2. symbolic links --------------------------------------------------------------------


def secret_file(tmp_path: Path, text: str = "") -> Path:
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    path = outside / "secret.txt"
    path.write_text(text or f"name: {SECRET}\n", encoding="utf-8")
    return path


LINK = (
    "this is a symbolic link, which content may not hold (it was not followed or read); "
    "put the file or folder itself here"
)


def korean(message: str) -> str:
    """A message in Korean: a settings file that cannot be read cannot say which language its
    problems are shown in, so they are in the default one (the test projects ask for English)."""
    translated = messages_for("ko").text(message)
    assert translated != message, message
    return translated


def assert_secret_kept(project: Project, output: str) -> None:
    assert SECRET not in output
    for path in project.root.rglob("*"):
        if path.is_file() and not path.is_symlink() and "cache" not in path.parts[-3:]:
            assert SECRET.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("link", "target", "expected"),
    [
        ("content/products/evil", "folder", f"content/products/evil: {LINK}"),
        ("content/products/p/index.md", "index", f"{P}: {LINK}"),
        ("content/products/p/photo.jpg", "file", "content/products/p/photo.jpg: " + LINK),
        ("content/products/p/notes.txt", "file", "content/products/p/notes.txt: " + LINK),
        ("content/products/p/more", "folder", f"content/products/p/more: {LINK}"),
        ("content/products/p/dangling.pdf", "nowhere", "content/products/p/dangling.pdf: " + LINK),
        ("content/categories/evil.yml", "file", f"content/categories/evil.yml: {LINK}"),
        ("content/companies/evil.yml", "file", f"content/companies/evil.yml: {LINK}"),
        ("content/companies/gone.yml", "nowhere", f"content/companies/gone.yml: {LINK}"),
        ("content/categories/inside.yml", "inside", f"content/categories/inside.yml: {LINK}"),
    ],
)
def test_symbolic_links_in_content_are_refused_and_never_read(
    project: Project,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    link: str,
    target: str,
    expected: str,
) -> None:
    path = product(project)
    secret = secret_file(tmp_path)
    index = f"---\n{FRONT.replace('제품', SECRET)}---\n{SECRET}\n"
    where = project.root / link
    if where.exists():
        where.unlink()
    if target == "folder":
        folder = tmp_path / "outside" / "folder"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(index, encoding="utf-8")
        make_image(folder / "photo.jpg")
        os.symlink(folder, where)
    elif target == "index":
        secret.write_text(index, encoding="utf-8")
        os.symlink(secret, where)
    elif target == "nowhere":
        os.symlink(tmp_path / "outside" / "missing", where)
    elif target == "inside":
        os.symlink(project.root / "content/categories/food.yml", where)
    else:
        os.symlink(secret, where)
    assert path.parent.is_dir()
    output = refused(project, capsys, expected)
    assert_secret_kept(project, output)


def test_linked_photo_gives_the_field_too(project: Project, tmp_path: Path) -> None:
    path = project.product_file("p", FRONT)
    os.symlink(secret_file(tmp_path), path.parent / "photo.jpg")
    found = problems_of(project)
    out = "'photo.jpg' is a link that leads out of the product's folder"
    assert f"{P}:8: images[0].src: {out}" in found
    assert SECRET not in "\n".join(found)


@pytest.mark.parametrize("folder", ["content", "content/products", "content/categories"])
def test_linked_content_folders_are_refused(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    real = project.root / folder
    moved = tmp_path / "moved"
    real.rename(moved)
    os.symlink(moved, real)
    refused(project, capsys, f"{folder}: {LINK}")


def test_linked_settings_file_is_refused(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_file(tmp_path, f"title: {SECRET}\nbase_url: https://example.org/\n")
    project.config_file.unlink()
    os.symlink(secret, project.config_file)
    code, output = cli_build(project, capsys)
    assert code == 1
    assert "showroom.yml:1: " + korean(LINK.replace("file or folder", "file")) in output
    assert_secret_kept(project, output)
    assert not project.out.exists()


# --- 3. YAML aliases ----------------------------------------------------------------------

LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{','.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8)
)
ALIAS = "YAML: the YAML alias '*{}' is not allowed: write the value out in full (column {})"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("model: &m 모델\nspec: *m\n", f"{P}:11: " + ALIAS.format("m", 7)),
        ("features:\n  - &f 하나\n  - *f\n", f"{P}:12: " + ALIAS.format("f", 5)),
        (
            "contact: &c\n  phone: 052-123-4567\nspecs:\n  <<: *c\n",
            f"{P}:13: " + ALIAS.format("c", 7),
        ),
        (
            "specs:\n  <<: {무게: 3kg}\n",
            f"{P}:11: YAML: a YAML merge key '<<' is not allowed: write the fields out (column 3)",
        ),
        (
            "model: &m 모델\n",
            f"{P}:10: YAML: the YAML anchor '&m' is not allowed: write each value out in full "
            "(column 8)",
        ),
        ("keywords: [*nothing]\n", f"{P}:10: " + ALIAS.format("nothing", 12)),
        ("specs: {a: &x [1], b: [*x, *x]}\n", f"{P}:10: " + ALIAS.format("x", 24)),
    ],
)
def test_yaml_aliases_are_refused(
    project: Project, capsys: pytest.CaptureFixture[str], extra: str, expected: str
) -> None:
    product(project, extra)
    refused(project, capsys, expected)


def test_ampersands_and_stars_in_plain_text_are_fine(project: Project) -> None:
    product(project, "model: R&D *special*\nkeywords: ['*', '&']\n")
    assert problems_of(project) == []


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        (P, f"{P}:11: YAML: the YAML alias '*a' is not allowed"),
        ("content/categories/machinery.yml", "content/categories/machinery.yml:5: YAML: the"),
        ("content/companies/acme.yml", "content/companies/acme.yml:10: YAML: the YAML alias"),
        ("showroom.yml", "showroom.yml:11: YAML: the YAML alias '*a' is not allowed"),
    ],
)
def test_billion_laughs_is_refused_in_linear_time(
    project: Project, relative: str, expected: str
) -> None:
    bomb = LAUGHS + "".join(f"x{n}: &x{n} [*i,*i,*i,*i,*i,*i,*i,*i,*i]\n" for n in range(200))
    path = project.root / relative
    if relative == P:
        product(project, bomb)
    else:
        text = path.read_text(encoding="utf-8")
        path.write_text(text + bomb, encoding="utf-8")
    command = [sys.executable, "-m", "showroom", "check", "-f", str(project.config_file)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=60, env=env, check=False
    )
    assert result.returncode == 1
    assert expected in result.stdout + result.stderr


# --- 4. encodings -------------------------------------------------------------------------

LATIN = (
    "---\nname: Cafe\ncategory: machinery\ncompany: acme\ndate: 2025-01-15\n"
    "summary: Café crème\nimages:\n  - src: photo.jpg\n    alt: photo\n---\nCafé\n"
)
KOREAN = "---\n" + FRONT.replace("요약", "울산 제품 요약입니다") + "---\n한글 본문입니다.\n"


def not_utf8(encoding: str) -> str:
    return f"{P}:1: the file is not UTF-8 (it looks like {encoding}; save it as UTF-8)"


def stray(line: int, byte: str, column: int) -> str:
    return (
        f"{P}:{line}: line {line} is not valid UTF-8 (the byte {byte} at column {column}); "
        "retype the character there and save the file as UTF-8"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (KOREAN.encode("cp949"), not_utf8("CP949")),
        (KOREAN.encode("euc-kr"), not_utf8("CP949")),
        ((KOREAN + "똠방각하 펲").encode("cp949"), not_utf8("CP949")),
        (KOREAN.encode("utf-16"), not_utf8("UTF-16")),
        (KOREAN.encode("utf-16-le"), not_utf8("UTF-16")),
        (KOREAN.encode("utf-16-be"), not_utf8("UTF-16")),
        (LATIN.encode("utf-16-le"), not_utf8("UTF-16")),
        (KOREAN.encode("utf-32"), not_utf8("UTF-32")),
        (LATIN.encode("cp1252"), not_utf8("Latin-1 or Windows-1252")),
        (LATIN.encode("latin-1"), not_utf8("Latin-1 or Windows-1252")),
        (KOREAN.encode().replace("요약".encode(), b"\xbf\xe4\xbe\xe0"), stray(6, "0xBF", 16)),
        (KOREAN.encode().replace("본문".encode(), b"\xed\x95"), stray(11, "0xED", 4)),
        (KOREAN.encode() + b"\xff", stray(12, "0xFF", 1)),
        (KOREAN.encode().replace(b"name: ", b"name: \xc0\x80"), stray(2, "0xC0", 7)),
        (KOREAN.encode().replace(b"name: ", b"name: \xed\xa0\x80"), stray(2, "0xED", 7)),
    ],
)
def test_files_must_be_utf8(
    project: Project, capsys: pytest.CaptureFixture[str], data: bytes, expected: str
) -> None:
    path = product(project)
    path.write_bytes(data)
    output = refused(project, capsys, expected)
    assert "\ufffd" not in output


def test_a_huge_file_is_refused_unread(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = product(project)
    with path.open("a", encoding="utf-8") as file:
        file.write(("가" * 999 + "\n") * 9_000)
    message = (
        "the file is 27 MB; a text file may be at most 8 MB (put long documents in a PDF brochure)"
    )
    refused(project, capsys, f"{P}:1: {message}")


def test_a_utf8_bom_is_fine(project: Project) -> None:
    path = product(project)
    path.write_bytes(codecs.BOM_UTF8 + KOREAN.encode())
    assert problems_of(project) == []


@pytest.mark.parametrize(
    ("relative", "codec", "encoding"),
    [
        ("content/categories/machinery.yml", "cp949", "CP949"),
        ("content/companies/acme.yml", "utf-16", "UTF-16"),
        ("content/companies/bobs.yml", "euc-kr", "CP949"),
        ("showroom.yml", "cp949", "CP949"),
        ("showroom.yml", "utf-16", "UTF-16"),
    ],
)
def test_settings_and_records_must_be_utf8(
    project: Project, capsys: pytest.CaptureFixture[str], relative: str, codec: str, encoding: str
) -> None:
    path = project.root / relative
    path.write_bytes(path.read_text(encoding="utf-8").encode(codec))
    code, output = cli_build(project, capsys)
    assert code == 1
    message = f"the file is not UTF-8 (it looks like {encoding}; save it as UTF-8)"
    unreadable = relative == "showroom.yml"  # and so its messages setting too
    assert f"{relative}:1: {korean(message) if unreadable else message}" in output
    assert not project.out.exists()


# --- 5. control characters ----------------------------------------------------------------


def control(point: str) -> str:
    return f"contains the control character {point}; remove it (it cannot be published)"


def other(what: str) -> str:
    return f"contains {what}; remove it (it cannot be published)"


@pytest.mark.parametrize(
    ("extra", "body", "expected"),
    [
        ("model: a\x08b\n", "본문\n", f"{P}:10: model: {control('U+0008')}"),
        ('model: "a\\x07b"\n', "본문\n", f"{P}:10: model: {control('U+0007')}"),
        ('model: "a\\u0000b"\n', "본문\n", f"{P}:10: model: {control('U+0000')}"),
        ("usage: x\x1b[31m\n", "본문\n", f"{P}:10: usage: {control('U+001B')}"),
        ("usage: x\x7f\n", "본문\n", f"{P}:10: usage: {control('U+007F')}"),
        ("usage: x\x85y\n", "본문\n", f"{P}:10: usage: {control('U+0085')}"),
        ('usage: "x\\x9b"\n', "본문\n", f"{P}:10: usage: {control('U+009B')}"),
        ("features:\n  - 하나\x0c\n", "본문\n", f"{P}:11: features: {control('U+000C')}"),
        ('features:\n  - "\\x01"\n', "본문\n", f"{P}:11: features[0]: {control('U+0001')}"),
        ('specs:\n  무게: "3\\x02kg"\n', "본문\n", f"{P}:11: specs.무게: {control('U+0002')}"),
        (
            'specs:\n  "무\\x03게": 3kg\n',
            "본문\n",
            f"{P}:11: specs.무\x03게: the label {control('U+0003')}",
        ),
        ("", "본문\n\n둘째 줄\x00\n", f"{P}:13: body: {control('U+0000')}"),
        ("", "본문\x1f\n", f"{P}:11: body: {control('U+001F')}"),
        (
            "",
            "본문\r끝\n",
            f"{P}:11: body: " + other("a carriage return (U+000D) that does not end a line"),
        ),
        ('model: "\\uffff"\n', "본문\n", f"{P}:10: model: " + other("the noncharacter U+FFFF")),
        ("model: x\ufffe\n", "본문\n", f"{P}:10: model: " + other("the noncharacter U+FFFE")),
        ('model: "\\ufdd0"\n', "본문\n", f"{P}:10: model: " + other("the noncharacter U+FDD0")),
        ("", "끝\U0010ffff\n", f"{P}:11: body: " + other("the noncharacter U+10FFFF")),
        (
            "model: a\u2028b\n",
            "본문\n",
            f"{P}:10: model: "
            + other("the invisible line separator U+2028; use a new line instead"),
        ),
        (
            "",
            "문단\u2029끝\n",
            f"{P}:11: body: "
            + other("the invisible paragraph separator U+2029; use a new line instead"),
        ),
    ],
)
def test_control_characters_in_products(
    project: Project, capsys: pytest.CaptureFixture[str], extra: str, body: str, expected: str
) -> None:
    product(project, extra, body)
    refused(project, capsys, expected)


def test_control_character_in_alt_text(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project.product_file("p", FRONT.replace("alt: 사진", "alt: 사\x08진"))
    make_image(path.parent / "photo.jpg")
    refused(project, capsys, f"{P}:9: images.alt: {control('U+0008')}")


def test_crlf_line_ends_are_fine(project: Project) -> None:
    path = product(project, "features:\n  - 하나\n  - 둘\n", "본문\n\n둘째 문단\n")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert problems_of(project) == []


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            "content/companies/acme.yml",
            "ceo: 홍길동",
            "ceo: 홍\x08길동",
            "content/companies/acme.yml:2: ceo: " + control("U+0008"),
        ),
        (
            "content/companies/acme.yml",
            "ceo: 홍길동",
            'ceo: "홍\\x1b길동"',
            "content/companies/acme.yml:2: ceo: " + control("U+001B"),
        ),
        (
            "content/categories/machinery.yml",
            "name: 기계·금속",
            "name: 기계\x0b금속",
            "content/categories/machinery.yml:1: name: " + control("U+000B"),
        ),
        (
            "content/categories/food.yml",
            "description: 식품·농수산 제품군입니다.",
            'description: "\\x85식품"',
            "content/categories/food.yml:3: description: " + control("U+0085"),
        ),
        (
            "showroom.yml",
            "title: 테스트 홍보관",
            "title: 테스트\x07홍보관",  # a raw control character: the file cannot be read
            "showroom.yml:1: title: " + korean(control("U+0007")),
        ),
        (
            "showroom.yml",
            "title: 테스트 홍보관",
            'title: "테스트\\x00"',
            "showroom.yml:1: title: " + control("U+0000"),
        ),
    ],
)
def test_control_characters_in_records_and_settings(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    relative: str,
    old: str,
    new: str,
    expected: str,
) -> None:
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, output = cli_build(project, capsys)
    assert code == 1
    assert expected in output
    assert not project.out.exists()


ODD = (
    "탭\t이모지 🚀 RTL \u200f\u202eevil\u202c 결합 e\u0301 NFD \u1112\u1161\u11ab "
    "]]> & < > \" ' \ufeff 中文 ß"
)


def test_feed_and_sitemap_stay_well_formed_with_odd_but_allowed_characters(
    project: Project,
) -> None:
    project.write(
        "showroom.yml",
        project.config_file.read_text(encoding="utf-8") + "search: false\n",
    )
    text = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(
        text.replace("title: 테스트 홍보관", f"title: '{ODD.replace(chr(39), chr(39) * 2)}'"),
        encoding="utf-8",
    )
    quoted = ODD.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    project.product_file(
        "odd",
        FRONT.replace("name: 제품", f'name: "{quoted}"').replace(
            "summary: 요약", f'summary: "{quoted}"'
        ),
        f"{ODD}\r\n\r\n<b>]]></b>\r\n",
    )
    make_image(project.root / "content/products/odd/photo.jpg")
    build(
        BuildOptions(config_file=project.config_file, out=project.out, date=dt.date(2026, 11, 28))
    )
    for name in ("feed.xml", "sitemap.xml"):
        ET.parse(project.out / name)  # raises on anything that is not well-formed XML
    feed = (project.out / "feed.xml").read_text(encoding="utf-8")
    assert "🚀" in feed
    assert "\ufffd" not in feed


# --- 6. dates -----------------------------------------------------------------------------

YEAR = "the year must be between 1900 and 2999"


@pytest.mark.parametrize(
    ("override", "extra", "expected"),
    [
        ("date: 9999-12-31", "", f"{P}:5: date: 9999-12-31: {YEAR}"),
        ("date: 0001-01-01", "", f"{P}:5: date: 0001-01-01: {YEAR}"),
        ("date: 0000-01-01", "", f"{P}:5: date: 0000-01-01 is not a real date"),
        ("date: 1899-12-31", "", f"{P}:5: date: 1899-12-31: {YEAR}"),
        ("date: 3000-01-01", "", f"{P}:5: date: 3000-01-01: {YEAR}"),
        ("date: 20250115", "", f"{P}:5: date: expected a date as YYYY-MM-DD, got '20250115'"),
        (
            "date: 99999999999999999999-01-01",
            "",
            f"{P}:5: date: expected a date as YYYY-MM-DD, got '99999999999999999999-01-01'",
        ),
        ("date: 2025-01-15", "updated: 9999-12-31\n", f"{P}:10: updated: 9999-12-31: {YEAR}"),
        (
            "date: 2025-01-15",
            "excellent_procurement:\n  number: 1\n  from: 9999-12-31\n  until: 9999-12-31\n",
            f"{P}:12: excellent_procurement.from: 9999-12-31: {YEAR}",
        ),
        (
            "date: 2025-01-15",
            "innovation:\n  type: 1\n  number: 1\n  from: 2025-01-01\n  until: 9999-12-31\n"
            "  extended: true\n",
            f"{P}:14: innovation.until: 9999-12-31: {YEAR}",
        ),
        (
            "date: 2025-01-15",
            "certifications:\n  - type: GS\n    until: 9999-12-31\n",
            f"{P}:12: certifications[0].until: 9999-12-31: {YEAR}",
        ),
        (
            "date: 2025-01-15",
            "price: " + "9" * 5000 + "\n",
            f"{P}:10: price: the number is too large (more than 15 digits)",
        ),
    ],
)
def test_dates_out_of_range(
    project: Project, capsys: pytest.CaptureFixture[str], override: str, extra: str, expected: str
) -> None:
    path = project.product_file("p", FRONT.replace("date: 2025-01-15", override) + extra)
    make_image(path.parent / "photo.jpg")
    refused(project, capsys, expected)


def test_dates_at_the_edges_of_the_range_work(project: Project) -> None:
    extra = "excellent_procurement:\n  number: 1\n  from: 2999-01-01\n  until: 2999-12-31\n"
    path = project.product_file("p", FRONT.replace("date: 2025-01-15", "date: 1900-01-01") + extra)
    make_image(path.parent / "photo.jpg")
    for day in (dt.date(1900, 1, 1), dt.date(2026, 11, 28), dt.date(2999, 12, 31)):
        assert [p for p in problems_of(project, day) if ": warning: " not in p] == []


@pytest.mark.parametrize(
    ("option", "epoch", "message"),
    [
        ("9999-12-31", "", f"--date: 9999-12-31: {YEAR}"),
        ("0001-01-01", "", f"--date: 0001-01-01: {YEAR}"),
        (
            None,
            "99999999999999999999",
            "SOURCE_DATE_EPOCH 99999999999999999999 is not a date between 1900 and 2999",
        ),
        (
            None,
            "253402300800",
            "SOURCE_DATE_EPOCH 253402300800 is not a date between 1900 and 2999",
        ),
    ],
)
def test_build_date_out_of_range(option: str | None, epoch: str, message: str) -> None:
    with pytest.raises(UsageError) as failure:
        build_date(option, {"SOURCE_DATE_EPOCH": epoch}, dt.date(2026, 1, 1))
    assert str(failure.value) == message


# --- 7. the catalogue's missing glyphs ----------------------------------------------------


def test_missing_glyphs_name_the_file_line_and_field(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    hieroglyph, clef, domino = "\U00013000", "\U0001d11e", "\U00010900"
    project.with_catalogue()
    project.product_file(
        "p",
        FRONT.replace("name: 제품", f"name: 제품 {hieroglyph}").replace("요약", f"요약 {domino}")
        + f"features:\n  - 음악 {clef}\n",
    )
    make_image(project.root / "content/products/p/photo.jpg")
    company = project.root / "content/companies/acme.yml"
    company.write_text(
        company.read_text(encoding="utf-8").replace("name: (주)테스트1", f"name: (주){clef}"),
        encoding="utf-8",
    )
    code, output = cli_build(project, capsys)
    assert code == 1
    fonts = "use another character or remove it"
    for where, char in [
        (f"{P}:2: name", hieroglyph),
        (f"{P}:11: features[0]", clef),
        (f"{P}:6: summary", domino),
        ("content/companies/acme.yml:1: name", clef),
    ]:
        point = f"U+{ord(char):04X}"
        line = next((x for x in output.splitlines() if x.startswith(where)), "")
        assert f": the character '{char}' ({point}) is not in the catalogue's font" in line
        assert line.endswith(fonts), line
    assert "apt-get" not in output
    assert not project.out.exists()


# --- the site's own theme -----------------------------------------------------------------


def with_theme(project: Project) -> Path:
    theme = project.root / "mytheme"
    (theme / "templates").mkdir(parents=True)
    (theme / "static/css").mkdir(parents=True)
    (theme / "strings").mkdir(parents=True)
    text = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(text + "theme: mytheme\n", encoding="utf-8")
    return theme


@pytest.mark.parametrize(
    "link", ["static/css/secret.css", "templates/home.html", "static/more", "strings/ko.yml"]
)
def test_links_in_the_site_theme_are_refused(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], link: str
) -> None:
    theme = with_theme(project)
    secret = secret_file(tmp_path)
    os.symlink(secret.parent if link == "static/more" else secret, theme / link)
    code, output = cli_build(project, capsys)
    assert code == 1
    assert f"mytheme/{link}: the theme holds symbolic links, which are not followed" in output
    assert_secret_kept(project, output)
    assert not project.out.exists()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("site_title: 홍보관\n".encode("cp949"), ":1: the file is not UTF-8 (it looks like CP949"),
        (b"a: &a [x, x]\nb: [*a, *a]\n", ":2: the YAML alias '*a' is not allowed"),
        (b"site_title: x\nfeed_subtitle: a\x08b\n", ":2: contains the control character U+0008"),
    ],
)
def test_theme_strings_must_be_utf8_without_aliases(
    project: Project, capsys: pytest.CaptureFixture[str], data: bytes, expected: str
) -> None:
    theme = with_theme(project)
    (theme / "strings/ko.yml").write_bytes(data)
    code, output = cli_build(project, capsys)
    assert code == 1
    assert f"mytheme/strings/ko.yml{expected}" in output
    assert not project.out.exists()


@pytest.mark.parametrize("where", ["theme folder", "parent folder"])
def test_a_linked_theme_folder_is_refused_and_never_read(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    outside = tmp_path / "outside" / "theme"
    (outside / "static/css").mkdir(parents=True)
    (outside / "static/css/site.css").write_text(f"/* {SECRET} */", encoding="utf-8")
    if where == "theme folder":
        os.symlink(outside, project.root / "mine")
        setting, linked = "mine", "mine"
    else:
        (project.root / "themes").mkdir()
        os.symlink(outside.parent, project.root / "themes/shared")
        setting, linked = "themes/shared/theme", "themes/shared"
    text = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(text + f"theme: {setting}\n", encoding="utf-8")
    code, output = cli_build(project, capsys)
    assert code == 1
    assert f"theme: {linked} is a symbolic link, which is not followed or read" in output
    assert_secret_kept(project, output)
    assert not project.out.exists()


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("&#7;", "the control character U+0007"),
        ("&#x1b;", "the control character U+001B"),
        ("&#X1B", "the control character U+001B"),
        ("&#127;", "the control character U+007F"),
        ("&#x85;", "the control character U+0085"),
        ("&#13;", "a carriage return (U+000D) that does not end a line"),
        ("&#xFFFE;", "the noncharacter U+FFFE"),
        ("&#xD800;", "a lone surrogate (U+D800), which is not a character"),
        ("&#0;", "no character at all (a browser shows U+FFFD)"),
        ("&#x110000;", "no character at all (a browser shows U+FFFD)"),
        ("&#x2028;", "the invisible line separator U+2028; use a new line instead"),
    ],
)
def test_character_references_to_forbidden_characters_are_refused(
    project: Project, capsys: pytest.CaptureFixture[str], reference: str, expected: str
) -> None:
    """Markdown passes `&#7;` through and the sanitiser decodes it: the body is checked for
    what its references stand for, as for the characters themselves."""
    product(project, body=f"본문\n\n둘째 줄 {reference} 끝\n")
    refused(
        project, capsys, f"{P}:13: body: a character reference stands for {expected}; remove it"
    )


def test_character_references_to_ordinary_characters_are_fine(project: Project) -> None:
    product(project, body="&#x26; &#169; &#xAC00; &amp; &#9; &#10; 본문\n")
    assert problems_of(project) == []
