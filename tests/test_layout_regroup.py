"""One headline per article: a surplus headline deck goes to the untitled article beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.parse.layout import roles as R
from store.parse.layout.assemble import PageParts
from store.parse.layout.fields import RoleLine, build_article
from store.parse.layout.page import segment_page
from store.parse.layout.regroup import regroup_headlines
from store.parse.read import clean_text


def _line(text: str, role: str, blank: int = 0) -> RoleLine:
    return RoleLine(text, role, blank)


def _regroup(articles: list[list[RoleLine]], after: list[bool] | None = None) -> PageParts:
    parts = PageParts(articles=articles, headline_after=after or [False] * len(articles))
    regroup_headlines(parts)
    return parts


def _titles(articles: list[list[RoleLine]]) -> list[str]:
    return [build_article(lines, 20).article.title for lines in articles]


def test_a_head_of_two_decks_below_an_untitled_article_closes_it() -> None:
    untitled = [
        _line("新学期开学，捧读那一本本散发着油墨香味", R.BODY, 1),
        _line("的新书，是很多人的美好回忆。", R.BODY),
    ]
    photo_item = [
        _line("教材管理办法印发——", R.KICKER, 1),
        _line("为学生打好成长底色", R.TITLE),
        _line("扛锄头的画家", R.TITLE, 1),
        _line("浙江省衢州市余东村村民郑根良农忙时扛锄", R.BODY, 1),
        _line("头，闲下来拿画笔。", R.BODY),
    ]
    articles = [untitled, photo_item]
    parts = _regroup(articles)
    assert _titles(articles) == ["为学生打好成长底色", "扛锄头的画家"]
    assert parts.headline_after == [
        True,
        False,
    ]  # the first article's headline now follows its text
    assert "浙江省衢州市" in build_article(articles[1], 20).article.body


def test_a_headline_above_a_photo_item_opens_the_untitled_article_after_it() -> None:
    photo_item = [
        _line("广西百日攻坚行动为民企解忧", R.TITLE, 1),
        _line("紫菜丰收", R.TITLE, 1),
        _line("1月4日，连云港渔业码头，刚收割的紫菜", R.BODY),
        _line("在卸船装车。", R.BODY),
    ]
    untitled = [
        _line("本报南宁1月5日电 广西开展解决民营企业", R.BODY, 1),
        _line("突出问题百日攻坚行动。", R.BODY),
    ]
    articles = [photo_item, untitled]
    _regroup(articles)
    assert _titles(articles) == ["紫菜丰收", "广西百日攻坚行动为民企解忧"]


def test_a_long_article_keeps_its_two_decks() -> None:
    """Above a full article two decks are its title and subtitle, not a stray headline."""
    body = [_line("这是一篇很长的文章的正文内容，写了很多很多。", R.BODY)] * 20
    full = [_line("国家安全教育日", R.TITLE, 1), _line("宣传活动在全市展开，", R.TITLE, 1), *body]
    untitled = [_line("另一篇没有标题的文章正文。", R.BODY, 1)]
    articles = [full, untitled]
    before = _titles(articles)
    _regroup(articles)
    assert _titles(articles) == before
    assert before[1] == "" and "国家安全教育日" in before[0]


def test_a_surplus_headline_after_the_text_goes_to_the_next_head() -> None:
    titled = [
        _line("切实推动改进小微企业融资", R.TITLE, 1),
        _line("2020年中国人民银行工作会议近日在北京召开。", R.BODY, 1),
        _line("广东中小企业融资平台上线", R.TITLE, 2),
    ]
    nxt = [
        _line("已接入213类政府数据", R.TITLE, 1),
        _line("本报广州1月5日电 广东省中小企业融资平台", R.BODY, 1),
    ]
    articles = [titled, nxt]
    _regroup(articles)
    built = [build_article(lines, 20).article for lines in articles]
    assert built[0].title == "切实推动改进小微企业融资"
    assert not built[0].subtitles  # the trailing headline left the first article
    decks = {built[1].title, *built[1].subtitles}
    assert decks == {"广东中小企业融资平台上线", "已接入213类政府数据"}


def test_articles_that_each_have_a_headline_are_left_alone() -> None:
    first = [_line("标题一", R.TITLE, 1), _line("正文一。", R.BODY, 1)]
    second = [_line("标题二", R.TITLE, 1), _line("正文二。", R.BODY, 1)]
    articles = [list(first), list(second)]
    _regroup(articles)
    assert articles == [first, second]


def test_a_head_cut_off_at_the_page_end_is_left_over_with_its_byline() -> None:
    """A page that stops under the next article's headline and byline: they are no part of
    the article above (its reporter stays its own)."""
    article = [
        _line("荣军夜校助退役军人接受免费培训", R.TITLE, 1),
        _line("□记者 张忠德 报道", R.BYLINE, 1),
        _line("本报青岛讯 退役军人徐军通过荣军夜校学习拿到证书。", R.BODY, 1),
        _line("青岛高新区蓄力打造中国康湾", R.TITLE, 1),
        _line("□本报记者 李媛", R.BYLINE, 1),
    ]
    parts = _regroup([article])
    built = build_article(parts.articles[0], 40).article
    assert built.byline == ["张忠德"]
    assert parts.leftovers == ["青岛高新区蓄力打造中国康湾", "□本报记者 李媛"]


def test_a_bylines_second_line_is_no_text() -> None:
    article = [
        _line("青岛高新区蓄力打造中国康湾", R.TITLE, 1),
        _line("□本报记者 李媛", R.BYLINE, 1),
        _line("本报通讯员 肖玲玲", R.BODY),
        _line("伴随着威高集团与青岛高新区的签约，又一中国500强企业落户。", R.BODY, 1),
    ]
    _regroup([article])
    built = build_article(article, 40).article
    assert built.byline == ["李媛", "肖玲玲"]
    assert built.body.startswith("伴随着威高集团")


SEED = Path(__file__).resolve().parents[1] / "seeds" / "003_82a97204ed732270.txt"


@pytest.mark.parametrize("cut", range(86, 96))
def test_a_seed_page_cut_short_never_credits_the_next_reporter(cut: int) -> None:
    """Wherever the file stops around the next article's head, the reporter of the article
    above stays alone and the next one's reporters are theirs or left over."""
    text = "\n".join(SEED.read_text("utf-8").split("\n")[:cut])
    articles = segment_page(clean_text(text), SEED.name).articles
    night_school = next(a for a in articles if a.title.startswith("荣军夜校"))
    assert night_school.byline == ["张忠德"]
    for article in articles:
        if article.title.startswith("青岛高新区蓄力"):
            assert "李媛" in article.byline


