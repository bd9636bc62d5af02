"""Pages of other papers, as the page model reads them: conventions a reader checks first."""

from __future__ import annotations

import pytest

from store.parse.layout.page import segment_page
from store.parse.read import clean_text

BEFORE = """第3版 要闻
2020年3月2日 星期一

春耕备耕有序推进（新春走基层）

本报北京3月1日电（记者林晓、周明）记者从农业农村部获悉，
今年春耕备耕工作正在有序推进，各地农资供应总体充足，价格
基本稳定。农业农村部有关负责人表示，将继续加强指导服务，
确保不误农时。

各地积极组织农机手开展检修，为春耕生产做好准备。目前，全
国已检修各类农机具数百万台套，一批新型农机具投入使用。
（本报北京3月1日电）

湖州新建生态绿道百公里

核心阅读
湖州今年新建生态绿道一百公里，串起了城乡之间的
美丽风景。

本报湖州3月1日电（记者钱多多）浙江省湖州市今年将新建生态
绿道一百公里，把沿线的村庄、景区和公园串联起来。绿道建成
后，市民骑行和步行将更加便利。

据介绍，绿道沿线将设置驿站和休憩点，方便市民休息。
"""

AFTER = """本报讯 昨天上午，市十七届人大常委会第五次会议召开联组会
议，对我市城镇老旧小区改造建设工作情况进行专题询问。会议
强调，要高标准高质量推进改造，提高群众的满意度。

市人大常委会专题询问老旧小区改造

本报讯 今天，记者从市人才工作领导小组办公室了解到，人才
创新创业周将于本月二十日开幕，活动设六大板块三十余项。
各区市将同步举办专场活动，吸引更多人才来青创业。

人才创新创业周20日开幕
"""


def _page(text: str, name: str = "") -> list:
    return segment_page(clean_text(text), name).articles


def test_dateline_credits_give_the_byline_and_the_dateline() -> None:
    first = _page(BEFORE)[0]
    assert first.title == "春耕备耕有序推进（新春走基层）"  # the column tag stays in the title
    assert first.byline == ["林晓", "周明"]
    assert first.dateline == "本报北京3月1日电"
    assert first.body.startswith("记者从农业农村部获悉")


def test_a_closing_dateline_belongs_to_the_article_before_it() -> None:
    first, second = _page(BEFORE)
    assert "本报北京3月1日电）" not in first.body
    assert second.title == "湖州新建生态绿道百公里"
    assert second.body.startswith("浙江省湖州市今年将新建生态绿道")


def test_the_summary_box_is_not_body() -> None:
    second = _page(BEFORE)[1]
    assert "核心阅读" not in second.body
    assert "串起了城乡之间" not in second.body
    assert second.byline == ["钱多多"]


def test_page_label_and_printed_date() -> None:
    articles = _page(BEFORE)
    assert {a.date for a in articles} == {"2020-03-02"}
    assert articles[0].page.startswith("第3版")


def test_headlines_set_after_their_text_close_that_article() -> None:
    first, second = _page(AFTER)
    assert first.title == "市人大常委会专题询问老旧小区改造"
    assert first.body.startswith("昨天上午，市十七届人大常委会")
    assert second.title == "人才创新创业周20日开幕"
    assert second.body.startswith("今天，记者从市人才工作领导小组办公室")


def test_a_date_in_the_file_name_dates_every_article() -> None:
    articles = _page(AFTER, "qdrb_20221215_A01.txt")
    assert [a.date for a in articles] == ["2022-12-15", "2022-12-15"]


def test_the_page_model_is_the_default_and_yuebao_segmenter_rules_switches_back(
    tmp_path, capsys, monkeypatch
) -> None:
    import json

    from store.corpus.loader import parser_version
    from store.parse.segment import segmenter_name
    from tui.cli import main

    page = tmp_path / "page.txt"
    page.write_text(AFTER, encoding="utf-8")
    monkeypatch.delenv("YUEBAO_SEGMENTER", raising=False)
    assert segmenter_name() == "model"
    model_version = parser_version()
    monkeypatch.setenv("YUEBAO_SEGMENTER", "rules")
    assert segmenter_name() == "rules"
    assert parser_version() != model_version  # switching re-reads every stored file
    monkeypatch.setenv("YUEBAO_SEGMENTER", "no-such-segmenter")
    assert segmenter_name() == "model"
    monkeypatch.delenv("YUEBAO_SEGMENTER")
    assert main(["parse", str(page), "--no-entities"]) == 0
    titles = [a["title"] for a in json.loads(capsys.readouterr().out)]
    assert titles == ["市人大常委会专题询问老旧小区改造", "人才创新创业周20日开幕"]


