"""Features of the lines of a page, for the line-labelling CRF.

A line is described by its own shape (length against the page's column width, first and
last characters, punctuation), by the certain conventions it matches (a dateline, a byline,
a photo credit, a closing dateline — the rules of ``store.parse.lines``), by the blank lines around
it, and by the same facts about its neighbours two lines either side.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from store.parse import lines as L
from store.parse.layout import lexical as X

INDENT = ("\u3000", "  ", "\t")
_SPACES = " \u3000\u00a0\t"
_HAN1 = re.compile(f"[{L.HAN}]")
_CLOSING_DATELINE = re.compile(
    r"^[（(]\s*(?:据)?(?:本报|新华社|中新社|[\u4e00-\u9fff]{2,8}(?:日报|晚报|报|社|网))"
    r"[^（）()]{0,24}?(?:电|讯)\s*[）)]$"
)
_CREDIT = re.compile(
    r"^[（(]?\s*(?:作者(?:为|系|是)|本版制图|版式设计|制图|本版责编|责任编辑|编辑|图表制作|"
    r"本栏目|本系列|本栏图片|图为|资料图片|图片来源|来源)"
    r"|(?:整理|采写|摄影报道|摄|供图|新华社发|影像中国|人民视觉|视觉中国|摄影)[）)]?\s*$"
    r"|(?:摄|供图)\s*[（(][^（）()]{2,8}[）)]\s*$"
)
_CREDIT_OPENING = tuple("（(作本版制责编图资来")  # a credit's first character (after a bracket)
_CREDIT_ENDING = tuple("理写道摄图发国觉影）)")  # its last: no other can end one
_PHOTO_ENDING = tuple("摄片发图")  # the last character of a photo credit
_COLUMN_TAG = re.compile(r"[（(][\u4e00-\u9fff·]{2,8}[）)]$")
_SUMMARY = re.compile(r"^(?:核心阅读|阅读提示|导读|编者按|图片报道|新闻背景|链接|相关链接)[：:]?$")
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.])"
)
_BRACKET_DATELINE = re.compile(r"^【[^】]{2,30}(?:电|讯)】")
_WS = re.compile(r"\s+")
_STOP = re.compile(r"[。！？；]")
_COMMA = re.compile(r"[，,、]")
_WEEKDAY_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*星期")
_PAGE_NUMBER = re.compile(r"[A-Z]?\d{1,3}")
# a character no name token can hold: such a line is no list of names
_NOT_NAME_CHAR = re.compile(rf"[^{L.HAN}·\s、，,/／]")
_ROLE_ANY = re.compile("|".join(re.escape(word) for word in L.ROLE_WORDS))
_SERIES = re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩]|之[一二三四五六七八九十]+$")


@dataclass(slots=True)
class PageStats:
    """Facts about the whole page that a line's shape is measured against."""

    width: int  # the column width in characters (0 when lines are not wrapped)
    wrapped: bool
    gap: int  # the usual number of blank lines between paragraphs


def _strip(line: str) -> str:
    return line.strip(_SPACES)


def page_stats(texts: list[str]) -> PageStats:
    """Estimate the column width: the most common length of the page's longer lines."""
    lengths = [len(_strip(t)) for t in texts if len(_strip(t)) >= 6]
    gaps: list[int] = []
    blanks = 0
    for text in texts:
        if not _strip(text):
            blanks += 1
            continue
        if blanks:
            gaps.append(blanks)
        blanks = 0
    gap = Counter(gaps).most_common(1)[0][0] if gaps else 0
    if len(lengths) < 4:
        return PageStats(0, False, gap)
    counts = Counter(lengths)
    best, best_share = 0, 0.0
    for width in counts:
        share = sum(counts.get(width + d, 0) for d in (-1, 0, 1)) / len(lengths)
        if share > best_share or (share == best_share and width > best):
            best, best_share = width, share
    # wrapped text never runs past its width: many longer lines mean no width was found
    over = sum(n for length, n in counts.items() if length > best + 2) / len(lengths)
    wrapped = best_share >= 0.3 and best <= 60 and over < 0.2
    return PageStats(best if wrapped else 0, wrapped, gap)


