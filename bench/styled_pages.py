"""Pages set in other newspapers' house styles, from real articles: a bench set built apart
from the page generator (its own layout code), so the figures are not the generator's
conventions measured against themselves.

Each page holds four articles of the 人民日报 corpus, wrapped at 14, 22 or 30 characters,
paragraphs indented or not, set one way:

- ``plain``: title / blank / text (paragraphs with no blank line between them);
- ``subtitle``: title / ``——subtitle`` / blank / text;
- ``reporter-line``: title / ``本报记者 X`` / blank / text (经济日报, 人民日报);
- ``dateline-credit``: title / blank / ``本报讯（记者X）text`` (光明日报, city papers);
- ``staff-tail``: title / blank / ``新京报讯（记者 X）text`` … / ``新京报记者 X 编辑 Y 校对 Z``;
- ``correspondent``: title / ``南方日报记者 X 通讯员 Y`` / blank / text;
- ``agency``: title / blank / ``新华社北京M月D日电（记者A、B）text``;
- ``text-photo``: title / ``文/记者 X  图/记者 Y`` / blank / text (evening papers).
"""

from __future__ import annotations

import random
import re

from store.parse.layout import generate as G

STYLES = (
    "plain",
    "subtitle",
    "reporter-line",
    "dateline-credit",
    "staff-tail",
    "correspondent",
    "agency",
    "text-photo",
)
WIDTHS = (14, 22, 30)
_NAMES = ("王轶辰", "张晓东", "李娜", "陈思远", "刘洋", "赵敏", "孙立平", "周静", "吴昊", "郑雪")


def _usable(article: G.SourceArticle) -> bool:
    chars = sum(len(p) for p in article.paragraphs)
    return 300 < chars < 2500 and len(article.title) >= 6 and not article.summary


def _set_article(
    style: str, article: G.SourceArticle, rng: random.Random, other_title: str
) -> tuple[list[str], list[str], list[str], str, list[str]]:
    """(head lines, text paragraphs, tail lines, gold dateline, gold byline)."""
    a, b, c = rng.sample(_NAMES, 3)
    paras = list(article.paragraphs)
    head, tail, dateline, byline = [article.title], [], "", []
    if style == "subtitle":
        head.append("——" + other_title)
    elif style == "reporter-line":
        head.append(f"本报记者 {a}")
        byline = [a]
    elif style == "dateline-credit":
        paras[0] = f"本报讯（记者{a}）" + paras[0]
        dateline, byline = "本报讯", [a]
    elif style == "staff-tail":
        paras[0] = f"新京报讯（记者 {a}）" + paras[0]
        tail.append(f"新京报记者 {a} 编辑 {b} 校对 {c}")
        dateline, byline = "新京报讯", [a]
    elif style == "correspondent":
        head.append(f"南方日报记者 {a} 通讯员 {b}")
        byline = [a, b]
    elif style == "agency":
        dateline = f"新华社北京{rng.randint(1, 12)}月{rng.randint(1, 28)}日电"
        paras[0] = f"{dateline}（记者{a}、{b}）" + paras[0]
        byline = [a, b]
    elif style == "text-photo":
        head.append(f"文/记者 {a}  图/记者 {b}")
        byline = [a, b]
    return head, paras, tail, dateline, byline


def styled_page(
    style: str, articles: list[G.SourceArticle], rng: random.Random, width: int, indent: str
) -> tuple[str, list[dict]]:
    """One page of four articles in ``style``: (its text, gold entries without ``file``)."""
    lines: list[str] = []
    gold: list[dict] = []
    for article in rng.sample(articles, 4):
        other = rng.choice(articles).title
        head, paras, tail, dateline, byline = _set_article(style, article, rng, other)
        lines += [*head, ""]
        for para in paras:
            lines += G.wrap(indent + para, width)
        for line in tail:
            lines += G.wrap(indent + line, width)
        lines.append("")
        body = re.sub(r"\s", "", "".join(article.paragraphs))
        gold.append(
            {
                "title": article.title,
                "byline": byline,
                "dateline": dateline or None,
                "first_sentence": body[:20],
                "last_sentence": body[-20:],
                "body_chars": len(re.findall(r"[\u4e00-\u9fff]", body)),
            }
        )
    return "\n".join(lines), gold


def styled_sets(
    articles: list[G.SourceArticle], seed: int, pages_per_style: int = 12
) -> dict[str, tuple[list[dict], dict[str, str]]]:
    """``styled/<style>`` → (gold, pages) in segdev's form, for every style."""
    usable = [a for a in articles if _usable(a)]
    sets: dict[str, tuple[list[dict], dict[str, str]]] = {}
    for number, style in enumerate(STYLES):
        rng = random.Random(seed * 100 + number)
        gold: list[dict] = []
        pages: dict[str, str] = {}
        for k in range(pages_per_style):
            width, indent = WIDTHS[k % len(WIDTHS)], "　　" if k % 2 else ""
            text, entries = styled_page(style, usable, rng, width, indent)
            name = f"{style}_{k:03d}.txt"
            pages[name] = text
            gold.extend({"file": name, **entry} for entry in entries)
        sets[f"styled/{style}"] = (gold, pages)
    return sets
