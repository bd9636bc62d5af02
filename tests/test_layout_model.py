"""The page model's label scheme and its use: labels say where every line belongs."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from test_layout_generate import _record

from store.parse.layout import labels as LB
from store.parse.layout import roles as R
from store.parse.layout.assemble import assemble
from store.parse.layout.features import line_features, page_stats
from store.parse.layout.generate import generate_pages, parse_record
from store.parse.layout.labels import encode, opens_article, role_of
from store.parse.layout.model import (
    _model,
    bylines_read_as_headings,
    label_lines,
    mend_broken_decks,
    mend_byline_openings,
    mend_headless_texts_over_waiting_heads,
    mend_heads_over_bylines,
    mend_nameless_bylines,
    mend_run_on_page_titles,
    mend_wrapped_subheadings,
    mend_wrapped_text_lines,
    trained_digest,
)
from store.parse.layout.page import segment_page
from store.parse.segment import split_long_lines


@pytest.fixture(scope="module")
def pages() -> list[R.GeneratedPage]:
    sources = [parse_record(_record(k)) for k in range(40)]
    return list(generate_pages(150, 3, sources))


def test_gold_labels_assemble_back_into_the_gold_articles(pages: list[R.GeneratedPage]) -> None:
    """Encoding then assembling is lossless: the zone labels can express every layout."""
    for page in pages:
        texts = [line.text for line in page.lines]
        index = [i for i, line in enumerate(page.lines) if line.role != R.BLANK]
        labels = encode(page.lines)
        parts = assemble(texts, index, labels)
        want: dict[int, list[str]] = {}
        for line in page.lines:
            if line.article >= 0 and line.role != R.BLANK:
                want.setdefault(line.article, []).append(line.text)
        got = [[x.text for x in article] for article in parts.articles]
        assert got == [want[k] for k in sorted(want)], page.layout
        assert parts.page_lines == [x.text for x in page.lines if x.role == R.PAGE]


def test_each_article_opens_once_and_roles_survive(pages: list[R.GeneratedPage]) -> None:
    for page in pages:
        labels = encode(page.lines)
        roles = [line.role for line in page.lines if line.role != R.BLANK]
        assert [role_of(label) for label in labels] == [
            R.LEFTOVER if r == R.LEFTOVER else r for r in roles
        ]
        assert sum(opens_article(x) for x in labels) == len(
            {line.article for line in page.lines if line.role == R.BODY}
        )


def test_headline_after_its_text_is_labelled_as_closing_that_article() -> None:
    lines = [
        R.PageLine("本报讯 今天上午，会议在市里召开。", R.BODY, 0),
        R.PageLine("会议召开", R.TITLE, 0),
        R.PageLine("本报讯 昨天，项目签约。", R.BODY, 1),
    ]
    assert encode(lines) == ["Bn", "Ta", "Bh"]


def test_column_width_is_read_from_the_page() -> None:
    rng = random.Random(1)
    text = "".join(rng.choice("青岛日报记者今天上午会议召开，。") for _ in range(400))
    wrapped = [text[i : i + 17] for i in range(0, len(text), 17)]
    assert page_stats(wrapped).width == 17
    assert page_stats(wrapped).wrapped
    free = [text[: 30 + 7 * k] for k in range(12)]
    assert not page_stats(free).wrapped


def test_features_skip_blank_lines_and_see_their_neighbours() -> None:
    index, items, _ = line_features(["标题", "", "   ", "本报北京1月5日电 今天，会议召开。"])
    assert index == [0, 3]
    assert "dateline" in items[1] and "1:dateline" in items[0]
    assert "bb=more" in items[1] or "bb=same" in items[1]


def test_gold_label_sequences_obey_the_zone_rules(pages: list[R.GeneratedPage]) -> None:
    """The decoder forbids what never happens on a real page, and only that."""
    from store.parse.layout.model import allowed

    for page in pages:
        labels = encode(page.lines)
        for prev, nxt in zip(["", *labels], labels, strict=False):
            assert allowed(prev, nxt), (page.layout, prev, nxt)


def test_a_few_long_lines_among_short_ones_are_no_column_width() -> None:
    """A small unwrapped page (one line a paragraph, short header lines) has no width."""
    texts = ["2020年1月6日 星期一", "第4版 综合", "（上接第1版）", "经济工作会议"]
    texts += ["高质量发展取得新成效。王刚要求，各级各部门要坚定信心，真抓实干。"] * 2
    assert not page_stats(texts).wrapped


def test_cohesion_drops_where_the_topic_changes() -> None:
    from store.parse.layout import lexical as X

    sport = ["中国女排在东京奥运会预选赛中战胜对手，朱婷扣球得分，女排姑娘们庆祝胜利。"] * 3
    farm = ["小麦播种面积扩大，农民合作社引进烘干设备，粮食产量稳步增长，种粮收益提高。"] * 3
    grams = [X.content_bigrams(t) for t in sport + farm]
    skip = [False] * len(grams)
    inside, across = X.cohesion(grams, 2, skip), X.cohesion(grams, 3, skip)
    assert inside is not None and across is not None
    assert across < 0.05 < inside


def test_a_headline_shares_words_with_its_own_text() -> None:
    from store.parse.layout import lexical as X

    texts = ["粮食产量稳步增长，农民合作社引进烘干设备。", "女排夺冠"]
    texts.append("中国女排战胜对手，夺得冠军。")
    grams = [X.content_bigrams(t) for t in texts]
    after, _lead, before = X.headline_spans(grams, 1, 1, [False, True, False])
    share_after, share_before = X.shares(set(grams[1]), after, before)
    assert share_after > share_before == 0
    assert X.side(share_after, share_before) == "after"


def _mend(
    texts: list[str], labels: list[str], width: int = 0, which: str = "", gap: int = 0
) -> list[str]:
    from store.parse.layout import model as M

    index = [i for i, t in enumerate(texts) if t.strip()]
    assert len(index) == len(labels)
    if which == "box":
        return M.mend_summary_boxes(texts, index, labels, width, gap)
    if which == "bracket":
        return M.mend_open_brackets(texts, index, labels)
    return M.mend_headline_blocks(texts, index, labels, width)


def test_a_line_below_a_headline_line_with_no_blank_between_is_headline_too() -> None:
    texts = [
        "会议强调，要抓好落实，做好各项工作。",
        "",
        "青岛国家高新区专委会暨重点",
        "功能区高质量发展现场推进会召开",
        "",
        "□记者 刘佳旎",
        "本报12月15日讯 今天上午，会议召开。",
    ]
    labels = ["In", "Ka", "Ia", "Yp", "Bh"]
    assert _mend(texts, labels, width=18) == ["In", "Ka", "Ka", "Yp", "Bh"]
    # a full line of wrapped text stays text
    texts[3] = "功能区高质量发展现场推进会召开了会"
    assert _mend(texts, labels, width=18)[2] == "Ia"


def test_a_short_unpunctuated_line_opening_a_paragraph_above_a_headline_joins_it() -> None:
    texts = [
        "项目路演推介发言。",
        "",
        "2022海内外侨商项目洽谈",
        "推介签约活动在青岛举行",
        "",
        "□记者 刘萍",
        "本报12月15日讯 今天上午，会议召开。",
    ]
    assert _mend(texts, ["In", "In", "Ka", "Yp", "Bh"], width=22) == [
        "In",
        "Ka",
        "Ka",
        "Yp",
        "Bh",
    ]
    # a sentence part (it holds a comma) is text, whatever stands below it
    texts[2] = "活动中，各方集中签约"
    assert _mend(texts, ["In", "In", "Ka", "Yp", "Bh"], width=22)[1] == "In"


def test_a_summary_box_holds_the_paragraph_below_its_head() -> None:
    texts = [
        "国足踏出重建第一步",
        "",
        "核心阅读",
        "",
        "中国男足新一期集训已然开",
        "启，新一任主教练正式亮相。",
        "",
        "1月5日，新任中国国家男子",
        "足球队主教练在北京亮相。",
    ]
    labels = ["Tp", "Hp", "Bh", "Ih", "Ih", "Ih"]
    assert _mend(texts, labels, width=13, which="box") == ["Tp", "Mp", "Mp", "Mp", "Bh", "Ih"]
    # a dateline ends the box even where no blank line parts it from the box
    dated = [*texts[:6], "本报北京1月5日电 新任中国", "国家男子足球队主教练亮相。"]
    assert _mend(dated, labels, width=13, which="box", gap=1) == [
        "Tp",
        "Mp",
        "Mp",
        "Mp",
        "Bh",
        "Ih",
    ]
    # the text opening with a dateline right below the head: no box to find
    texts[4] = "本报北京1月5日电 中国男足"
    assert _mend(texts, labels, width=13, which="box") == labels


def test_a_bracket_closed_on_the_next_line_keeps_the_credit_whole() -> None:
    texts = [
        "一块块招牌正被擦拭得越来越亮。",
        "（本报记者贺林平、王昊男、游仪、",
        "潘俊强、王沛）",
        "",
        "复学啦",
        "5月13日，广西桂林市小学复学。",
    ]
    labels = ["Ih", "Rh", "Tp", "Tp", "Bh"]
    assert _mend(texts, labels, which="bracket") == ["Ih", "Rh", "Rh", "Tp", "Bh"]


def test_a_headline_block_with_no_blank_line_inside_belongs_to_one_article() -> None:
    from store.parse.layout.model import mend_headline_runs

    # text, then its headline (three lines), then the next article's two-line headline
    index = [0, 2, 3, 4, 7, 8, 9]
    labels = ["In", "Ka", "Ta", "Kw", "Tw", "Tp", "Bh"]
    assert mend_headline_runs(index, labels) == ["In", "Ka", "Ta", "Ka", "Tp", "Tp", "Bh"]
    # a blank line between the decks: two blocks, each may go its own way
    index = [0, 2, 4, 5]
    assert mend_headline_runs(index, ["In", "Ta", "Tp", "Bh"]) == ["In", "Ta", "Tp", "Bh"]


def test_one_command_trains_a_model_and_leaves_the_shipped_one_alone(tmp_path) -> None:
    """``python -m store.parse.layout.train --out X`` writes a model the decoder loads and its
    bigram list beside it; the shipped model and list are untouched."""
    from pathlib import Path

    from store.parse.layout import lexical
    from store.parse.layout import train as T
    from store.parse.layout.model import MODEL_PATH, LayoutModel

    if not T.DEFAULT_CORPUS.exists():
        pytest.skip("training corpus not here")
    shipped = {p: p.read_bytes() for p in (MODEL_PATH, lexical.COMMON_PATH)}
    out = tmp_path / "experiments" / "tiny.npz"  # a directory not made yet
    try:
        args = ["--pages", "5", "--check-pages", "2", "--max-iter", "2", "--seed-variants", "0"]
        assert T.main([*args, "--out", str(out)]) == 0
    finally:
        lexical.COMMON_PATH = Path(lexical.__file__).with_name("common_bigrams.txt")
        lexical.common_bigrams.cache_clear()
    assert LayoutModel.load(out).labels
    assert (out.parent / "tiny.common_bigrams.txt").read_text("utf-8").split()
    assert all(p.read_bytes() == data for p, data in shipped.items())
    # the model carries the fingerprint of its training data; other settings, another one
    assert len(trained_digest(out)) == 64 and trained_digest(out) != trained_digest()


def test_the_shipped_page_model_was_trained_on_what_training_makes_now() -> None:
    """The decoder reads lines with today's features, so the shipped model must have been
    trained on them: a change to the line features, the page generator or the seed reading
    needs ``python -m store.parse.layout.train`` run again (the mend passes after decoding
    were then fitted to a model the command no longer builds)."""
    from store.parse.layout import train as T

    if not T.DEFAULT_CORPUS.exists():
        pytest.skip("training corpus not here")
    assert trained_digest() == T.expected_digest(), (
        "the page model's training data changed: retrain with python -m store.parse.layout.train"
    )


def test_a_line_too_long_for_any_headline_is_never_read_as_one() -> None:
    """A file that lost its line breaks is cut into 2,000-character pieces; none of them
    is a headline, however little punctuation it has."""
    text = split_long_lines("本报电 " + "青岛高新区发展迅速" * 2_000 + "。")
    texts = text.split("\n")
    index, labels, _ = label_lines(texts)
    long = [label for k, label in zip(index, labels, strict=True) if len(texts[k]) > 80]
    assert len(long) > 5
    assert not [x for x in long if LB.is_headline(x) or x[:1] == "H"]


def _gap_page(title: str) -> tuple[list[str], list[int], list[str]]:
    """Four articles parted by two blank lines (paragraphs by one); the fourth's title was
    read as text."""
    texts = [
        "港口新航线开通",
        "　　本报讯 港口昨日开通新航线，",
        "每周两班。",
        "",
        "",
        "校园书香节启动",
        "　　本报讯 全市书香节昨日启动，",
        "百所学校参加。",
        "",
        "",
        "老城区管网改造完工",
        "　　本报讯 老城区管网改造昨日完工，",
        "惠及三万户。",
        "",
        "　　改造历时半年。",
        "",
        "",
        title,
        "　　本报讯 新建的城市绿道昨日开放，",
        "全长二十公里。",
    ]
    index = [i for i, t in enumerate(texts) if t]
    labels = ["Tp", "Bh", "Ih", "Tp", "Bh", "Ih", "Tp", "Bh", "Ih", "Ih", "Ih", "Ih", "Ih"]
    return texts, index, labels


def test_a_headline_after_the_pages_article_gap_opens_an_article() -> None:
    from store.parse.layout.model import mend_page_gaps

    texts, index, labels = _gap_page("城市绿道开放")
    out = mend_page_gaps(texts, index, labels, gap=1, width=16)
    assert out[10:12] == ["Tp", "Bh"] and out[:10] == labels[:10]
    # a sentence after the gap stays text
    texts, index, labels = _gap_page("城市绿道昨日开放。")
    assert mend_page_gaps(texts, index, labels, gap=1, width=16) == labels
    # so does anything where a wide gap is no convention: the page's paragraphs are parted
    # by two blank lines, or the wide gaps stand at one article's opening only
    texts, index, labels = _gap_page("城市绿道开放")
    assert mend_page_gaps(texts, index, labels, gap=2, width=16) == labels
    labels[3:5] = ["Ih", "Ih"]
    assert mend_page_gaps(texts, index, labels, gap=1, width=16) == labels


def test_rebuilding_the_shipped_page_model_rebuilds_the_headline_models_too(
    tmp_path, monkeypatch
) -> None:
    """The one training command leaves no shipped model stale: after the page model it
    trains the headline-deck models from the same corpus."""
    from store.parse.layout import lexical
    from store.parse.layout import train as T

    if not T.DEFAULT_CORPUS.exists():
        pytest.skip("training corpus not here")
    calls: list[list[str]] = []
    out = tmp_path / "layout_model.npz"
    monkeypatch.setattr(T, "MODEL_PATH", out)
    monkeypatch.setattr(lexical, "COMMON_PATH", tmp_path / "common_bigrams.txt")
    monkeypatch.setattr(T.train_heads, "main", lambda argv: calls.append(argv) or 0)
    try:
        args = ["--pages", "5", "--check-pages", "2", "--max-iter", "2", "--seed-variants", "0"]
        assert T.main([*args, "--out", str(out)]) == 0
    finally:
        lexical.common_bigrams.cache_clear()
    assert calls == [["--corpus", str(T.DEFAULT_CORPUS)]]


def test_a_second_headline_after_an_article_headed_above_goes_to_the_next_text() -> None:
    """``Tp Bn … Ka Ta Yp Bh``: the article above already has its headline; the kicker and
    title printed after its text head the next article, whose text has none above it."""
    from store.parse.layout.model import mend_second_headlines

    labels = ["P", "Tp", "Sp", "Yp", "Bn", "In", "In", "Ka", "Ta", "Ta", "Yp", "Bh", "Ih"]
    assert mend_second_headlines(labels) == [
        "P", "Tp", "Sp", "Yp", "Bh", "Ih", "Ih", "Kp", "Tp", "Tp", "Yp", "Bh", "Ih"
    ]  # fmt: skip
    # an article whose headline comes after its text only, or a next text headed of its
    # own, are left as read
    alone = ["Bn", "In", "Ta", "Bh", "Ih"]
    assert mend_second_headlines(alone) == alone
    headed = ["Tp", "Bn", "In", "Ta", "Tp", "Bh", "Ih"]
    assert mend_second_headlines(headed) == headed


def test_a_headline_above_a_dateline_inside_a_text_opens_the_next_article() -> None:
    from store.parse.layout.model import mend_dateline_openings

    texts = [
        "城市绿道开放",
        "本报讯 昨天，全长二十公里的城市绿道",
        "向市民开放，沿途设有十个驿站。",
        "",
        "全省春耕生产全面展开",
        "本报济南3月2日电3月2日，全省春耕生产",
        "全面展开，农机手们忙着下田。",
    ]
    index = [i for i, t in enumerate(texts) if t]
    labels = ["Tp", "Bh", "Ih", "Hh", "Ih", "Ih"]
    out = mend_dateline_openings(texts, index, labels, width=18)
    assert out == ["Tp", "Bh", "Ih", "Tp", "Bh", "Ih"]
    # after a sentence cut off mid-way the line is no headline of a new article
    texts[2] = "向市民开放，沿途设有十个驿站和"
    assert mend_dateline_openings(texts, index, labels, width=18) == labels


def test_a_headless_text_on_a_page_headed_after_takes_the_headline_below_it() -> None:
    """``Bn … Ta / Yp Bh … Tp Tp / Bh``: the page opens with text headed after it; the
    second text, read as headed above although nothing heads it, is headed by the block
    printed below it (else every headline from there on goes to the text after its own)."""
    from store.parse.layout.model import mend_after_layout_runs

    labels = ["Bn", "In", "Ta", "Yp", "Bh", "Ih", "Tp", "Tp", "Yp", "Bh", "Ih", "Tp"]
    index = [0, 1, 3, 5, 6, 7, 9, 10, 12, 13, 14, 16]
    assert mend_after_layout_runs(index, labels) == [
        "Bn", "In", "Ta", "Yp", "Bn", "In", "Ta", "Ta", "Yp", "Bn", "In", "Ta"
    ]  # fmt: skip
    # a page that opens with a headline above its text is left as read
    headed = ["Tp", "Bh", "Ih", "Tp", "Bh", "Ih"]
    assert mend_after_layout_runs([0, 1, 2, 4, 5, 6], headed) == headed
    # so is a text with a headline of its own above it
    own = ["Bn", "In", "Ta", "Tp", "Bh", "Ih", "Tp", "Bh"]
    assert mend_after_layout_runs([0, 1, 3, 5, 6, 7, 9, 10], own) == own


def test_the_first_text_of_a_page_opens_an_article(pages: list[R.GeneratedPage]) -> None:
    """Page labels at the top let the label chain start anywhere; the first text under
    them continues nothing, so it opens an article (a headline above it, or its first
    body line), and its headline printed below it can be its own."""
    texts = ["第4版", "理论", "", *_page_text_from_the_body_on(pages)]
    _, labels, _ = label_lines(texts)
    first = next(x for x in labels if LB.zone_of(x))
    assert LB.zone_of(first) in LB.HEAD_ZONES or opens_article(first)
    for page in pages:
        _, labels, _ = label_lines([line.text for line in page.lines])
        first = next((x for x in labels if LB.zone_of(x)), None)
        assert first is None or LB.zone_of(first) in LB.HEAD_ZONES or opens_article(first)


def _page_text_from_the_body_on(pages: list[R.GeneratedPage]) -> list[str]:
    """A page's lines from its first article's first body line on (its headline printed
    after it, or cut off above)."""
    for page in pages:
        lines = page.lines
        body = next(k for k, line in enumerate(lines) if line.role == R.BODY)
        if body > 0 and lines[body].article == 0:
            return [line.text for line in lines[body:]]
    raise AssertionError("no page opens with a headline above its text")


PAGES = Path(__file__).with_name("pages")


def _page_articles(name: str) -> list[dict]:
    """The articles found on the test page ``tests/pages/NAME``, as dicts."""
    text = (PAGES / name).read_text(encoding="utf-8")
    return [a.to_dict() for a in segment_page(text, "page.txt").articles]


def test_a_title_and_reporters_between_two_unrelated_reports_open_the_second() -> None:
    # two reports, each a title, a '南方日报记者 X 通讯员 Y' line and indented text: the page
    # model alone reads the second title and byline as a sub-heading inside the first
    articles = _page_articles("two_reports_each_with_its_reporters.txt")
    assert [(a["title"], a["byline"]) for a in articles] == [
        ("双品网购节 升温新消费（消费万花筒）", ["孙立平", "王轶辰"]),
        ("吃野味会打开“潘多拉魔盒”（议政建言）", ["吴昊", "周静"]),
    ]


def _sections(second_topic: str) -> tuple[list[str], list[int], list[str]]:
    first = "社区防控工作人员逐户排查，社区防控志愿者守好小区门口，社区防控措施落实到位。"
    texts = [first] * 4 + ["一名党员一幢楼", "本报记者 李中文 窦瀚洋", second_topic * 4]
    labels = ["Bh", "Ih", "Ih", "Ih", "Hh", "Hh", "Ih"]
    return texts, list(range(len(texts))), labels


def test_reporters_under_a_sub_heading_of_one_topic_stay_a_section_of_the_roundup() -> None:
    same = "社区防控工作人员逐户排查，党员守好社区防控的每一幢楼，社区防控不留死角。"
    assert bylines_read_as_headings(*_sections(same)) == []


def test_reporters_under_a_heading_between_unrelated_texts_are_a_byline() -> None:
    other = "铁路货运量稳步回升，港口集装箱吞吐量同比增长，外贸订单陆续恢复。"
    assert bylines_read_as_headings(*_sections(other)) == [5]


def test_a_credit_for_compiled_text_is_not_taken_for_a_byline() -> None:
    other = "铁路货运量稳步回升，港口集装箱吞吐量同比增长，外贸订单陆续恢复。"
    texts, index, labels = _sections(other)
    texts[5] = "本报记者 王云娜整理"
    assert bylines_read_as_headings(texts, index, labels) == []


def test_on_a_page_of_run_on_paragraphs_a_line_between_blanks_on_a_new_subject_is_a_title() -> None:
    # paragraphs follow each other with no blank line; blank lines stand only around the
    # titles. The model alone read the fourth title as a sub-heading of the third article.
    articles = _page_articles("run_on_paragraphs_blank_lines_between_articles.txt")
    assert [a["title"] for a in articles] == [
        "双品网购节 升温新消费（消费万花筒）",
        "吃野味会打开“潘多拉魔盒”（议政建言）",
        "专题调研 不负信任（代表委员履职故事）",
        "过度的旅行限制措施将带来不利影响",
    ]
    # the sub-headings inside the articles stay theirs; a sentence whose full stop wrapped
    # onto the next line is no sub-heading
    assert articles[0]["subtitles"] == []
    assert "“双品网购节”得到线上线下商家的积极参与。苏宁" in articles[0]["body"].replace("\n", "")
    assert articles[2]["subtitles"] == ["“闲不下来”与“还不够”（记者手记）"]
    assert articles[3]["body"].startswith("联合国世界旅游组织")


def _run_on_page(third_topic: str) -> tuple[list[str], list[int], list[str]]:
    first = "社区防控工作人员逐户排查，社区防控志愿者守好小区门口，社区防控措施落实到位。"
    other = "铁路货运量稳步回升，港口集装箱吞吐量同比增长，外贸订单陆续恢复。"
    texts = ["社区防控见实效", "", first, first, first, "", "一名党员一幢楼", "", third_topic]
    texts += [third_topic, "", "货运回升", "", other, other]
    labels = ["Tp", "Bh", "Ih", "Ih", "Hh", "Ih", "Ih", "Tp", "Bh", "Ih"]
    index = [i for i, t in enumerate(texts) if t]
    return texts, index, labels


def test_a_run_on_page_heading_above_the_same_subject_stays_a_sub_heading() -> None:
    same = "党员守好社区防控的每一幢楼，社区防控工作人员逐户排查，社区防控不留死角。"
    texts, index, labels = _run_on_page(same)
    assert mend_run_on_page_titles(texts, index, labels, 0) == labels


def test_a_run_on_page_heading_above_another_subject_opens_an_article() -> None:
    texts, index, labels = _run_on_page(
        "春季植树造林全面展开，各地苗木供应充足，义务植树活动有序进行。"
    )
    mended = mend_run_on_page_titles(texts, index, labels, 0)
    assert mended[4:6] == ["Tp", "Bh"] and mended[:4] == labels[:4]


def test_reporters_read_as_the_first_text_line_under_a_title_are_its_byline() -> None:
    texts = ["专题调研 不负信任", "南方日报记者 刘洋 通讯员 周静", "　　一大早，刘蕾赶到", "社区。"]
    index = [0, 1, 2, 3]
    assert mend_byline_openings(texts, index, ["Tp", "Bh", "Ih", "Ih"]) == ["Tp", "Yp", "Bh", "Ih"]
    # a wrapped dateline credit is the text's opening, and a section's reporters under a
    # sub-heading inside an article are left to the model
    dated = ["防控物资免征关税", "本报讯（记者 曲哲涵", "）近日，财政部会同", "海关总署发文。"]
    assert mend_byline_openings(dated, index, ["Tp", "Bh", "Ih", "Ih"]) == ["Tp", "Bh", "Ih", "Ih"]
    section = ["一名党员一幢楼", "本报记者 李中文", "　　社区防控工作", "到位。"]
    assert mend_byline_openings(section, index, ["Hh", "Ih", "Ih", "Ih"]) == [
        "Hh",
        "Ih",
        "Ih",
        "Ih",
    ]


def test_a_closing_dateline_wrapped_over_three_lines_closes_the_article_above() -> None:
    # '（新华社北京1月6日电' / '记者王念、黄浩铭、谢樱、段' / '续）' at a 14-character column:
    # the model alone opened a new article '续）' at the dateline
    articles = _page_articles("closing_dateline_wrapped_over_three_lines.txt")
    assert [a["title"] for a in articles] == ["致富道路越走越稳", "改革激发纪检监察工作新活力"]
    assert articles[0]["dateline"] == "新华社北京1月6日电"
    assert articles[0]["byline"] == ["王念", "黄浩铭", "谢樱", "段续"]
    assert articles[0]["body"].endswith("为贫困群众托起更加幸福的生活。")


def test_reporters_read_as_a_sub_heading_between_unrelated_texts_open_an_article() -> None:
    # title / '南方日报记者 X 通讯员 Y' / text, four times: the model read the second title
    # and its reporters as a sub-heading inside the first article
    articles = _page_articles("reporters_between_unrelated_reports.txt")
    assert [(a["title"], a["byline"]) for a in articles] == [
        ("东西手拉手 共同奔小康（声音）", ["张晓东", "郑雪"]),
        ("一份特殊的通知", ["吴昊", "张晓东"]),
        ("人大常委会决定适当推迟召开十三届全国人大三次会议", ["吴昊", "郑雪"]),
        ("改革激发纪检监察工作新活力", ["吴昊", "周静"]),
    ]


def test_a_page_of_titles_between_blanks_is_not_one_article_waiting_for_its_headline() -> None:
    # four articles, each a title between blank lines above indented paragraphs: the model
    # alone read the page as one text whose headline never comes, the titles inside it
    articles = _page_articles("titles_between_blanks_no_bylines.txt")
    assert [a["title"] for a in articles] == [
        "“蒲甘忘不了中国的支持”",
        "“中国历史和文化令我着迷”（海客谈神州）",
        "加强军人军属、退役军人和其他优抚对象优待工作",
        "湖北坚决问责疫情防控中违反工作纪律、履责不力者",
    ]
    assert articles[1]["subtitles"] == [  # the corpus article's three sub-headings
        "“郑和的传奇故事深深吸引着我，他是一个在亚洲文化和阿拉伯文化中均产生重要影响的人”",
        "“郑和船队以和平之光、希望之光照亮航路”",
        "“我希望读者能够自己去发现书中的奥妙”",
    ]


def _headed_run_breaks(labels: list[str]) -> list[int]:
    """Where a text awaiting its headline below opens right under a head run that holds a
    headline (``Tp Yp Bn``): a contradiction, the headline above being that text's."""
    out, headed = [], False
    for k, label in enumerate(labels):
        if LB.opens_article(label) and LB.zone_of(label) == "n" and headed:
            out.append(k)
        headed = LB.zone_of(label) == "p" and (headed or LB.is_headline(label))
    return out


