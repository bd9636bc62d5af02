"""The seed pages as training data: every line goes to the article a reader gives it."""

from __future__ import annotations

from pathlib import Path

from store.parse.layout import labels as LB
from store.parse.layout import roles as R
from store.parse.layout.model import allowed
from store.parse.layout.seedpages import label_page, seed_pages

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# two articles of one day: both datelines read 本报12月15日讯; the byline stands first
# and the headline after the text, as on the seed page 000
PAGE = """□青岛日报/观海新闻记者 耿婷婷
本报12月15日讯 今天，全市高新区
推进会召开，会议部署明年工作。

高新区推进会召开

□青岛日报/观海新闻记者 刘佳旎
本报12月15日讯 今天上午，市人大常
委会召开联组会议，专题询问老旧小区改
造工作。

市人大常委会专题询问老旧小区改造
"""


def _articles(page: R.GeneratedPage) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for line in page.lines:
        if line.role != R.BLANK:
            out.setdefault(line.article, []).append(line.text.strip())
    return out


def test_a_dateline_shared_by_two_articles_opens_the_article_whose_text_follows() -> None:
    page = label_page(PAGE)
    assert page is not None
    articles = _articles(page)
    assert articles[1][:2] == ["□青岛日报/观海新闻记者 刘佳旎", "本报12月15日讯 今天上午，市人大常"]
    assert articles[0][-1] == "高新区推进会召开"


def test_labelled_seed_pages_obey_the_zone_rules() -> None:
    """All five seed pages and re-laid-out copies are labelled, in sequences the decoder
    allows (a wrongly placed line would make a sequence no page has)."""
    for path in sorted(SEEDS.glob("*.txt")):
        assert label_page(path.read_text("utf-8")) is not None, path.name
    pages = list(seed_pages(SEEDS, 2, 5))
    assert len(pages) >= 10
    for page in pages:
        labels = LB.encode(page.lines)
        for prev, nxt in zip(["", *labels], labels, strict=False):
            assert allowed(prev, nxt), (prev, nxt)