def _char_class(ch: str) -> str:
    if not ch:
        return "none"
    if ch in "。！？!?":
        return "stop"
    if ch in "…":
        return "ellipsis"
    if ch in "”’」』\"'":
        return "quote_close"
    if ch in "“‘「『":
        return "quote_open"
    if ch in "）)】》〉":
        return "paren_close"
    if ch in "（(【《〈":
        return "paren_open"
    if ch in "，,、":
        return "comma"
    if ch in "；;：:":
        return "colon"
    if ch in "—-－":
        return "dash"
    if ch in L.BULLETS:
        return "bullet"
    if ch.isdigit():
        return "digit"
    if _HAN1.match(ch):
        return "han"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return "other"


def _len_bucket(n: int) -> str:
    for limit, name in ((1, "1"), (2, "2"), (3, "3"), (5, "4-5"), (8, "6-8"), (12, "9-12")):
        if n <= limit:
            return name
    for limit, name in ((20, "13-20"), (30, "21-30"), (50, "31-50")):
        if n <= limit:
            return name
    return "50+"


def _relative(n: int, stats: PageStats) -> str:
    if not stats.wrapped:
        return "free_long" if n > 40 else "free_short" if n <= 20 else "free_mid"
    width = stats.width
    if n > width + 2:
        return "over"
    if n >= width - 1:
        return "full"
    if n >= 0.7 * width:
        return "near"
    if n >= 0.4 * width:
        return "half"
    return "short"


def _names_line(text: str) -> bool:
    if len(text) > 16 or not _HAN1.search(text) or _NOT_NAME_CHAR.search(text):
        return False
    names = L.split_names(text)
    return 1 <= len(names) <= 4 and all(L.looks_like_name(n) for n in names)


def _base(raw: str, stats: PageStats) -> dict[str, str | bool]:
    text = _strip(raw)
    compact = _WS.sub("", text)
    n = len(compact)
    first, last = compact[:1], compact[-1:]
    inner = compact[:-1]
    feats: dict[str, str | bool] = {
        "len": _len_bucket(n),
        "rel": _relative(len(text), stats),
        "first": _char_class(first),
        "last": _char_class(last),
        "closed": L.is_closed(compact),
        "soft": L.ends_softly(compact),
        "indent": raw.startswith(INDENT),
        "stop_inside": bool(_STOP.search(inner)),
        "commas": str(min(2, len(_COMMA.findall(compact)))),
        "spaces": str(min(2, len(text.split()) - 1)),
    }
    if L.match_dateline(text) or _BRACKET_DATELINE.match(compact):
        feats["dateline"] = True
    if _ROLE_ANY.search(text) and L.parse_byline(text) is not None:
        feats["byline"] = True
    if L.parse_paren_trailer(text) is not None:
        feats["trailer"] = True
    # the regexes only where the line's ends allow a credit (they scan the whole line)
    if (last in _PHOTO_ENDING and L.PHOTO_CREDIT_RE.search(text)) or (
        (first in _CREDIT_OPENING or last in _CREDIT_ENDING) and _CREDIT.search(compact)
    ):
        feats["credit"] = True
    if _CLOSING_DATELINE.match(compact):
        feats["closing"] = True
    if L.DATE_LINE_RE.match(text) or _WEEKDAY_DATE.search(text):
        feats["dateheader"] = True
    if L.PAGE_LINE_RE.match(text) or _PAGE_NUMBER.fullmatch(compact):
        feats["pageline"] = True
    if _names_line(text):
        feats["names"] = True
    if L.is_headline_candidate(text):
        feats["headlike"] = True
    if L.is_letter_spaced(text):
        feats["spaced"] = True
    if L.is_parallel_phrases(text):
        feats["parallel"] = True
    if compact.startswith(("——", "--", "—")):
        feats["dash_start"] = True
    if compact.endswith(("——", "--")):
        feats["dash_end"] = True
    if _COLUMN_TAG.search(compact) and n > 6:
        feats["column_tag"] = True
    if "版" in compact and L.CONTINUED_RE.search(compact):
        feats["continued"] = True
    if _SUMMARY.match(compact):
        feats["summary"] = True
    if _NUMBERED.match(compact):
        feats["numbered"] = True
    if _SERIES.search(compact):
        feats["series"] = True
    if first in "■▲△▼●":
        feats["caption_bullet"] = True
    if n and L.han_count(compact) / n < 0.5:
        feats["low_han"] = True
    return feats


