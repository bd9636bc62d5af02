"""Page and article dates: from the page header, the file name, the dateline.

Pure functions, no state:

- ``date_from_filename("rmrb_20200106_03.txt")`` → ``"2020-01-06"``
- ``date_from_header(["青岛日报 2022年12月15日 星期四 第3版"])`` → ``"2022-12-15"``
- ``page_year(text)`` → the year the page speaks of most (``2022年``…), ``0`` if none
- ``article_date("本报12月15日讯", "", 2022)`` → ``"2022-12-15"``
- ``page_dates(header_lines, filename, text)`` → ``(page date, year)``

Every date returned is ISO ``YYYY-MM-DD``, a real calendar day (``2月30日`` is no date) in
the years ``MIN_YEAR``–``MAX_YEAR``; ``""`` means unknown.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import PurePath

MIN_YEAR = 1949
MAX_YEAR = 2100

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUM = "〇零○Ｏ一二两三四五六七八九十廿卅"

# -- building blocks -------------------------------------------------------------------------


def iso_date(year: int, month: int, day: int) -> str:
    """``YYYY-MM-DD`` for a real day in ``MIN_YEAR``–``MAX_YEAR``, else ``""``."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return ""
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def cn_number(text: str) -> int:
    """A small Chinese numeral as an int: ``十四`` → 14, ``廿二`` → 22, ``三十一`` → 31,
    ``二〇二二`` → 2022 (digit by digit), ``12`` → 12. ``-1`` when it is not one."""
    text = text.translate(_FULLWIDTH_DIGITS).strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_NUM for ch in text):
        return -1
    if all(ch in _CN_DIGIT for ch in text):  # 二〇二二, 一, 九
        value = 0
        for ch in text:
            value = value * 10 + _CN_DIGIT[ch]
        return value
    m = re.fullmatch(r"([一二两三四五六七八九])?(十|廿|卅)([一二三四五六七八九])?", text)
    if not m:
        return -1
    tens = {"十": 1, "廿": 2, "卅": 3}[m[2]]
    if m[1]:
        if m[2] != "十":
            return -1  # 二廿 is not a number
        tens = _CN_DIGIT[m[1]]
    return tens * 10 + (_CN_DIGIT[m[3]] if m[3] else 0)


# -- file names ------------------------------------------------------------------------------

# 2020-01-06, 2020_01_06, 2020.1.6 (one separator kind throughout), not inside a longer number
_SEP_DATE = re.compile(r"(?<!\d)((?:19|20|21)\d\d)([-_.])(\d{1,2})\2(\d{1,2})(?!\d)")
_CJK_DATE = re.compile(
    r"(?<![\d〇零○一二三四五六七八九])"
    r"(\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(\d{1,2}|[一二三四五六七八九十廿卅]{1,3})\s*[日号]"
)
_TOKEN = re.compile(r"[0-9A-Za-z]+")
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d\d)(\d\d)(?!\d)")
_LOWER_HEX = re.compile(r"[0-9a-f]*[a-f][0-9a-f]*")
_UPPER_HEX = re.compile(r"[0-9A-F]*[A-F][0-9A-F]*")


def _is_hash(token: str) -> bool:
    """A run of hex digits with letters in it, long enough to be a digest (``100463902bb7…``).

    Page codes such as ``20221215A01`` (eight digits, an upper-case letter, the page) are
    short; digests are 10+ lower-case hex characters, or 16+ upper-case ones."""
    if len(token) >= 10 and _LOWER_HEX.fullmatch(token):
        return True
    return len(token) >= 16 and bool(_UPPER_HEX.fullmatch(token))


def date_from_filename(name: str) -> str:
    """The date a page file's name gives, ISO, or ``""``.

    ``20200106.txt``, ``2020-01-06.txt``, ``rmrb_20200106_03.txt``, ``2020_01_06_p3.txt``,
    ``qdrb-2022-12-15-A01.txt``, ``20221215A01`` → ``2020-01-06`` / ``2022-12-15``. Only the
    last path component is read. A date needs separators (``-``, ``_``, ``.``, one kind) or a
    clean run of exactly eight digits; eight digits inside a longer number or a hex digest
    (``000_100463902bb718ab.txt``) are no date, nor is an impossible day (``20200230``).
    """
    base = PurePath(name.replace("\\", "/")).name.translate(_FULLWIDTH_DIGITS)
    for m in _SEP_DATE.finditer(base):
        date = iso_date(int(m[1]), int(m[3]), int(m[4]))
        if date:
            return date
    date = _cjk_date(base)
    if date:
        return date
    for token in _TOKEN.findall(base):
        if _is_hash(token):
            continue
        for m in _COMPACT.finditer(token):
            date = iso_date(int(m[1]), int(m[2]), int(m[3]))
            if date:
                return date
    return ""


# -- page headers ----------------------------------------------------------------------------

# 2022.12.15, 2022-12-15, 2022/12/15 (one separator kind) anywhere in a header line
_HEADER_SEP_DATE = re.compile(
    r"(?<![\d.])((?:19|20|21)\d\d)\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d.]|\s*[%％])"
)


def _cjk_date(text: str) -> str:
    """The first valid ``2020年1月6日`` / ``二〇二〇年一月六日`` date in ``text``, or ``""``."""
    for m in _CJK_DATE.finditer(text):
        date = iso_date(cn_number(m[1]), cn_number(m[2]), cn_number(m[3]))
        if date:
            return date
    return ""


