"""Page text to articles with the page model: label lines, group them, build the records."""

from __future__ import annotations

import re
from pathlib import Path

from store.parse import lines as L
from store.parse.article import Article
from store.parse.layout.assemble import assemble
from store.parse.layout.dates import (
    article_date,
    dateline_month_day,
    page_dates,
    page_day_from_datelines,
    year_for_datelines,
)
from store.parse.layout.fields import build_article
from store.parse.layout.model import label_lines
from store.parse.layout.regroup import regroup_headlines
from store.parse.segment_rules import Segmentation

_WS = re.compile(r"\s+")


_LABEL_MAX = 8  # a page label's words: '第17版', '国际', '文化·科技', 'A03 财经'


def _page_label(page_lines: list[str]) -> tuple[str, list[str], list[str]]:
    """The page label (``15 体育``) from the header lines, the date lines it leaves out, and
    the header lines too long to be a label (a banner headline: kept as leftovers)."""
    parts: list[str] = []
    dated: list[str] = []
    long: list[str] = []
    for line in page_lines:
        compact = _WS.sub("", line)
        if L.DATE_LINE_RE.match(line.strip()):
            dated.append(line.strip())
        elif len(compact) > _LABEL_MAX and not L.PAGE_LINE_RE.match(line.strip()):
            long.append(line.strip())
        else:
            parts.append(compact)
    return " ".join(p for p in parts if p), dated, long


def _date_articles(articles: list[Article], date: str, year: int) -> None:
    """Date a page's articles: all by the page's ``date`` when it has one; else each by its
    dateline with the text's ``year`` (when the datelines' months let it date them), and
    the undated ones by the day the datelines agree on."""
    if not date:
        year = year_for_datelines(year, [dateline_month_day(a.dateline)[0] for a in articles])
    dates = [article_date(a.dateline, date, year) for a in articles]
    shared = "" if date else page_day_from_datelines(dates)
    for article, day in zip(articles, dates, strict=True):
        article.date = day or shared


def segment_page(text: str, source: str = "") -> Segmentation:
    """Split cleaned page text into articles (never raises on odd input)."""
    texts = text.split("\n")
    index, labels, stats = label_lines(texts)
    parts = assemble(texts, index, labels)
    regroup_headlines(parts)
    page, dated, banners = _page_label(parts.page_lines)
    name = Path(source).name if source else ""
    date, year = page_dates(parts.page_lines, name, text)
    articles: list[Article] = []
    leftovers = [*banners, *parts.leftovers]
    duplicates: list[str] = []
    decoration: list[str] = list(dated) if date else []
    if dated and not date:
        leftovers.extend(dated)
    for lines in parts.articles:
        built = build_article(lines, stats.width)
        article = built.article
        if not article.title and not article.body and not article.captions:
            fragment = " ".join(
                x
                for x in [article.dateline, article.newspaper, *article.subtitles, *article.byline]
                if x
            )
            if fragment:
                leftovers.append(fragment)
            decoration.extend(built.decoration)
            continue
        article.source = name
        article.page = page
        decoration.extend(built.decoration)
        duplicates.extend(built.duplicates)
        articles.append(article)
    _date_articles(articles, date, year)
    for article in articles[:-1]:
        article.truncated = False
    if articles and parts.headline_after and parts.headline_after[-1] and not articles[-1].title:
        articles[-1].truncated = True  # a headline-after page cut off before its headline
    if not articles and page:
        kept_apart = {*dated, *banners}
        leftovers[:0] = [line for line in parts.page_lines if line.strip() not in kept_apart]
    outlets = [a.newspaper for a in articles if a.newspaper]
    if outlets:
        common = max(set(outlets), key=outlets.count)
        for article in articles:
            article.newspaper = article.newspaper or common
    return Segmentation(articles, leftovers, duplicates, decoration)