def test_no_gold_text_awaiting_its_headline_opens_under_a_headline(
    pages: list[R.GeneratedPage],
) -> None:
    for page in pages:
        assert _headed_run_breaks(encode(page.lines)) == [], page.layout


def test_the_decoder_keeps_a_title_and_byline_above_the_text_they_head() -> None:
    # scores that alone would read title / byline / text as headed after it (Tp Yp Bn …):
    # the decoder must not open a text awaiting its headline under a title
    model = _model()
    rows = np.zeros((5, len(model.labels)), dtype=np.float32)
    col = {x: k for k, x in enumerate(model.labels)}
    for k, (label, score) in enumerate(
        [("Tp", 30.0), ("Yp", 30.0), ("Bn", 30.0), ("In", 30.0), ("Ta", 30.0)]
    ):
        rows[k, col[label]] = score
    rows[2, col["Bh"]] = 25.0
    rows[3, col["Ih"]] = 25.0
    rows[4, col["Tp"]] = 25.0
    best = model._decode(rows)
    assert _headed_run_breaks(best) == [] and best[:3] != ["Tp", "Yp", "Bn"]


def test_a_page_of_titles_with_text_and_photo_credits_keeps_every_title_with_its_text() -> None:
    # title / '文/记者 X  图/记者 Y' / blank / text, four times: the model had read the
    # second title as the first text's headline printed after it, and so on down the page
    articles = _page_articles("title_text_and_photo_credits_four_reports.txt")
    assert [(a["title"], a["byline"]) for a in articles] == [
        ("电视专题片《国家监察》即将播出", ["陈思远", "郑雪"]),
        ("无私奉献 守护安宁（为了民族复兴·英雄烈士谱）", ["吴昊", "李娜"]),
        ("党员干部代购 村民居家无忧", ["王轶辰", "刘洋"]),
        ("湖北充实基层救治力量（来自疫情防控一线的报道）", ["赵敏", "张晓东"]),
    ]


