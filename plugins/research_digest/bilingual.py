"""The pair of language slots the toggle switches between, as HTML.

Plain functions rather than Jinja macros: every card calls them a dozen times, and at tens of
thousands of cards a macro call costs more than the rest of the card. Text is escaped here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from .labels import UI, Label

_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def bi(zh: str, en: str, tag: str = "span", css: str = "", missing: str = "") -> Markup:
    """Both languages, each in its slot; a text the same in both is shown once (in every mode).
    A missing language shows the other one with a note in words ("no English TL;DR"), never an
    empty slot: ``missing`` names what is missing (a ``missing_*`` key of UI). ``tag``, ``css``
    and ``missing`` come from templates only; ``zh`` and ``en`` are escaped unless Markup."""
    extra = f" {css}" if css else ""
    if zh == en:
        if not _CHINESE.search(zh):
            return Markup(f'<{tag} class="rd-same{extra}">{escape(zh)}</{tag}>') if zh else Markup("")
        en = ""  # a Chinese name standing in for the English one (a generated topic): English is missing
    if zh and en:
        return Markup(
            f'<{tag} class="rd-zh{extra}" lang="zh">{escape(zh)}</{tag}>'
            f'<{tag} class="rd-en{extra}" lang="en">{escape(en)}</{tag}>'
        )
    present, absent = ("zh", "en") if zh else ("en", "zh")
    text = escape(zh or en)
    return Markup(
        f'<{tag} class="rd-{absent} rd-fallback{extra}" lang="{present}">{text}{missing_note(absent, missing)}</{tag}>'
        f'<{tag} class="rd-{present}{extra}" lang="{present}">{text}</{tag}>'
    )


@lru_cache(maxsize=64)
def missing_note(absent: str, missing: str = "") -> Markup:
    """The words that say a text is not there in the ``absent`` language, in that language."""
    note = UI.get(f"missing_{missing}") or UI["missing"]
    words = note.zh if absent == "zh" else note.en
    return Markup(f' <small class="rd-missing" lang="{absent}">{escape(words)}</small>')


@lru_cache(maxsize=4096)
def label(pair: Label, tag: str = "span", css: str = "") -> Markup:
    """A bilingual label (UI strings, dates, topic names): the same few hundred over and over."""
    return bi(pair.zh, pair.en, tag, css)


TEMPLATE_GLOBALS = {"bi": bi, "label": label, "missing_note": missing_note}