def test_the_page_model_finds_the_hand_read_seed_articles() -> None:
    """A guard on the shipped model: the seed pages as a reader sees them (29+ of 32)."""
    import re
    from pathlib import Path

    from seed_expectations import SEED_ARTICLES

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    found = total = titled = 0
    for name, expected in SEED_ARTICLES.items():
        articles = _page((seeds / name).read_text("utf-8"), name)
        bodies = [(re.sub(r"\s", "", a.body), a) for a in articles]
        for exp in expected:
            total += 1
            start = re.sub(r"\s", "", exp.starts)
            got = next((a for body, a in bodies if body.startswith(start)), None)
            if got is not None:
                found += 1
                titled += exp.title is None or got.title == exp.title
    assert total == 32
    assert found >= 29, found
    assert titled >= found - 2, (titled, found)


SIGNED_OFF = """以科技创新赋能产业创新

青岛高新区：动力激荡 向“新”而行

青岛高新区再添两家国家级绿色工厂

近日，工业和信息化部公布了2023年度绿色制造名单，位于青岛高新区的两家企业入选国家级绿色工厂。

截至目前，青岛高新区已累计培育6家国家级绿色工厂。

韩佳佳

■在红岛汇科技金融中心，企业负责人介绍新产品。

笔“火炬创新积分贷”1000万元。“贷款从申请到放款只用了三天。”企业负责人说。

下一步，青岛高新区将继续优化营商环境，服务更多科技企业。

刘文研
"""


def test_a_banner_is_a_leftover_and_text_after_a_signed_off_article_is_its_own() -> None:
    """Page-top lines too long for a page label are kept as leftovers (not the page name of
    every article); after an article that ended with its byline, a caption and then text
    (an article continued from another page) open a new article."""
    seg = segment_page(clean_text(SIGNED_OFF), "p.txt")
    assert "以科技创新赋能产业创新" in seg.leftovers
    assert all("以科技创新" not in a.page for a in seg.articles)
    assert [a.byline for a in seg.articles] == [["韩佳佳"], ["刘文研"]]
    assert seg.articles[1].body.startswith("笔“火炬创新积分贷”")


ARCHIVE = """第1版()专栏:

全市春耕生产全面展开

本报讯（记者 王明）连日来，全市各地抓住有利天气，组织农民开展春耕生产，田间地头一派繁忙景象。

据了解，今年全市粮食播种面积稳定在三百万亩以上。

第2版(要闻)专栏:

新建学校秋季开学

本报讯（记者 李华）今年秋季，全市将有十二所新建中小学投入使用，新增学位一万五千个。

教育部门表示，将同步配齐师资力量。

第3版()专栏:

地铁新线试运行

本报讯 记者从市地铁集团获悉，地铁五号线今天开始试运行，预计年底正式开通。
"""


@pytest.mark.parametrize("segmenter", ["model", "rules"])
def test_an_archive_file_of_several_pages_is_read_page_by_page(
    segmenter: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Separators like ``第3版()专栏:`` end the page before them: no article runs across one,
    none becomes a title, and each article takes its own page (both segmenters)."""
    from store.parse.segment import segment_text

    monkeypatch.setenv("YUEBAO_SEGMENTER", segmenter)
    seg = segment_text(clean_text(ARCHIVE), "archive.txt")
    assert [(a.title, a.page) for a in seg.articles] == [
        ("全市春耕生产全面展开", "第1版"),
        ("新建学校秋季开学", "第2版要闻"),
        ("地铁新线试运行", "第3版"),
    ]
    assert all("专栏" not in a.body for a in seg.articles)
    assert "第2版(要闻)专栏:" in seg.decoration


def test_a_page_opening_with_an_archive_separator_is_labelled_by_its_page() -> None:
    text = "第3版()专栏:\n\n地铁新线试运行\n\n本报讯 地铁新线今天开始试运行，沿线居民出行更方便。\n"
    from store.parse.segment import segment_text

    seg = segment_text(clean_text(text), "")
    assert [a.page for a in seg.articles] == ["第3版"] and "第3版()专栏:" in seg.decoration
