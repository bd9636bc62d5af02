"""Generated flattened pages with per-line labels: training data for the line-labelling CRF.

Real article texts whose structure is known (人民日报 2020, ``/work/shared/corpus``, and the
seed pages as the rule segmenter reads them) are parsed into ``SourceArticle`` records and set
several to a page in randomly varied layouts: column width, wrapping, blank lines (also
inside sentences), headlines before or after their text, kickers and subtitles, bylines in
the styles papers use, closing datelines and credits, captions (also cutting a paragraph in
two), ``核心阅读`` boxes, sub-headings, repeated paragraphs, truncation, page labels and
half-width punctuation. Every physical line gets its role (``store.parse.layout.roles``) and the
index of its article; each article gets its ``GoldArticle``.

    python -m store.parse.layout.generate OUTDIR N SEED
"""

from __future__ import annotations

import datetime as _dt
import gzip
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from random import Random

from store.parse.layout.roles import (
    BLANK,
    BODY,
    BYLINE,
    CAPTION,
    CLOSING,
    CREDIT,
    KICKER,
    PAGE,
    SUBHEAD,
    SUBTITLE,
    SUMMARY,
    TITLE,
    GeneratedPage,
    GoldArticle,
    PageLine,
)

LAYOUTS: tuple[str, ...] = ("before", "after", "mixed", "unwrapped", "seedlike")

# --------------------------------------------------------------------------------------
# Source articles
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class SourceArticle:
    """One real article with its parts told apart (what a generated page is made of)."""

    id: str = ""
    date: str = ""  # 'YYYY-MM-DD' ('' for seed articles)
    page: int = 0
    seq: int = 0
    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    dateline: str = ""  # '本报北京1月5日电', '新华社北京1月6日电', '本报讯', ''
    bracket: str = ""  # the dateline's bracket as printed: '（记者王观）' ('' if none)
    reporters: list[str] = field(default_factory=list)  # names in the dateline bracket
    paragraphs: list[str] = field(default_factory=list)  # body text only (sub-headings kept)
    summary: list[str] = field(default_factory=list)  # the source's 核心阅读 text
    closing: str = ""  # '（本报华盛顿1月6日电）' as printed
    closing_dateline: str = ""  # '本报华盛顿1月6日电'
    credits: list[str] = field(default_factory=list)  # '（作者为…）', '版式设计：…', …
    credit_names: list[str] = field(default_factory=list)  # reporters named by credits
    names_after: list[str] = field(default_factory=list)  # bare reporter names after the body
    photo_credit: str = ""  # '朱海鹏摄（影像中国）', '新华社发'
    photo_names: list[str] = field(default_factory=list)
    is_photo_item: bool = False  # title + a short caption text + a photo credit
    origin: str = "rmrb"  # 'rmrb' or 'seed'

    @property
    def byline(self) -> list[str]:
        """All reporter names of the article (photographers too for a photo item)."""
        names = self.reporters + self.credit_names + self.names_after
        if self.is_photo_item:
            names = names + self.photo_names
        return _unique(names)


_HAN = re.compile(r"[\u4e00-\u9fff]")
_SP = "[ \u3000\u00a0]"
_OUTLETS = "本报|新华社|人民日报|中新社|经济日报|光明日报|解放军报|央视|人民网|中国日报"
_DATELINE = re.compile(
    rf"^(?P<dl>(?:据)?(?:{_OUTLETS})(?:[^\s，。；：（()“”]{{0,30}}?)电)"
    rf"(?P<sp>{_SP}*)(?P<br>[（(][^（）()。]{{1,80}}[）)])?(?P<sp2>{_SP}*)"
)
_DATELINE_XUN = re.compile(rf"^(?P<dl>本报(?:[^\s，。；（()]{{0,12}}?)讯)(?P<sp>{_SP}*)")
_CLOSING = re.compile(
    rf"^[（(](?P<dl>(?:据)?(?:{_OUTLETS})[^（）()，。]{{0,40}}?电)(?:{_SP}+(?P<who>[^（）()]*))?[）)]$"
)
_CREDIT_NAMED = re.compile(
    r"^[（(](?P<who>[^（）()]{1,80}?)(?:整理|参与采写|采写|报道)[）)]$|^[（(]参与记者[：:](?P<who2>[^（）()]+)[）)]$"
)
_CREDIT_PLAIN = re.compile(
    r"^[（(]作者(?:为|单位|系)|^[（(]?(?:本版|本期)?(?:制图|统筹|责编|版式设计|图表制作|设计)[：:\s\u3000]"
    r"|^(?:版式设计|本版制图|数据来源|资料来源|图片来源|本版统筹|本期统筹)[：:\s\u3000]"
    r"|^[（(]本栏目整理[：:]|^本版责编"
)
_BARE_BRACKET_NAMES = re.compile(
    r"^[（(](?P<who>[\u4e00-\u9fff]{1,4}(?:[、\s\u3000]+[\u4e00-\u9fff]{1,4}){0,8})[）)]$"
)
_PHOTO_CREDIT = re.compile(
    r"(?:摄|摄影|摄影报道|供图)"
    r"(?:[ \u3000]*[（(](?:影像中国|人民视觉|新华社发|人民图片|资料照片)[）)])?$"
    r"|^(?:新华社发|新华社记者.*摄|资料图片|本报资料照片|[（(]新华社发[）)])$"
)
_NAME_AFTER = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:[ \u3000、]+[\u4e00-\u9fff]{2,3}){0,3}$")
_ROLE_WORDS = re.compile(
    r"(?:本报|新华社|人民日报|[\u4e00-\u9fff]{2,6}报社?|解放军报|经济日报|光明日报)?"
    r"(?:驻[\u4e00-\u9fff]{1,8})?(?:特约|见习|实习|首席)?记者|通讯员|实习生|见习生|特约撰稿人|文/图|文／图|"
    r"采访整理|参与采写|参与采访|采访|整理|采写|摄影报道|摄影|摄|报道|新华社发|供图|资料图片|综合|参与记者[：:]"
)
_COLUMN_TAG_END = "评论语谈观声音言记话录"
_END_PUNCT = "。！？!?…”」"


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def han(text: str) -> str:
    """The Han characters of a text, in order."""
    return "".join(_HAN.findall(text))