def date_from_header(lines: list[str]) -> str:
    """The page date printed in its header lines, ISO, or ``""``.

    Reads ``2020年1月6日 星期一``, ``2020年1月6日``, ``2022.12.15``, ``2022-12-15 星期四``,
    ``2022年12月15日 农历十一月廿二``, ``第15版 2020年1月6日`` and lines that combine the
    paper, the date and the page (``青岛日报 2022年12月15日 星期四 A01 要闻``). The first line
    holding a valid date wins; impossible days (``2020年2月30日``) are skipped.
    """
    for line in lines:
        text = line.translate(_FULLWIDTH_DIGITS)
        date = _cjk_date(text)
        if date:
            return date
        for m in _HEADER_SEP_DATE.finditer(text):
            date = iso_date(int(m[1]), int(m[3]), int(m[4]))
            if date:
                return date
    return ""


# -- the page's year -------------------------------------------------------------------------


_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")


def page_year(text: str) -> int:
    """The year a page speaks of most (``2022年``…), the year its datelines belong to; 0 if
    the page names no year twice — one mention (``从2009年来到武昌``) is a story's past, no
    evidence of the page's date, and a wrong date is worse than none (the rule segmenter
    reads it here too)."""
    years = [int(y) for y in _YEAR_RE.findall(text) if 1949 <= int(y) <= 2100]
    counts = {y: years.count(y) for y in set(years)}
    named = [y for y, n in counts.items() if n >= 2]
    return max(named, key=lambda y: (counts[y], y)) if named else 0


# -- datelines -------------------------------------------------------------------------------

_DATELINE_MONTH_DAY = re.compile(
    r"(?<![\d〇零一二三四五六七八九十])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(\d{1,2}|[一二三四五六七八九十廿卅]{1,3})\s*[日号]"
)
_DATELINE_DAY = re.compile(
    r"(?<![\d〇零一二三四五六七八九十廿卅月])(\d{1,2}|[一二三四五六七八九十廿卅]{1,3})\s*日\s*"
    r"(?:[电讯]|消息|报道|专电|综合|晚|早|上午|下午|[）)】\]])"
)


def dateline_month_day(dateline: str) -> tuple[int, int]:
    """``(month, day)`` a dateline gives: ``本报12月15日讯`` → (12, 15),
    ``【新华社重庆十四日电】`` → (0, 14) (day only); ``(0, 0)`` when it names no day."""
    text = dateline.translate(_FULLWIDTH_DIGITS)
    m = _DATELINE_MONTH_DAY.search(text)
    if m:
        month, day = cn_number(m[1]), cn_number(m[2])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return month, day
    m = _DATELINE_DAY.search(text)
    if m:
        day = cn_number(m[1])
        if 1 <= day <= 31:
            return 0, day
    return 0, 0


def article_date(dateline: str, page_date: str, year: int, month: int = 0) -> str:
    """An article's date: the page's date when known; else the dateline's month and day
    with the page's ``year`` (``本报12月15日讯``, ``新华社北京1月6日电``); a dateline naming
    only the day (``【新华社重庆十四日电】``) takes the page's month, from ``page_date`` or
    ``month`` (when the page gives a month but no day). ``""`` when unknown or impossible."""
    if page_date:
        return page_date
    d_month, day = dateline_month_day(dateline)
    if not day or not year:
        return ""
    return iso_date(year, d_month or month, day) if (d_month or month) else ""


#: from this month on, the year a page names most is its own (``2022年以来``, ``前三季度``)
YEAR_TRUSTED_FROM_MONTH = 7


def year_for_datelines(year: int, months: list[int]) -> int:
    """The text's ``year`` (``page_year``) when it may date datelines of these ``months``,
    else 0. In the first half of a year pages review the last one (``2019年共有…``,
    ``截至2019年底``) and call their own ``今年``: on the 1,323 pages of the 2020
    People's Daily corpus (January, February, May) the year named most was last year's on
    575 and right on 219. Later in the year the current year's figures dominate. A month of
    the first half therefore dates nothing by the text's year; a header or file name still
    dates the page."""
    known = [m for m in months if m]
    if not year or not known or min(known) < YEAR_TRUSTED_FROM_MONTH:
        return 0
    return year


def page_day_from_datelines(dates: list[str]) -> str:
    """The day a page's datelines agree on (``""`` when fewer than two articles are dated
    by their datelines or two of them disagree): the day of the page's undated articles
    (commentary, briefs, photo items), which stand in the same issue as the dated ones."""
    found = {d for d in dates if d}
    if len(found) != 1 or sum(1 for d in dates if d) < 2:
        return ""
    return found.pop()


# -- all together ----------------------------------------------------------------------------


def page_dates(header_lines: list[str], filename: str, text: str) -> tuple[str, int]:
    """``(page date, year)`` of one page: the date its header prints, else the date its file
    name gives (the year is that date's); else no date and the year the text speaks of most
    (``page_year``; 0 when none), for ``article_date`` to date datelines with."""
    date = date_from_header(header_lines) or date_from_filename(filename)
    if date:
        return date, int(date[:4])
    return "", page_year(text)