_CONTEXT_KEYS = (
    "rel",
    "len",
    "last",
    "first",
    "closed",
    "soft",
    "indent",
    "dateline",
    "byline",
    "names",
    "credit",
    "closing",
    "headlike",
    "caption_bullet",
    "dash_start",
    "dash_end",
    "summary",
    "stop_inside",
)


_BLANKS = [f"blanks={n}" for n in range(4)]
_NONE = {offset: f"{offset}:none" for offset in (-2, -1, 1, 2)}
_PREFIXED: dict[int, dict[str, str]] = {offset: {} for offset in (-2, -1, 1, 2)}


def _tokens(base: dict[str, str | bool]) -> list[str]:
    return [key if value is True else f"{key}={value}" for key, value in base.items()]


def _context_tokens(base: dict[str, str | bool]) -> list[str]:
    out = []
    for key in _CONTEXT_KEYS:
        value = base.get(key)
        if value is None or value is False:
            continue
        out.append(key if value is True else f"{key}={value}")
    return out


def _blank_bucket(count: int, gap: int) -> str:
    if count == 0:
        return "0"
    if count > gap:
        return "more"
    return "same" if count == gap else "less"


def _heading(base: dict[str, str | bool]) -> bool:
    """Could the line be part of a headline block (short, not a sentence, no convention)?"""
    return (
        bool(base.get("headlike"))
        and not base["closed"]
        and not base["stop_inside"]
        and base["commas"] != "2"
        and not (base["rel"] == "full" and base["commas"] != "0")
        and not any(base.get(k) for k in ("dateline", "byline", "credit", "closing", "names"))
    )


_BLOCK_NEXT = ("dateline", "byline", "names", "indent", "caption_bullet", "summary", "credit")
_BLOCK_PREV = ("closed", "closing", "credit", "names", "byline", "trailer", "soft")


def _lexical_side(grams: list[list[str]], k: int, end: int, heading: list[bool]) -> list[str]:
    """Which side's text shares the words of the headline block ``k..end``."""
    after, lead, before = X.headline_spans(grams, k, end, heading)
    own = set().union(*(grams[j] for j in range(k, end + 1)))
    a, b, first = X.shares(own, after, before, lead)
    return [
        f"blk_lex={X.side(a, b)}",
        f"blk_lexa={X.share_bucket(a)}",
        f"blk_lexb={X.share_bucket(b)}",
        f"blk_lead={X.share_bucket(first)}",
    ]


def _block_features(
    bases: list[dict[str, str | bool]],
    before: list[int],
    after: list[int],
    gap: int,
    grams: list[list[str]],
    heading: list[bool],
) -> list[list[str]]:
    """For a line in a run of headline-like lines: the run's size, the line's place in it,
    what stands right after and right before the run, the blank lines around it, and which
    side's text shares its words — the facts that tell whether a headline belongs to the
    text above or below."""
    out: list[list[str]] = [[] for _ in bases]
    count = len(bases)
    k = 0
    while k < count:
        if not heading[k]:
            k += 1
            continue
        end = k
        while end + 1 < count and heading[end + 1] and before[end + 1] <= max(gap, 1):
            end += 1
        size = min(4, end - k + 1)
        shared = [f"blk_len={size}", f"blk_bb={_blank_bucket(before[k], gap)}"]
        shared += _lexical_side(grams, k, end, heading)
        shared.append(f"blk_ba={_blank_bucket(after[end], gap)}")
        if end + 1 < count:
            nxt = bases[end + 1]
            shared += [f"blk_next:{key}" for key in _BLOCK_NEXT if nxt.get(key)]
            shared.append(f"blk_next:rel={nxt['rel']}")
        else:
            shared.append("blk_next:none")
        if k > 0:
            prev = bases[k - 1]
            shared += [f"blk_prev:{key}" for key in _BLOCK_PREV if prev.get(key)]
            shared.append(f"blk_prev:rel={prev['rel']}")
        else:
            shared.append("blk_prev:none")
        for j in range(k, end + 1):
            place = "only" if k == end else "first" if j == k else "last" if j == end else "mid"
            out[j] = [*shared, f"blk_pos={place}"]
        k = end + 1
    return out


