"""Markdown bodies to safe HTML: raw HTML escaped by default, the output sanitised always.

Markdown is read as GitHub reads it (where editors check their text): strikethrough, bare
links, task lists and fences in lists come from pymdown-extensions, lists nested by two
spaces and lists right after a paragraph's line from `render.gfm`. Where the site's HTML still
differs from GitHub's, `tests/test_markdown_gfm.py` names each difference and its reason.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Final

import markdown
import nh3

from showroom.render.gfm import GithubMarkdown

SAFE_SCHEMES: Final = frozenset({"http", "https", "mailto", "tel"})
ALLOWED_TAGS: Final = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl",
        "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: Final = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start"},
    "input": {"checked"},
}
#: A task list's box (`- [x]`) is the one input there is, and it can only be looked at: a
#: checkbox or no type at all, always disabled (one forced attribute: nh3 adds several in no
#: fixed order, and the output must be the same from run to run).
ATTRIBUTE_VALUES: Final = {"input": {"type": frozenset({"checkbox"})}}
FORCED_ATTRIBUTES: Final = {"input": {"disabled": "disabled"}}
EXTENSIONS: Final = (
    "tables",
    "attr_list",
    "toc",
    "sane_lists",
    "pymdownx.tilde",
    "pymdownx.magiclink",
    "pymdownx.tasklist",
    "pymdownx.highlight",
    "pymdownx.superfences",
)
EXTENSION_CONFIGS: Final[dict[str, dict[str, object]]] = {
    # `#` and `##` in a description sit under the page's own section headings (h2).
    "toc": {"baselevel": 2},
    # `~~단종~~` is struck through; one tilde stays a tilde (10~20개), unlike on GitHub.
    "pymdownx.tilde": {"subscript": False},
    # Fenced code as GitHub and Python-Markdown's own fences write it: no Pygments spans.
    "pymdownx.highlight": {"use_pygments": False, "css_class": ""},
}


class MarkdownRenderer:
    """One configured python-markdown instance, reset between documents."""

    def __init__(self, allow_html: bool = False) -> None:
        #: What, besides the text, decides the HTML (the engine's own code is keyed apart).
        self.identity = (
            f"markdown {markdown.__version__}, pymdown-extensions {pymdownx_version()}, "
            f"allow_html={allow_html}"
        )
        self._md = markdown.Markdown(
            extensions=[*EXTENSIONS, GithubMarkdown()], extension_configs=EXTENSION_CONFIGS
        )
        if not allow_html:
            # Without these, raw HTML is not recognised and ends up escaped as text.
            self._md.preprocessors.deregister("html_block")
            self._md.inlinePatterns.deregister("html")

    def render(self, text: str) -> str:
        self._md.reset()
        html = self._md.convert(text)
        return sanitise(html)

    @staticmethod
    def is_sanitised(html: object) -> bool:
        """Whether `html` (e.g. from a cache) is what the sanitiser gives: safe to publish."""
        return type(html) is str and sanitise(html) == html


def sanitise(html: str) -> str:
    """Keep a safe subset of HTML; links and images only with safe schemes or relative."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
        filter_style_properties={"text-align"},
        tag_attribute_values={
            tag: {name: set(values) for name, values in allowed.items()}
            for tag, allowed in ATTRIBUTE_VALUES.items()
        },
        set_tag_attribute_values={k: dict(v) for k, v in FORCED_ATTRIBUTES.items()},
    )


def pymdownx_version() -> str:
    return version("pymdown-extensions")
