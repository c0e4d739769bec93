"""The text of a daily digest's fields, which are HTML fragments (``<br />``, ``<details>``):
tags dropped, entities decoded, and only real HTML elements taken for tags, in linear time."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>")
_HTML_TAGS = frozenset(
    """a abbr address area article aside audio b base bdi bdo big blink blockquote body br button
    canvas caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt
    em embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr
    html i iframe img input ins kbd label legend li link main map mark marquee math menu meta meter
    nav nobr noscript object ol optgroup option output p param picture pre progress q rp rt ruby s
    samp script section select slot small source span strike strong style sub summary sup svg table
    tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr""".split()
)
_BLOCK_TAGS = frozenset(
    """address article aside blockquote br caption center details div dd dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main nav ol option p pre section
    summary table tbody td tfoot th thead tr ul""".split()
)
_DROPPED_TAGS = frozenset({"script", "style", "template"})
_BOOLEAN_ATTRIBUTES = frozenset({"open", "hidden", "disabled", "checked", "selected", "async", "defer"})
# Fast paths for `text<br />` and `<details><summary>原文: </summary>text</details>` with no other
# markup inside; anything else goes through the HTML parser.
_LINE_BREAK_ENDINGS = ("<br />", "<br/>", "<br>")
_DETAILS_START = "<details><summary>"
# A tag cut off by the end of a truncated field: `...</deta` or `<br`.
_TRAILING_PARTIAL_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)[^<>]*$")
# A `<` that does not open a complete tag (`<b>`, `</b>`, `<a href="x">`, `<br/>`) or comment.
# html.parser rescans to the end of its input for every `<` it cannot close (quadratic on
# `<a <a <a ...`), so it only ever sees complete tags and comments: any other `<` is text.
# The name after such a `<` is captured: a broken `<br` or `<details` is dropped, not kept as text.
_NOT_A_TAG = re.compile(
    r"<(?!/?[A-Za-z][A-Za-z0-9]*(?:[^A-Za-z0-9<>][^<>]*)?>|!--(?:[^<-]|-(?!->))*-->)(/?[A-Za-z][A-Za-z0-9]*)?"
)


def without_html(raw: str) -> str:
    """The text of a field; the two shapes nearly every field has skip the HTML parser."""
    text = raw.strip()
    if text.endswith(_LINE_BREAK_ENDINGS):
        end = len(text)
        while text.endswith(_LINE_BREAK_ENDINGS, 0, end):  # by index: `<br />` * 100000 stays linear
            end = text.rfind("<", 0, end)
            while end and text[end - 1].isspace():
                end -= 1
        text = text[:end]
    if "<" not in text:
        return _decoded(text) if "&" in text else text
    if text.startswith(_DETAILS_START) and text.endswith("</details>"):
        summary_end = text.find("</summary>")
        body = text[summary_end + 10 : -10]
        if summary_end > 0 and "<" not in body and "<" not in text[len(_DETAILS_START) : summary_end]:
            return _decoded(body) if "&" in body else body
    return _html_text(text)


def _stray_angle_bracket(match: re.Match[str]) -> str:
    name = (match.group(1) or "").lstrip("/").lower()
    if len(name) > 1 and name in _HTML_TAGS:
        return " "
    return "&lt;" + (match.group(1) or "")


def _decoded(text: str) -> str:
    """Entities decoded; `&#10;` and the like must not bring back the newlines just joined."""
    return " ".join(html.unescape(text).split())


def _html_text(raw: str) -> str:
    partial = _TRAILING_PARTIAL_TAG.search(raw, max(0, len(raw) - 200))
    if partial and _is_tag_prefix(partial.group(1).lower()):
        raw = raw[: partial.start()]
    raw = _NOT_A_TAG.sub(_stray_angle_bracket, AUTOLINK.sub(r"\1", raw))
    extractor = _TextExtractor()
    try:
        extractor.feed(raw)
        extractor.close()
    except Exception:  # html.parser is tolerant, but hostile input must not lose the entry
        return _decoded(re.sub(r"<[^<>]*>", " ", raw))
    return " ".join(extractor.text().split())


class _TextExtractor(HTMLParser):
    """The text of an HTML fragment: tags dropped, `<summary>` labels dropped, entities decoded.

    Only real HTML element names count as tags, so that `n<k and m>2` in an abstract stays text.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.summary: list[str] | None = None
        self.dropping = 0

    def text(self) -> str:
        if self.summary is not None:  # never closed: better keep it than lose the text after it
            self.parts.extend(self.summary)
        return "".join(self.parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not _is_tag(tag, attrs):
            self.handle_data(html.unescape(self.get_starttag_text() or ""))
            return
        if tag in _DROPPED_TAGS:
            self.dropping += 1
        elif tag == "summary" and self.summary is None:
            self.summary = []
        self._space(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not _is_tag(tag, attrs):
            self.handle_data(html.unescape(self.get_starttag_text() or ""))
            return
        self._space(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _HTML_TAGS:
            self.handle_data(f"</{tag}>")
            return
        if tag in _DROPPED_TAGS:
            self.dropping = max(0, self.dropping - 1)
        elif tag == "summary":
            self.summary = None
        self._space(tag)

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        (self.summary if self.summary is not None else self.parts).append(data)

    def _space(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.handle_data(" ")


def _is_tag_prefix(name: str) -> bool:
    """Whether a tag cut short (`</deta`) could be the start of a real element's name."""
    return any(tag.startswith(name) for tag in _HTML_TAGS)


def _is_tag(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """A real element; `<b and c>` in a formula is not one (one-letter names need real attributes)."""
    if tag not in _HTML_TAGS:
        return False
    return len(tag) > 1 or all(value is not None or name in _BOOLEAN_ATTRIBUTES for name, value in attrs)
