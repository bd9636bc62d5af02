"""Role-labelled lines of one article to its ``Article`` record: the certain conventions.

The page model labels every physical line with a role (``store.parse.layout.roles``) and groups
the lines into articles. This module turns one article's lines into fields:

- headline: title lines joined; kicker, subtitle and sub-heading lines become subtitles; with
  no title line the most title-like kicker or subtitle is promoted;
- body: body and sub-heading lines joined into paragraphs (``join_body``); the first paragraph
  gives up its dateline (``本报北京1月5日电``, ``【新华社重庆十四日电】``) and the bracketed
  byline after it (``（记者 王小明 李华）``); exact repeats are kept once;
- byline lines (``□记者 白晓 报道``, ``本报记者 X Y``, a bare name) and credits
  (``（本报记者 X整理）``; a photographer's ``X摄`` only for a photo item) give the names;
- captions and the ``核心阅读`` text go to ``captions``; a closing ``（本报X电）`` gives the
  dateline when the text had none.

Nothing is lost: every non-blank character ends up in a field, in ``decoration`` (bullets,
role words, brackets, credit lines that name nobody the byline wants) or in ``duplicates``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from store.parse import lines as L
from store.parse.article import Article
from store.parse.blocks import dedupe_paragraphs, join_lines
from store.parse.headline import choose_title
from store.parse.layout import roles as R
from store.parse.layout.heads import parts_decks, title_deck

HAN = L.HAN
_WS = re.compile(r"\s+")
_INDENT = re.compile(r"^(?:\u3000|[ \u00a0]{2,})")
PHOTO_ITEM_CHARS = 260  # a photo item: title, a short text (at most this long) and a credit
PHOTO_ITEM_PARAS = 3


def _one_broken_title(a: tuple[str, list[str]], b: tuple[str, list[str]]) -> bool:
    """Two very short decks with no comma, colon, dash or parallel phrases: one title in two."""
    short = all(len(_WS.sub("", text)) <= 10 for text, _ in (a, b))
    return short and not any(
        any(L.is_parallel_phrases(x) for x in raw) or re.search(r"[，、：:？！—]", text)
        for text, raw in (a, b)
    )


_Deck = tuple[int, str, str, list[str]]  # (first line, role, text, raw lines)


def _lead_ins_joined(decks: list[_Deck]) -> list[_Deck]:
    """A short title line ending in a colon (``青岛高新区：``) leads into the title deck
    below it: the two are one deck."""
    out: list[_Deck] = []
    for deck in decks:
        last = out[-1] if out else None
        if (
            last
            and last[1] == deck[1] == R.TITLE
            and re.search(r"[：:]$", last[2])
            and len(last[2]) <= 12
        ):
            out.pop()
            deck = (last[0], R.TITLE, last[2] + deck[2], last[3] + deck[3])
        out.append(deck)
    return out


def _headline_block(decks: list[_Deck]) -> list[int]:
    """The decks (indexes) of the first block set together (each deck's first line right
    after the one above) that holds a title line; else the first block."""
    blocks: list[list[int]] = []
    for k, deck in enumerate(decks):
        prev = decks[k - 1] if k else None
        if prev is not None and deck[0] == prev[0] + len(prev[3]):
            blocks[-1].append(k)
        else:
            blocks.append([k])
    titled = (b for b in blocks if any(decks[k][1] == R.TITLE for k in b))
    return next(titled, blocks[0] if blocks else [])


_CREDIT_LINES = 3  # lines a wrapped closing credit may run over


def _a_date(text: str) -> bool:
    """A paragraph that is a date and nothing else (a letter's ``2020年1月5日``)."""
    return bool(L.DATE_LINE_RE.match(_WS.sub("", text)))


def _may_be_title(text: str) -> bool:
    """A deck that opens with a dash or breaks off after a comma is no title."""
    compact = _WS.sub("", text)
    return not compact.startswith(("—", "-")) and not re.search(r"[，、；,;]$", compact)


# -- names -----------------------------------------------------------------------------

_BULLETS = f"[{L.BULLETS}]"
# What may stand between the names of a byline or credit (consumed as decoration).
_ROLE = re.compile(
    rf"(?:(?<![{HAN}])(?:本报|新华社|中新社|人民日报|[{HAN}]{{2,10}}?"
    rf"(?:日报|晚报|早报|晨报|都市报|商报|时报|新闻|报社|报|社|网|台)"
    rf"(?:[/／][{HAN}A-Za-z]{{2,10}})?)\s*)?"
    rf"(?:驻[{HAN}]{{1,6}})?(?:特约|见习|实习|首席|摄影)?(?:记者|通讯员)"
    r"|实习生|见习生|特约撰稿人|参与记者|本栏目整理|参与采写|采写|整理|撰文|编辑|摄影报道|摄影"
    r"|文\s*[/／]\s*图|图\s*[/／]\s*文|文\s*[/／]|图\s*[/／]|[：:]"
)
# How a credit may end: the act it credits (摄, 报道, 整理 …), then an agency in brackets.
_ACT_END = re.compile(
    r"\s*(?:摄影报道|摄影|摄|报道|采访整理|整理|采访|参与采写|采写|供图|文\s*[/／]\s*图|图\s*[/／]\s*文|文图|图文)\s*"
    r"(?:[（(][^（）()]{2,10}[）)])?\s*$"
)
_NAME_SHAPE = re.compile(rf"[{HAN}·]{{2,5}}")
_BARE_NAME_SHAPE = re.compile(rf"[{HAN}]{{2,3}}")
_NOT_NAME = frozenset(
    {
        "本报",
        "记者",
        "通讯员",
        "新华社",
        "中新社",
        "报道",
        "摄影",
        "编辑",
        "校对",
        "责编",
        "审校",
        "美编",
        "整理",
        "采写",
    }
    | {"影像中国", "人民视觉", "图片", "资料"}
)
_AGENCIES = ("新华社", "中新社", "人民日报")
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒")


@dataclass(slots=True)
class People:
    """Names read off a byline, bracket or credit, its outlet and what else it held."""

    names: list[str]
    outlet: str = ""
    decoration: str = ""  # the rest of the text, whitespace removed


def _minus(text: str, parts: Iterable[str]) -> str:
    """``text`` without the first occurrence of each part (letter-spacing allowed), compact."""
    rest = text
    for part in parts:
        if not part:
            continue
        match = re.search(r"\s*".join(map(re.escape, part)), rest)
        if match:
            rest = rest[: match.start()] + " " + rest[match.end() :]
        else:
            for ch in part:
                rest = rest.replace(ch, "", 1)
    return _WS.sub("", rest)


def _is_name(token: str, bare: bool) -> bool:
    if token in _NOT_NAME:
        return False
    if bare:
        return L.looks_like_name(token) or bool(_BARE_NAME_SHAPE.fullmatch(token))
    return bool(_NAME_SHAPE.fullmatch(token))


def _decoration_only(rest: str) -> bool:
    """Is what a parse left over only bullets, brackets, role words and outlet names?"""
    rest = _ACT_END.sub("", rest)
    rest = re.sub(r"[（()）【】\[\]、，,/／：:·\-—]", "", rest)
    rest = re.sub(f"{_BULLETS}", "", rest)
    rest = _ROLE.sub("", rest)
    return not re.sub(r"本报|新华社|文|图|摄|报道|见习|特约", "", rest)


def _split_glued(name: str) -> list[str]:
    """``屈佩王希`` (two names whose separating space was a line break): ``屈佩``, ``王希``."""
    if len(name) not in (4, 6) or any(name.startswith(s) for s in _COMPOUND):
        return [name]
    half = len(name) // 2
    left, right = name[:half], name[half:]
    if L.looks_like_name(left) and L.looks_like_name(right):
        return [left, right]
    return [name]


_WIDE_SPACES = str.maketrans({"\u00a0": " ", "\u3000": " "})  # spaces names are set apart by


def parse_people(text: str, bare_ok: bool = True) -> People | None:
    """Names in ``□记者 白晓 报道``, ``郑州晚报记者 X 见习记者 Y``, ``记者 A 通讯员 B 文/图``,
    ``本报记者 方圆文 新华社记者 王松摄``, ``窦瀚洋 王 飞摄影报道`` or (``bare_ok``) ``王观、李华``;
    ``新京报记者 X 编辑 Y 校对 Z`` names X (the desk after the reporters is left out).

    ``None`` when the text holds anything but names, role words and an outlet.
    """
    stripped = text.translate(_WIDE_SPACES).strip()
    if not stripped or len(stripped) > 60 or re.search(r"[。；！？]", stripped):
        return None
    reporters = _before_the_desk(stripped)
    if reporters is not None and _names_in(reporters) is not None:
        stripped = reporters.rstrip()  # the editors after the reporters wrote nothing
    byline = L.parse_byline(_ACT_END.sub("", stripped))
    outlet = byline.outlet if byline is not None else ""
    found = _names_in(stripped.replace(outlet, " ", 1) if outlet else stripped)
    if found is not None and (found[1] or bare_ok):
        names = found[0]
    elif byline is not None and all(_is_name(n, False) for n in byline.names):
        names = _unique(n for name in byline.names for n in _split_glued(name))
    else:
        return None
    for comma in re.finditer(r"[，,、]", stripped):
        before = stripped[: comma.start()].rstrip()
        if not any(before.endswith(name) for name in names):
            return None  # a comma that parts no names: a sentence, not a credit
    rest = _minus(stripped, [*names, outlet])
    return People(names, outlet, rest) if names and _decoration_only(rest) else None


def _before_the_desk(text: str) -> str | None:
    """The reporters' part of ``新京报记者 X 编辑 Y 校对 Z`` (``None``: no desk after a
    reporter or correspondent)."""
    desk = L.DESK_RE.search(text)
    reporters = text[: desk.start()] if desk else ""
    return reporters if re.search("记者|通讯员", reporters) else None


def _staff_line(text: str) -> bool:
    """``新京报记者 X 编辑 Y 校对 Z``: reporters, then the desk that edited the text."""
    return _before_the_desk(text) is not None and parse_people(text, bare_ok=False) is not None


def _names_in(text: str) -> tuple[list[str], bool] | None:
    """``(names, has_role_word)`` when ``text`` is names between role words, else ``None``."""
    body = _ACT_END.sub("", text)
    has_role = bool(_ROLE.search(body))
    segments = _ROLE.split(body)
    names: list[str] = []
    for k, segment in enumerate(segments):
        seg = re.sub(rf"{_BULLETS}|[（()）【】\[\]]", " ", segment).strip(" \u3000、，,")
        if not seg:
            continue
        later = any(s.strip(" \u3000、，,（()）") for s in segments[k + 1 :])
        if later and len(_WS.sub("", seg)) >= 3 and seg.endswith("文"):
            seg = seg[:-1]  # 'X文 Y摄': text by X, photo by Y
        for token in _split_names(seg):
            parts = _split_glued(token)
            if not all(_is_name(part, bare=not has_role) for part in parts):
                return None
            names.extend(parts)
    names = _unique(names)
    return (names, has_role) if names else None


def _split_names(text: str) -> list[str]:
    """Tokens of a run of names; letter-spaced ones joined (``王 飞``, ``何  勇  章  帝``)."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) <= 3:
            out.append("".join(run))
        else:  # four or more spaced characters: two-character names (a three first if odd)
            k = 3 if len(run) % 2 else 0
            out.extend(["".join(run[:3])] if k else [])
            out.extend("".join(run[j : j + 2]) for j in range(k, len(run), 2))
        run.clear()

    for token in re.split(r"[\s、，,/／]+", text):
        if len(token) == 1 and re.match(f"[{HAN}]", token):
            run.append(token)
            continue
        if run:
            flush()
        if token:
            out.append(token)
    if run:
        flush()
    return out


def _join_raw(texts: list[str]) -> str:
    """Wrapped lines of a byline or credit joined as printed (letter-spacing kept for names)."""
    return "".join(t.strip() for t in texts)


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


# -- datelines -------------------------------------------------------------------------

_BRACKET_DATELINE = re.compile(r"^\s*【(?P<inner>[^】]{2,30}?)】\s*")
_MULTI_PLACE = re.compile(
    rf"^(?P<dl>(?:本报|新华社|中新社|人民日报)(?:记者)?\s*[{HAN}]{{1,8}}(?:、[{HAN}]{{1,8}})+\s*"
    rf"(?:\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)?\s*[电讯])"
)
_GLUED_DATELINE = re.compile(r"^.{2,40}?[电讯](?=[0-9A-Za-z])")
# an unbracketed credit after the dateline: '记者王晓东、李明报道：', '记者 张伟 报道 '
_LEAD_REPORTED = re.compile(
    r"^\s*(?P<who>(?:本报|新华社|中新社)?(?:记者|通讯员|特派记者)[^，。：:；！？“”]{2,30}?报道)"
    r"\s*(?:[：:，,]\s*|\s+)"
)
_LEAD_BRACKET = re.compile(r"^\s*[（(](?P<inner>[^（()）]{1,60})[)）]\s*")


def match_dateline(text: str) -> tuple[str, str, str, str] | None:
    """``(dateline, outlet, rest, decoration)`` when ``text`` opens with a dateline.

    Extends ``store.parse.lines.match_dateline`` with ``据新华社巴格达1月5日电`` and the bracketed
    ``【新华社重庆十四日电】`` (brackets go to decoration); agencies name no newspaper.
    """
    head = text.lstrip()
    bracket = _BRACKET_DATELINE.match(head)
    if bracket:
        inner = bracket.group("inner").strip()
        found = _match_plain(inner)
        if found is None or found[2]:
            return None
        return found[0], found[1], head[bracket.end() :].strip(), "【】"
    found = _match_plain(head)
    if found is None:
        return None
    dateline, outlet, rest = found
    stripped = head.strip()
    consumed = stripped[: len(stripped) - len(rest)]
    return dateline, outlet, rest, re.sub(r"[^（）()]", "", consumed)


def dateline_credit(
    text: str,
) -> tuple[tuple[str, str, str, str], People | None] | None:
    """A dateline with names at most (``新华社北京1月6日电 记者王念、黄浩铭``): the
    ``match_dateline`` parts and the people named after it; ``None`` for anything else."""
    found = match_dateline(text)
    if found is None:
        return None
    rest = found[2]
    who = parse_people(rest) if rest else None
    if rest and who is None:
        return None
    return found, who


def _match_plain(text: str) -> tuple[str, str, str] | None:
    prefix = ""
    if text.startswith("据"):
        prefix, text = "据", text[1:]
    places = _MULTI_PLACE.match(text)
    if places:  # '本报布鲁塞尔、伦敦2月2日电'
        dateline = _WS.sub("", places.group("dl"))
        return prefix + dateline, "", text[places.end() :].strip()
    found = L.match_dateline(text)
    glued = _GLUED_DATELINE.match(text)
    if found is None and glued:  # '本报北京1月1日电2020年…': text glued to the dateline
        found = L.match_dateline(glued.group() + " " + text[glued.end() :])
    if found is None:
        return None
    dateline, outlet, rest = found
    if rest.startswith("员") or dateline.endswith(("通讯", "通讯社讯")):
        return None  # '本报通讯员 X': a byline, not a 讯 dateline
    if outlet and dateline.endswith("电") and not re.search(r"\d\s*日", dateline):
        return None  # '根据南方电网…的用电': an outlet's 电 dateline carries its date
    if outlet.lstrip("据") in _AGENCIES:
        outlet = ""
    return prefix + dateline, outlet, rest


# -- paragraphs ------------------------------------------------------------------------


@dataclass(slots=True)
class RoleLine:
    """One non-blank physical line of an article with the role the page model gave it."""

    text: str  # as printed (may carry an indent and trailing spaces)
    role: str  # a role from ``store.parse.layout.roles``
    blank_before: int = 0  # blank lines just above it on the page


@dataclass(slots=True)
class _Para:
    text: str
    role: str  # BODY or SUBHEAD
    at: int  # index of its first line in the article's lines


def _length(line: RoleLine) -> int:
    return len(line.text.rstrip())


def _full(line: RoleLine, width: int, slack: int = 1) -> bool:
    """Is ``line`` set to the column width (``slack`` characters short still count)?"""
    return width > 0 and _length(line) >= width - slack


def _indented(line: RoleLine) -> bool:
    return bool(_INDENT.match(line.text))


@dataclass(slots=True)
class _Breaks:
    """What marks a paragraph end in one article: its width, indents and blank lines."""

    width: int
    indents: bool  # paragraphs open with an indent
    # a full-width line closing its sentence, then a blank line: a paragraph end?
    blank_breaks: bool
    slack: int = 1  # how much shorter than the width a wrapped line may be

    @classmethod
    def of(cls, lines: list[RoleLine], width: int) -> _Breaks:
        text = [x for x in lines if x.role == R.BODY and x.text.strip()]
        indents = sum(1 for x in text if _indented(x)) >= 2
        # How often do blank lines follow certain paragraph ends, and lines inside sentences?
        ends = [b.blank_before > 0 for a, b in itertools.pairwise(text) if _short_end(a, width)]
        inner = [b.blank_before > 0 for a, b in itertools.pairwise(text) if not L.is_closed(a.text)]
        at_end = (sum(ends) + 0.5) / (len(ends) + 1)
        inside = (sum(inner) + 0.5) / (len(inner) + 1)
        # Lines inside sentences all set exactly to the width: no slack for a full line.
        wrapped = [_length(a) for a in text if not L.is_closed(a.text) and _full(a, width, 2)]
        slack = 0 if wrapped and all(n >= width for n in wrapped) else 1
        # A closed full line ends its paragraph about one time in three (the prior).
        return cls(width, indents, at_end > 2 * inside, slack)

    def starts(self, prev: RoleLine, line: RoleLine) -> bool:
        """Does ``line`` open a new paragraph after ``prev`` (body or sub-heading lines)?"""
        width = self.width
        if prev.role == R.SUBHEAD or line.role == R.SUBHEAD:
            both = prev.role == line.role == R.SUBHEAD
            return not (both and _full(prev, width))  # a sub-heading wrapped over lines goes on
        closed = L.is_closed(prev.text)
        full = _full(prev, width, self.slack)
        if self.indents:
            return _indented(line) and (closed or not full)
        if not closed:
            return False  # the sentence goes on (across blank lines and interruptions)
        if width <= 0 or not full:
            return True  # one line a paragraph, or a short line that closes its sentence
        return line.blank_before > 0 and self.blank_breaks


def _wrapped_heading(group: list[RoleLine], line: RoleLine, width: int) -> bool:
    """Is the paragraph so far (``group``) a heading wrapped over two lines, ``line`` the
    text below it (``摒弃速度情结，重申新发展理念，`` / ``有极其重要的现实意义`` /
    ``理念是行动的先导。……``)? On a wrapped page: a full first line that closes no
    sentence, a second that stops well short of the column without closing one either (a
    wrapped line stops short only at a paragraph's end), then ``line``."""
    if width <= 0 or len(group) != 2:
        return False
    first, last = (_WS.sub("", x.text) for x in group)
    return (
        _full(group[0], width)
        and not L.is_closed(first)
        and len(last) < width - 2
        and not L.ends_softly(last)
        and not _NO_HEADING_END.search(last)
        and line.text.strip()[:1] not in _GOES_ON
    )


# a heading never ends on a sentence mark, a dash, a number, or a word that needs more after
# it (的, 和, 在 …): a line ending so is a sentence going on
_NO_HEADING_END = re.compile(
    r"[。！？!?；;…—\-\d%的地得了着和与及或并而在对把被将向从由以于为是让使]$"
)


def _short_end(line: RoleLine, width: int) -> bool:
    return L.is_closed(line.text) and (width <= 0 or not _full(line, width))


_NO_HEADING_PUNCT = re.compile(r"[，,、；;。！？!?：:]")
_GOES_ON = set("，,、。；;：:）)”’」』》!?！？")


def _standalone(lines: list[RoleLine], width: int, roles: frozenset[str]) -> set[int]:
    """Lines that are paragraphs of their own although they close no sentence: a jump
    marker (``（上接第1版）``); a short heading after it or, on a wrapped page, between two
    paragraphs (after a closed line, well short of the column), with no sentence
    punctuation and the next line opening a sentence. On an unwrapped page a short line may
    be a sentence broken at a blank line: the model's sub-heading label decides there."""
    out: set[int] = set()
    prev: RoleLine | None = None
    limit = 16 if width <= 0 else max(4, int(0.7 * width))
    text_lines = [x for x in lines if x.role in roles and x.text.strip()]
    for k, line in enumerate(text_lines):
        text = line.text.strip()
        nxt = text_lines[k + 1] if k + 1 < len(text_lines) else None
        after = nxt.text.strip()[:1] if nxt else ""
        if after and after in _GOES_ON:
            prev = line
            continue
        if L.is_continuation_marker(text) or (
            prev is not None
            and (id(prev) in out or (width > 0 and L.is_closed(prev.text)))
            and len(_WS.sub("", text)) <= limit
            and L.is_headline_candidate(text)
            and not _NO_HEADING_PUNCT.search(text)
        ):
            out.add(id(line))
        prev = line
    return out


def _paragraphs(lines: list[RoleLine], width: int, roles: frozenset[str]) -> list[_Para]:
    """Lines of ``roles`` (others are skipped, as interruptions) joined into paragraphs."""
    breaks = _Breaks.of(lines, width)
    if R.BODY not in roles:
        breaks.indents = False
    groups: list[tuple[int, list[RoleLine]]] = []
    prev: RoleLine | None = None
    alone = _standalone(lines, width, roles)
    for at, line in enumerate(lines):
        if line.role not in roles or not line.text.strip():
            continue
        if (
            prev is None
            or breaks.starts(prev, line)
            or id(prev) in alone
            or id(line) in alone
            or (not breaks.indents and _wrapped_heading(groups[-1][1], line, width))
        ):
            groups.append((at, [line]))
        else:
            groups[-1][1].append(line)
        prev = line
    out: list[_Para] = []
    for at, group in groups:
        text = join_lines([x.text for x in group]).strip()
        if text:
            out.append(_Para(text, group[0].role, at))
    return out


_TEXT_ROLES = frozenset({R.BODY, R.SUBHEAD})


def join_body(lines: list[RoleLine], width: int) -> list[str]:
    """The body paragraphs of an article's lines (body and sub-heading lines; others skipped).

    A line continues into the next when it does not close its sentence (blank lines and
    interrupting captions inside a sentence are no breaks) or when it is full width; a
    paragraph ends at a clearly short line that closes its sentence, at a full one followed by
    a blank line, or — on pages that indent paragraphs — before each indented line. A
    sub-heading is a paragraph of its own. ``width`` 0 (unwrapped page): every line that
    closes its sentence ends a paragraph.
    """
    return [p.text for p in _paragraphs(lines, width, _TEXT_ROLES)]


# -- the article -----------------------------------------------------------------------


@dataclass(slots=True)
class BuiltArticle:
    """An article record plus the text consumed that is in none of its fields."""

    article: Article
    decoration: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # exactly repeated paragraphs dropped


_SUMMARY_HEAD = re.compile(r"^(?:核心阅读|阅读提示|导读|编者按|内容提要|提要)\s*[：:]?$")
_PLAIN_CREDIT = re.compile(
    r"^[（(]?\s*(?:作者(?:为|系|单位|是)|本系列|本期|本文|本版(?!记者)|版式设计|制图|数据来源|资料来源"
    r"|图片来源|来源[：:]|统筹|责编|责任编辑|策划|设计|图表制作|图表)"
)
_PHOTO_CREDIT = re.compile(
    r"(?:摄|摄影|摄影报道|供图)\s*(?:[（(][^（）()]{2,10}[）)])?$"
    r"|^[（(]?(?:新华社发|资料图片|本报资料照片|资料照片|新华社记者.*摄)[）)]?$"
)
_BRACKETED = re.compile(r"^[（(](?P<inner>.*)[）)]$", re.S)


class _Builder:
    """Collects the fields of one article while walking its lines."""

    def __init__(self, lines: list[RoleLine], width: int) -> None:
        self.lines = [x for x in lines if x.text.strip()]
        self.width = width
        self.decoration: list[str] = []
        self.names: list[tuple[int, list[str]]] = []  # (line index, names) in page order
        self.photo: list[tuple[int, list[str]]] = []  # photographers, kept for a photo item
        self.outlets: list[tuple[int, str]] = []
        self.captions: list[tuple[int, str]] = []
        self.extra_body: list[_Para] = []  # mislabelled lines that read as text
        self.dateline = ""
        self.closing: list[str] = []

    def deco(self, text: str) -> None:
        compact = _WS.sub("", text)
        if compact:
            self.decoration.append(compact)

    # -- runs of lines -------------------------------------------------------------------
    def runs(self, role: str) -> list[tuple[int, list[RoleLine]]]:
        """Consecutive lines of ``role`` (a line of another role ends a run)."""
        out: list[tuple[int, list[RoleLine]]] = []
        last = -2
        for at, line in enumerate(self.lines):
            if line.role != role:
                continue
            if at == last + 1:
                out[-1][1].append(line)
            else:
                out.append((at, [line]))
            last = at
        return out

    def logical(self, run: list[RoleLine]) -> list[list[RoleLine]]:
        """Split a run of byline/credit lines into printed units (a full line wraps on)."""
        units: list[list[RoleLine]] = []
        for line in run:
            prev = units[-1][-1].text if units else ""
            opened = prev.count("（") + prev.count("(") > prev.count("）") + prev.count(")")
            wraps = units and (_full(units[-1][-1], self.width) or opened)
            if wraps:
                units[-1].append(line)
            else:
                units.append([line])
        return units

    # -- headline -------------------------------------------------------------------------
    def deck_ends(self, upper: str, lower: str) -> bool:
        """Does a title line set with no blank line above the next end its deck (a kicker
        above its title, a title above its subtitle)? Never where the upper line fills the
        column (wrapped); elsewhere the break model reads the words on both sides."""
        if self.width and len(_WS.sub("", upper)) >= self.width - 1:
            return False
        return parts_decks(upper, lower)

    def head_decks(self) -> tuple[list[_Deck], list[str], set[int]]:
        """The article's headline decks in page order, its jump lines (``下转第3版``: no
        headline words) and the first lines of the decks the break model parted from the
        deck above. A kicker is one deck however it is broken; a run of title lines is
        parted by a blank line, or where the break model reads a deck boundary; a later
        run of title lines is a subtitle."""
        decks: list[_Deck] = []
        jumps: list[str] = []
        read_apart: set[int] = set()
        for role in (R.KICKER, R.TITLE, R.SUBTITLE):
            runs = self.runs(role)
            if role == R.KICKER and runs:
                raw = [x.text for _, run in runs for x in run]
                decks.append((runs[0][0], role, join_lines(raw), raw))
                continue
            for n, (start, run) in enumerate(runs):
                if role != R.TITLE or n:
                    raw = [x.text for x in run]
                    decks.append((start, role if not n else R.SUBTITLE, join_lines(raw), raw))
                    continue
                part: list[str] = []
                for k, line in enumerate(run):
                    if L.is_continuation_marker(line.text):
                        jumps.append(line.text.strip())
                        continue
                    ends = part and not line.blank_before and self.deck_ends(part[-1], line.text)
                    if part and (line.blank_before > 0 or ends):
                        if ends:
                            read_apart.add(start + k)
                        decks.append((start + k - len(part), role, join_lines(part), part))
                        part = []
                    part.append(line.text)
                if part:
                    decks.append((start + len(run) - len(part), role, join_lines(part), part))
        decks = sorted((d for d in decks if d[2]), key=lambda d: d[0])
        return _lead_ins_joined(decks), jumps, read_apart

    def headline(self) -> tuple[str, list[str]]:
        """The title and the other decks (kicker, subtitles) in page order.

        The headline is the first block of decks set together that holds a title line
        (``_headline_block``); which of its decks is the title is read from their words by
        the deck model (``store.parse.layout.heads``; without it, the shape rules); two very
        short plain decks parted by a blank line are one title broken in two. A deck apart
        from the block (another headline the model gave this article, a kicker cut off by a
        line read as text) is a subtitle.
        """
        decks, jumps, read_apart = self.head_decks()
        chosen = _headline_block(decks)
        texts = [text for _, _, text, _ in decks]
        later = [t for k, t in enumerate(texts) if k not in chosen] + jumps
        pair = [decks[k] for k in chosen]
        if (
            len(pair) == 2
            and pair[1][0] not in read_apart
            and _one_broken_title(pair[0][2:], pair[1][2:])
        ):
            return texts[chosen[0]] + texts[chosen[1]], later
        head = [texts[k] for k in chosen]
        pick = title_deck(head) if len(head) > 1 else 0 if head else None
        if pick is None and head:  # no deck model installed: the shape rules
            pick = head.index(choose_title([(t, [t]) for t in head])[0])
        if pick is not None and not _may_be_title(head[pick]):
            fits = [k for k, text in enumerate(head) if _may_be_title(text)]
            pick = fits[0] if len(fits) == 1 else pick
        if pick is None:
            return "", later
        return head[pick], [t for k, t in enumerate(head) if k != pick] + later

    # -- bylines and credits -------------------------------------------------------------
    def people(self, at: int, found: People) -> None:
        self.names.append((at, found.names))
        self.outlet(at, found.outlet)
        self.deco(found.decoration)

    def outlet(self, at: int, outlet: str) -> None:
        if outlet.lstrip("据") in _AGENCIES:
            self.deco(outlet)  # 新华社记者 …: an agency is not the newspaper
        elif outlet:
            self.outlets.append((at, outlet))

    def bylines(self) -> None:
        for start, run in self.runs(R.BYLINE):
            offset = start
            for unit in self.logical(run):
                texts = [x.text for x in unit]
                found = parse_people(_join_raw(texts))
                if found is not None:
                    self.people(offset, found)
                else:
                    for k, text in enumerate(texts):
                        self.credit(offset + k, text, as_byline=True)
                offset += len(unit)

    def credits(self) -> None:
        for role in (R.CREDIT, R.CLOSING):
            for start, run in self.runs(role):
                offset = start
                for unit in self.logical(run):
                    text = _join_raw([x.text for x in unit])
                    if role != R.CLOSING or not self.closing_dateline(offset, text):
                        self.credit(offset, text)
                    offset += len(unit)

    def closing_dateline(self, at: int, text: str) -> bool:
        inner_match = _BRACKETED.match(text.strip())
        read = dateline_credit(inner_match.group("inner") if inner_match else text.strip())
        if read is None:
            return False
        (dateline, outlet, _, deco), who = read
        self.closing.append(dateline)
        self.outlet(at, outlet)
        if who is not None:
            self.people(at, who)
        self.deco((text.strip()[0] + text.strip()[-1] if inner_match else "") + deco)
        return True

    def after_caption(self, at: int) -> bool:
        """Is the line at ``at`` a credit under a caption (not the article's photo)?"""
        k = at - 1
        while k >= 0 and self.lines[k].role in (R.CREDIT, R.BLANK):
            k -= 1
        return k >= 0 and self.lines[k].role == R.CAPTION

    def credit(self, at: int, text: str, as_byline: bool = False) -> None:
        stripped = text.strip()
        if _PLAIN_CREDIT.search(stripped) and "整理" not in stripped[:8]:
            self.captions.append((at, L.squeeze(stripped)))  # （作者为…）, 本版制图：…: shown
            return
        if not as_byline and _PHOTO_CREDIT.search(stripped):
            found = parse_people(stripped)
            if found is not None and not self.after_caption(at):
                self.photo.append((at, found.names))
                self.outlet(at, found.outlet)
                self.deco(found.decoration)
            else:
                self.captions.append((at, L.squeeze(stripped)))  # 新华社发, a caption's credit
            return
        bracket = _BRACKETED.match(stripped)
        inner = bracket.group("inner") if bracket else stripped
        found = parse_people(inner)
        if found is not None:
            self.people(at, found)
            if bracket:
                self.deco(stripped[0] + stripped[-1])
            return
        compact = _WS.sub("", stripped)
        if bracket and len(compact) <= 40 and not re.search(r"[。！？].", compact):
            self.captions.append((at, L.squeeze(stripped)))  # （本系列评论到此结束）
        elif len(compact) > 40 or re.search(r"[。！？，]", compact):
            self.extra_body.append(_Para(L.squeeze(stripped), R.BODY, at))  # reads as text
        else:
            self.captions.append((at, L.squeeze(stripped)))  # a short note: shown, not body

    # -- captions and summary ----------------------------------------------------------------
    def caption_texts(self) -> None:
        for para in self.caption_paras():
            text = para.text
            bullet = re.match(f"^(?:{_BULLETS}|\\s)+", text)
            if bullet and bullet.end() < len(text):
                self.deco(bullet.group())
                text = text[bullet.end() :]
            self.captions.append((para.at, text.strip()))
        for para in _paragraphs(self.lines, 0, frozenset({R.SUMMARY})):
            for chunk in self.split_summary(para.text):
                if _SUMMARY_HEAD.match(chunk):
                    self.deco(chunk)
                else:
                    self.captions.append((para.at, chunk))

    def caption_paras(self) -> list[_Para]:
        out: list[_Para] = []
        for at, run in self.runs(R.CAPTION):
            group: list[RoleLine] = []
            start = at
            for k, line in enumerate(run):
                new = not group or line.text.lstrip()[:1] in L.BULLETS
                if group and not new:
                    prev = group[-1]
                    new = L.is_closed(prev.text) and (not _full(prev, self.width))
                if new and group:
                    out.append(_Para(join_lines([x.text for x in group]), R.CAPTION, start))
                    group, start = [], at + k
                group.append(line)
            if group:
                out.append(_Para(join_lines([x.text for x in group]), R.CAPTION, start))
        return out

    @staticmethod
    def split_summary(text: str) -> list[str]:
        head = re.match(r"^(核心阅读|阅读提示|导读|编者按|内容提要|提要)\s*[：:]?\s*", text)
        if head and head.end() < len(text):
            return [head.group().strip(), text[head.end() :].strip()]
        return [text]

    # -- body -----------------------------------------------------------------------------
    def body(self) -> list[_Para]:
        paras = _paragraphs(self.lines, self.width, _TEXT_ROLES)
        first = next((p for p in paras if p.role == R.BODY), None)
        if first is not None:  # the text opens there, after any sub-heading above it
            first.text = self.lead(first.at, first.text)
        paras = [p for p in paras if p.text]
        if self.extra_body:
            paras = sorted(paras + self.extra_body, key=lambda p: p.at)
        return paras

    def lead(self, at: int, text: str) -> str:
        """Take the dateline and its bracketed byline off the first paragraph."""
        found = match_dateline(text)
        if found is None:
            return text
        dateline, outlet, rest, deco = found
        self.dateline = dateline
        self.outlet(at, outlet)
        self.deco(deco)
        bracket = _LEAD_BRACKET.match(rest)
        if bracket:
            who = parse_people(bracket.group("inner"))
            if who is not None:
                self.people(at, who)
                self.deco(bracket.group().strip()[0] + bracket.group().strip()[-1])
                rest = rest[bracket.end() :]
        else:
            reported = _LEAD_REPORTED.match(rest)
            who = parse_people(reported.group("who"), bare_ok=False) if reported else None
            if reported and who is not None:
                self.people(at, who)
                self.deco(rest[reported.end("who") : reported.end()].strip())
                rest = rest[reported.end() :]
        return rest.strip()

    # -- all together ----------------------------------------------------------------------
    def closing_credit_read_as_text(self) -> None:
        """A bracketed credit of names closing the text (``（本报记者贺林平、王昊男、游仪、`` /
        ``潘俊强、王沛）``) that the page model read as text is the article's credit; a staff
        line closing it (``新京报记者 X 编辑 Y 校对 Z``) is its byline."""
        body = [k for k, x in enumerate(self.lines) if x.role == R.BODY]
        if len(body) < 2:
            return
        last = body[-1]
        for first in range(last, max(body[0], last - _CREDIT_LINES), -1):
            if self.lines[first].role != R.BODY:
                return
            text = _join_raw([x.text for x in self.lines[first : last + 1]]).strip()
            if _staff_line(text):
                for k in range(first, last + 1):
                    line = self.lines[k]
                    self.lines[k] = RoleLine(line.text, R.BYLINE, line.blank_before)
                return
            if text.startswith(("（", "(")):
                if text.endswith(("）", ")")) and parse_people(text, bare_ok=False) is not None:
                    for k in range(first, last + 1):
                        line = self.lines[k]
                        self.lines[k] = RoleLine(line.text, R.CREDIT, line.blank_before)
                return

    def build(self) -> BuiltArticle:
        """The article, its decoration and repeated paragraphs."""
        self.closing_credit_read_as_text()
        title, subtitles = self.headline()
        self.bylines()
        self.credits()
        paras = self.body()
        self.caption_texts()
        # a letter's signature: a date and the line above it (``习近平`` / ``2020年1月5日``)
        dates = [_a_date(p.text) for p in paras]
        signed = [
            here or after
            for here, after in itertools.zip_longest(dates, dates[1:], fillvalue=False)
        ]
        subtitles += [
            p.text
            for p, sign in zip(paras, signed, strict=True)
            if p.role == R.SUBHEAD and p.text not in subtitles and not sign
        ]
        duplicates: list[str] = []
        texts = dedupe_paragraphs([p.text for p in paras], duplicates)
        body_chars = sum(len(t) for t in texts)
        photo_item = 0 < body_chars <= PHOTO_ITEM_CHARS and len(texts) <= PHOTO_ITEM_PARAS
        events = list(self.names)
        if photo_item:
            events += self.photo
        else:
            for _, names in self.photo:
                self.decoration.extend(names)
        byline: list[str] = []
        for _, names in sorted(events, key=lambda e: e[0]):
            for name in names:
                if name in byline:
                    self.decoration.append(name)  # named twice: the repeat is consumed
                else:
                    byline.append(name)
        outlets = [o for _, o in sorted(self.outlets, key=lambda e: e[0])]
        newspaper = outlets[0] if outlets else ""
        self.decoration.extend(_WS.sub("", o) for o in outlets[1:])
        dateline = self.dateline or (self.closing[0] if self.closing else "")
        for extra in self.closing[0 if self.dateline else 1 :]:
            self.deco(extra)
        text_lines = [x for x in self.lines if x.role == R.BODY]
        truncated = bool(text_lines) and bool(texts) and not L.is_closed(text_lines[-1].text)
        article = Article(
            title=title,
            subtitles=subtitles,
            byline=byline,
            dateline=dateline,
            body="\n".join(texts),
            captions=[c for _, c in sorted(self.captions, key=lambda c: c[0]) if c],
            newspaper=newspaper,
            truncated=truncated,
        )
        return BuiltArticle(article, self.decoration, duplicates)


_KNOWN_ROLES = frozenset(
    {
        R.KICKER,
        R.TITLE,
        R.SUBTITLE,
        R.BYLINE,
        R.BODY,
        R.SUBHEAD,
        R.CAPTION,
        R.CREDIT,
        R.CLOSING,
        R.SUMMARY,
    }
)


def build_article(lines: list[RoleLine], width: int) -> BuiltArticle:
    """Build the ``Article`` of one article's role-labelled lines (in page order).

    ``width`` is the page's column width in characters (0 when lines are not wrapped).
    ``source``, ``date`` and ``page`` are left for the caller. Lines of a role that has no
    place in an article (page furniture, leftovers) are read as body text, so that nothing
    is lost.
    """
    normalised = [
        x if x.role in _KNOWN_ROLES else RoleLine(x.text, R.BODY, x.blank_before) for x in lines
    ]
    # a kicker stands above its title: a "kicker" line below a title line is the title run
    # on (no blank line between) or a subtitle
    seen_title = False
    for k, line in enumerate(normalised):
        if line.role == R.TITLE:
            seen_title = True
        elif line.role == R.KICKER and seen_title:
            above = normalised[k - 1].role
            role = R.TITLE if above == R.TITLE and line.blank_before == 0 else R.SUBTITLE
            normalised[k] = RoleLine(line.text, role, line.blank_before)
    _head_subheading_as_title(normalised)
    return _Builder(normalised, width).build()


def _head_subheading_as_title(lines: list[RoleLine]) -> None:
    """A "sub-heading" above the first body line of an article that has no headline is its
    title: a sub-heading stands inside a text, never before it."""
    if any(x.role in R.HEADLINE_ROLES for x in lines):
        return
    for k, line in enumerate(lines):
        if line.role == R.BODY:
            return
        if line.role == R.SUBHEAD:
            lines[k] = RoleLine(line.text, R.TITLE, line.blank_before)


__all__ = [
    "BuiltArticle",
    "People",
    "RoleLine",
    "build_article",
    "join_body",
    "match_dateline",
    "parse_people",
]
