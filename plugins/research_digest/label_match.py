"""Section labels that name no topic outright: the variants real digests write (``模型压缩/优化``,
``3D相关``, ``半监督/无监督学习``) are read word by word, and a label still unmatched may be a
term of the bilingual glossary (``data/glossary.yml``), which names it in both languages."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache
from importlib import resources

import yaml

from .taxonomy_data import Topic, label_key

TopicLookup = Callable[[str], "Topic | None"]

# Parts of a label: "模型压缩/优化", "Detection & Tracking", "检测与分割", "GAN、生成式".
_PARTS = re.compile(r"\s*(?:[/／、，,;；|&＆+]|\s-\s|\band\b|与|和|及)\s*", re.IGNORECASE)
# Words that add nothing to what a label names: "3D相关", "3D-related", "Detection methods".
_FILLER_END = re.compile(r"(?:相关|方向|领域|技术|方法|问题|任务|类|等|-?related|-?based|methods?|topics?|tasks?|etc)\W*$",
                         re.IGNORECASE)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+$")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{2,}|[\u4e00-\u9fff]{2,}")
_STOPWORDS = frozenset({"and", "for", "the", "with", "other", "others", "misc", "new", "based", "related"})


def similar_topic(lookup: TopicLookup, label: str) -> Topic | None:
    """The topic most parts of ``label`` name, the first part's on a tie; else the one topic
    all its words name (each word looked up on its own); None when that is not one topic."""
    text = unicodedata.normalize("NFKC", label).strip().strip("*_#.…").strip()
    parts = [part for part in _PARTS.split(text) if label_key(part)]
    found: list[Topic] = []
    for part in parts:
        topic = next((t for candidate in _candidates(part, parts) if (t := lookup(candidate))), None)
        if topic is not None:
            found.append(topic)
    if found:
        votes = Counter(topic.id for topic in found)
        best = max(votes.values())
        return next(topic for topic in found if votes[topic.id] == best)
    by_word = {topic.id: topic for word in _WORD.findall(text) if word.casefold() not in _STOPWORDS
               and (topic := lookup(word)) is not None}
    return next(iter(by_word.values())) if len(by_word) == 1 else None


def _candidates(part: str, parts: list[str]) -> list[str]:
    """A part as written, without filler words, and with the ending or the beginning it shares
    with the others: "半监督" of "半监督/无监督学习" is also "半监督学习"; "优化" of "模型压缩/优化"
    is also "模型优化"."""
    bare = _FILLER_END.sub("", part).strip() or part
    candidates = [part, bare]
    last, first = _CJK_RUN.search(parts[-1]), parts[0]
    if last and part is not parts[-1] and len(last.group()) > 2:
        candidates.append(bare + last.group()[-2:])
    if part is not first and _CJK_RUN.fullmatch(first) and len(first) > 2:
        candidates.append(first[:2] + bare)
    return candidates


@cache
def glossary() -> dict[str, tuple[str, str]]:
    """(Chinese, English) names of each glossary term, by the key of every spelling."""
    text = resources.files(__package__).joinpath("data/glossary.yml").read_text(encoding="utf-8")
    names: dict[str, tuple[str, str]] = {}
    for term in yaml.safe_load(text)["terms"]:
        zh, en = str(term[0]), str(term[1])
        for spelling in term:
            names.setdefault(label_key(str(spelling)), (zh, en))
    return names


def glossary_names(label: str) -> tuple[str, str] | None:
    """The label's (Chinese, English) names from the glossary, if it is a term there."""
    text = unicodedata.normalize("NFKC", label).strip()
    return glossary().get(label_key(text)) or glossary().get(label_key(_FILLER_END.sub("", text)))


def taxonomy_entry(topic: Topic, papers: int) -> str:
    """A topic entry to paste into a site's taxonomy file, for a label nothing names."""
    quoted = yaml.safe_dump([topic.name_zh], allow_unicode=True, default_flow_style=True, width=1_000).strip()
    name = quoted[1:-1]
    chinese = bool(re.search(r"[\u3400-\u9fff]", topic.name_zh))
    return "\n".join((
        f"  # section label {name} ({papers} paper(s)) names no topic",
        f"  - id: {topic.id}",
        f"    name_zh: {name}" + ("" if chinese else "  # the Chinese name"),
        f"    name_en: {name}" + ("  # the English name" if chinese else ""),
        f"    aliases: {quoted}",
    ))