def split_names(text: str) -> list[str]:
    """Reporter names in a byline text ('记者邹伟、王思北', '记者 孙 欣 通讯员 肖玲玲')."""
    text = re.sub(r"[（）()【】□■]", " ", text)
    text = _ROLE_WORDS.sub(" ", text)
    tokens = [t for t in re.split(r"[、，,；;：:\s\u3000/／]+", text) if t]
    names: list[str] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if len(tok) == 1 and k + 1 < len(tokens) and len(tokens[k + 1]) <= 2:
            tok += tokens[k + 1]  # letter-spaced name: '孙 欣', '王 飞'
            k += 1
        k += 1
        if len(tok) == 4 and tok[-1] in "文等和":
            tok = tok[:3]
        if re.fullmatch(r"[\u4e00-\u9fff·]{2,6}", tok):
            names.append(tok)
    return _unique(names)


def _is_subhead(par: str) -> bool:
    return len(par) <= 20 and not any(ch in par for ch in "。！？!?") and not par.endswith("：")


def _clean(text: str) -> str:
    return re.sub(r"[\r\n]+", "", text or "").strip(" \u3000\u00a0\t")


def _summary_split(paras: list[str]) -> tuple[list[str], list[str]]:
    """Split a leading '核心阅读' box off the paragraphs: (summary, rest)."""
    if len(paras) < 3 or paras[0] != "核心阅读":
        return [], paras
    k = 1
    summary = [paras[1]]
    k = 2
    while k < len(paras) - 1 and (paras[k].startswith("■") or summary[-1].startswith("■")):
        if not paras[k].startswith("■"):
            break
        summary.append(paras[k])
        k += 1
    return summary, paras[k:]


def parse_record(rec: dict) -> SourceArticle:
    """Parse one corpus record (JSON object) into a ``SourceArticle``."""
    paras = _unique(_clean(p) for p in rec.get("paragraphs", []))
    art = SourceArticle(
        id=str(rec.get("id", "")),
        date=str(rec.get("date", "")),
        page=int(rec.get("page") or 0),
        seq=int(rec.get("seq") or 0),
        kicker=_clean(rec.get("kicker", "")),
        title=_clean(rec.get("title", "")),
        subtitle=_clean(rec.get("subtitle", "")),
    )
    art.summary, paras = _summary_split(paras)
    if paras:
        first = paras[0]
        m = _DATELINE.match(first)
        if m and len(first) > m.end():
            art.dateline = m.group("dl")
            bracket = m.group("br") or ""
            if bracket and not re.search(
                r"记者|通讯员|实习生|电|^[（(][\u4e00-\u9fff、 \u3000]{2,40}[）)]$", bracket
            ):
                bracket = ""  # not a byline bracket
            if bracket:
                art.bracket = m.group("sp") + bracket
                art.reporters = split_names(bracket)
                rest = first[m.end() :]
            else:
                rest = first[m.end("dl") :].lstrip(" \u3000\u00a0")
            paras[0] = rest.strip()
        else:
            m = _DATELINE_XUN.match(first)
            if m and len(first) > m.end() + 4:
                art.dateline = m.group("dl")
                paras[0] = first[m.end() :].strip()
    body: list[str] = []
    closing_names: list[str] = []
    for k, par in enumerate(paras):
        last = k == len(paras) - 1
        if not par:
            continue
        if len(par) <= 90 and (m := _CLOSING.match(par)):
            art.closing = par  # (a compilation of news items keeps only its last one)
            art.closing_dateline = m.group("dl")
            closing_names = split_names(m.group("who")) if m.group("who") else []
            continue
        if len(par) <= 90 and (m := _CREDIT_NAMED.match(par)):
            art.credits.append(par)
            who = m.group("who") or m.group("who2") or ""
            if not who.startswith("作者"):
                art.credit_names += split_names(who)
            continue
        if len(par) <= 120 and _CREDIT_PLAIN.search(par):
            art.credits.append(par)
            continue
        if len(par) <= 40 and "。" not in par and _PHOTO_CREDIT.search(par):
            if not art.photo_credit:
                art.photo_credit = par
                art.photo_names = split_names(re.sub(r"[（(][^）)]*[）)]$", "", par))
            else:
                art.credits.append(par)
            continue
        m = _BARE_BRACKET_NAMES.match(par)
        if (
            m
            and k >= len(paras) - 3
            and not (" " not in m.group("who") and m.group("who")[-1] in _COLUMN_TAG_END)
        ):
            art.credits.append(par)
            art.credit_names += split_names(m.group("who"))
            continue
        if last and body and _NAME_AFTER.match(par):
            art.names_after = split_names(par)
            continue
        body.append(par)
    art.paragraphs = body
    art.credit_names += closing_names
    art.reporters = _unique(art.reporters)
    art.credit_names = [n for n in _unique(art.credit_names) if n not in art.reporters]
    total = sum(len(p) for p in body)
    art.is_photo_item = bool(art.photo_credit) and 0 < total <= 260 and len(body) <= 3
    return art


def load_rmrb(path: str | Path, exclude_dates: Iterable[str] = ()) -> list[SourceArticle]:
    """Read the corpus JSON-lines file (gzip or plain) into usable ``SourceArticle`` records.

    Articles of ``exclude_dates`` ('YYYY-MM-DD' or 'YYYYMMDD') and articles without a title or
    a body are left out.
    """
    excluded = {d.replace("-", "") for d in exclude_dates}
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    out: list[SourceArticle] = []
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        for line in handle:
            if not line.strip():
                continue
            rec = json.loads(line)
            if str(rec.get("date", "")).replace("-", "") in excluded:
                continue
            art = parse_record(rec)
            if art.title and art.paragraphs and sum(len(p) for p in art.paragraphs) >= 10:
                out.append(art)
    return out