def test_a_staff_line_wrapped_at_the_column_closes_its_article_and_heads_nothing() -> None:
    # '新京报记者 李' / '娜 校对 赵敏' tails: the wrapped tail had been read as a title
    articles = _page_articles("staff_line_tails_wrapped.txt")
    assert [(a["title"], a["byline"]) for a in articles] == [
        ("战胜疫情离不开科技支撑（创新谈）", ["刘洋"]),
        ("联合发布二〇一九年“诚信之星”", ["王轶辰"]),
        ("四川去年农膜回收率超八成", ["张晓东"]),
        ("出窑洞 搬上楼（记录中国·暖暖的新家）", ["陈思远"]),
    ]
    assert all("校对" not in a["body"] for a in articles)


def test_a_heading_and_reporters_between_blanks_inside_a_text_open_the_next_article() -> None:
    texts = [
        "一份特殊的通知",
        "南方日报记者 吴昊",
        "",
        "晚7时，四川的会开完了。",
        "",
        "改革激发纪检监察工作新活力",
    ]
    texts += ["南方日报记者 吴昊 通讯员 周静", "", "纪检监察体制改革不断深化。", "成效明显。"]
    index = [i for i, t in enumerate(texts) if t]
    labels = ["Tp", "Yp", "Bh", "Hh", "Hh", "Ih", "Ih"]
    assert mend_heads_over_bylines(texts, index, labels) == [
        "Tp",
        "Yp",
        "Bh",
        "Tp",
        "Yp",
        "Bh",
        "Ih",
    ]
    # a roundup's section: heading and reporters set as its paragraphs, no blank between
    run_on = [t for t in texts if t]
    assert mend_heads_over_bylines(run_on, list(range(len(run_on))), labels) == labels


