"""The archive's calendars: a month page is a grid of its days with counts and links to the
months around it; the archive index lists every month of every year with counts."""

from __future__ import annotations

import re
from pathlib import Path

from research_digest.calendars import level, month_calendar, years_calendar
from research_digest.labels import Label


def test_a_month_calendar_has_monday_first_weeks_and_a_count_on_each_day_with_papers():
    calendar = month_calendar(2024, 2, {16: ("archive/2024/02/16/index.md", Label("16日", "Feb 16"), 7)})
    assert [head.en for head in calendar.heads] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    first_week = calendar.rows[0].cells
    assert first_week[:3] == (None, None, None) and first_week[3].number == 1  # 2024-02-01 was a Thursday
    days = [cell for row in calendar.rows for cell in row.cells if cell is not None]
    assert len(days) == 29
    busy = [cell for cell in days if cell.count]
    assert [(cell.number, cell.count, cell.level) for cell in busy] == [(16, 7, 4)]


def test_heat_levels_grow_with_the_count_and_zero_stays_blank():
    assert [level(count, 100) for count in (0, 1, 25, 26, 100)] == [0, 1, 1, 2, 4]


def test_the_years_calendar_has_a_row_per_year_and_a_cell_per_month():
    calendar = years_calendar([(2024, "archive/2024/index.md", Label("2024年", "2024"), 9,
                                {2: ("archive/2024/02/index.md", Label("2月", "Feb"), 9)})])
    (row,) = calendar.rows
    assert len(row.cells) == 12 and row.count == 9
    assert [(cell.number, cell.count) for cell in row.cells if cell.count] == [(2, 9)]


def test_the_seed_month_page_is_a_calendar_with_links_to_its_days_and_the_months_around(built_site: Path):
    html = (built_site / "archive/2024/02/index.html").read_text(encoding="utf-8")
    assert 'class="rd-calendar rd-calendar--month"' in html
    assert re.search(r'<a href="16/" title="[^"]*"[^>]*><span class="rd-calendar__number">16</span><span class="rd-calendar__count">\d+</span>', html)
    assert 'rel="prev" data-rd-key="ArrowLeft" href="../01/"' in html and 'rel="next" data-rd-key="ArrowRight" href="../03/"' in html
    assert 'href="../../../topics/' in html  # the month's topics


def test_the_archive_index_lists_every_month_of_every_year_with_counts(built_site: Path):
    html = (built_site / "archive/index.html").read_text(encoding="utf-8")
    assert 'class="rd-calendar rd-calendar--years"' in html
    assert re.search(r'<a href="2024/02/" title="[^"]*: \d+"[^>]*>', html)
    assert re.search(r'<a href="2024/">.*?</a> <span class="rd-calendar__count">\d+</span>', html)
    assert 'class="rd-goto"' in html