def group_by_page(sources: Iterable[SourceArticle]) -> list[list[SourceArticle]]:
    """The articles of each real 版 (same date and page), in page order."""
    groups: dict[tuple[str, int], list[SourceArticle]] = defaultdict(list)
    for art in sources:
        if art.date and art.page:
            groups[(art.date, art.page)].append(art)
    return [sorted(g, key=lambda a: a.seq) for _, g in sorted(groups.items())]


def seed_articles(seeds_dir: str | Path, page_order: bool = False) -> list[SourceArticle]:
    """Articles of the seed pages as the rule segmenter reads them (title and >= 40 body chars).

    The rule reading calls any deck that is not the title a subtitle; one printed above the
    title is made the kicker when its first characters come first on the page. With
    ``page_order`` the check ignores line breaks (a title broken over two lines is found);
    without it, a title broken within its first eight characters is missed and its kicker
    stays a subtitle — as the shipped page model was trained (``train`` keeps that for the
    model to be rebuilt as shipped; the headline-deck model reads decks in page order)."""
    from store.parse.read import clean_text
    from store.parse.segment_rules import segment_text

    out: list[SourceArticle] = []
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8"))
        for k, art in enumerate(segment_text(text).articles):
            paras = [_clean(p) for p in art.body.split("\n") if _clean(p)]
            if not art.title or sum(len(p) for p in paras) < 40:
                continue
            src = SourceArticle(id=f"seed:{path.stem}:{k}", title=art.title, origin="seed")
            if art.subtitles:
                sub = art.subtitles[0]
                if page_order:  # headlines are broken over lines
                    flat = re.sub(r"\s", "", text)
                    pos_sub = flat.find(re.sub(r"\s", "", sub)[:8])
                    pos_title = flat.find(re.sub(r"\s", "", art.title)[:8])
                else:
                    pos_sub, pos_title = text.find(sub[:8]), text.find(art.title[:8])
                if 0 <= pos_sub < pos_title:
                    src.kicker = sub
                else:
                    src.subtitle = sub
            src.dateline = art.dateline
            src.reporters = list(art.byline)
            src.paragraphs = paras
            out.append(src)
    return out


# --------------------------------------------------------------------------------------
# Page material pools
# --------------------------------------------------------------------------------------

_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
    "顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建宁晓欣婷佳怡琳雪峰"
    "波斌宇浩凯健俊帆亮飞瑶越慧君蕾晨阳楠欢昊然博文琦璐颖"
)
_CITIES = (
    "青岛",
    "济南",
    "烟台",
    "潍坊",
    "郑州",
    "洛阳",
    "杭州",
    "宁波",
    "温州",
    "苏州",
    "无锡",
    "南京",
    "合肥",
    "芜湖",
    "武汉",
    "宜昌",
    "长沙",
    "株洲",
    "南昌",
    "赣州",
    "福州",
    "厦门",
    "泉州",
    "广州",
    "深圳",
    "佛山",
    "南宁",
    "桂林",
    "成都",
    "绵阳",
    "重庆",
    "贵阳",
    "昆明",
    "西安",
    "兰州",
    "银川",
    "太原",
    "大同",
    "石家庄",
    "保定",
    "唐山",
    "天津",
    "沈阳",
    "大连",
    "长春",
    "吉林",
    "哈尔滨",
    "齐齐哈尔",
    "呼和浩特",
    "包头",
    "乌鲁木齐",
    "拉萨",
    "西宁",
    "海口",
    "三亚",
)
_PAPER_KINDS = ("日报", "晚报", "都市报", "商报", "财经日报", "早报", "晨报")
_CHANNELS = ("观海新闻", "首页新闻", "新闻客户端", "掌上新闻", "融媒")
_SECTIONS = (
    "要闻",
    "国际",
    "体育",
    "评论",
    "经济",
    "文化",
    "科技",
    "社会",
    "理论",
    "政治",
    "地方",
    "区域",
    "城事",
    "综合",
    "民生",
    "教育",
    "健康",
    "生态",
    "法治",
    "读者来信",
    "副刊",
    "视点",
)
_COLUMN_TAGS = (
    "（人民时评）",
    "（钟声）",
    "（环球走笔）",
    "（人民观点）",
    "（新论）",
    "（快评）",
    "（评论员观察）",
    "（国际视点）",
)
_CN_DIGITS = "〇一二三四五六七八九"
_WEEKDAYS = "一二三四五六日"


def _cn_day(day: int) -> str:
    if day < 10:
        return _CN_DIGITS[day]
    tens, ones = divmod(day, 10)
    return ("十" if tens == 1 else _CN_DIGITS[tens] + "十") + (_CN_DIGITS[ones] if ones else "")


@dataclass(slots=True)
class _Pool:
    """What pages are drawn from, made once per list of sources."""

    sources: list[SourceArticle]
    groups: list[list[SourceArticle]]
    photo_items: list[SourceArticle]
    names: list[str]
    captions: list[str]
    photographers: list[str]


_POOLS: dict[int, tuple[list[SourceArticle], _Pool]] = {}


def _pool(sources: list[SourceArticle]) -> _Pool:
    hit = _POOLS.get(id(sources))
    if hit is not None and hit[0] is sources and len(hit[1].sources) == len(sources):
        return hit[1]
    names = _unique(n for a in sources for n in a.reporters + a.credit_names)
    photographers = _unique(n for a in sources for n in a.photo_names)
    captions = []
    for a in sources:
        if a.is_photo_item:
            for p in a.paragraphs:
                for sent in re.findall(r"[^。！？]{6,60}[。！？]", p):
                    captions.append(sent)
    pool = _Pool(
        sources=sources,
        groups=[g for g in group_by_page(sources) if len(g) >= 2],
        photo_items=[a for a in sources if a.is_photo_item],
        names=names,
        captions=captions,
        photographers=photographers,
    )
    if len(_POOLS) > 8:
        _POOLS.clear()
    _POOLS[id(sources)] = (sources, pool)
    return pool


def _invent_name(rng: Random) -> str:
    given = rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.6 else "")
    return rng.choice(_SURNAMES) + given


def _some_names(rng: Random, pool: _Pool, k: int) -> list[str]:
    out = []
    for _ in range(k):
        if pool.names and rng.random() < 0.6:
            out.append(rng.choice(pool.names))
        else:
            out.append(_invent_name(rng))
    return _unique(out)


