"""Page and article dates (``store.parse.layout.dates``): every shape, valid and invalid days."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.parse import segment_rules
from store.parse.layout.dates import (
    article_date,
    cn_number,
    date_from_filename,
    date_from_header,
    dateline_month_day,
    iso_date,
    page_dates,
    page_day_from_datelines,
    page_year,
    year_for_datelines,
)
from store.parse.layout.page import segment_page

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("20200106.txt", "2020-01-06"),
        ("2020-01-06.txt", "2020-01-06"),
        ("rmrb_20200106_03.txt", "2020-01-06"),
        ("rmrb20200106.txt", "2020-01-06"),
        ("2020_01_06_p3.txt", "2020-01-06"),
        ("2020.1.6.txt", "2020-01-06"),
        ("qdrb-2022-12-15-A01.txt", "2022-12-15"),
        ("20221215A01", "2022-12-15"),
        ("2022年12月15日第3版.txt", "2022-12-15"),
        ("/data/pages/rmrb_20200106_03.txt", "2020-01-06"),
    ],
)
def test_date_from_filename(name: str, date: str) -> None:
    assert date_from_filename(name) == date


@pytest.mark.parametrize(
    "name",
    [
        "000_100463902bb718ab.txt",  # a hex digest holding a digit run
        "001_24a14047bbcc1e31.txt",
        "deadbeef20200106cafe.txt",  # eight digits inside a digest
        "20200106ab.txt",
        "000_20200106ab.txt",
        "120200106.txt",  # nine digits: no clean eight-digit run
        "2020010603.txt",
        "20200230.txt",  # 2月30日
        "2020-02-30.txt",
        "2021-02-29.txt",  # not a leap year
        "2020-13-01.txt",
        "18990106.txt",  # before 1949
        "2101-01-01.txt",  # after 2100
        "2020-01_06.txt",  # mixed separators
        "/20200106/page3.txt",  # only the file's own name is read
        "page3.txt",
        "",
    ],
)
def test_date_from_filename_rejects(name: str) -> None:
    assert date_from_filename(name) == ""


def test_leap_day_in_a_file_name() -> None:
    assert date_from_filename("20200229.txt") == "2020-02-29"
    assert date_from_filename("1949-10-01.txt") == "1949-10-01"
    assert date_from_filename("2100-12-31.txt") == "2100-12-31"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2020年1月6日 星期一", "2020-01-06"),
        ("2020年1月6日", "2020-01-06"),
        ("2022.12.15", "2022-12-15"),
        ("2022-12-15 星期四", "2022-12-15"),
        ("2022/12/15", "2022-12-15"),
        ("2022年12月15日 农历十一月廿二", "2022-12-15"),
        ("第15版 2020年1月6日", "2020-01-06"),
        ("青岛日报 2022年12月15日 星期四 A01 要闻", "2022-12-15"),
        ("人民日报  2020年1月6日  星期一  第3版", "2020-01-06"),
        ("2022 年 12 月 15 日", "2022-12-15"),  # letter-spaced
        ("２０２２年１２月１５日", "2022-12-15"),  # full-width digits
        ("二〇二〇年一月六日 星期一", "2020-01-06"),
        ("2020年1月6号", "2020-01-06"),
    ],
)
def test_date_from_header(line: str, date: str) -> None:
    assert date_from_header([line]) == date


@pytest.mark.parametrize(
    "line",
    [
        "2020年2月30日 星期日",  # no such day
        "2022年13月1日",
        "2022.02.30",
        "要闻",
        "第15版",
        "农历十一月廿二",  # a lunar date alone is no page date
        "12月15日",  # no year
        "增长12.5%",
        "1583.9亿元",
        "2022.12.155",  # a longer number
    ],
)
def test_date_from_header_rejects(line: str) -> None:
    assert date_from_header([line]) == ""


def test_header_first_valid_line_wins() -> None:
    assert date_from_header(["要 闻", "2020年2月30日", "2020年3月1日 星期日"]) == "2020-03-01"
    assert date_from_header([]) == ""


def test_page_year_is_the_most_named_year_and_the_rule_segmenter_reads_the_same() -> None:
    text = "2022年工作会议。2022年目标。2021年回顾。"
    assert page_year(text) == 2022
    assert page_year("没有年份") == 0 and page_year("1900年 2200年") == 0
    # one passing mention of a year dates nothing: a story's past is not the page's date
    assert page_year("本报北京1月24日电 从2009年来到武昌火车站，他已坚守十一个春运。") == 0
    assert segment_rules.page_year is page_year  # one rule, written once
    years = {page_year(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))}
    assert 0 not in years  # every seed page names the year it speaks of


@pytest.mark.parametrize(
    ("dateline", "month_day"),
    [
        ("本报12月15日讯", (12, 15)),
        ("新华社北京1月6日电", (1, 6)),
        ("【新华社重庆十四日电】", (0, 14)),
        ("新华社华盛顿5日电", (0, 5)),
        ("本报十二月十五日讯", (12, 15)),
        ("本报讯", (0, 0)),
        ("本报电", (0, 0)),
        ("", (0, 0)),
    ],
)
def test_dateline_month_day(dateline: str, month_day: tuple[int, int]) -> None:
    assert dateline_month_day(dateline) == month_day


def test_article_date() -> None:
    assert article_date("本报12月15日讯", "", 2022) == "2022-12-15"
    assert article_date("新华社北京1月6日电", "", 2020) == "2020-01-06"
    # the page's date wins over the dateline's day
    assert article_date("新华社北京1月5日电", "2020-01-06", 2020) == "2020-01-06"
    assert article_date("", "2020-01-06", 2020) == "2020-01-06"
    # a day-only dateline needs the page's month
    assert article_date("【新华社重庆十四日电】", "", 2020, month=1) == "2020-01-14"
    assert article_date("【新华社重庆十四日电】", "", 2020) == ""
    # no year, no day, or no such day
    assert article_date("本报12月15日讯", "", 0) == ""
    assert article_date("本报讯", "", 2022) == ""
    assert article_date("本报2月30日讯", "", 2022) == ""
    assert article_date("本报2月29日讯", "", 2021) == ""
    assert article_date("本报2月29日讯", "", 2020) == "2020-02-29"


def test_page_dates_priority() -> None:
    text = "2019年的回顾。2019年。本报1月6日讯"
    # header first
    assert page_dates(["2020年1月6日"], "rmrb_20210101_01.txt", text) == ("2020-01-06", 2020)
    # then the file name
    assert page_dates(["要闻"], "rmrb_20210101_01.txt", text) == ("2021-01-01", 2021)
    # an invalid header date falls through to the file name
    assert page_dates(["2020年2月30日"], "20210101.txt", text) == ("2021-01-01", 2021)
    # else only the year the text speaks of
    assert page_dates(["要闻"], "000_100463902bb718ab.txt", text) == ("", 2019)
    assert page_dates([], "", "") == ("", 0)


def test_helpers() -> None:
    assert iso_date(2020, 2, 30) == ""
    assert iso_date(1948, 1, 1) == ""
    assert iso_date(2020, 1, 6) == "2020-01-06"
    assert [cn_number(s) for s in ("十", "十四", "二十", "廿二", "卅一", "三十一", "二〇二二")] == [
        10,
        14,
        20,
        22,
        31,
        31,
        2022,
    ]
    assert cn_number("12") == 12
    assert cn_number("二廿") == -1
    assert cn_number("abc") == -1


def test_the_texts_year_dates_no_dateline_of_the_first_half_of_a_year() -> None:
    """Early in a year pages review the last one: the year they name most is often last
    year's, so it dates no January dateline; a December one it does."""
    assert year_for_datelines(2019, [1, 1, 0]) == 0
    assert year_for_datelines(2022, [12, 12]) == 2022
    assert year_for_datelines(2022, [12, 5]) == 0
    assert year_for_datelines(2022, []) == 0 and year_for_datelines(0, [12]) == 0