def test_a_headline_left_at_the_end_of_the_text_above_goes_to_the_untitled_article() -> None:
    """Past a photo item printed between: a text never ends on a short unclosed line."""
    above = [
        _line("单边军事行动没有出路", R.TITLE, 1),
        _line("2020年恐怕将是“中东巨变之年”。", R.BODY, 1),
        _line("南非求解“电荒”难题", R.BODY, 1),
    ]
    photo_item = [
        _line("图片报道", R.TITLE, 1),
        _line("澳大利亚多地发生的严重林火灾害已持续数月。", R.BODY),
    ]
    untitled = [_line("1月4日至6日，南非国家电力公司实施了限电。", R.BODY, 1)]
    articles = [above, photo_item, untitled]
    _regroup(articles)
    assert _titles(articles) == ["单边军事行动没有出路", "图片报道", "南非求解“电荒”难题"]
    assert "南非求解" not in build_article(articles[0], 20).article.body


def test_an_article_cut_short_keeps_its_last_line() -> None:
    """A last line that stops mid-sentence, run on from the line above, is text."""
    above = [
        _line("标题一", R.TITLE, 1),
        _line("第一段写完了。", R.BODY, 1),
        _line("第二段没有写完就", R.BODY),
    ]
    untitled = [_line("另一篇没有标题的文章正文。", R.BODY, 1)]
    articles = [above, untitled]
    _regroup(articles)
    assert _titles(articles) == ["标题一", ""]


