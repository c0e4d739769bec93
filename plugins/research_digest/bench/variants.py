"""The generator's TeX and section-label variants, chosen by each paper's key rather than drawn
from the corpus's random stream (which stays as it was without them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from . import words as W

if TYPE_CHECKING:
    from .synth import SynthPaper


def _share(key: int, salt: int) -> int:
    """A number 0-999 fixed by the paper's key (and the variant, ``salt``)."""
    return (key * 2654435761 + salt * 40503) % 1000


def with_tex(paper: SynthPaper) -> SynthPaper:
    """The paper with TeX in its title (2 %), in its English abstract (4 %), and a machine
    translator's leftovers before its Chinese title (0.5 %)."""
    changes: dict[str, str] = {}
    if _share(paper.key, 1) < 20:
        pattern = W.TEX_TITLES[paper.key % len(W.TEX_TITLES)]
        name, colon, rest = paper.title_en.partition(": ")
        if not colon:  # a title without a method name before a colon: the name comes first
            name, rest = paper.name, paper.title_en
        changes["title_en"] = pattern.format(name=name, rest=rest)
    if _share(paper.key, 2) < 40:
        sentence = W.TEX_SENTENCES[paper.key % len(W.TEX_SENTENCES)].format(name=paper.name, k=paper.key % 9 + 2)
        changes["abstract_en"] = f"{paper.abstract_en} {sentence}"
    if _share(paper.key, 3) < 5:
        changes["title_zh"] = f"{paper.title_en} 中文翻译为：**{paper.title_zh}**"
    return replace(paper, **changes) if changes else paper


def section_label(topic: int, paper: SynthPaper, day: dt.date) -> str:
    """The topic's usual label, or (for two papers in five, on any day) a variant."""
    label = W.TOPICS[topic][0]
    variants = W.LABEL_VARIANTS.get(label, ())
    if variants and _share(paper.key, 4) < 400:
        return variants[_share(paper.key, 5) // 7 % len(variants)]
    return label