def test_the_day_the_datelines_agree_on_dates_the_pages_other_articles() -> None:
    assert page_day_from_datelines(["2022-12-15", "", "2022-12-15"]) == "2022-12-15"
    assert page_day_from_datelines(["2022-12-15", "2022-12-14", ""]) == ""
    assert page_day_from_datelines(["2022-12-15", ""]) == ""  # one dateline is no agreement


def _page(dateline_day: str, years: str) -> str:
    """Three short articles, headline above; the last two open with a dateline."""
    parts = []
    stories = (
        ("港口吞吐量创新高", "港口集装箱吞吐量再创新高，码头工人加班加点装卸货物。"),
        ("新建公园今日开放", "城东新建的湿地公园今天向市民开放，园内栽种了上万株花木。"),
        ("社区食堂受欢迎", "老年人在社区食堂花十元就能吃上两荤一素，排队的人越来越多。"),
    )
    for k, (title, story) in enumerate(stories):
        opening = f"本报{dateline_day}讯 " if k > 0 else ""
        body = f"{opening}{years}{story}有关负责人介绍，今后还将继续完善各项服务。"
        parts.append(f"{title}\n\n{body}\n")
    return "\n".join(parts)


def test_a_page_is_dated_by_its_datelines_only_when_the_year_is_sure() -> None:
    december = segment_page(_page("12月15日", "2022年以来，2022年前三季度，"), "")
    assert [a.date for a in december.articles] == ["2022-12-15"] * 3
    january = segment_page(_page("1月6日", "2019年共有，截至2019年底，"), "")
    assert [a.date for a in january.articles] == ["", "", ""]
    named = segment_page(_page("1月6日", "2019年共有，截至2019年底，"), "rmrb_20200107_02.txt")
    assert [a.date for a in named.articles] == ["2020-01-07"] * 3
