import datetime as dt

from research_digest.dates import date_from_path, find_day, parse_config_date
from research_digest.enrich import AppearanceDates
from research_digest.merge import distinct_dates
from research_digest.model import DateOrigin, Entry, PaperDate, Precision


def day(y, m, d, origin=DateOrigin.DOCUMENT):
    return PaperDate(dt.date(y, m, d), Precision.DAY, origin)


def test_dates_in_paths_in_every_spelling():
    for path in ("digests/2024-02-16.md", "digests/2024_02_16.md", "digests/20240216.md", "2024.02.16/daily.txt"):
        assert date_from_path(path) == day(2024, 2, 16)
    assert date_from_path("cs/2024-03/notes.md") == PaperDate(dt.date(2024, 3, 1), Precision.MONTH)
    assert date_from_path("000_4d930b09bd2532f5.txt") is None
    assert date_from_path("2024-13-45.md") is None


def test_find_day_in_headers():
    assert find_day("## [UPDATED!] **2024-02-16** (Publish Time)", DateOrigin.DOCUMENT) == day(2024, 2, 16)
    assert find_day("# !UPDATED  -- 2024-01-01", DateOrigin.DOCUMENT) == day(2024, 1, 1)


def test_config_dates():
    assert parse_config_date(dt.date(2024, 2, 16)) == day(2024, 2, 16)
    assert parse_config_date("2024-02").precision is Precision.MONTH
    assert parse_config_date(2023).precision is Precision.YEAR
    assert parse_config_date("soon") is None
    assert parse_config_date("2024-02-30") is None


def test_precedence_document_path_config_arxiv_venue():
    dates = AppearanceDates({"*.txt": parse_config_date("2024-05-01")})
    stated = Entry("2024-03-03.md", 1, "daily", stated_date=day(2024, 2, 16), arxiv_id="2401.00001")
    assert dates(stated) == day(2024, 2, 16)
    assert dates(Entry("2024-03-03.md", 1, "footnote", arxiv_id="2401.00001")).origin is DateOrigin.PATH
    assert dates(Entry("a.txt", 1, "footnote", arxiv_id="2401.00001")).origin is DateOrigin.CONFIG
    from_id = dates(Entry("a.md", 1, "footnote", arxiv_id="2401.00001"))
    assert (from_id.key, from_id.precision, from_id.origin) == ("2024-01", Precision.MONTH, DateOrigin.ARXIV_ID)
    venue = dates(Entry("ICCV.md", 1, "venue-table", year=2023))
    assert (venue.key, venue.precision) == ("2023", Precision.YEAR)
    assert dates(Entry("x.md", 1, "venue-table")) is None


def test_config_dates_match_folders_and_globs():
    dates = AppearanceDates({"digests/cv": parse_config_date("2024-04-02")})
    assert dates.configured_date("digests/cv/any.md") == day(2024, 4, 2, DateOrigin.CONFIG)
    assert dates.configured_date("digests/cvx/any.md") is None


def test_a_month_is_dropped_when_a_day_in_it_is_known():
    month = PaperDate(dt.date(2024, 2, 1), Precision.MONTH, DateOrigin.ARXIV_ID)
    assert distinct_dates([month, day(2024, 2, 16), None, day(2024, 2, 16)]) == (day(2024, 2, 16),)
    other = PaperDate(dt.date(2024, 3, 1), Precision.MONTH)
    assert distinct_dates([other, day(2024, 2, 16)]) == (day(2024, 2, 16), other)
