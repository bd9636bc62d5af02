"""An article's role-labelled lines to its record: one test per convention, and conservation."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.parse.layout import roles as R
from store.parse.layout.fields import BuiltArticle, RoleLine, build_article, join_body

T, K, S, Y, B, H = R.TITLE, R.KICKER, R.SUBTITLE, R.BYLINE, R.BODY, R.SUBHEAD
C, CR, D, M = R.CAPTION, R.CREDIT, R.CLOSING, R.SUMMARY


def lines(*rows: tuple[str, str] | tuple[str, str, int]) -> list[RoleLine]:
    return [RoleLine(*row) for row in rows]


def build(*rows: tuple[str, str] | tuple[str, str, int], width: int = 0) -> BuiltArticle:
    return build_article(lines(*rows), width)


def _chars(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


def lost(rows: list[RoleLine], built: BuiltArticle) -> str:
    """Characters of the input found in no field, decoration or duplicate."""
    a = built.article
    out: Counter[str] = Counter()
    for value in (a.title, a.dateline, a.body, a.newspaper, *a.subtitles, *a.byline, *a.captions):
        out.update(_chars(value))
    for item in (*built.decoration, *built.duplicates):
        out.update(_chars(item))
    given_chars: Counter[str] = Counter()
    for row in rows:
        given_chars.update(_chars(row.text))
    return "".join(sorted((given_chars - out).elements()))


# -- headline ------------------------------------------------------------------------------


def test_title_lines_are_joined_and_keep_their_column_tag() -> None:
    built = build(("江城春早　花市", T), ("重开（城市笔记）", T), ("花市今日重开。", B))
    assert built.article.title == "江城春早 花市重开（城市笔记）"  # phrases keep one space


def test_letter_spaced_title_is_squeezed() -> None:
    assert build(("春 耕 纪 事", T), ("田里很忙。", B)).article.title == "春耕纪事"


def test_latin_words_split_over_title_lines_keep_a_space() -> None:
    assert build(("Smart", T), ("City大会开幕", T), ("今天开幕。", B)).article.title == (
        "Smart City大会开幕"
    )


def test_kicker_then_subtitles_then_subheads_in_page_order() -> None:
    built = build(
        ("湖滨区代表——", K),
        ("把小事办成实事", T),
        ("——记社区议事会", S),
        ("一年来议事三百件", S),
        ("居民的事大家商量。", B),
        ("议事会里的新面孔", H),
        ("年轻人来了。", B),
    )
    assert built.article.subtitles == [
        "湖滨区代表——",
        "——记社区议事会一年来议事三百件",
        "议事会里的新面孔",
    ]
    assert built.article.body == "居民的事大家商量。\n议事会里的新面孔\n年轻人来了。"


def test_separate_subtitle_groups_are_separate_subtitles() -> None:
    built = build(("副题一号", S), ("主标题在此", T), ("副题二号", S), ("正文。", B))
    assert built.article.subtitles == ["副题一号", "副题二号"]


def test_without_a_title_line_a_kicker_or_subtitle_is_promoted() -> None:
    built = build(("春季招聘会举行", K), ("正文开头。", B))
    assert (built.article.title, built.article.subtitles) == ("春季招聘会举行", [])
    built = build(("各地多措并举加强防控——", K), ("筑牢疫情防线", S), ("正文。", B))
    assert built.article.title == "筑牢疫情防线"
    assert built.article.subtitles == ["各地多措并举加强防控——"]


# -- dateline ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "dateline", "rest"),
    [
        ("本报杭州3月2日电 今天，西湖边。", "本报杭州3月2日电", "今天，西湖边。"),
        ("本报3月2日讯 今天，西湖边。", "本报3月2日讯", "今天，西湖边。"),
        ("本报讯 今天，西湖边。", "本报讯", "今天，西湖边。"),
        ("本报电  今天，西湖边。", "本报电", "今天，西湖边。"),
        ("新华社杭州3月2日电 今天，西湖边。", "新华社杭州3月2日电", "今天，西湖边。"),
        ("据新华社开罗3月2日电 今天，尼罗河边。", "据新华社开罗3月2日电", "今天，尼罗河边。"),
        ("【新华社杭州二日电】今天，西湖边。", "新华社杭州二日电", "今天，西湖边。"),
        ("本报杭州3月2日电2020年的春天。", "本报杭州3月2日电", "2020年的春天。"),
        ("本报巴黎、柏林3月2日电 两地。", "本报巴黎、柏林3月2日电", "两地。"),
        ("（本报讯）今天。", "本报讯", "今天。"),
        ("新华社北京1月6日电《讲话》一书出版。", "新华社北京1月6日电", "《讲话》一书出版。"),
        ("本报讯「一季度」数据公布。", "本报讯", "「一季度」数据公布。"),
    ],
)
def test_dateline_opens_the_first_paragraph(first: str, dateline: str, rest: str) -> None:
    rows = lines(("标题", T), (first, B), ("下一段。", B))
    built = build_article(rows, 0)
    assert built.article.dateline == dateline
    assert built.article.body == rest + "\n下一段。"
    assert not lost(rows, built)


def test_a_heading_above_the_text_of_an_untitled_article_is_its_title() -> None:
    rows = lines(
        ("《评价体系》发布", H),
        ("本报北京1月7日电（记者丁雅诵）日前，", B, 1),
        ("考试中心发布评价体系。", B),
        ("一、总则", H, 1),
        ("体系分三层。", B),
    )
    built = build_article(rows, 0)
    a = built.article
    assert (a.title, a.dateline, a.byline) == ("《评价体系》发布", "本报北京1月7日电", ["丁雅诵"])
    assert a.body == "日前，考试中心发布评价体系。\n一、总则\n体系分三层。"
    assert a.subtitles == ["一、总则"]
    assert not lost(rows, built)


def test_a_heading_above_the_text_of_a_titled_article_stays_apart_from_the_dateline() -> None:
    built = build(("标题", T), ("一图读懂", H), ("本报讯 今天开会。", B, 1))
    a = built.article
    assert (a.title, a.dateline, a.body) == ("标题", "本报讯", "一图读懂\n今天开会。")


def test_a_dateline_is_only_read_at_the_start_of_the_text() -> None:
    built = build(("标题", T), ("正文。", B), ("本报讯 今天。", B))
    assert built.article.dateline == ""


def test_an_outlet_word_ending_in_dian_is_no_dateline() -> None:
    built = build(("标题", T), ("根据南方电网公司的用电数据，", B), ("负荷创新高。", B))
    assert built.article.dateline == ""


def test_dateline_is_read_after_the_wrapped_lines_are_joined() -> None:
    built = build(
        ("标题", T),
        ("本报杭州3", B),
        ("月2日电（记者 林", B),
        ("晓 周明）今天上午，", B),
        ("会议召开。", B),
        width=10,
    )
    a = built.article
    assert (a.dateline, a.byline, a.body) == (
        "本报杭州3月2日电",
        ["林晓", "周明"],
        "今天上午，会议召开。",
    )


def test_an_outlet_dateline_names_the_newspaper() -> None:
    built = build(("标题", T), ("湖州晚报/南太湖新闻讯 昨天下午，", B), ("会议召开。", B))
    a = built.article
    assert (a.dateline, a.newspaper) == ("湖州晚报/南太湖新闻讯", "湖州晚报/南太湖新闻")


def test_agency_dateline_names_no_newspaper() -> None:
    built = build(("标题", T), ("据新华社开罗3月2日电（记者 赵明）今天。", B))
    assert (built.article.newspaper, built.article.byline) == ("", ["赵明"])


@pytest.mark.parametrize(
    ("first", "names"),
    [
        ("本报杭州3月2日电（记者林晓、周明）今天。", ["林晓", "周明"]),
        ("本报杭州3月2日电（记者 林晓 周明 通讯员 钱多多）今天。", ["林晓", "周明", "钱多多"]),
        ("本报讯(记者 林晓 周明 通讯员 钱多多 文/图)今天。", ["林晓", "周明", "钱多多"]),
        ("本报讯(钱 多)今天。", ["钱多"]),
        ("本报讯（实习生 孙小雨）今天。", ["孙小雨"]),
    ],
)
def test_bracket_after_the_dateline_is_the_byline(first: str, names: list[str]) -> None:
    built = build(("标题", T), (first, B))
    assert built.article.byline == names
    assert built.article.body == "今天。"
    assert not lost(lines(("标题", T), (first, B)), built)


def test_a_bracket_that_names_nobody_stays_in_the_text() -> None:
    built = build(("标题", T), ("本报讯（上接第一版）今天。", B))
    assert built.article.body == "（上接第一版）今天。"


def test_a_closing_dateline_is_the_dateline_when_the_text_has_none() -> None:
    built = build(("标题", T), ("今天。", B), ("（本报柏林3月2日电）", D))
    assert built.article.dateline == "本报柏林3月2日电"
    assert "本报柏林" not in built.article.body


def test_a_closing_dateline_after_a_leading_one_is_decoration() -> None:
    built = build(("标题", T), ("本报讯 今天。", B), ("(本报柏林3月2日电)", D))
    assert built.article.dateline == "本报讯"
    assert "本报柏林3月2日电" in built.decoration


def test_a_closing_dateline_wrapped_over_two_lines() -> None:
    rows = lines(("标题", T), ("今天。", B), ("（本报柏林、罗", D), ("马3月2日电）", D))
    built = build_article(rows, 8)
    assert built.article.dateline == "本报柏林、罗马3月2日电"


def test_a_closing_dateline_with_reporters_gives_the_byline() -> None:
    built = build(("标题", T), ("今天。", B), ("（本报柏林3月2日电  记者林晓、周明）", D))
    assert (built.article.dateline, built.article.byline) == ("本报柏林3月2日电", ["林晓", "周明"])


# -- bylines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names", "newspaper"),
    [
        ("□记者 林晓 报道", ["林晓"], ""),
        ("□湖州日报/南太湖新闻记者 周明", ["周明"], "湖州日报/南太湖新闻"),
        (
            "■湖州财经日报/首页新闻 记者 周明 通讯员 钱多多",
            ["周明", "钱多多"],
            "湖州财经日报/首页新闻",
        ),
        ("□本报记者 林晓", ["林晓"], ""),
        ("本报通讯员 钱多多", ["钱多多"], ""),
        ("本报记者 林晓 周明", ["林晓", "周明"], ""),
        ("文/图 林晓", ["林晓"], ""),
        ("湖州晚报记者 林晓 见习记者 周明", ["林晓", "周明"], "湖州晚报"),
        ("林晓", ["林晓"], ""),
        ("林晓 周明", ["林晓", "周明"], ""),
        ("林晓、周明", ["林晓", "周明"], ""),
        ("本报记者 林 晓 周明", ["林晓", "周明"], ""),
    ],
)
def test_byline_lines(line: str, names: list[str], newspaper: str) -> None:
    rows = lines(("标题", T), (line, Y), ("正文。", B))
    built = build_article(rows, 0)
    assert (built.article.byline, built.article.newspaper) == (names, newspaper)
    assert built.article.body == "正文。"
    assert not lost(rows, built)


def test_a_byline_wrapped_inside_a_name() -> None:
    built = build(("标题", T), ("□本报记者 林晓 钱多", Y), ("多", Y), ("正文。", B), width=10)
    assert built.article.byline == ["林晓", "钱多多"]


def test_names_come_in_byline_order_without_repeats() -> None:
    built = build(
        ("标题", T),
        ("本报记者 林晓", Y),
        ("本报讯（记者 林晓 周明）正文。", B),
        ("（本报记者 周明 钱多多整理）", CR),
    )
    assert built.article.byline == ["林晓", "周明", "钱多多"]
    assert built.decoration.count("林晓") == 1


def test_a_byline_line_that_reads_as_text_is_kept_as_text() -> None:
    built = build(("标题", T), ("正文。", B), ("记者从会上获悉，今年将新建学校十所。", Y))
    assert "今年将新建学校十所。" in built.article.body
    assert built.article.byline == []


# -- credits -------------------------------------------------------------------------------

PHOTO_TEXT = "春日里，孩子们在公园放风筝。"
LONG_TEXT = "会议指出，" + "要把各项工作落到实处，" * 30 + "确保取得实效。"


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        ("林晓摄（影像中国）", ["林晓"]),
        ("周  明摄（人民视觉）", ["周明"]),
        ("本报记者 林晓文 新华社记者 周明摄", ["林晓", "周明"]),
        ("本报记者  林  晓文  新华社记者  周  明摄", ["林晓", "周明"]),
        ("钱多多 周 明摄影报道", ["钱多多", "周明"]),
    ],
)
def test_photographers_are_the_byline_of_a_photo_item(credit: str, names: list[str]) -> None:
    rows = lines(("放风筝", T), (PHOTO_TEXT, B), (credit, CR))
    built = build_article(rows, 0)
    assert built.article.byline == names
    assert built.article.body == PHOTO_TEXT
    assert not lost(rows, built)


def test_a_photographer_of_a_long_article_is_not_its_byline() -> None:
    rows = lines(("长文", T), (LONG_TEXT, B), ("林晓摄（影像中国）", CR))
    built = build_article(rows, 0)
    assert built.article.byline == []
    assert "林晓" in built.decoration
    assert not lost(rows, built)


def test_a_credit_under_a_caption_is_not_the_byline() -> None:
    rows = lines(("放风筝", T), ("孩子们放风筝。", C), ("林晓摄", CR), (PHOTO_TEXT, B))
    built = build_article(rows, 0)
    assert built.article.byline == []
    assert built.article.captions == ["孩子们放风筝。", "林晓摄"]  # the credit stays visible


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        ("（本报记者 林晓整理）", ["林晓"]),
        ("（本报记者林晓、周明、钱多多）", ["林晓", "周明", "钱多多"]),
        ("(本栏目整理：林晓 周明)", ["林晓", "周明"]),
        ("（林晓）", ["林晓"]),
    ],
)
def test_a_closing_credit_gives_the_byline(credit: str, names: list[str]) -> None:
    rows = lines(("标题", T), (LONG_TEXT, B), (credit, CR))
    built = build_article(rows, 0)
    assert built.article.byline == names
    assert built.article.body == LONG_TEXT


@pytest.mark.parametrize(
    "credit",
    [
        "（作者为湖州师范学院教授）",
        "本版制图：林晓",
        "版式设计：周明",
        "新华社发",
        "（本系列评论到此结束）",
        "数据来源：国家统计局",
    ],
)
def test_notes_and_design_credits_are_shown_apart_from_body_and_byline(credit: str) -> None:
    rows = lines(("标题", T), (LONG_TEXT, B), (credit, CR))
    built = build_article(rows, 0)
    a = built.article
    assert (a.body, a.byline, a.captions) == (LONG_TEXT, [], [credit])


# -- captions and summary ------------------------------------------------------------------


def test_captions_lose_their_bullet_and_are_not_body() -> None:
    built = build(
        ("标题", T),
        ("■湖边的新栈道。", C),
        ("▲夜色中的老街区，", C),
        ("灯火通明。", C),
        ("正文。", B),
        width=10,
    )
    assert built.article.captions == ["湖边的新栈道。", "夜色中的老街区，灯火通明。"]
    assert built.article.body == "正文。"
    assert "■" in built.decoration


def test_summary_box_goes_to_captions_not_body() -> None:
    built = build(("标题", T), ("核心阅读", M), ("今年起，湖区全面禁渔。", M), ("正文。", B))
    assert built.article.captions == ["今年起，湖区全面禁渔。"]
    assert built.article.body == "正文。"
    assert "核心阅读" in built.decoration


def test_a_caption_interrupting_a_sentence_does_not_split_it() -> None:
    built = build(("标题", T), ("湖区今年起全面", B), ("■湖区风光。", C), ("禁渔。", B))
    assert built.article.body == "湖区今年起全面禁渔。"
    assert built.article.captions == ["湖区风光。"]


# -- body ----------------------------------------------------------------------------------


def test_wrapped_lines_join_and_a_short_closed_line_ends_a_paragraph() -> None:
    paras = join_body(
        lines(
            ("湖区今年起全面禁渔，", B),
            ("渔民转产上岸。", B),
            ("新的生活开始了。", B),
        ),
        10,
    )
    assert paras == ["湖区今年起全面禁渔，渔民转产上岸。", "新的生活开始了。"]


def test_blank_lines_inside_a_sentence_are_no_break() -> None:
    paras = join_body(lines(("湖区今年起全面禁渔", B), ("，渔民转产上岸。", B, 2)), 9)
    assert paras == ["湖区今年起全面禁渔，渔民转产上岸。"]


def test_a_full_line_that_closes_a_sentence_goes_on_unless_a_blank_follows() -> None:
    rows = lines(
        ("湖区今年起全面禁渔。", B),
        ("渔民转产上岸，日子", B),
        ("越过越好。", B),
        ("新的生活开始了。", B, 1),
    )
    assert join_body(rows, 10) == [
        "湖区今年起全面禁渔。渔民转产上岸，日子越过越好。",
        "新的生活开始了。",
    ]


def test_an_indent_opens_a_paragraph() -> None:
    rows = lines(
        ("\u3000\u3000湖区今年起全", B),
        ("面禁渔，渔民乐。", B),
        ("\u3000\u3000转产上岸。", B),
    )
    assert join_body(rows, 8) == ["湖区今年起全面禁渔，渔民乐。", "转产上岸。"]
    unindented = [RoleLine(x.text.strip(), x.role) for x in rows]
    assert join_body(unindented, 8) == ["湖区今年起全面禁渔，渔民乐。转产上岸。"]


def test_a_subhead_is_a_paragraph_of_its_own() -> None:
    rows = lines(("正文说到这里，", B), ("新的篇章", H), ("接着说。", B))
    assert join_body(rows, 0) == ["正文说到这里，", "新的篇章", "接着说。"]


def test_unwrapped_lines_are_paragraphs_unless_they_end_mid_sentence() -> None:
    rows = lines(("湖区今年起全面禁渔。", B), ("渔民们说，", B), ("日子越过越好。", B))
    assert join_body(rows, 0) == ["湖区今年起全面禁渔。", "渔民们说，日子越过越好。"]


def test_a_repeated_paragraph_is_kept_once() -> None:
    built = build(("标题", T), ("湖区今年起全面禁渔。", B), ("渔民转产。", B), ("渔民转产。", B))
    assert built.article.body == "湖区今年起全面禁渔。\n渔民转产。"
    assert built.duplicates == ["渔民转产。"]


@pytest.mark.parametrize(("last", "truncated"), [("日子越过越好。", False), ("日子越过", True)])
def test_truncated_when_the_last_text_line_ends_mid_sentence(last: str, truncated: bool) -> None:
    assert build(("标题", T), ("渔民转产，", B), (last, B)).article.truncated is truncated


def test_date_and_page_are_left_to_the_caller() -> None:
    a = build(("标题", T), ("本报3月2日讯 正文。", B)).article
    assert (a.date, a.page, a.source) == ("", "", "")


# -- conservation --------------------------------------------------------------------------

POOL = [
    "湖区今年起全面禁渔，",
    "渔民转产上岸。",
    "\u3000\u3000本报杭州3月2日电（记者 林晓 周明）今天，",
    "本报讯(钱 多)",
    "【新华社杭州二日电】",
    "□湖州日报/南太湖新闻记者 周明",
    "■湖州财经日报/首页新闻 记者 周明 通讯员 钱多多",
    "林晓、周明",
    "文/图 林晓",
    "林晓摄（影像中国）",
    "本报记者  林  晓文  新华社记者  周  明摄",
    "（本报记者林晓、周明、钱多多）",
    "（本报柏林3月2日电  记者林晓）",
    "（作者为湖州师范学院教授）",
    "本版制图：林晓",
    "新华社发",
    "核心阅读",
    "■湖边的新栈道。",
    "春 耕 纪 事",
    "（城市笔记）",
    "Smart City",
    "记者从会上获悉，",
    "（",
    "）",
    "、",
    "摄",
    "",
    "   ",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(POOL) | st.text(max_size=12),
            st.sampled_from(R.ROLES),
            st.integers(min_value=0, max_value=2),
        ),
        max_size=12,
    ),
    st.sampled_from((0, 6, 10, 16)),
)
def test_no_character_is_ever_lost(rows: list[tuple[str, str, int]], width: int) -> None:
    role_lines = [RoleLine(*row) for row in rows]
    built = build_article(role_lines, width)
    assert not lost(role_lines, built)


def test_a_correspondent_line_is_no_dateline() -> None:
    built = build_article(lines(("会议召开", T), ("本报通讯员 钱多多 今天上午，会议召开。", B)), 0)
    assert built.article.dateline == ""


def test_a_second_headline_run_is_a_subtitle_not_part_of_the_title() -> None:
    rows = lines(("会议召开", T), (LONG_TEXT, B), ("项目签约", T))
    built = build_article(rows, 0)
    assert built.article.title == "会议召开"
    assert "项目签约" in built.article.subtitles


def test_two_decks_called_title_are_told_apart_by_the_blank_line_between_them() -> None:
    rows = [
        RoleLine("反应迟缓缺统筹 应对不力遭诟病", T),
        RoleLine("湖州新建生态绿道百公里", T, blank_before=1),
        RoleLine(LONG_TEXT, B),
    ]
    built = build_article(rows, 0)
    assert built.article.title == "湖州新建生态绿道百公里"
    assert built.article.subtitles == ["反应迟缓缺统筹 应对不力遭诟病"]


def test_a_jump_marker_and_a_short_heading_are_paragraphs_of_their_own() -> None:
    """A continued part opens with its jump line and a jump headline: neither is glued to
    the sentence after it (so the join with the first part reads as one sentence)."""
    built = build(
        ("（上接第1版）", B),
        ("经济工作会议", B, 1),
        ("高质量发展取得新成效。王刚要求，确保完成全年目标任务。", B, 1),
        ("会议还对安全生产工作进行了部署。", B, 1),
    )
    assert built.article.body.split("\n")[:2] == ["（上接第1版）", "经济工作会议"]


def test_a_short_fragment_broken_off_a_sentence_stays_in_it() -> None:
    """An unwrapped page split a sentence at a blank line: the short piece is no heading."""
    built = build(("标题", T), ("会议开始。", B), ("随后他强调", B), ("“要抓紧落实。”", B, 1))
    assert built.article.body == "会议开始。\n随后他强调“要抓紧落实。”"


def test_a_short_heading_between_wrapped_paragraphs_is_its_own_paragraph() -> None:
    built = build(
        ("标题", T),
        ("今年的工作取得了新的成", B),
        ("效。", B),
        ("问得特别细", B),
        ("总书记把咱老百姓当亲人", B),
        ("。", B),
        width=11,
    )
    assert built.article.body.split("\n") == [
        "今年的工作取得了新的成效。",
        "问得特别细",
        "总书记把咱老百姓当亲人。",
    ]


def test_a_heading_wrapped_over_two_lines_is_its_own_paragraph() -> None:
    """A full line that closes no sentence, then one well short of the column: a heading
    wrapped in the text, not the start of the sentence below it."""
    built = build(
        ("标题", T),
        ("支部学习委员、人民日报社副总", B),
        ("编辑主持。", B),
        ("摒弃速度情结，重申新发展理念，", B),
        ("有极其重要的现实意义", B),
        ("理念是行动的先导。发展理念不会", B),
        ("一成不变。", B),
        width=15,
    )
    assert built.article.body.split("\n") == [
        "支部学习委员、人民日报社副总编辑主持。",
        "摒弃速度情结，重申新发展理念，有极其重要的现实意义",
        "理念是行动的先导。发展理念不会一成不变。",
    ]
    # a sentence broken at a short line ending in a word that needs more (的) goes on
    built = build(
        ("标题", T),
        ("支部学习委员、人民日报社副总", B),
        ("编辑主持。", B),
        ("展望二〇二〇，加速奔跑的华为", B),
        ("云创造超越想象的", B),
        ("未来。", B),
        width=15,
    )
    assert built.article.body.split("\n")[1] == "展望二〇二〇，加速奔跑的华为云创造超越想象的未来。"


@pytest.mark.parametrize(
    ("lead", "names"),
    [
        ("新华社北京1月10日电 记者王晓东、李明报道：今年春运今天启动。", ["王晓东", "李明"]),
        ("本报哈尔滨1月9日电 记者 张伟 报道 今年春运今天启动。", ["张伟"]),
    ],
)
def test_an_unbracketed_reporter_credit_after_the_dateline_is_the_byline(
    lead: str, names: list[str]
) -> None:
    rows = lines(("标题", T), (lead, B))
    built = build_article(rows, 0)
    assert built.article.byline == names
    assert built.article.body == "今年春运今天启动。"
    assert not lost(rows, built)


def test_a_sentence_about_reporters_after_the_dateline_stays_body() -> None:
    built = build(("标题", T), ("本报北京1月9日电 记者从交通运输部获悉，春运今天启动。", B))
    assert built.article.byline == []
    assert built.article.body == "记者从交通运输部获悉，春运今天启动。"


def test_a_jump_line_in_the_headline_is_no_part_of_the_title() -> None:
    """``（上接第1版）`` set above a continued part's jump headline: the title is the
    headline; the marker is kept (as a subtitle) for the join with the first part."""
    built = build(
        ("（上接第1版）", T), ("经济工作会议", T), ("会议还对安全生产工作进行了部署。", B)
    )
    assert built.article.title == "经济工作会议"
    assert built.article.subtitles == ["（上接第1版）"]


def test_a_kicker_below_the_title_is_the_title_run_on_or_a_subtitle() -> None:
    """A kicker stands above its title: a line the model calls kicker below the title is
    the title's second line (no blank between) or, set apart, a subtitle."""
    head = [("国防部征兵办", K), ("面向普通高校毕业生", T)]
    text = ("今年从普通高校毕业生中直接招收士官工作全面展开。", B, 1)
    article = build(*head, ("直招士官", K), text).article
    assert article.title == "面向普通高校毕业生直招士官"
    assert article.subtitles == ["国防部征兵办"]
    article = build(*head, ("直招士官网上报名开通", K, 1), text).article
    assert article.title == "面向普通高校毕业生"
    assert article.subtitles == ["国防部征兵办", "直招士官网上报名开通"]