def test_a_headline_broken_over_two_lines_is_not_split_between_two_articles() -> None:
    texts = ["当日下午，通伦前往天安门广场献花圈。", "李克强同老挝总理", "通伦举行会谈"]
    texts += ["栗战书会见老挝总理通伦", "", "本报北京1月6日电 栗战书6日会见通伦。"]
    index = [i for i, t in enumerate(texts) if t]
    labels = ["In", "Ta", "Tp", "Sp", "Bh"]
    assert mend_broken_decks(texts, index, labels) == ["In", "Ta", "Ta", "Sp", "Bh"]
    # with no headline of its own below, the next article keeps the line it opens with
    assert mend_broken_decks(texts[:3] + texts[4:], [0, 1, 2, 4], ["In", "Ta", "Tp", "Bh"]) == [
        "In",
        "Ta",
        "Tp",
        "Bh",
    ]


def test_a_line_under_a_headline_that_names_nobody_is_no_byline() -> None:
    texts = ["县区新闻", "热闹邻里节 满满“烟火气”", "", "本报讯（记者 王翠）邻里节开幕。"]
    index = [0, 1, 3]
    assert mend_nameless_bylines(texts, index, ["Tp", "Yp", "Bh"]) == ["Tp", "Tp", "Bh"]
    named = ["县区新闻", "文/图 郭敏 余建斌", "", "邻里节开幕。"]
    assert mend_nameless_bylines(named, index, ["Tp", "Yp", "Bh"]) == ["Tp", "Yp", "Bh"]


