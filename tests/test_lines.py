"""Line shapes of Chinese news pages: bylines, datelines, credits, names, headlines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.parse.lines import (
    is_closed,
    is_headline_candidate,
    looks_like_name,
    match_dateline,
    parse_byline,
    parse_paren_trailer,
    squeeze,
)
from store.parse.segment import segment_text


@pytest.mark.parametrize(
    ("line", "outlet", "names"),
    [
        ("□青岛日报/观海新闻记者 耿婷婷", "青岛日报/观海新闻", ["耿婷婷"]),
        (
            "■青岛财经日报/首页新闻 记者 封满楼 通讯员 肖玲玲",
            "青岛财经日报/首页新闻",
            ["封满楼", "肖玲玲"],
        ),
        ("□记者 白晓 报道", "", ["白晓"]),
        ("□ 本报记者 杨国胜 薄克国", "", ["杨国胜", "薄克国"]),
        ("□青岛日报/观海新闻记者 孙 欣", "青岛日报/观海新闻", ["孙欣"]),
        ("通讯员 冉 茂", "", ["冉茂"]),
        ("文/记者 赵六 图/记者 钱七", "", ["赵六", "钱七"]),
        ("文/赵六", "", ["赵六"]),
        # a reporter's grade or medium before 记者, a commentator, 文/图, a role after a name
        ("见习记者 叶霖", "", ["叶霖"]),
        ("本报全媒体记者 王五 实习生 赵六", "", ["王五", "赵六"]),
        ("融媒体记者 张三 通讯员 李四", "", ["张三", "李四"]),
        ("首席记者 张三", "", ["张三"]),
        ("本报特约评论员 张三", "", ["张三"]),
        ("文/图 李媛 肖玲玲", "", ["李媛", "肖玲玲"]),
        ("■本报记者 张三/文 李四/图", "", ["张三", "李四"]),
        ("□文/图 青岛日报/观海新闻记者 张三", "青岛日报/观海新闻", ["张三"]),
        ("郑州晚报记者 吴淑娟 见习记者 叶霖", "郑州晚报", ["吴淑娟", "叶霖"]),
        ("本报驻华盛顿记者 张三", "", ["张三"]),  # this paper's correspondent: no outlet
        # the desk after the reporter (a 新京报 article's last line) wrote nothing
        ("新京报记者 张三 编辑 李四 校对 王五", "新京报", ["张三"]),
        ("记者 张三 李四 责编 王五", "", ["张三", "李四"]),
    ],
)
def test_bylines(line: str, outlet: str, names: list[str]) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.outlet, byline.names) == (outlet, names)


@pytest.mark.parametrize(
    "line",
    [
        "该公司总经理张磊告诉记者，在该笔资金的支",
        "公司总经理姜平全告诉记者 就在近",
        "记者从市委了解到。",
        "图为记者张三在现场采访",
        "文化记者节活动",
    ],
)
def test_body_lines_mentioning_reporters_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("本报12月15日讯 今天，2022 年青岛市国家", "本报12月15日讯"),
        ("本报 12 月 15 日讯 今天上午，市十七届人", "本报12月15日讯"),
        ("本报电 日前，中国水产", "本报电"),
        ("本报青岛讯 12月26日，青岛市政府办公厅", "本报青岛讯"),
        ("青岛财经日报/首页新闻讯 7月6日下午，山", "青岛财经日报/首页新闻讯"),
        ("新华社北京12月15日电（记者 王小明）今天", "新华社北京12月15日电"),
        # the space after it lost in the flattening, the text opening with a date
        ("本报天津5月11日电5月11日，天津市第一中级人民法院", "本报天津5月11日电"),
    ],
)
def test_datelines(line: str, dateline: str) -> None:
    found = match_dateline(line)
    assert found is not None and found[0] == dateline


def test_dateline_credit_in_brackets_goes_to_the_byline() -> None:
    text = (
        "国新办举行发布会\n\n"
        "新华社北京12月15日电（记者 王小明、李华）国务院新闻办公室今天举行发布会。\n"
    )
    (article,) = segment_text(text).articles
    assert article.byline == ["王小明", "李华"]
    assert article.body.startswith("国务院新闻办公室")


def test_trailing_credits_and_names() -> None:
    assert parse_paren_trailer("(本栏目整理：于越 杨瑶)").names == ["于越", "杨瑶"]
    assert parse_paren_trailer("（于越）").names == ["于越"]
    assert looks_like_name("宋晓华") and looks_like_name("孙 欣")
    assert not looks_like_name("高新区") and not looks_like_name("要闻")


def test_headline_candidates() -> None:
    assert is_headline_candidate("青岛：企业海外抢订单，机票政府来买单")
    assert not is_headline_candidate("会。会议听取了各园区及重点功能区")
    assert not is_headline_candidate("调整机遇期，帮助本地外贸企业赴海外拓市场、")


def test_squeeze_removes_letter_spacing_but_keeps_phrase_spaces() -> None:
    assert squeeze("市 十 七 届 人 大 常 委 会") == "市十七届人大常委会"
    assert squeeze("本报 12 月 15 日讯") == "本报12月15日讯"
    assert squeeze("创新加码 开放升级") == "创新加码 开放升级"
    assert squeeze("AI 机器 and 评审") == "AI 机器 and 评审"


@given(st.text(alphabet="。！？!?…”’」』）)》〉】，a 中\t", max_size=8))
def test_is_closed_reads_the_line_end_as_its_pattern_says(line: str) -> None:
    """``is_closed`` reads the end of the line without a regex; it means ``_CLOSED_RE``."""
    from store.parse.lines import _CLOSED_RE

    assert is_closed(line) == bool(_CLOSED_RE.search(line.rstrip()))
