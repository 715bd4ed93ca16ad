"""Problems in the editors' language: every message has its Korean form, the catalogues are
up to date with the code, and `check`, `build`, the workflow annotations and `serve`'s error
panel speak Korean with `messages: ko` (the default for a Korean site) and English with
`messages: en`."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.catalog import Catalog
from bs4 import BeautifulSoup

from showroom.cli import main
from showroom.messages import ENGLISH, default_messages, messages_for, placeholders
from showroom.server.app import ERROR_ID
from tests.projects import Project
from tests.test_serve import edit, serving
from tools.messages import extract, read_catalogue, stale_files

DATE = "2026-11-28"
KO = messages_for("ko")


@pytest.fixture(scope="module")
def korean() -> Catalog:
    return read_catalogue("ko")


def test_the_catalogues_are_up_to_date_with_the_code() -> None:
    stale = [path.name for path in stale_files()]
    assert not stale, "run: python tools/messages.py"


def test_every_message_has_a_korean_form_with_the_same_placeholders(korean: Catalog) -> None:
    templates = {message.id for message in extract() if message.id}
    translated = {str(m.id): str(m.string) for m in korean if m.id}
    assert templates == set(translated)
    for msgid, msgstr in translated.items():
        assert msgstr, f"no Korean for {msgid!r}"
        assert re.search("[\uac00-\ud7a3]", msgstr) or msgstr == msgid, msgid
        assert placeholders(msgstr) == placeholders(msgid), msgid


def _filled(template: str, names: list[str]) -> str:
    """The template with each placeholder given a token of its own (X0, X1, …)."""
    return template.format(**{name: f"X{n}" for n, name in enumerate(names)})


def test_every_message_is_recognised_as_itself(korean: Catalog) -> None:
    """What makes translating the finished English text safe: no message is read as
    another, and its arguments come back whole, whatever the word order in Korean."""
    for message in korean:
        msgid, msgstr = str(message.id), str(message.string)
        if not msgid:
            continue
        names = sorted(placeholders(msgid))
        if not names:
            assert KO.text(msgid) == msgstr
            continue
        assert KO.text(_filled(msgid, names)) == _filled(msgstr, names), msgid


def test_nested_messages_are_translated_inside_their_message() -> None:
    english = "expected a phone number like 052-123-4567, got a list"
    assert KO.text(english) == "052-123-4567 같은 전화번호 형식이어야 합니다. 적힌 값: 목록"
    assert KO.text("words no catalogue holds") == "words no catalogue holds"
    assert ENGLISH.text(english) == english


def break_product(project: Project, messages: str | None) -> None:
    config = project.config_file.read_text(encoding="utf-8").replace("messages: en\n", "")
    if messages is not None:
        config += f"messages: {messages}\n"
    project.config_file.write_text(config, encoding="utf-8")
    project.write(
        "content/products/lathe/index.md",
        "---\nname: 선반\ncategory: nope\ncompany: acme\ndate: 2025-13-01\nsummary:\n"
        "colour: 빨강\nimages:\n  - src: photo.jpg\n    alt: 사진\n---\n본문\n",
    )


def run(project: Project, *args: str) -> int:
    return main([args[0], "-f", str(project.config_file), "--date", DATE, *args[1:]])


KOREAN_LINES = [
    "content/products/lathe/index.md:3: category: 알 수 없는 분류 'nope': "
    "content/categories/nope.yml 파일이 없습니다",
    "content/products/lathe/index.md:5: date: 2025-13-01은(는) 실제로 없는 날짜입니다",
    "content/products/lathe/index.md:6: summary: 필수 항목인데 비어 있습니다",
    "content/products/lathe/index.md:7: 경고: colour: 알 수 없는 항목입니다(무시함)",
    "오류: 사이트를 만들지 못했습니다: 문제 4건. 아무것도 게시하지 않았습니다.",
]
ENGLISH_LINES = [
    "content/products/lathe/index.md:3: category: unknown category 'nope': "
    "no file content/categories/nope.yml",
    "content/products/lathe/index.md:5: date: 2025-13-01 is not a real date",
    "content/products/lathe/index.md:6: summary: required field is empty",
    "content/products/lathe/index.md:7: warning: colour: unknown field (ignored)",
    "Error: Build failed: 4 problems; nothing was published.",
]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("ko", KOREAN_LINES), (None, KOREAN_LINES), ("en", ENGLISH_LINES)],
    ids=["ko", "default-for-a-korean-site", "en"],
)
def test_build_reports_in_the_language_set(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    setting: str | None,
    expected: list[str],
) -> None:
    break_product(project, setting)
    assert run(project, "build") == 1
    err = capsys.readouterr().err.splitlines()
    for line in expected:
        assert line in err
    assert run(project, "check") == 1
    assert capsys.readouterr().err.splitlines() == err


def test_an_english_site_reports_in_english(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    break_product(project, None)
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "language: en\n", encoding="utf-8")
    assert run(project, "check") == 1
    assert ENGLISH_LINES[-1] in capsys.readouterr().err


def test_the_workflow_annotations_are_in_korean(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    break_product(project, "ko")
    assert run(project, "check", "--format", "github") == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        "::error file=content/products/lathe/index.md,line=5,title=date::"
        "2025-13-01은(는) 실제로 없는 날짜입니다"
    ) in out
    assert (
        "::warning file=content/products/lathe/index.md,line=7,title=colour::"
        "알 수 없는 항목입니다(무시함)"
    ) in out


def test_a_bad_messages_setting_is_reported_at_its_line(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project.config_file.read_text(encoding="utf-8").replace("messages: en\n", "")
    project.config_file.write_text(config + "messages: fr\n", encoding="utf-8")
    assert run(project, "check") == 1
    lines = config.count("\n") + 1
    assert (
        f"showroom.yml:{lines}: messages: 'fr'은(는) 다음 중 하나여야 합니다: ko, en"
        in capsys.readouterr().err
    )


def test_serves_error_panel_is_in_korean(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config.replace("messages: en", "messages: ko"), "utf-8")
    with serving(project) as running:
        edit(project, "category: machinery", "category: nowhere")
        page = running.wait_for("products/lathe/", lambda text: ERROR_ID in text)
    panel = BeautifulSoup(page, "html.parser").find(id=ERROR_ID)
    assert panel is not None
    assert [item.get_text() for item in panel.find_all("li")] == [
        "content/products/lathe/index.md:3: category: 알 수 없는 분류 'nowhere': "
        "content/categories/nowhere.yml 파일이 없습니다"
    ]
    assert (
        "사이트를 만들지 못했습니다: 문제 1건. 아무것도 게시하지 않았습니다. "
        "마지막으로 만든 사이트를 계속 보여 줍니다."
    ) in caplog.messages  # and in the terminal


def test_placeholders_are_named() -> None:
    """Word order differs in Korean: every placeholder has a name (no `{}` or `{0}`)."""
    for message in extract():
        msgid = str(message.id)
        if msgid and placeholders(msgid):
            for _, name, _, _ in string.Formatter().parse(msgid):
                assert name is None or name.isidentifier(), msgid


@pytest.mark.parametrize(
    ("language", "messages"),
    [("ko", "ko"), ("ko-KR", "ko"), ("KO", "ko"), ("en", "en"), ("en-GB", "en"), ("ja", "en")],
)
def test_the_default_follows_the_page_language(language: str, messages: str) -> None:
    assert default_messages(language) == messages


def test_new_product_speaks_korean_too(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config.replace("messages: en", "messages: ko"), "utf-8")
    argv = ["new", "product", "-f", str(project.config_file)]
    assert main([*argv, "lathe"]) == 2
    assert "폴더가 이미 있습니다. 다른 슬러그를 고르세요" in capsys.readouterr().err
    assert main([*argv, "Smart Lamp"]) == 2
    assert capsys.readouterr().err == (
        "오류: 'Smart Lamp'은(는) 올바른 슬러그가 아닙니다. 영문 소문자, 숫자, 하이픈 하나씩만 "
        "쓰세요(예: smart-led-lamp)\n"
    )
