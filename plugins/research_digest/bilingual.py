"""The pair of language slots the toggle switches between, as HTML.

Plain functions rather than Jinja macros: every card calls them a dozen times, and at tens of
thousands of cards a macro call costs more than the rest of the card. Text is escaped here.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from .labels import UI, Label

_MARKS = {"zh": "中", "en": "EN"}


def bi(zh: str, en: str, tag: str = "span", css: str = "") -> Markup:
    """Both languages, each in its slot. A missing language shows the other one with a small
    mark, never an empty slot. ``tag`` and ``css`` come from templates only."""
    extra = f" {css}" if css else ""
    if zh and en:
        return Markup(
            f'<{tag} class="rd-zh{extra}" lang="zh">{escape(zh)}</{tag}>'
            f'<{tag} class="rd-en{extra}" lang="en">{escape(en)}</{tag}>'
        )
    if not zh and not en:
        return Markup("")
    present, absent = ("zh", "en") if zh else ("en", "zh")
    text = escape(zh or en)
    note = UI[f"missing_{absent}"]
    return Markup(
        f'<{tag} class="rd-{absent} rd-fallback{extra}" lang="{present}">{text}'
        f'<small class="rd-mark" title="{escape(note.zh)} / {escape(note.en)}">{_MARKS[present]}</small></{tag}>'
        f'<{tag} class="rd-{present}{extra}" lang="{present}">{text}</{tag}>'
    )


@lru_cache(maxsize=4096)
def label(pair: Label, tag: str = "span", css: str = "") -> Markup:
    """A bilingual label (UI strings, dates, topic names): the same few hundred over and over."""
    return bi(pair.zh, pair.en, tag, css)


TEMPLATE_GLOBALS = {"bi": bi, "label": label}