def _cohesion_features(
    bases: list[dict[str, str | bool]], grams: list[list[str]], skip: list[bool]
) -> list[list[str]]:
    """At a line that opens a paragraph: how much its text shares with the text before it,
    and whether that is the lowest among the nearby paragraph breaks (a topic change)."""
    count = len(bases)
    values: dict[int, float | None] = {}
    for k in range(1, count):
        if not skip[k] and bases[k - 1]["closed"]:
            values[k] = X.cohesion(grams, k, skip)
    out: list[list[str]] = [[] for _ in bases]
    points = sorted(values)
    for n, k in enumerate(points):
        value = values[k]
        feats = [f"coh={X.cohesion_bucket(value)}"]
        if value is not None:
            near = [values[j] for j in points[max(0, n - 3) : n + 4] if j != k]
            near = [v for v in near if v is not None]
            if near and value < min(near):
                feats.append("coh_min")
        out[k] = feats
    return out


def _line_kind(base: dict[str, str | bool]) -> str:
    if base.get("byline") or base.get("names"):
        return "byline"
    if base.get("dateline"):
        return "dateline"
    if _heading(base):
        return "head"
    return "text"


def _page_layout(bases: list[dict[str, str | bool]]) -> list[str]:
    """How the page opens and ends (past its label lines): a cue to its layout."""
    lines = [b for b in bases if not (b.get("pageline") or b.get("dateheader"))]
    if not lines:
        return []
    start = next((b for b in lines if b["len"] not in ("1", "2", "3")), lines[0])
    return [f"page_open={_line_kind(start)}", f"page_end={_line_kind(lines[-1])}"]


def line_features(texts: list[str]) -> tuple[list[int], list[list[str]], PageStats]:
    """Features of each non-blank line of a page.

    Returns the indexes of the non-blank lines in ``texts``, one attribute list per such
    line (python-crfsuite's item form), and the page statistics used.
    """
    stats = page_stats(texts)
    index: list[int] = []
    blank_before: list[int] = []
    blanks = 0
    for i, text in enumerate(texts):
        if not _strip(text):
            blanks += 1
            continue
        index.append(i)
        blank_before.append(blanks)
        blanks = 0
    blank_after = [*blank_before[1:], blanks]
    bases = [_base(texts[i], stats) for i in index]
    own = [_tokens(base) for base in bases]
    context = [_context_tokens(base) for base in bases]
    gap = stats.gap
    wrapped = f"wrapped={stats.wrapped}"
    count = len(bases)
    grams = [X.content_bigrams(texts[i]) for i in index]
    heading = [_heading(base) for base in bases]  # headline-like lines: not text to compare
    blocks = _block_features(bases, blank_before, blank_after, gap, grams, heading)
    breaks = _cohesion_features(bases, grams, heading)
    layout = _page_layout(bases)
    out: list[list[str]] = []
    for k, base in enumerate(bases):
        attrs = ["bias", *own[k], *blocks[k], *breaks[k], *layout]
        bb = _blank_bucket(blank_before[k], gap)
        ba = _blank_bucket(blank_after[k], gap)
        rel = base["rel"]
        text = _WS.sub("", texts[index[k]])
        attrs += (
            _BLANKS[min(3, blank_before[k])],
            f"bb={bb}",
            f"ba={ba}",
            wrapped,
            f"rel|last={rel}|{base['last']}",
            f"rel|bb|ba={rel}|{bb}|{ba}",
            f"p1={text[:1]}",
            f"p2={text[:2]}",
            f"s1={text[-1:]}",
            f"s2={text[-2:]}",
        )
        if k == 0:
            attrs.append("page_first")
        elif k < 4:
            attrs.append("page_top")
        if k == count - 1:
            attrs.append("page_last")
        for offset in (-2, -1, 1, 2):
            j = k + offset
            if not 0 <= j < count:
                attrs.append(_NONE[offset])
                continue
            prefixed = _PREFIXED[offset]
            for token in context[j]:
                name = prefixed.get(token)
                if name is None:
                    name = prefixed[token] = f"{offset}:{token}"
                attrs.append(name)
            other = bases[j]
            if offset == 1:
                attrs.append(f"1:bb={_blank_bucket(blank_before[j], gap)}")
                attrs.append(f"rel|1rel={rel}|{other['rel']}")
                attrs.append(f"last|1first={base['last']}|{other['first']}")
            elif offset == -1:
                attrs.append(f"-1rel|rel={other['rel']}|{rel}")
                attrs.append(f"-1closed|closed={other['closed']}|{base['closed']}")
        out.append(attrs)
    return index, out, stats
