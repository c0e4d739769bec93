"""Footnote digest blocks: which are links (and their parts), which are Chinese or English, which are placeholders."""

from __future__ import annotations

import re

_PLACEHOLDERS = frozenset({"none", "null"})

_BARE_LINK = re.compile(
    r"^<?([A-Za-z][A-Za-z0-9+.\-]*://[^\s<>]+|(?:javascript|data|vbscript):[^\s<>]+)>?$", re.IGNORECASE
)
# A link the end of a truncated document cut short: `[text](https://arxiv.org/abs/24` or `[https://arx`.
CUT_LINK = re.compile(r"^\[(?:(?P<label>[^\]]*)\]\([^)\s]*|https?://[^\s\]]*)$", re.IGNORECASE)
_NOT_CJK = re.compile(r"[^\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_LANGUAGE_SAMPLE = 80
_MIN_CJK_SHARE = 0.3


def is_link(text: str) -> bool:
    if is_markdown_link(text) or CUT_LINK.match(text):
        return True
    return " " not in text and _BARE_LINK.match(text) is not None


def is_markdown_link(text: str) -> bool:
    return text.startswith("[") and text.endswith(")") and "](" in text


def _split_markdown_link(text: str) -> tuple[str, str]:
    label, _, target = text[1:-1].rpartition("](")
    return label.strip(), target.strip().strip("<>")


def link_parts(text: str) -> tuple[str, str]:
    """The text and address of a link block (no text for a bare address)."""
    if is_markdown_link(text):
        return _split_markdown_link(text)
    cut = CUT_LINK.match(text)
    if cut:
        # The address is cut short, so it is never used; the text of `[https://…](` is a whole address.
        label = (cut.group("label") or "").strip()
        whole = _BARE_LINK.match(label)
        return ("", whole.group(1)) if whole else (label, "")
    match = _BARE_LINK.match(text)
    return "", match.group(1) if match else ""


def language(text: str) -> str:
    """"zh" when CJK characters make up a fair share of the text's start, else "en".

    A CJK character carries about as much as an English word of ~6 characters, so the
    share is CJK characters against CJK characters plus other characters / 6.
    """
    sample = text[:_LANGUAGE_SAMPLE]
    if sample.isascii():
        return "en"
    cjk = len(_NOT_CJK.sub("", sample))
    others = len(sample) - cjk
    return "zh" if cjk and cjk * (1 - _MIN_CJK_SHARE) * 6 >= _MIN_CJK_SHARE * others else "en"


def present(text: str) -> bool:
    return bool(text) and (len(text) > 4 or text.lower() not in _PLACEHOLDERS)