def test_a_headless_text_takes_the_headline_read_as_waiting_below_it() -> None:
    # text with no headline above / its headline / the next article's headline / its text
    labels = ["Tp", "Bh", "Ih", "Rh", "Bh", "Ih", "Tw", "Tw", "Tp", "Bh", "Ih"]
    assert mend_headless_texts_over_waiting_heads(labels) == [
        "Tp",
        "Bh",
        "Ih",
        "Rh",
        "Bn",
        "In",
        "Ta",
        "Ta",
        "Tp",
        "Bh",
        "Ih",
    ]
    # a waiting headline with no other headline after it is left to the model
    assert mend_headless_texts_over_waiting_heads(labels[:8]) == labels[:8]


def test_a_sub_heading_wrapped_over_two_lines_is_read_whole() -> None:
    texts = [
        "　　卡中友好工作感到幸福与自豪。",
        "　　“郑和的传奇故事深深吸引着我，他是一个在",
        "文化中均产生重要影响的人”",
    ]
    texts += ["　　2015年，哈吉里来到广州。"]
    index = [0, 1, 2, 3]
    assert mend_wrapped_subheadings(texts, index, ["Ih", "Ih", "Hh", "Ih"]) == [
        "Ih",
        "Hh",
        "Hh",
        "Ih",
    ]
    # a sentence run on from a paragraph is no sub-heading's first line
    sentence = [
        "　　卡中友好工作感到幸福与自豪。",
        "　　他说：“郑和的故事吸引着我。他是一个在",
        "文化中均产生重要影响的人”",
    ]
    sentence += texts[3:]
    assert mend_wrapped_subheadings(sentence, index, ["Ih", "Ih", "Hh", "Ih"]) == [
        "Ih",
        "Ih",
        "Hh",
        "Ih",
    ]


