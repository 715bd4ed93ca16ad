"""Markdown bodies to safe HTML: raw HTML escaped by default, the output sanitised always."""

from __future__ import annotations

from typing import Final

import markdown
import nh3

SAFE_SCHEMES: Final = frozenset({"http", "https", "mailto", "tel"})
ALLOWED_TAGS: Final = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl",
        "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
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
}


class MarkdownRenderer:
    """One configured python-markdown instance, reset between documents."""

    def __init__(self, allow_html: bool = False) -> None:
        #: What, besides the text, decides the HTML (the engine's own code is keyed apart).
        self.identity = f"markdown {markdown.__version__}, allow_html={allow_html}"
        self._md = markdown.Markdown(
            extensions=["tables", "attr_list", "toc", "sane_lists"],
            # `#` and `##` in a description sit under the page's own section headings (h2).
            extension_configs={"toc": {"baselevel": 2}},
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
    )