def test_a_comma_that_parts_no_names_makes_a_sentence_not_a_credit() -> None:
    from store.parse.layout.fields import parse_people

    assert parse_people("，□记者 白晓 报道") is None  # a sentence's tail wrapped onto the line
    found = parse_people("□记者 王观，李华 报道")
    assert found is not None and found.names == ["王观", "李华"]


def test_a_letters_signature_stays_in_the_body_and_is_no_sub_heading() -> None:
    built = build(
        ("习近平致信祝贺农业大学建校110周年", T),
        ("贺信全文如下：", B),
        ("希望你们为推进农业农村现代化作出新的更大贡献。", B),
        ("习近平", H),
        ("2020年1月5日", H),
        ("一、强化政策支持", H),
        ("各地加大政策支持力度。", B),
    )
    assert built.article.subtitles == ["一、强化政策支持"]
    assert "习近平\n2020年1月5日" in built.article.body


def test_a_closing_credit_read_as_text_is_the_byline() -> None:
    built = build(
        ("争做表率 彰显担当", T),
        ("一块块全国文明单位的招牌，正被擦", B),
        ("拭得越来越亮。", B),
        ("（本报记者贺林平、王昊男、游仪、", B),
        ("潘俊强、王沛）", B),
    )
    assert built.article.byline == ["贺林平", "王昊男", "游仪", "潘俊强", "王沛"]
    assert built.article.body == "一块块全国文明单位的招牌，正被擦拭得越来越亮。"
    # a bracket of bare names, with no role word, is the text's own
    aside = build(("座谈会召开", T), ("与会者发言踊跃。", B), ("（张明、李华）", B))
    assert aside.article.byline == [] and aside.article.body.endswith("（张明、李华）")


