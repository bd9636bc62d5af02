"""The seed pages give the articles a careful reader sees: boundaries, titles, bylines —
with the page model (the default) and with the rule segmenter it replaced alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from seed_expectations import SEED_ARTICLES

from store.corpus.loader import parse_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True, params=["model", "rules"])
def segmenter(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("YUEBAO_SEGMENTER", request.param)
    return request.param


@pytest.mark.parametrize("name", sorted(SEED_ARTICLES))
def test_seed_page_articles(name: str) -> None:
    parsed = parse_file(SEEDS / name)
    expected = SEED_ARTICLES[name]
    got = [(a.title, a.byline, a.dateline, a.body[:40]) for a in parsed.articles]
    assert len(parsed.articles) == len(expected), got
    for article, exp in zip(parsed.articles, expected, strict=True):
        if exp.title is not None:
            assert article.title == exp.title
        assert article.byline == exp.byline, article.title
        assert article.dateline == exp.dateline, article.title
        assert article.body.startswith(exp.starts), (article.title, article.body[:60])
        assert article.source == name


def test_headline_after_body_page_keeps_kicker_as_subtitle() -> None:
    first = parse_file(SEEDS / "000_100463902bb718ab.txt").articles[0]
    assert first.subtitles[0] == "青岛国家高新区专委会暨重点功能区高质量发展现场推进会召开"
    assert first.newspaper.startswith("青岛日报")
    assert first.page == "要闻"


def test_ambiguous_two_deck_title_is_one_of_the_decks() -> None:
    last = parse_file(SEEDS / "000_100463902bb718ab.txt").articles[-1]
    decks = {"2022海内外侨商项目洽谈推介签约活动在青岛举行", "4个侨资项目现场签合约"}
    assert last.title in decks
    assert set(last.subtitles) == decks - {last.title}


def test_body_lines_are_joined_and_paragraphs_kept() -> None:
    first = parse_file(SEEDS / "000_100463902bb718ab.txt").articles[0]
    paragraphs = first.body.split("\n")
    assert len(paragraphs) == 3
    # a sentence broken by a blank line and a line end is one sentence again
    assert "2022年青岛市国家高新区专委会暨重点功能区高质量发展现场推进会召开。" in paragraphs[0]
    assert paragraphs[1].startswith("此次会议是高新区专委会")


def test_sub_headings_inside_an_article_are_subtitles_not_articles() -> None:
    articles = parse_file(SEEDS / "002_8a9892b75396cdc3.txt").articles
    assert "新培育约200家单项冠军" in articles[0].subtitles
    assert "加速激活人才引擎动能" in articles[1].subtitles


def test_repeated_paragraph_is_kept_once() -> None:
    articles = parse_file(SEEDS / "003_82a97204ed732270.txt").articles
    unicorn = next(a for a in articles if a.title == "中国227家企业上榜实现四连冠")
    assert unicorn.body.count("据介绍，山东高度重视民营经济和中小企业发展") == 1
    drugs = parse_file(SEEDS / "002_8a9892b75396cdc3.txt").articles[-1]
    assert drugs.body.count("国家第八批集采共有39种药品实现降价") == 1


def test_file_cut_mid_article_marks_it_truncated() -> None:
    articles = parse_file(SEEDS / "003_82a97204ed732270.txt").articles
    assert articles[-1].truncated is True
    assert not any(a.truncated for a in articles[:-1])


def test_captions_are_set_apart() -> None:
    articles = parse_file(SEEDS / "001_24a14047bbcc1e31.txt").articles
    assert "青岛风貌。张岩摄" in articles[0].captions
    assert "青岛风貌" not in articles[0].body
    drugs_page = parse_file(SEEDS / "002_8a9892b75396cdc3.txt").articles
    assert "建设中的融发大厦。" in drugs_page[2].captions


def test_unplaceable_fragments_are_leftovers_not_lost() -> None:
    parsed = parse_file(SEEDS / "003_82a97204ed732270.txt")
    assert any("薄克国" in x and "吕鸿飞" in x for x in parsed.leftovers)
    banner = parse_file(SEEDS / "004_71228b73623e2934.txt")
    assert "以科技创新赋能产业创新" in banner.leftovers


def test_dateline_day_with_the_pages_year_gives_the_date() -> None:
    articles = parse_file(SEEDS / "000_100463902bb718ab.txt").articles
    assert {a.date for a in articles} == {"2022-12-15"}  # 本报12月15日讯 on a page about 2022
    undated = parse_file(SEEDS / "001_24a14047bbcc1e31.txt").articles
    assert {a.date for a in undated} == {""}  # 本报电 carries no day
