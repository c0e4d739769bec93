import datetime as dt
from pathlib import Path

from research_digest.dates import (
    date_from_path, find_day, impossible_day, impossible_day_in_path, parse_config_date, reference_day,
)
from research_digest.digest import DigestOptions, build_digest
from research_digest.enrich import AppearanceDates
from research_digest.feeds import Feed, render_feeds
from research_digest.labels import Label
from research_digest.merge import distinct_dates
from research_digest.model import DateOrigin, Entry, PaperDate, Precision
from research_digest.views import latest_date


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


# --- dates are checked ------------------------------------------------------------------------


def daily_digest(*days: tuple[str, str, str]) -> str:
    """A daily digest: one header per (date, arXiv id, title)."""
    parts = []
    for date, arxiv_id, title in days:
        parts.append(
            f"## [UPDATED!] **{date}** (Publish Time)\n\n>## **多模态**\n>---\n>>**index:** 1<br />\n"
            f"**Title:** **{title}**<br />\n**Title_cn:** 标题<br />\n**Authors:** A. Author<br />\n"
            f"**PDF:** http://arxiv.org/pdf/{arxiv_id}v1<br />\n\n"
        )
    return "".join(parts)


def digest_of(tmp_path, text: str, name: str = "daily.md", **options):
    (tmp_path / "digests").mkdir(exist_ok=True)
    (tmp_path / "digests" / name).write_text(text, encoding="utf-8")
    return build_digest(DigestOptions(("digests/",), tmp_path, freeze=False, **options))


def test_impossible_dates_are_found_but_hash_digits_are_not_dates():
    assert impossible_day("## [UPDATED!] **2024-02-30**") == "2024-02-30"
    assert impossible_day("## [UPDATED!] **2024-02-29**") is None
    assert impossible_day("notes 20241345 and a9f20240230") is None
    assert impossible_day_in_path("digests/2024-13-45/daily.md") == "2024-13-45"
    assert impossible_day_in_path("000_4d930b09bd2532f5.txt") is None
    assert impossible_day_in_path("2024-02-30/2024-02-16.md") is None  # a real day dates it


def test_an_impossible_day_in_a_daily_digest_is_a_warning_naming_file_and_line(tmp_path):
    text = daily_digest(("2024-02-16", "2402.10882", "Good Day Paper"), ("2024-02-30", "2402.11111", "Bad Day Paper"))
    digest = digest_of(tmp_path, text)
    bad_line = text.splitlines().index("## [UPDATED!] **2024-02-30** (Publish Time)") + 1
    [problem] = digest.problems
    assert (problem.source, problem.line, problem.field, problem.skipped) == ("digests/daily.md", bad_line, "date", False)
    assert "2024-02-30" in problem.reason and problem in digest.warnings
    paper = digest.paper("2402.11111")
    assert [(d.key, d.origin) for d in paper.dates] == [("2024-02", DateOrigin.ARXIV_ID)]
    assert paper.sections == ("多模态",)  # the header is not taken for a section


def test_an_impossible_day_in_a_path_is_a_warning_naming_the_file(tmp_path):
    digest = digest_of(tmp_path, daily_digest(("2024-02-16", "2402.10882", "A Paper")), name="2024-02-31.md")
    assert [(p.source, p.field) for p in digest.problems] == [("digests/2024-02-31.md", "date")]
    assert "2024-02-31" in digest.problems[0].reason


def test_the_reference_day_is_source_date_epoch_else_the_clock():
    assert reference_day({"SOURCE_DATE_EPOCH": "1708300800"}) == dt.date(2024, 2, 19)
    assert reference_day({"SOURCE_DATE_EPOCH": "not a number"}) == reference_day({})
    assert reference_day({}) >= dt.date(2024, 1, 1)


def test_a_date_after_the_reference_day_is_a_warning_and_never_the_latest_day(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1708300800")  # 2024-02-19
    text = daily_digest(
        ("2024-02-16", "2402.10882", "Past Paper"), ("2024-02-20", "2402.12222", "Tomorrow In Another Time Zone"),
        ("2042-02-16", "2402.13333", "Typo Year Paper"),
    )
    digest = digest_of(tmp_path, text)
    typo_line = text.splitlines().index("## [UPDATED!] **2042-02-16** (Publish Time)") + 1
    future = [p for p in digest.problems if p.field == "date"]
    assert [(p.source, p.line, p.skipped) for p in future] == [("digests/daily.md", typo_line + 4, False)]
    assert "2042-02-16" in future[0].reason and "2024-02-19" in future[0].reason
    assert [(d.key, d.origin) for d in digest.paper("2402.13333").dates] == [("2024-02", DateOrigin.ARXIV_ID)]
    assert latest_date(digest.papers).key == "2024-02-20"
    feed = Feed("feed.xml", "atom.xml", Label("论文", "Papers"), "https://example.org/")
    rss, _ = render_feeds(feed, digest.papers, lambda paper: "https://example.org/#" + paper.id,
                          site_url="https://example.org/", language="en")
    assert "<lastBuildDate>Tue, 20 Feb 2024" in rss and "2042" not in rss
    # Injected directly, the reference day outranks the environment.
    later = digest_of(tmp_path, text, reference_day=dt.date(2042, 3, 1))
    assert not later.problems and latest_date(later.papers).key == "2042-02-16"


def test_source_dates_written_as_absolute_paths_still_date_documents_outside_the_project(tmp_path):
    outside = tmp_path / "elsewhere" / "digests"
    (outside / "cv").mkdir(parents=True)
    footnote = (Path(__file__).parent.parent / "seeds" / "003_daa8b05561275366.txt").read_text(encoding="utf-8")
    (outside / "cv" / "notes.md").write_text(footnote, encoding="utf-8")
    (outside / "other.md").write_text(footnote.replace("2404", "2405"), encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    for pattern in (str(outside / "cv"), str(outside / "cv" / "*.md"), str(outside)):
        digest = build_digest(DigestOptions(
            (str(outside),), project, {pattern: parse_config_date("2024-04-02")}, freeze=False,
        ))
        dated = {seen.source: seen.date.key for paper in digest.papers for seen in paper.appearances}
        assert dated["digests/cv/notes.md"] == "2024-04-02", pattern
        assert (dated["digests/other.md"] == "2024-04-02") == (pattern == str(outside)), pattern
