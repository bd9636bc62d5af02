"""Corrections on top of the CRF that a news page makes certain.

- trim punctuation and spaces the tagger let into a span;
- drop frequent false positives (``gazetteer.STOP_WORDS``: ``高新区`` is no person);
- extend a place to the organisation it heads when an org suffix follows
  (``青岛市`` + ``商务局`` → ``青岛市商务局``);
- a surname-led 2–3 character name right before or after a title is a person
  (``副市长常红军``, ``王亚军书记``) when the tagger left it out.
"""

from __future__ import annotations

import re

from store.ner import gazetteer

Span = tuple[int, int, str]

_EDGE = " \t\u3000_-—·.,，、：:;；“”\"'‘’()（）《》<>[]【】"
#: Org suffixes strong enough to turn ``place + …suffix`` into one organisation.
_STRONG_ORG = (
    "股份有限公司", "有限公司", "人民政府", "委员会", "管委会", "研究院", "研究所", "联合会",
    "办公室", "检察院", "集团", "公司", "大学", "学院", "医院", "银行", "协会", "商会", "政府",
    "法院", "海关", "局", "厅",
)  # fmt: skip
#: Words ending like an org suffix that are not organisations.
_NOT_ORG = frozenset(
    [
        "格局",
        "布局",
        "结局",
        "大局",
        "全局",
        "当局",
        "时局",
        "开局",
        "僵局",
        "残局",
        "政局",
        "变局",
        "新局",
        "骗局",
        "饭局",
    ]
)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _trim(text: str, span: Span) -> Span | None:
    start, end, kind = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if end <= start or not _HAN.search(text, start, end):
        return None
    return start, end, kind


def _extend_org(text: str, span: Span, limit: int) -> Span:
    """A place directly followed by ``…局/委员会/集团…`` (1–3 jieba words) is one org."""
    start, end, kind = span
    if kind != "place" or end >= limit:
        return span
    from store.ner.segmenter import words

    tail = text[end : min(limit, end + 12)]
    stretch = 0
    for index, (_, word_end, pos) in enumerate(words(tail, hmm=False)[:3]):
        piece = tail[stretch:word_end]
        if not _HAN.fullmatch(piece[0]) or pos.startswith(("v", "p", "c", "u", "d", "r")):
            break
        word = tail[:word_end].split()[-1] if tail[:word_end].split() else ""
        last = tail[stretch:word_end]
        stretch = word_end
        if last in _NOT_ORG or word in _NOT_ORG:
            break
        if last.endswith(_STRONG_ORG) and (index > 0 or len(last) > 1 or last in "局厅"):
            return start, end + word_end, "org"
    return span


def apply(text: str, spans: list[Span]) -> list[Span]:
    """Apply every rule; the result is sorted and non-overlapping."""
    stop = gazetteer.STOP_WORDS
    kept: list[Span] = []
    ordered = sorted(spans)
    for index, span in enumerate(ordered):
        trimmed = _trim(text, span)
        if trimmed is None:
            continue
        if text[trimmed[0] : trimmed[1]] in stop:
            continue
        limit = ordered[index + 1][0] if index + 1 < len(ordered) else len(text)
        trimmed = _extend_org(text, trimmed, limit)
        if kept and trimmed[0] < kept[-1][1]:
            continue
        kept.append(trimmed)
    return kept