def _body(text: str, blank: int = 1) -> list[RoleLine]:
    """One paragraph wrapped at 20 characters."""
    starts = range(0, len(text), 20)
    return [_line(text[k : k + 20], R.BODY, blank if k == 0 else 0) for k in starts]


def test_a_text_that_turns_to_the_subject_of_a_headline_below_it_is_split_off() -> None:
    """An article headed above its text runs on into the text of an article whose headline
    was printed after it, right above the next article's head: the part that shares the
    trailing deck's words is that article."""
    harbour = [
        _line("青港新码头投产", R.TITLE, 1),
        *_body("本报讯 青港新码头昨日投产，码头年吞吐量可达两百万标箱。"),
        *_body("码头投产后，青港航线增至四十条，集装箱船靠泊效率提高。"),
        *_body("稻田里的秋收已近尾声，合作社的收割机在田间来回穿梭。"),
        *_body("今年合作社种植水稻三千亩，稻谷亩产比去年提高一成。"),
    ]
    nxt = [
        _line("稻田秋收忙", R.TITLE, 1),
        _line("书香校园活动启动", R.TITLE, 1),
        *_body("本报讯 全市书香校园活动昨日启动，百所学校参加。"),
    ]
    articles = [harbour, nxt]
    parts = _regroup(articles)
    assert _titles(articles) == ["青港新码头投产", "稻田秋收忙", "书香校园活动启动"]
    assert parts.headline_after == [False, True, False]
    built = [build_article(lines, 20).article for lines in articles]
    assert "收割机" in built[1].body and "收割机" not in built[0].body
    assert "吞吐量" in built[0].body


def test_a_second_deck_that_shares_no_words_with_the_text_above_moves_nothing() -> None:
    harbour = [
        _line("青港新码头投产", R.TITLE, 1),
        *_body("本报讯 青港新码头昨日投产，码头年吞吐量可达两百万标箱。"),
        *_body("码头投产后，青港航线增至四十条，集装箱船靠泊效率提高。"),
    ]
    nxt = [
        _line("城市书房上新", R.KICKER, 1),
        _line("书香校园活动启动", R.TITLE, 1),
        *_body("本报讯 全市书香校园活动昨日启动，百所学校参加。"),
    ]
    articles = [harbour, nxt]
    before = _titles(articles)
    _regroup(articles)
    assert len(articles) == 2 and _titles(articles) == before


def test_a_credit_set_with_no_break_spaces_names_the_photo_items_people() -> None:
    item = [
        _line("5日晚，冰雪节在冰雪大世界开幕。", R.BODY, 1),
        _line("本报记者  方  圆文  新华社记者  王  松摄".replace(" ", "\u00a0"), R.CREDIT),
        _line("欢乐冰雪节", R.TITLE, 1),
    ]
    article = build_article(item, 20).article
    assert article.byline == ["方圆", "王松"] and not article.captions


def test_one_deck_over_an_untitled_text_and_the_next_is_parted_by_their_words() -> None:
    """An untitled text with its headline printed after it, set with no blank line above
    the next article's headline: the deck's upper lines share the words only the text above
    has, the lower ones those only the text below has."""
    untitled = [*_body("本报讯 市长王海东昨日同来访的代表团举行会谈，双方签署合作协议。")]
    nxt = [
        _line("王海东同代表团", R.TITLE, 1),
        _line("举行会谈", R.TITLE),
        _line("李文华会见代表团", R.TITLE),
        *_body("本报讯 市人大常委会主任李文华昨日会见代表团，介绍立法工作。"),
    ]
    articles = [untitled, nxt]
    parts = _regroup(articles)
    assert _titles(articles) == ["王海东同代表团举行会谈", "李文华会见代表团"]
    assert parts.headline_after == [True, False]