def _outlet(rng: Random) -> str:
    city = rng.choice(_CITIES)
    paper = city + rng.choice(_PAPER_KINDS)
    if rng.random() < 0.5:
        paper += "/" + rng.choice(_CHANNELS)
    return paper


def _caption_text(rng: Random, pool: _Pool, art: SourceArticle) -> str:
    if pool.captions and rng.random() < 0.6:
        return rng.choice(pool.captions)
    sents = [s for p in art.paragraphs for s in re.findall(r"[^。！？]{8,40}[。！？]", p)]
    if sents and rng.random() < 0.7:
        text = rng.choice(sents)
        return text if rng.random() < 0.7 else text.rstrip("。！？")
    return rng.choice(_CITIES) + rng.choice(
        ("风貌。", "街头一景。", "港口码头。", "新区夜景。", "市民在公园健身。")
    )


def _photo_credit(rng: Random, pool: _Pool) -> tuple[str, list[str]]:
    roll = rng.random()
    if roll < 0.15:
        return "新华社发", []
    name = (
        rng.choice(pool.photographers)
        if pool.photographers and rng.random() < 0.6
        else _invent_name(rng)
    )
    if roll < 0.4:
        return f"{name}摄（{rng.choice(('影像中国', '人民视觉'))}）", [name]
    if roll < 0.55:
        return f"本报记者 {name}摄", [name]
    if roll < 0.65:
        return f"新华社记者 {name}摄", [name]
    return f"{name}摄", [name]


# --------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------


def display_width(text: str, half: bool = False) -> float:
    """Columns a line takes: one per character, half for ASCII when ``half``."""
    if not half:
        return float(len(text))
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)


def wrap(text: str, width: int, half: bool = False, indent: str = "") -> list[str]:
    """Break a paragraph into lines of at most ``width`` columns (hard breaks, as typeset)."""
    lines: list[str] = []
    cur, used = indent, display_width(indent, half)
    for ch in text:
        cw = 0.5 if half and ord(ch) < 128 else 1.0
        if used + cw > width and cur:
            lines.append(cur)
            cur, used = "", 0.0
        cur += ch
        used += cw
    if cur:
        lines.append(cur)
    return lines


@dataclass(slots=True)
class _Style:
    """Page-wide settings."""

    width: int  # 0: one line a paragraph
    half: bool
    indent: str
    para_gap: tuple[int, ...]  # choices for blank lines between paragraphs
    inner_blank: float  # chance of a blank line after a wrapped line
    art_gap: tuple[int, ...]
    wrap_heads: bool
    halfwidth_punct: bool


class _Builder:
    """Collects the lines of one page; articles get provisional ids until the end."""

    def __init__(self, style: _Style, rng: Random) -> None:
        self.style = style
        self.rng = rng
        self.lines: list[PageLine] = []

    def blank(self, n: int = 1) -> None:
        for _ in range(n):
            self.lines.append(PageLine("", BLANK, -1))

    def add(self, text: str, role: str, art: int) -> None:
        text = text.rstrip()
        if text.strip():
            self.lines.append(PageLine(text, role, art))

    def gap(self) -> None:
        self.blank(self.rng.choice(self.style.para_gap))

    def para(
        self,
        text: str,
        role: str,
        art: int,
        *,
        indent: bool = False,
        inner: bool = True,
        interrupt: list[tuple[str, str]] | None = None,
        width: int | None = None,
    ) -> None:
        """A wrapped paragraph; ``interrupt`` lines (role, text) cut into it between two lines."""
        st = self.style
        width = st.width if width is None else width
        ind = st.indent if indent else ""
        if width > 0:
            parts = wrap(text, width, st.half, ind)
        else:
            parts = [ind + text]
            if len(text) > 30 and (interrupt or (inner and self.rng.random() < 0.04)):
                cut = self.rng.randint(8, len(text) - 4)
                parts = [ind + text[:cut], text[cut:]]
        at = -1
        if interrupt and len(parts) >= 2:
            at = self.rng.randint(0, len(parts) - 2)
        elif interrupt:
            at = len(parts) - 1
        for k, part in enumerate(parts):
            self.add(part, role, art)
            last = k == len(parts) - 1
            if k == at and interrupt:
                self.blank(self.rng.choice((0, 1, 1, 2, 3)))
                for irole, itext in interrupt:
                    for piece in wrap(itext, width, st.half) if width > 0 else [itext]:
                        self.add(piece, irole, art)
                if not last:
                    self.blank(self.rng.choice((0, 1, 1, 2)))
            elif not last and inner and width > 0 and self.rng.random() < st.inner_blank:
                self.blank()

    def head(self, text: str, role: str, art: int) -> None:
        st = self.style
        if st.width > 0 and st.wrap_heads and display_width(text, st.half) > st.width:
            for part in wrap(text, st.width, st.half):
                self.add(part, role, art)
        else:
            self.add(text, role, art)


# --------------------------------------------------------------------------------------
# One article
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Plan:
    """How one article is set on this page."""

    src: SourceArticle
    aid: int
    head_after: bool = False
    truncate: bool = False
    repeat: int = -1  # index of a paragraph printed twice
    caption_in: int = -1  # index of a paragraph a caption cuts into
    summary: list[str] = field(default_factory=list)
    between: list = field(default_factory=list)  # callables printing between headline and text
    seedlike: bool = False
    gold: GoldArticle = field(default_factory=lambda: GoldArticle(title=""))