def test_a_staff_line_closing_the_text_is_the_byline_without_the_desk() -> None:
    # 新京报's last line: the reporter, then the editor and the proof-reader
    built = build(
        ("扶贫医生进村义诊", T),
        ("　　近日，扶贫医生深入农村为村民义诊，村民们纷纷点赞。", B),
        ("　　新京报记者 郑雪 编辑 吴昊 校对 刘洋", B),
    )
    assert built.article.byline == ["郑雪"]
    assert built.article.body == "近日，扶贫医生深入农村为村民义诊，村民们纷纷点赞。"
    # wrapped over two lines at a narrow column
    wrapped = build(
        ("扶贫医生进村义诊", T),
        ("近日，扶贫医生深入农村为村", B),
        ("民义诊。", B),
        ("新京报记者 郑雪 编辑 吴", B),
        ("昊 校对 刘洋", B),
    )
    assert (
        wrapped.article.byline == ["郑雪"]
        and wrapped.article.body == "近日，扶贫医生深入农村为村民义诊。"
    )


def test_a_desk_line_without_reporters_stays_in_the_text() -> None:
    built = build(("座谈会召开", T), ("与会者发言踊跃。", B), ("编辑 吴昊 校对 刘洋", B))
    assert built.article.byline == [] and built.article.body.endswith("编辑 吴昊 校对 刘洋")
