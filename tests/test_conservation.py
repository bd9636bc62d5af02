"""Nothing is silently dropped: every non-blank character of a page ends up in an article
field or in the leftovers (the only things consumed are byline decoration — bullets, role
words such as 记者/通讯员/报道 — date lines, and exact repeats of a paragraph)."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from store.parse.layout.page import segment_page
from store.parse.read import clean_text
from store.parse.segment import Segmentation, segment_text

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
PAGES = [p.read_text(encoding="utf-8") for p in SEEDS]
# what a byline or credit may give up: bullets, brackets, name separators, role words,
# outlets (also the tail of one wrapped to the next line: ``青岛日`` / ``报/观海新闻``), dates
DECORATION = re.compile(
    r"^(?:[□■●◆◇▲△▼○☆★◎（()）：:/／、，,]|(?:日报|晚报|报|社|网)(?=/)|"
    r"本报|本栏目|本版|本文|整理|采写|撰文|记者|通讯员|实习生|报道员|"
    r"特约|见习|首席|实习|摄影|摄|编辑|报道|文|\d{4}年\d{1,2}月\d{1,2}日|星期[一二三四五六日天]|"
    r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]+(?:日报|晚报|新闻|报|社|网)(?:/[\u4e00-\u9fff]+)?)+$"
)


def _chars(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


def _output_chars(seg: Segmentation) -> Counter[str]:
    out: Counter[str] = Counter()
    for a in seg.articles:
        for value in (a.title, a.dateline, a.body, a.newspaper, a.page, a.date):
            out.update(_chars(value))
        for items in (a.subtitles, a.byline, a.captions):
            for item in items:
                out.update(_chars(item))
    for item in seg.leftovers:
        out.update(_chars(item))
    return out


def assert_conserved(page: str, segment: Callable[[str], Segmentation] = segment_text) -> None:
    text = clean_text(page)
    seg = segment(text)
    accounted = _output_chars(seg)
    for item in seg.duplicates:
        accounted.update(_chars(item))
    consumed: Counter[str] = Counter()
    for item in seg.decoration:
        assert DECORATION.match(re.sub(r"\s", "", item)), f"consumed non-decoration {item!r}"
        consumed.update(_chars(item))
    missing = _chars(text) - accounted - consumed
    assert not missing, f"characters lost: {''.join(sorted(missing.elements()))[:200]}"


def test_seed_pages_conserve_every_character() -> None:
    for page in PAGES:
        assert_conserved(page)


def _mutate(page: str, rng: random.Random) -> str:
    lines = page.split("\n")
    for _ in range(rng.randint(1, 12)):
        op = rng.randrange(6)
        k = rng.randrange(len(lines)) if lines else 0
        if not lines:
            break
        if op == 0:
            del lines[k]  # drop a line
        elif op == 1:
            lines.insert(k, "")  # insert a blank line
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[k], lines[j] = lines[j], lines[k]  # swap two lines
        elif op == 3:
            cut = rng.randrange(len(lines[k]) + 1)
            lines[k : k + 1] = [lines[k][:cut], lines[k][cut:]]  # break a line
        elif op == 4:
            lines = lines[: k + 1]  # the file stops here
        else:
            lines.insert(k, lines[k])  # repeat a line
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0, max_value=len(PAGES) - 1), st.integers(min_value=0, max_value=2**32)
)
def test_mutated_pages_never_raise_and_conserve(page_no: int, seed: int) -> None:
    assert_conserved(_mutate(PAGES[page_no], random.Random(seed)))


PAGE_ALPHABET = st.sampled_from(
    list("青岛日报记者通讯员本报讯电摄■□（）()：“”，。、！？ 　\n\n\n")
    + list("市委书记高新区发布会议召开王李张刘123abcXYZ")
    + ["本报12月15日讯 ", "□记者 白晓 报道\n", "(于越)\n", "■图片说明\n", "\x1b[31m", "[bold]"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(PAGE_ALPHABET, max_size=300).map("".join))
@example("青\n，□记者 白晓 报道\n青")  # a sentence tail wrapped onto a byline-like line
@example("青\n■，□记者 白晓 报道\n")
def test_arbitrary_text_never_raises_and_conserves(page: str) -> None:
    assert_conserved(page)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_any_unicode_never_raises_and_conserves(page: str) -> None:
    assert_conserved(page)


def test_the_page_model_conserves_every_character_of_the_seeds() -> None:
    for page in PAGES:
        assert_conserved(page, segment_page)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0, max_value=len(PAGES) - 1), st.integers(min_value=0, max_value=2**32)
)
@example(page_no=0, seed=68249)  # an outlet wrapped over two lines (青岛日 / 报/观海新闻)
def test_the_page_model_never_raises_and_conserves_on_mutated_pages(
    page_no: int, seed: int
) -> None:
    assert_conserved(_mutate(PAGES[page_no], random.Random(seed)), segment_page)


@settings(max_examples=150, deadline=None)
@given(st.lists(PAGE_ALPHABET, max_size=300).map("".join))
def test_the_page_model_never_raises_and_conserves_on_arbitrary_text(page: str) -> None:
    assert_conserved(page, segment_page)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_the_page_model_never_raises_and_conserves_on_any_unicode(page: str) -> None:
    assert_conserved(page, segment_page)