def _headline(b: _Builder, plan: _Plan) -> None:
    rng, src, gold, aid = b.rng, plan.src, plan.gold, plan.aid
    title = src.title
    if rng.random() < 0.04 and not title.endswith("）") and len(title) < 18:
        title += rng.choice(_COLUMN_TAGS)
    gold.title = title
    kicker = src.kicker
    if kicker:
        gold.subtitles.append(kicker)
        b.head(kicker, KICKER, aid)
    if len(title) <= 6 and " " not in title and rng.random() < 0.25:
        b.add(" ".join(title), TITLE, aid)  # letter-spaced short title
    elif len(title) >= 10 and rng.random() < 0.3:
        m = list(re.finditer(r"[ \u3000，、：]+", title[3:-3]))
        if m and rng.random() < 0.8:
            cut = m[len(m) // 2]
            first, second = title[: cut.start() + 3], title[cut.end() + 3 :]
            if title[cut.start() + 3] in "，、：":
                first = title[: cut.start() + 4]
        else:
            k = len(title) // 2 + rng.randint(-2, 2)
            first, second = title[:k], title[k:]
        b.add(first, TITLE, aid)
        b.add(second, TITLE, aid)
    else:
        b.head(title, TITLE, aid)
    sub = src.subtitle
    if sub:
        if not sub.startswith("——") and rng.random() < 0.08:
            sub = "——" + sub
        gold.subtitles.append(sub)
        b.head(sub, SUBTITLE, aid)


def _names_text(rng: Random, names: list[str], sep: str | None = None) -> str:
    out = []
    for n in names:
        if len(n) == 2 and rng.random() < 0.25:
            n = n[0] + " " + n[1]
        out.append(n)
    return (sep if sep is not None else rng.choice((" ", " ", "、"))).join(out)


def _names_after(rng: Random, pool: _Pool, names: list[str]) -> str:
    """The reporters named after the text: alone, or in a staff line with the page's
    editors (``新京报记者 X 编辑 Y 校对 Z``), whose desk is no byline."""
    if rng.random() < 0.7:
        return _names_text(rng, names)
    desk = _some_names(rng, pool, 2)
    paper = _outlet(rng).split("/")[0]
    return f"{paper}记者 {_names_text(rng, names, ' ')} 编辑 {desk[0]} 校对 {desk[-1]}"


def _date_parts(src: SourceArticle, rng: Random) -> tuple[int, int]:
    m = re.search(r"(\d{1,2})月(\d{1,2})日", src.dateline)
    if m:
        return int(m.group(1)), int(m.group(2))
    if src.date:
        d = _dt.date.fromisoformat(src.date) - _dt.timedelta(days=1)
        return d.month, d.day
    return rng.randint(1, 12), rng.randint(1, 28)


def _byline(
    b: _Builder, plan: _Plan, pool: _Pool
) -> tuple[str, list[str], list[tuple[str, str]], list[str]]:
    """Choose the byline style: (first-line prefix, lines before the text, lines after, names)."""
    rng, src = b.rng, plan.src
    reporters = list(src.reporters)
    dateline = src.dateline
    sp = rng.choice(("", " ", "  ", "  ", "\u3000"))
    before: list[str] = []
    after: list[tuple[str, str]] = []
    seedlike = plan.seedlike or src.origin == "seed"
    roll = rng.random()
    gold_dl = dateline

    def line_before(names: list[str], drop_dateline: float) -> None:
        nonlocal gold_dl
        nt = _names_text(rng, names)
        extra = ""
        mates: list[str] = []
        if rng.random() < 0.25:
            mates = [n for n in _some_names(rng, pool, rng.randint(1, 2)) if n not in names]
            extra = " 通讯员 " + _names_text(rng, mates) if mates else ""
        styles = [
            f"□记者 {nt}{extra}",
            f"□本报记者 {nt}{extra}",
            f"本报记者 {nt}{extra}",
            f"记者 {nt}{extra}",
            f"□记者 {nt}{extra} 报道",
            f"□ 本报记者 {nt}",
            f"文/图 {nt}",
            f"□{_outlet(rng)}记者 {nt}{extra}",
            f"■{_outlet(rng)} 记者 {nt}{extra}",
            f"{_outlet(rng).split('/')[0]}记者 {nt}{extra}",
            f"文/记者 {nt}",
            f"文/记者 {nt}  图/记者 {{photo}}",
        ]
        chosen = rng.choice(styles)
        if "{photo}" in chosen:  # the photographer is credited beside the writer
            mates = [n for n in _some_names(rng, pool, 1) if n not in names]
            chosen = chosen.replace("{photo}", _names_text(rng, mates)) if mates else nt
            extra = "图/" if mates else ""
        before.append(chosen)
        if extra and extra in chosen:
            names.extend(mates)
        if rng.random() < drop_dateline:
            gold_dl = ""

    if src.origin == "seed":
        names = reporters
        if names and roll < 0.5:
            line_before(names, 0.0)
        elif names and roll < 0.8:
            after.append((BYLINE, _names_text(rng, names)))
        elif names:
            after.append((CREDIT, f"(本栏目整理：{_names_text(rng, names, ' ')})"))
        prefix = (gold_dl + sp) if gold_dl else ""
        return prefix, before, after, names
    if reporters:
        if roll < (0.25 if seedlike else 0.45):
            bracket = (
                src.bracket if rng.random() < 0.6 else sp + src.bracket.lstrip(" \u3000\u00a0")
            )
            return dateline + bracket, [], [], reporters
        names = list(reporters)
        if roll < 0.68:
            line_before(names, 0.5 if seedlike else 0.12)
        elif roll < 0.78:
            after.append((BYLINE, _names_after(rng, pool, names)))
        elif roll < 0.85:
            after.append((CREDIT, f"（本报记者 {'、'.join(names)}）"))
        elif roll < 0.92:
            gold_dl = "本报讯" if rng.random() < 0.7 else _outlet(rng).split("/")[0] + "讯"
            mates = _some_names(rng, pool, 1) if rng.random() < 0.4 else []
            who = (
                "记者 "
                + _names_text(rng, names, " ")
                + (" 通讯员 " + " ".join(mates) if mates else "")
            )
            names += [n for n in mates if n not in names]
            return f"{gold_dl}（{who}）", [], [], names
        elif dateline.startswith("新华社") and (
            m := re.match(r"新华社(.+?)(\d{1,2})月(\d{1,2})日电", dateline)
        ):
            gold_dl = f"新华社{m.group(1)}{_cn_day(int(m.group(3)))}日电"
            return f"【{gold_dl}】", [f"□记者 {_names_text(rng, names)}"], [], names
        else:
            line_before(names, 0.2)
        prefix = (gold_dl + sp) if gold_dl else ""
        return prefix, before, after, names
    if dateline:
        if roll < 0.75 or src.is_photo_item:
            return dateline + sp, [], [], []
        names = _some_names(rng, pool, rng.randint(1, 2))
        line_before(names, 0.1)
        return (gold_dl + sp) if gold_dl else "", before, after, names
    # no dateline, no reporters in the source
    if (
        src.is_photo_item
        or src.names_after
        or src.credit_names
        or roll < (0.45 if seedlike else 0.7)
    ):
        return "", [], [], []
    names = _some_names(rng, pool, rng.randint(1, 3))
    month, day = _date_parts(src, rng)
    roll2 = rng.random()
    if roll2 < 0.3:
        line_before(names, 1.0)
        gold_dl = rng.choice(("本报讯", "本报电", f"本报{month}月{day}日讯", ""))
    elif roll2 < 0.55:
        gold_dl = "本报讯"
        if len(names) == 1 and len(names[0]) == 2 and rng.random() < 0.5:
            who = names[0][0] + " " + names[0][1]
        else:
            mates = _some_names(rng, pool, 1) if rng.random() < 0.5 else []
            who = "记者 " + " ".join(names) + (" 通讯员 " + " ".join(mates) if mates else "")
            names += [n for n in mates if n not in names]
        return f"本报讯({who})", [], [], names
    elif roll2 < 0.8:
        after.append((BYLINE, _names_after(rng, pool, names)))
        gold_dl = rng.choice(("本报电", "本报讯", ""))
    else:
        after.append((CREDIT, f"（本报记者 {'、'.join(names)}）"))
        gold_dl = ""
    return (gold_dl + sp) if gold_dl else "", before, after, names


def _article(b: _Builder, plan: _Plan, pool: _Pool) -> None:
    rng, src, gold, aid = b.rng, plan.src, plan.gold, plan.aid
    prefix, before, after, names = _byline(b, plan, pool)
    m = re.match(r"^(?:【(?P<x>[^】]+)】|(?P<d>(?:据)?[^\s（(]*?(?:电|讯)))", prefix)
    gold.dateline = (m.group("x") or m.group("d") or "") if m and prefix else ""
    if not gold.dateline and src.closing_dateline:
        gold.dateline = src.closing_dateline
    gold.byline = _unique(
        names + src.credit_names + src.names_after + (src.photo_names if src.is_photo_item else [])
    )

    byline_pos = "before"
    if plan.head_after and before and rng.random() < 0.35:
        byline_pos = rng.choice(("after_body", "after_head"))

    def print_byline() -> None:
        for text in before:
            b.add(text, BYLINE, aid)

    # a byline under its headline: a blank line above it, below it, both or neither
    blank_under_byline = False
    if not plan.head_after:
        _headline(b, plan)
        roll = rng.random()
        if plan.between:
            b.blank(rng.choice((0, 1, 1, 2)))
            for thing in plan.between:
                thing()
            b.blank(rng.choice((0, 1, 1, 2)))
        elif roll < 0.5 or (before and roll < 0.6):
            b.blank(rng.choice((1, 1, 2)))
        blank_under_byline = bool(before) and not plan.between and 0.4 < roll < 0.8
    if byline_pos == "before":
        print_byline()
        if blank_under_byline:
            b.blank(rng.choice((1, 1, 2)))
    if plan.summary:
        b.add("核心阅读", SUMMARY, aid)
        for text in plan.summary:
            b.para(text, SUMMARY, aid, inner=False)
        b.blank(rng.choice((0, 1, 1, 2)))

    paragraphs = list(src.paragraphs)
    cut_at = -1
    if plan.truncate:
        # stop mid-sentence in a paragraph after some printed text
        total = sum(len(p) for p in paragraphs)
        target = rng.randint(min(30, total - 1), max(min(30, total - 1), int(total * 0.9)))
        run = 0
        for k, par in enumerate(paragraphs):
            if run + len(par) >= target and len(par) >= 6:
                pos = max(3, min(len(par) - 2, target - run))
                while pos < len(par) - 1 and par[pos - 1] in _END_PUNCT + "，、；：":
                    pos += 1
                paragraphs = [*paragraphs[:k], par[:pos]]
                cut_at = k
                break
            run += len(par)
        gold.truncated = cut_at >= 0
    gold.paragraphs = []
    for k, par in enumerate(paragraphs):
        text = par
        if k == 0 and prefix:
            text = prefix + par
        role = (
            SUBHEAD if (k > 0 or not prefix) and _is_subhead(par) and len(paragraphs) > 1 else BODY
        )
        interrupt = None
        if k == plan.caption_in and role == BODY and k != cut_at:
            cap = _caption_text(rng, pool, src)
            gold.captions.append(cap)
            interrupt = [(CAPTION, "■" + cap)] if rng.random() < 0.7 else [(CAPTION, cap)]
        b.para(text, role, aid, indent=role == BODY, interrupt=interrupt)
        gold.paragraphs.append(par)
        if k == plan.repeat and k != cut_at:
            b.gap()
            b.para(par, role, aid, indent=role == BODY)
        if k < len(paragraphs) - 1:
            b.gap()
    if plan.truncate and gold.truncated:
        if not prefix:
            gold.dateline = ""  # the closing dateline was never printed
        printed = re.sub(r"\s", "", prefix + "".join(before))
        gold.byline = [n for n in gold.byline if n in printed]  # credits after the text are lost
        return
    tail: list[tuple[str, str]] = []
    if src.photo_credit:
        tail.append((CREDIT, src.photo_credit))
    if byline_pos == "after_body":
        tail += [(BYLINE, t) for t in before]
    tail += after
    if src.closing:
        tail.append((CLOSING, src.closing))
    tail += [(CREDIT, c) for c in src.credits]
    if tail:
        b.blank(rng.choice((0, 0, 1, 1, 2)))
    for role, text in tail:
        if (
            b.style.width
            and display_width(text, b.style.half) > b.style.width
            and rng.random() < 0.6
        ):
            b.para(text, role, aid, inner=False)
        else:
            b.add(text, role, aid)
    if plan.head_after:
        b.blank(rng.choice((0, 1, 1, 2)))
        _headline(b, plan)
        if byline_pos == "after_head":
            print_byline()


def _photo_item_printer(b: _Builder, plan: _Plan, pool: _Pool) -> None:
    _article(b, plan, pool)


def _caption_block(b: _Builder, plan: _Plan, pool: _Pool) -> None:
    rng = b.rng
    cap = _caption_text(rng, pool, plan.src)
    plan.gold.captions.append(cap)
    if rng.random() < 0.5:
        b.para("■" + cap, CAPTION, plan.aid, inner=False)
    else:
        b.para(cap, CAPTION, plan.aid, inner=False)
        credit, _ = _photo_credit(rng, pool)
        b.add(credit, CREDIT, plan.aid)


# --------------------------------------------------------------------------------------
# One page
# --------------------------------------------------------------------------------------


def _page_labels(rng: Random, arts: list[SourceArticle]) -> list[str]:
    src = arts[0]
    page = src.page or rng.randint(1, 24)
    section = rng.choice(_SECTIONS)
    date = (
        _dt.date.fromisoformat(src.date)
        if src.date
        else _dt.date(rng.randint(2008, 2024), rng.randint(1, 12), rng.randint(1, 28))
    )
    datestr = f"{date.year}年{date.month}月{date.day}日 星期{_WEEKDAYS[date.weekday()]}"
    roll = rng.random()
    if roll < 0.15:
        return []
    if roll < 0.3:
        return [str(page), section, datestr]
    if roll < 0.45:
        return [f"第{page}版", section]
    if roll < 0.6:
        return [" " + " ".join(section)]
    if roll < 0.7:
        return [f"{rng.choice('ABCD')}{page:02d} {section}"]
    if roll < 0.8:
        return [f"第{page}版 / {section}"]
    if roll < 0.9:
        return [datestr, f"第{page}版"]
    return [" " + section]


_HALF_PUNCT = str.maketrans({"，": ",", "（": "(", "）": ")", "：": ":", "；": ";"})


def _choose_articles(pool: _Pool, rng: Random, n: int) -> list[SourceArticle]:
    if pool.groups and rng.random() < 0.6:
        group = rng.choice(pool.groups)
        if len(group) > n:
            start = rng.randint(0, len(group) - n)
            group = group[start : start + n]
        arts = list(group)
        while len(arts) < 3:
            arts.append(rng.choice(pool.sources))
        return arts
    return [rng.choice(pool.sources) for _ in range(n)]


def generate_page(
    sources: list[SourceArticle],
    rng: Random,
    layout: str | None = None,
    seed_sources: list[SourceArticle] | None = None,
    plain: bool = False,
) -> GeneratedPage:
    """One page set from ``sources`` in ``layout`` (one of ``LAYOUTS``; random when None).

    ``plain`` sets the page as text copied from a web edition usually is: paragraphs follow
    each other with no blank line and no line broken inside a sentence, and blank lines
    stand only between articles (the bench's clean sets; training pages vary this too)."""
    if not sources:
        raise ValueError("no source articles")
    if layout is None:
        layout = rng.choices(LAYOUTS, weights=(35, 15, 25, 15, 10 if seed_sources else 0))[0]
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    pool = _pool(sources)
    n = rng.randint(3, 9)
    arts = _choose_articles(pool, rng, n)
    arts = _unique_articles(arts)
    if layout == "seedlike" and seed_sources:
        k = rng.randint(max(1, len(arts) // 2), len(arts))
        for j in rng.sample(range(len(arts)), k):
            arts[j] = rng.choice(seed_sources)
        arts = _unique_articles(arts)
    if len(arts) > 3 and rng.random() < 0.2:
        arts = [a for a in arts if not a.is_photo_item or rng.random() < 0.5] or arts

    unwrapped = (
        layout == "unwrapped"
        or (layout == "seedlike" and rng.random() < 0.4)
        or (layout in ("before", "mixed") and rng.random() < 0.03)
    )
    width = 0 if unwrapped else rng.randint(10, 40)
    if width and rng.random() < 0.5:
        width = rng.randint(12, 28)
    style = _Style(
        width=width,
        half=rng.random() < 0.3,
        indent=rng.choices(("", "\u3000\u3000", "  "), weights=(65, 25, 10))[0],
        para_gap=rng.choice(
            ((0,), (1,), (0, 1), (1, 1, 2), (0, 0, 1), (1,) if unwrapped else (0, 1, 2))
        ),
        inner_blank=rng.choice((0.0, 0.0, 0.02, 0.05, 0.1, 0.2, 0.35)),
        art_gap=rng.choice(((0, 1), (1, 2), (1, 2, 3), (2, 3), (0, 1, 2, 3), (1,))),
        wrap_heads=rng.random() < 0.35,
        halfwidth_punct=rng.random() < 0.07,
    )
    if plain:
        style.para_gap, style.inner_blank, style.art_gap = (0,), 0.0, (1, 2)
    b = _Builder(style, rng)
    for label in _page_labels(rng, arts) if layout != "seedlike" or rng.random() < 0.6 else []:
        b.add(label, PAGE, -1)
    if b.lines:
        b.blank(rng.choice((0, 1, 1, 2)))

    seedlike = layout == "seedlike"
    plans: list[_Plan] = []
    for k, src in enumerate(arts):
        if layout == "after":
            head_after = True
        elif layout == "before":
            head_after = False
        elif layout == "seedlike":
            head_after = rng.random() < 0.6
        else:
            head_after = rng.random() < 0.4
        plans.append(_Plan(src=src, aid=k, head_after=head_after, seedlike=seedlike))
    if layout == "mixed" and len(plans) >= 2 and len({p.head_after for p in plans}) == 1:
        rng.choice(plans).head_after = not plans[0].head_after

    # furniture of individual articles
    for plan in plans:
        src = plan.src
        if src.summary and rng.random() < 0.7:
            plan.summary = list(src.summary)
        elif rng.random() < 0.04 and not src.is_photo_item:
            other = rng.choice(arts) if rng.random() < 0.3 else src
            sents = (
                re.findall(r"[^。！？]+[。！？]", other.paragraphs[0]) if other.paragraphs else []
            )
            limit = (width or 30) * rng.randint(2, 4)
            text = ""
            for sent in sents:
                if text and len(text) + len(sent) > limit:
                    break
                text += sent
            if 12 <= len(text) <= 2 * limit:
                plan.summary = [text]
        long_paras = [k for k, p in enumerate(src.paragraphs) if len(p) >= 40 and k > 0]
        if long_paras and rng.random() < 0.07:
            plan.caption_in = rng.choice(long_paras)
        if len(src.paragraphs) >= 2 and rng.random() < 0.04:
            plan.repeat = rng.randint(1, len(src.paragraphs) - 1)
    # a photo item or a caption block printed between a headline and its text
    extra_plans: list[_Plan] = []
    befores = [p for p in plans if not p.head_after and not p.src.is_photo_item]
    if befores and rng.random() < 0.12:
        host = rng.choice(befores)
        if pool.photo_items and rng.random() < 0.6:
            item = _Plan(src=rng.choice(pool.photo_items), aid=len(plans) + len(extra_plans))
            extra_plans.append(item)
            host.between.append(lambda item=item: _photo_item_printer(b, item, pool))
        else:
            host.between.append(lambda host=host: _caption_block(b, host, pool))
    if rng.random() < 0.08 and plans:
        host = rng.choice(plans)
        if not host.between:
            host.between.append(lambda host=host: _caption_block(b, host, pool))
    truncate = layout != "after" and rng.random() < 0.12
    if truncate:
        last = plans[-1]
        if last.src.is_photo_item and len(plans) > 3:
            plans.pop()
            last = plans[-1]
        last.truncate = not last.src.is_photo_item
        last.head_after = False
        last.repeat = -1

    for k, plan in enumerate(plans):
        if k:
            b.blank(rng.choice(style.art_gap))
        _article(b, plan, pool)
    if not truncate and rng.random() < 0.3:
        b.blank(rng.choice((1, 2)))

    return _finish(b, plans + extra_plans, layout, style)


def _unique_articles(arts: list[SourceArticle]) -> list[SourceArticle]:
    seen: set[int] = set()
    out = []
    for a in arts:
        if id(a) not in seen:
            seen.add(id(a))
            out.append(a)
    return out


def _finish(b: _Builder, plans: list[_Plan], layout: str, style: _Style) -> GeneratedPage:
    lines = b.lines
    while lines and lines[0].role == BLANK:
        lines.pop(0)
    first_body: dict[int, int] = {}
    for k, line in enumerate(lines):
        if line.role in (BODY, SUBHEAD) and line.article not in first_body:
            first_body[line.article] = k
    by_aid = {p.aid: p for p in plans}
    order = sorted(first_body, key=first_body.__getitem__)
    remap = {aid: k for k, aid in enumerate(order)}
    for line in lines:
        line.article = remap.get(line.article, -1) if line.role != BLANK else -1
    golds = [by_aid[aid].gold for aid in order]
    if style.halfwidth_punct:
        for line in lines:
            line.text = line.text.translate(_HALF_PUNCT)
        for g in golds:
            g.title = g.title.translate(_HALF_PUNCT)
            g.subtitles = [s.translate(_HALF_PUNCT) for s in g.subtitles]
            g.paragraphs = [p.translate(_HALF_PUNCT) for p in g.paragraphs]
            g.captions = [c.translate(_HALF_PUNCT) for c in g.captions]
    for g in golds:
        g.paragraphs = [p.strip() for p in g.paragraphs]
    text = "\n".join(line.text for line in lines)
    return GeneratedPage(text=text, lines=lines, articles=golds, layout=layout, width=style.width)


def generate_pages(
    n: int,
    seed: int,
    sources: list[SourceArticle],
    seed_sources: list[SourceArticle] | None = None,
) -> Iterator[GeneratedPage]:
    """``n`` pages, deterministic for ``seed`` (~10% seed-style when ``seed_sources`` is given)."""
    rng = Random(seed)
    for _ in range(n):
        yield generate_page(sources, rng, None, seed_sources=seed_sources)


def page_to_json(page: GeneratedPage) -> dict:
    """The labels and the gold of a page as a JSON-ready dict."""
    return {
        "layout": page.layout,
        "width": page.width,
        "lines": [[line.text, line.role, line.article] for line in page.lines],
        "articles": [asdict(a) for a in page.articles],
    }


def _default_paths() -> tuple[Path, Path]:
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "corpus" / "rmrb_2020_articles.jsonl.gz", repo / "seeds"


def write_pages(
    directory: str | Path,
    n: int,
    seed: int,
    corpus: str | Path | None = None,
    seeds_dir: str | Path | None = None,
) -> int:
    """Write ``page_XXXX.txt`` and ``page_XXXX.json`` (labels + gold) for ``n`` pages; returns n."""
    default_corpus, default_seeds = _default_paths()
    sources = load_rmrb(corpus or default_corpus)
    seeds_path = Path(seeds_dir or default_seeds)
    seeds = seed_articles(seeds_path) if seeds_path.is_dir() else None
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for k, page in enumerate(generate_pages(n, seed, sources, seeds)):
        (out / f"page_{k:04d}.txt").write_text(page.text + "\n", encoding="utf-8")
        (out / f"page_{k:04d}.json").write_text(
            json.dumps(page_to_json(page), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    """``python -m store.parse.layout.generate OUTDIR N SEED``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print("usage: python -m store.parse.layout.generate OUTDIR N SEED", file=sys.stderr)
        return 2
    count = write_pages(args[0], int(args[1]), int(args[2]))
    print(f"wrote {count} pages to {args[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = [
    "LAYOUTS",
    "SourceArticle",
    "display_width",
    "generate_page",
    "generate_pages",
    "group_by_page",
    "han",
    "load_rmrb",
    "page_to_json",
    "parse_record",
    "seed_articles",
    "split_names",
    "wrap",
    "write_pages",
]