def test_a_heading_and_dash_subtitle_between_blanks_inside_a_text_open_the_next_article() -> None:
    texts = ["社区工作者说出了心声。", "", "隔绝疫情，凝聚真情（今日谈）", "——停课不停学！", ""]
    texts += ["“请湖北同胞安心，我们一起共渡难关！”", "这些天，从首都北京到各地。"]
    index = [i for i, t in enumerate(texts) if t]
    labels = ["Ih", "Ih", "Ih", "Ih", "Ih"]
    assert mend_heads_over_bylines(texts, index, labels) == ["Ih", "Tp", "Sp", "Bh", "Ih"]
    # a quotation's source under a line of text is no subtitle
    quoted = [*texts[:2], "　　正如一位网友所说，", *texts[3:]]
    assert mend_heads_over_bylines(quoted, index, labels) == labels


def test_a_run_on_page_with_blanks_only_at_its_heads_needs_one_title_apart() -> None:
    # one article opened by the model, the second's title read as a sub-heading: the page's
    # blank lines all stand at headlines, so blank lines part articles here
    texts, index, labels = _run_on_page(
        "春季植树造林全面展开，各地苗木供应充足，义务植树活动有序进行。"
    )
    labels = [*labels[:7], "Hh", "Ih", "Ih"]
    mended = mend_run_on_page_titles(texts, index, labels, 0)
    assert mended[4:6] == ["Tp", "Bh"]
    # a blank line between two lines of text says blank lines part paragraphs too
    texts[3:3] = [""]
    index = [i for i, t in enumerate(texts) if t]
    assert mend_run_on_page_titles(texts, index, labels, 0) == labels


