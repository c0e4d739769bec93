"""Bilingual labels: every generated text exists in Chinese and English."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import PaperDate, Precision

if TYPE_CHECKING:
    from .topics import Taxonomy

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


# Page titles are printed as HTML without escaping by MkDocs themes (Material's header and
# <title>), and feed readers may read a feed's title as HTML: no markup character may stay in
# them, even as text. Their full-width forms read the same, and survive any un-escaping.
_MARKUP = re.compile(r"[<>\"]|&(?=#?[A-Za-z0-9])")
_MARKUP_FREE = {"<": "\uff1c", ">": "\uff1e", '"': "\uff02", "&": "\uff06"}


def markup_free(text: str) -> str:
    """``text`` with its markup characters replaced by their full-width forms."""
    return _MARKUP.sub(lambda match: _MARKUP_FREE[match.group()], text)


_CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+(?:[\s·/|]*[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+)*")


def split_name(name: str) -> Label:
    """A configured site name such as "Research Digest 论文速递" as its Chinese and English parts
    (the header and the tab title follow the language toggle); the whole name in both languages
    when it is not one Chinese and one other part."""
    runs = _CJK_RUN.findall(name)
    if len(runs) != 1:
        return Label(name, name)
    rest = " ".join(part.strip(" ·/|-–—") for part in name.split(runs[0])).strip(" ·/|-–—")
    return Label(runs[0], rest) if rest else Label(name, name)


@dataclass(frozen=True)
class Label:
    zh: str
    en: str

    def __str__(self) -> str:
        return self.zh if self.zh == self.en else f"{self.zh} · {self.en}"

    def markup_free(self) -> Label:
        """The label as a title that is plain text wherever it is printed (see ``markup_free``)."""
        return Label(markup_free(self.zh), markup_free(self.en))


def year_label(year: int) -> Label:
    return Label(f"{year}年", str(year))


def month_label(year: int, month: int) -> Label:
    return Label(f"{year}年{month}月", f"{_MONTHS_EN[month - 1]} {year}")


def date_label(date: PaperDate) -> Label:
    value = date.value
    if date.precision is Precision.DAY:
        return Label(f"{value.year}年{value.month}月{value.day}日", f"{_MONTHS_EN[value.month - 1][:3]} {value.day}, {value.year}")
    if date.precision is Precision.MONTH:
        return month_label(value.year, value.month)
    return year_label(value.year)


def topic_label(taxonomy: Taxonomy, topic_id: str) -> Label:
    """A topic's name in both languages; its id when the taxonomy does not know it."""
    topic = taxonomy.topic(topic_id)
    return Label(topic.name_zh, topic.name_en) if topic else Label(topic_id, topic_id)


UI = {
    "authors": Label("作者", "Authors"),
    "tldr": Label("一句话总结", "TL;DR"),
    "abstract_zh": Label("中文摘要", "Chinese abstract"),
    "abstract_en": Label("英文摘要", "English abstract"),
    "abstract": Label("摘要", "Abstract"),
    "truncated": Label("原文不完整", "truncated in source"),
    "pdf": Label("PDF", "PDF"),
    "arxiv": Label("arXiv", "arXiv"),
    "code": Label("代码", "Code"),
    "venue_pdf": Label("会议论文", "Venue PDF"),
    "topics": Label("主题", "Topics"),
    "dates": Label("日期", "Dates"),
    "also_on": Label("亦见于", "Also listed on"),
    "also_posted_as": Label("亦发布为", "Also posted as"),
    "earlier_titles": Label("曾用标题", "Earlier titles"),
    "statistics": Label("统计图表", "Statistics"),
    "subscribe": Label("订阅与下载", "Subscribe & download"),
    "copy_bibtex": Label("复制 BibTeX", "Copy BibTeX"),
    "copied": Label("已复制", "Copied"),
    "permalink": Label("永久链接", "Permalink"),
    "papers": Label("篇论文", "papers"),
    "topics_count": Label("个主题", "topics"),
    "date_range": Label("时间范围", "Date range"),
    "latest": Label("最新", "Latest"),
    "browse_archive": Label("按日期浏览", "Browse by date"),
    "browse_topics": Label("按主题浏览", "Browse by topic"),
    "browse_venues": Label("按会议浏览", "Browse by venue"),
    "page": Label("页", "Page"),
    "previous": Label("上一页", "Previous"),
    "next": Label("下一页", "Next"),
    "newer": Label("较新", "Newer"),
    "older": Label("较早", "Older"),
    "more_authors": Label("等 {n} 位作者", "and {n} more"),
    "no_papers": Label("暂无论文", "No papers yet"),
    "canonical": Label("查看原条目", "See the original entry"),
    "full_card": Label("在完整条目中阅读", "Read on the full card"),
    "long_text": Label("摘要与 BibTeX", "Abstract & BibTeX"),
    "goto_date": Label("跳转到日期", "Go to date"),
    "go": Label("前往", "Go"),
    "only_month": Label("仅知月份的论文", "Papers known only to the month"),
    "only_year": Label("仅知年份的论文", "Papers known only to the year"),
    "days": Label("日期", "Days"),
    "months": Label("月份", "Months"),
    "years": Label("年份", "Years"),
    "missing": Label("中文暂缺", "no English version"),
    "missing_title": Label("中文标题暂缺", "no English title"),
    "missing_tldr": Label("中文总结暂缺", "no English TL;DR"),
    "missing_abstract": Label("中文摘要暂缺", "no English abstract"),
    "new": Label("新", "new"),
    "cross": Label("交叉", "cross-list"),
    "replace": Label("更新", "replaced"),
    "replace-cross": Label("交叉更新", "replaced cross-list"),
    # the reader's daily loop (reader.js): day layout, filters, list mode, reading list, sharing
    "updated_group": Label("更新与重发", "Updated"),
    "first_seen": Label("首次出现", "first seen"),
    "earlier_day": Label("前一天", "Previous day"),
    "later_day": Label("后一天", "Next day"),
    "jump_to_month": Label("跳转到月份", "Jump to month"),
    "filter": Label("筛选", "Filter"),
    "list_mode": Label("列表", "List"),
    "card_mode": Label("卡片", "Cards"),
    "reading_list_empty": Label("待读列表为空：点击论文卡片上的 ☆ 收藏。", "Your reading list is empty: star a paper with ☆ on its card."),

}
