"""The page generator: labelled flattened pages made from articles of known structure."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from store.parse.layout.generate import (
    LAYOUTS,
    SourceArticle,
    display_width,
    generate_page,
    generate_pages,
    han,
    load_rmrb,
    parse_record,
    seed_articles,
)
from store.parse.layout.roles import (
    BLANK,
    BODY,
    CAPTION,
    HEADLINE_ROLES,
    PAGE,
    ROLES,
    SUBHEAD,
    SUMMARY,
)

SHARED = Path(__file__).parents[2] / "shared"
CORPUS = SHARED / "corpus" / "rmrb_2020_articles.jsonl.gz"
SEEDS = Path(__file__).parents[1] / "seeds"

_PARA = (
    "当地时间5日上午，比赛在市中心体育场举行，来自多个国家和地区的选手参加了角逐。",
    "组委会有关负责人介绍，今年的赛事规模为历届之最，报名人数比去年增长两成。",
    "赛道沿途设置了多个补给站和医疗点，志愿者们早早就在各个点位就位。",
    "观众们在道路两侧为选手加油鼓劲，现场气氛十分热烈。",
    "据悉，明年的比赛将继续扩大规模，并增设青少年组别。",
)


def _record(k: int) -> dict:
    rng = random.Random(k)
    paras = [
        rng.choice(_PARA) + rng.choice(_PARA)[: rng.randint(8, 30)] + "。"
        for _ in range(rng.randint(2, 6))
    ]
    kind = k % 6
    if kind == 0:
        paras[0] = f"本报北京1月{k % 27 + 1}日电  （记者王观、李华）" + paras[0]
    elif kind == 1:
        paras[0] = "新华社北京1月6日电  " + paras[0]
        paras.append("（本报记者 赵明整理）")
    elif kind == 2:
        paras[0] = "据新华社巴格达1月5日电  （记者 刘春涛）" + paras[0]
    elif kind == 3:
        paras.append("（本报华盛顿1月6日电）")
    elif kind == 4:
        paras.insert(2, "赛事亮点纷呈")
        paras.append("（作者为某大学教授）")
    else:
        paras = ["选手们在比赛中奋力冲刺。"]
        paras.append("朱海鹏摄（影像中国）")
    return {
        "id": f"2020010{k % 3 + 1}-{k % 4 + 1:02d}-{k:02d}",
        "date": f"2020-01-0{k % 3 + 1}",
        "page": k % 4 + 1,
        "seq": k,
        "kicker": "新任主帅正式亮相——" if k % 5 == 0 else "",
        "title": [
            "马拉松开跑",
            "达喀尔拉力赛开赛（体育大看台）",
            "中国乒乓球队世乒赛选拔赛举行",
            "看谁推得快",
        ][k % 4]
        + str(k),
        "subtitle": "——回访赛事组委会" if k % 7 == 0 else "",
        "paragraphs": paras,
    }


@pytest.fixture(scope="module")
def sources() -> list[SourceArticle]:
    return [parse_record(_record(k)) for k in range(40)]


def _seedish() -> list[SourceArticle]:
    return [
        SourceArticle(
            id=f"seed:{k}",
            title=f"青岛高新区再添国家级绿色工厂{k}",
            dateline="本报12月15日讯" if k % 2 else "",
            reporters=["耿婷婷"] if k % 3 else ["白晓", "肖玲玲"],
            paragraphs=[_PARA[k % 5] * 2, _PARA[(k + 1) % 5]],
            origin="seed",
        )
        for k in range(6)
    ]


@pytest.fixture(scope="module")
def pages(sources: list[SourceArticle]) -> list:
    return list(generate_pages(3000, 7, sources, _seedish()))


# ------------------------------------------------------------------ source parsing


def test_parse_dateline_and_bracket() -> None:
    art = parse_record(
        {
            "title": "t",
            "paragraphs": [
                "本报北京1月5日电（记者王观）今天召开会议。",
                "第二段。",
                "（本报华盛顿1月6日电）",
            ],
        }
    )
    assert art.dateline == "本报北京1月5日电"
    assert art.bracket == "（记者王观）"
    assert art.reporters == ["王观"]
    assert art.paragraphs == ["今天召开会议。", "第二段。"]
    assert art.closing == "（本报华盛顿1月6日电）" and art.closing_dateline == "本报华盛顿1月6日电"


def test_parse_xinhua_and_credits() -> None:
    art = parse_record(
        {
            "title": "t",
            "paragraphs": [
                "新华社北京12月31日电 （记者邹伟、王思北）新年戏曲晚会31日晚在京举行。",
                "晚会精彩纷呈。",
                "（本报记者 徐锦庚整理）",
                "（作者为南京大学资深教授）",
                "本版制图：蔡华伟",
                "版式设计：张丹峰",
            ],
        }
    )
    assert art.dateline == "新华社北京12月31日电"
    assert art.reporters == ["邹伟", "王思北"]
    assert art.paragraphs == ["新年戏曲晚会31日晚在京举行。", "晚会精彩纷呈。"]
    assert art.credits == [
        "（本报记者 徐锦庚整理）",
        "（作者为南京大学资深教授）",
        "本版制图：蔡华伟",
        "版式设计：张丹峰",
    ]
    assert art.credit_names == ["徐锦庚"]
    assert art.byline == ["邹伟", "王思北", "徐锦庚"]


def test_parse_ju_xinhua_no_reporter_and_photo_item() -> None:
    art = parse_record(
        {"title": "t", "paragraphs": ["据新华社达卡12月31日电  （记者刘春涛）孟加拉国……消息。"]}
    )
    assert art.dateline == "据新华社达卡12月31日电" and art.reporters == ["刘春涛"]
    art = parse_record(
        {"title": "t", "paragraphs": ["新华社北京1月6日电  国务院日前印发通知。", "内容如下。"]}
    )
    assert (
        art.dateline == "新华社北京1月6日电"
        and art.reporters == []
        and art.paragraphs[0] == "国务院日前印发通知。"
    )
    art = parse_record(
        {"title": "看谁推得快", "paragraphs": ["小朋友在活动课上做游戏。", "朱海鹏摄（影像中国）"]}
    )
    assert (
        art.is_photo_item
        and art.photo_credit == "朱海鹏摄（影像中国）"
        and art.photo_names == ["朱海鹏"]
    )
    assert art.byline == ["朱海鹏"] and art.paragraphs == ["小朋友在活动课上做游戏。"]


# ------------------------------------------------------------------ pages


def test_deterministic(sources: list[SourceArticle]) -> None:
    a = [p.text for p in generate_pages(30, 11, sources)]
    b = [p.text for p in generate_pages(30, 11, sources)]
    c = [p.text for p in generate_pages(30, 12, sources)]
    assert a == b and a != c


def test_lines_and_roles(pages: list) -> None:
    for page in pages:
        assert page.text == "\n".join(line.text for line in page.lines)
        for line in page.lines:
            assert line.role in ROLES
            assert "\n" not in line.text
            if not line.text.strip():
                assert line.role == BLANK and line.article == -1
            if line.role == BLANK:
                assert line.text == ""
            else:
                assert -1 <= line.article < len(page.articles)
        arts_of_body = [line.article for line in page.lines if line.role in (BODY, SUBHEAD)]
        firsts = list(dict.fromkeys(arts_of_body))
        assert firsts == list(range(len(page.articles)))  # numbered in page order of their body


def test_wrapped_lines_fit(pages: list) -> None:
    for page in pages:
        if page.width:
            for line in page.lines:
                if line.role in (BODY, SUMMARY, SUBHEAD, CAPTION):
                    assert display_width(line.text, half=True) <= page.width, (
                        page.width,
                        line.text,
                    )


def _without_repeat(body: str, text: str, paragraphs: list[str]) -> str | None:
    """The body characters with a repeated paragraph printed once (None if that fails)."""
    if body.endswith(text):
        return body
    for par in paragraphs:
        h = han(par)
        for m in re.finditer(re.escape(h), body) if h else ():
            cand = body[: m.start()] + body[m.end() :]
            if cand.endswith(text):
                return cand
    return None


def test_body_characters_are_dateline_bracket_and_paragraphs(pages: list) -> None:
    for page in pages[:1000]:
        for k, gold in enumerate(page.articles):
            body = han(
                "".join(
                    ln.text for ln in page.lines if ln.article == k and ln.role in (BODY, SUBHEAD)
                )
            )
            text = han("".join(gold.paragraphs))
            once = _without_repeat(body, text, gold.paragraphs)
            assert once is not None, (gold.title, body[:60], text[:60])
            prefix = once[: len(once) - len(text)]
            # only the dateline and the bracketed reporters precede the gold text
            rest = prefix.removeprefix(han(gold.dateline))
            for name in sorted(gold.byline, key=len, reverse=True):
                rest = rest.replace(name, "")
            assert re.fullmatch(r"(本报|新华社|据|记者|通讯员|实习生|见习记者)*", rest), (
                gold.dateline,
                prefix,
            )


def test_headline_placement(pages: list) -> None:
    for page in pages:
        if page.layout not in ("before", "after"):
            continue
        for k in range(len(page.articles)):
            idx_body = [
                i
                for i, ln in enumerate(page.lines)
                if ln.article == k and ln.role in (BODY, SUBHEAD)
            ]
            idx_head = [
                i
                for i, ln in enumerate(page.lines)
                if ln.article == k and ln.role in HEADLINE_ROLES
            ]
            assert idx_head, page.articles[k]
            if page.layout == "before":
                assert max(idx_head) < min(idx_body)
            else:
                assert min(idx_head) > max(idx_body)


def test_layouts_all_appear(pages: list) -> None:
    counts = Counter(p.layout for p in pages)
    assert set(counts) == set(LAYOUTS)
    assert all(v > 200 for v in counts.values()), counts
    assert any(p.width == 0 for p in pages if p.layout == "unwrapped")


def test_byline_names_printed(pages: list) -> None:
    for page in pages:
        flat = re.sub(r"\s", "", page.text)
        for gold in page.articles:
            for name in gold.byline:
                assert name in flat, (name, gold.title)
            assert re.sub(r"\s", "", gold.dateline) in flat


def test_truncation(pages: list) -> None:
    truncated = [p for p in pages if any(a.truncated for a in p.articles)]
    assert len(truncated) > 100
    for page in truncated:
        flags = [a.truncated for a in page.articles]
        assert flags.count(True) == 1
        last = max(i for i, ln in enumerate(page.lines) if ln.role != BLANK)
        k = flags.index(True)
        assert page.lines[last].article == k and page.lines[last].role in (BODY, SUBHEAD)


def test_forced_layout(sources: list[SourceArticle]) -> None:
    rng = random.Random(3)
    for layout in LAYOUTS:
        page = generate_page(sources, rng, layout, seed_sources=_seedish())
        assert page.layout == layout and page.articles
    with pytest.raises(ValueError):
        generate_page(sources, rng, "sideways")


def test_a_plain_page_sets_paragraphs_apart_by_nothing_but_articles_by_blank_lines(
    sources: list[SourceArticle],
) -> None:
    """Text copied from a web edition: no blank line between the paragraphs of an article,
    none inside a sentence; the articles stand apart."""
    rng = random.Random(11)
    apart = 0
    for layout in ("before", "unwrapped"):
        for _ in range(30):
            page = generate_page(sources, rng, layout, plain=True)
            lines = [x for x in page.lines if x.role != PAGE]
            for k, line in enumerate(lines):
                if line.role != BLANK:
                    continue
                above = next((x for x in reversed(lines[:k]) if x.role != BLANK), None)
                below = next((x for x in lines[k:] if x.role != BLANK), None)
                if above is None or below is None:
                    continue
                same = above.article == below.article
                assert not (same and above.role == below.role == BODY), page.text
                apart += not same
    assert apart > 100


def test_seed_articles() -> None:
    arts = seed_articles(SEEDS)
    assert len(arts) >= 25
    assert all(a.title and sum(len(p) for p in a.paragraphs) >= 40 for a in arts)


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_real_corpus() -> None:
    arts = load_rmrb(CORPUS)
    assert len(arts) > 6000
    with_dateline = [a for a in arts if a.dateline]
    assert len(with_dateline) > 1500
    assert all(not a.paragraphs[0].startswith(a.dateline) for a in with_dateline)
    assert sum(1 for a in arts if a.closing) > 300
    assert sum(1 for a in arts if a.is_photo_item) > 100
    pages = list(generate_pages(100, 1, arts, seed_articles(SEEDS)))
    assert all(p.articles and p.text == "\n".join(ln.text for ln in p.lines) for p in pages)


def test_a_byline_under_its_headline_stands_above_below_or_between_blank_lines(
    pages: list,
) -> None:
    """Papers part a headline's byline from the text by a blank line as often as from the
    headline: pages must show the model both."""
    seen: Counter[tuple[bool, bool]] = Counter()
    for page in pages:
        lines = page.lines
        for k in range(1, len(lines) - 1):
            line = lines[k]
            if line.role != "byline" or page.layout != "before":
                continue
            above = next((x for x in reversed(lines[:k]) if x.role != BLANK), None)
            below = next((x for x in lines[k + 1 :] if x.role != BLANK), None)
            if above is None or below is None or above.role not in HEADLINE_ROLES:
                continue
            if below.role != BODY or below.article != line.article:
                continue
            seen[(lines[k - 1].role == BLANK, lines[k + 1].role == BLANK)] += 1
    assert all(seen[key] >= 20 for key in ((True, False), (False, True), (False, False))), seen


def test_a_staff_line_after_the_text_credits_its_reporters_not_the_desk(pages: list) -> None:
    """``新京报记者 X 编辑 Y 校对 Z``: X is the byline; the editor and proof-reader are not."""
    staffed = 0
    for page in pages:
        for line in page.lines:
            match = re.fullmatch(r"\S+记者 (.+) 编辑 (\S+) 校对 (\S+)", line.text.strip())
            if line.role != "byline" or not match:
                continue
            gold = page.articles[line.article]
            reporters = re.sub(r"\s", "", match.group(1))
            assert gold.byline and all(name in reporters for name in gold.byline), (
                line.text,
                gold.byline,
            )
            staffed += 1
    assert staffed >= 20
