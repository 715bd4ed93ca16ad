"""Markdown as GitHub shows it: each case rendered by the site and by cmark-gfm (GitHub's own
renderer), both through the site's sanitiser, compared in a canonical form. A case is equal,
or its difference is named with its reason and is exactly that: the changes turn GitHub's
canonical HTML into the site's."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

import cmarkgfm
import pytest
from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag
from cmarkgfm.cmark import Options

from showroom.build import BuildOptions, build
from showroom.render.markdown import MarkdownRenderer, sanitise
from tests.projects import new_project

#: GitHub's extensions for documents (README, a file's preview); raw HTML passes and is then
#: sanitised, as GitHub does. Single newlines stay soft breaks in documents (comments differ).
GFM_EXTENSIONS = ["table", "strikethrough", "autolink", "tasklist"]

CASES = {
    "list after a paragraph line": "주요 기능:\n- 첫째\n- 둘째\n",
    "numbered list after a paragraph line": "순서:\n1. 첫째\n2. 둘째\n",
    "only 1. starts a list inside a paragraph": "기간은\n2. 분기부터\n",
    "nested by two spaces": "- 가\n  - 나\n    - 다\n- 라\n",
    "nested by four spaces": "- 가\n    - 나\n        - 다\n- 라\n",
    "nested under a number by three spaces": "1. 가\n   - 나\n2. 다\n",
    "numbers with a parenthesis": "1) 가\n2) 나\n",
    "list after a line inside an item": "- 가\n  설명:\n  - 나\n",
    "lazy line in an item": "- 가\n이어지는 줄\n- 나\n",
    "loose list": "- 가\n\n  둘째 문단\n- 나\n",
    "a blank line between two items": "- 가\n- 나\n\n- 다\n",
    "a list right after a quote and a table": (
        "> 인용\n이어지는 줄\n- 가\n\n| 항목 | 값 |\n|---|---|\n| 무게 | 3 kg |\n- 나\n"
    ),
    "fence inside an item": "- 가\n\n  ```\n  code\n    more\n  ```\n- 나\n",
    "nested by two spaces in a quote": "> 인용:\n> - 가\n>   - 나\n",
    "another bullet character": "- 가\n* 나\n",
    "a numbered list right after a bulleted one": "- 가\n- 나\n1. 하나\n2. 둘\n",
    "a list ended by a quote or a fence": "- 가\n> 인용\n\n- 나\n```\n코드\n```\n",
    "a fence left open": "설명\n\n```\n- 목록 아님\n",
    "a list from 10. right after a table": "| 항목 |\n|---|\n| 값 |\n10. 열째\n",
    "thematic breaks": "문단\n\n- - -\n\n* * *\n",
    "table": "| 항목 | 값 |\n|---|---|\n| 무게 | 3 kg |\n| 크기 | 30 × 20 cm |\n",
    "table with alignment": "| 항목 | 값 |\n|:--|--:|\n| 무게 | 3 kg |\n",
    "strikethrough": "이 제품은 ~~단종~~ 되었습니다.\n",
    "one tilde in a range": "납기 10~20일, 수량 30~40개\n",
    "autolinks": "안내: https://example.kr/a?b=1 참고. www.example.com 또는 info@example.kr\n",
    "autolink with Hangul in the path": "(https://example.kr/제품) 참고.\n",
    "task list": "- [ ] 시제품\n- [x] 인증 완료\n",
    "task list with paragraphs": "- [x] 인증\n\n  설명 문단\n",
    "hard breaks": "첫 줄  \n둘째 줄\\\n셋째 줄\n넷째 줄\n",
    "backslash escapes": "\\~~취소선 아님~~, C:\\Users\\a, \\| 그리고 \\*별표\\*\n",
    "fenced code": "```python\nprint('안녕')\n```\n\n~~~\n- 목록 아님\n~~~\n",
    "headings with Korean": "# 주요 기능\n\n## 규격 안내\n\n본문\n",
    "emphasis and code": "**굵게**, *기울임*, `코드` 그리고 [링크](https://example.kr/)\n",
    "HTML that must be removed": (
        "<script>alert(1)</script>\n\n<div onclick='x'>상자</div>\n\n"
        '글 <b>굵게</b> <img src="x.png" onerror="alert(1)"> [나쁜](javascript:alert(1))\n'
    ),
}


@dataclass(frozen=True)
class Differs:
    """A named difference: why, and the changes (in GitHub's canonical HTML → in ours)."""

    reason: str
    changes: tuple[tuple[str, str], ...]


DIFFERENCES = {
    "a blank line between two items": Differs(
        "GitHub sets every item of a list with a blank line between two items in paragraphs "
        "(a loose list); Python-Markdown only the items beside the blank line",
        (("<ul><li><p>가</p></li>", "<ul><li>가</li>"),),
    ),
    "another bullet character": Differs(
        "GitHub starts a new list where the bullet character changes (- then *); Python-Markdown "
        "keeps one list: the same items, without the gap between two lists",
        (("</li></ul><ul><li>", "</li><li>"),),
    ),
    "one tilde in a range": Differs(
        "GitHub strikes text between single tildes too, so a Korean range (10~20일, 30~40개) "
        "loses its tildes; the site strikes only ~~two~~ (pymdownx.tilde, subscript off)",
        (("10<del>20일, 수량 30</del>40개", "10~20일, 수량 30~40개"),),
    ),
    "autolink with Hangul in the path": Differs(
        "GitHub percent-encodes a link's non-ASCII characters; the site keeps them as written "
        "(pymdownx.magiclink): browsers send the same request",
        (('href="https://example.kr/%EC%A0%9C%ED%92%88"', 'href="https://example.kr/제품"'),),
    ),
    "table with alignment": Differs(
        "Python-Markdown aligns a column with style (kept by the sanitiser's text-align); the "
        "theme's table CSS would override GitHub's presentational align attribute",
        (
            ('align="left"', 'style="text-align:left"'),
            ('align="right"', 'style="text-align:right"'),
        ),
    ),
    "task list": Differs(
        "pymdownx.tasklist marks the list and its items with classes (the theme hides their "
        "bullets, as github.com does with its own classes); the boxes are the same",
        (
            ("<ul><li>", '<ul class="task-list"><li class="task-list-item">'),
            ("</li><li>", '</li><li class="task-list-item">'),
        ),
    ),
    "task list with paragraphs": Differs(
        "in an item of paragraphs, pymdownx.tasklist puts the box in the first paragraph, "
        "cmark-gfm before it: on the site the box stays on its text's line",
        (
            (
                '<ul><li><input checked="" disabled="disabled" type="checkbox"><p>인증</p>',
                '<ul class="task-list"><li class="task-list-item"><p>'
                '<input checked="" disabled="disabled" type="checkbox"> 인증</p>',
            ),
        ),
    ),
    "headings with Korean": Differs(
        "the site moves headings one level down (toc baselevel 2: the page's title is its h1, "
        "which the sanitiser does not allow in a body) and gives them ids by its own rule "
        "(toc's slugs: ASCII only, so _1, _2 for Hangul; cmark-gfm gives none, github.com "
        "adds user-content- anchors); GitHub's h1 loses its tag",
        (("주요 기능<h2>규격 안내</h2>", '<h2 id="_1">주요 기능</h2><h3 id="_2">규격 안내</h3>'),),
    ),
    "HTML that must be removed": Differs(
        "the site escapes raw HTML unless `allow_html` is on (then it is the same as GitHub's, "
        "see test_raw_html_when_allowed_is_sanitised_as_github_does)",
        (
            (
                '<div>상자</div><p>글 <b>굵게</b> <img src="x.png">',
                "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
                "<p>&lt;div onclick='x'&gt;상자&lt;/div&gt;</p>"
                '<p>글 &lt;b&gt;굵게&lt;/b&gt; &lt;img src="x.png" onerror="alert(1)"&gt;',
            ),
        ),
    ),
}

#: Tags that start and end a block: whitespace at their edges is not rendered.
BLOCKS = frozenset(
    {"blockquote", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol"}
    | {"p", "pre", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)
VOID = frozenset({"br", "hr", "img", "input"})


def github(text: str) -> str:
    html = cmarkgfm.markdown_to_html_with_extensions(
        text, options=Options.CMARK_OPT_UNSAFE, extensions=GFM_EXTENSIONS
    )
    return canonical(sanitise(html))


def canonical(markup: str) -> str:
    """The HTML with sorted attributes and whitespace as a browser shows it: runs of spaces as
    one, none at a block's edges; a code block's text as it is, less its final newlines."""
    soup = BeautifulSoup(markup, "html.parser")
    return "".join(_node(child) for child in soup.children).strip()


def _node(node: object) -> str:
    if isinstance(node, NavigableString):
        return _text(node)
    assert isinstance(node, Tag)
    attributes = "".join(
        f' {name}="{" ".join(value) if isinstance(value, list) else value}"'
        for name, value in sorted(node.attrs.items())
    )
    if node.name in VOID:
        return f"<{node.name}{attributes}>"
    if node.name == "pre":
        inner = re.sub(r"\n+(</code>)?$", r"\1", node.decode_contents())
    else:
        inner = "".join(_node(child) for child in node.children)
    return f"<{node.name}{attributes}>{inner}</{node.name}>"


def _text(node: NavigableString) -> str:
    text = html.escape(re.sub(r"\s+", " ", str(node)), quote=False)
    edge = node.parent is None or node.parent.name in BLOCKS or node.parent.name == "[document]"
    before, after = node.previous_sibling, node.next_sibling
    if _is_block(before) or (before is None and edge):
        text = text.lstrip()
    if _is_block(after) or (after is None and edge):
        text = text.rstrip()
    return text


def _is_block(node: object) -> bool:
    return isinstance(node, Tag) and node.name in BLOCKS


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer()


@pytest.mark.parametrize("name", CASES)
def test_the_site_renders_markdown_as_github_does(name: str, renderer: MarkdownRenderer) -> None:
    theirs, ours = github(CASES[name]), canonical(renderer.render(CASES[name]))
    difference = DIFFERENCES.get(name)
    if difference is None:
        assert ours == theirs
        return
    assert ours != theirs, f"no longer differs: {difference.reason}"
    expected = theirs
    for in_github, in_ours in difference.changes:
        assert in_github in expected, f"GitHub's HTML no longer has {in_github!r}"
        expected = expected.replace(in_github, in_ours)
    assert ours == expected, difference.reason


def test_every_difference_belongs_to_a_case() -> None:
    assert set(DIFFERENCES) <= set(CASES)


def test_raw_html_when_allowed_is_sanitised_as_github_does() -> None:
    text = CASES["HTML that must be removed"]
    ours = canonical(MarkdownRenderer(allow_html=True).render(text))
    assert ours == github(text)
    assert "script" not in ours and "onerror" not in ours and "javascript" not in ours


def test_task_list_boxes_are_disabled_checkboxes_the_sanitiser_keeps(
    renderer: MarkdownRenderer,
) -> None:
    rendered = renderer.render(CASES["task list"])
    assert renderer.is_sanitised(rendered)
    boxes = BeautifulSoup(rendered, "html.parser").find_all("input")
    assert [(b["type"], b.has_attr("disabled"), b.has_attr("checked")) for b in boxes] == [
        ("checkbox", True, False),
        ("checkbox", True, True),
    ]
    # Any other input an allowed HTML body might hold loses its type and is disabled.
    assert sanitise('<input type="text" name="q" value="x">') == '<input disabled="disabled">'


BODY = """
주요 기능:
- 자동 급지
  - 두 칸 들여 쓴 하위 항목
- ~~단종~~ 모델 대체

준비 상태:
- [x] KC 인증

문의: https://example.kr/문의
"""


def test_a_product_page_shows_nested_lists_strikethrough_links_and_task_boxes(
    tmp_path: Path,
) -> None:
    project = new_project(tmp_path / "site")
    source = project.root / "content/products/drill-press/index.md"
    source.write_text(source.read_text(encoding="utf-8") + BODY, encoding="utf-8")
    build(
        BuildOptions(config_file=project.config_file, out=project.out, date=dt.date(2026, 11, 28))
    )
    page = (project.out / "products/drill-press/index.html").read_text(encoding="utf-8")
    prose = BeautifulSoup(page, "html.parser").select_one(".prose")
    assert prose is not None
    lead = prose.find("p", string="주요 기능:")
    assert lead is not None
    listed = lead.find_next_sibling("ul")
    assert listed is not None
    nested = listed.select("li > ul > li")
    assert [li.get_text(strip=True) for li in nested] == ["두 칸 들여 쓴 하위 항목"]
    assert [d.get_text() for d in prose.find_all("del")] == ["단종"]
    box = prose.select_one("li.task-list-item > input")
    assert box is not None
    assert (box["type"], box.has_attr("disabled"), box.has_attr("checked")) == (
        "checkbox",
        True,
        True,
    )
    link = prose.find("a", href="https://example.kr/문의")
    assert link is not None and link.get_text() == "https://example.kr/문의"