def test_a_quoted_headline_with_reporters_under_it_inside_a_text_opens_the_next_article() -> None:
    texts = ["“大家参与小区治理，受益的是", "自己。”孙永刚说。", "", "“帮助当地居民解决用水难题”"]
    texts += [
        "南方日报记者 孙立平 通讯员 刘洋",
        "",
        "晨曦初露，9岁的米格尔和弟弟",
        "妹妹们抱着水罐。",
    ]
    index = [i for i, t in enumerate(texts) if t]
    labels = ["Ih", "Ih", "Ih", "Yh", "Ih", "Ih"]
    assert mend_heads_over_bylines(texts, index, labels) == ["Ih", "Ih", "Tp", "Yp", "Bh", "Ih"]
    # the model may already have opened the text under the byline, headless
    opened = ["Ih", "Ih", "Hh", "Rh", "Bh", "Ih"]
    assert mend_heads_over_bylines(texts, index, opened) == ["Ih", "Ih", "Tp", "Yp", "Bh", "Ih"]
    # a quoted sentence is no headline
    said = [*texts[:3], "“帮助当地居民，解决用水难题。”", *texts[4:]]
    assert mend_heads_over_bylines(said, index, labels) == labels


def test_a_line_under_a_full_line_of_text_cut_mid_sentence_is_text() -> None:
    texts = [
        "新华社北京9月1日电（记者李",
        "娜、张晓东）【人物】武汉市金",
        "银潭医院党委副书记、院长张定",
        "宇",
    ]
    texts += ["【故事】身患渐冻症、妻子被感", "染，持续奋战在一线。"]
    index = list(range(len(texts)))
    labels = ["Bh", "Ih", "Tp", "Tp", "Bh", "Ih"]
    assert mend_wrapped_text_lines(texts, index, labels, 14) == ["Bh", "Ih", "Ih", "Ih", "Bh", "Ih"]
    # under a paragraph's short last line, a headline may stand
    short = [texts[0], "娜、张晓东）武汉市。", *texts[2:]]
    assert mend_wrapped_text_lines(short, index, labels, 14) == labels
