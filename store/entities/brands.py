"""Companies the tagger never saw, known by their form: a brand of two characters and
the industry a company is named by (``盘古智能``, ``软控股份``, ``天顺药业``).

The brand is a name in jieba's dictionary (a proper noun, not a frequent word) or no word
of it, made of no function characters, and no place (``青岛科技`` opens ``青岛科技大学`` or
names the city's technology); the name stands alone in its phrase (not ``发|展高科技``,
``海洋科技|创新``).
"""

from __future__ import annotations

import bisect
import re

from store.entities import gazetteer
from store.entities.text import han_at

Span = tuple[int, int, str]

_INDUSTRIES = "科技|智能|股份|药业|控股|生物|电子|医药|电器|电气|重工|传媒|物流|实业|通信"
#: every candidate, overlapping ones too (``是软控股`` must not hide ``软控股份``)
_BRAND_AND_INDUSTRY = re.compile(rf"(?=([\u4e00-\u9fff]{{2}}(?:{_INDUSTRIES})))")
#: jieba parts of speech of a dictionary word that is a name: proper nouns of any kind
_NAME_POS = frozenset({"nz", "nr", "nrt", "ns", "nt", "j"})
#: parts of speech of characters that are never part of a brand: prepositions, particles,
#: conjunctions, adverbs, pronouns, numerals, measure words, locatives
_FUNCTION_POS = ("p", "u", "c", "d", "r", "m", "q", "f", "y", "e")
#: what follows a company's name in a sentence: punctuation (not in this set: any
#: character that is no Chinese one), a particle, conjunction or verb that takes it as
#: its subject or object (``盘古智能成功上市``, ``天顺药业等``)
_AFTER_A_NAME = frozenset("等和与及的在将成是已也于为对把被从向获入")
_COMMON = 1000  # a dictionary word at least this frequent is a common word (``海洋``)


def _ends_a_phrase(text: str, end: int) -> bool:
    return not han_at(text, end) or text[end] in _AFTER_A_NAME


def _opens_a_phrase(text: str, start: int) -> bool:
    """Nothing before ``start`` that the brand's name could continue: punctuation, a
    function word, a verb or a place (``青岛|方旭科技``)."""
    from store.entities.segmenter import word_freq, words

    if not han_at(text, start - 1):
        return True
    if word_freq(text[start - 1 : start + 1]) > 0:
        return False  # ``发|展高科技``: the brand's first character closes a word
    low = max(0, start - 4)
    before = words(text[low:start], hmm=False)
    _, word_end, pos = before[-1]
    return pos.startswith((*_FUNCTION_POS, "v", "ns")) and word_end == start - low


def _brand_is_a_name(text: str, start: int, end: int) -> bool:
    """The two characters at ``start`` name a brand and ``text[start + 2:end]``, the
    industry, ends the name."""
    from store.entities.segmenter import word_freq, words

    brand = text[start : start + 2]
    if brand in gazetteer.places() or brand in gazetteer.STOP_WORDS:
        return False
    if not (_ends_a_phrase(text, end) and _opens_a_phrase(text, start)):
        return False
    pieces = words(brand, hmm=False)
    freq = word_freq(brand)
    if freq > 0:
        return len(pieces) == 1 and pieces[0][2] in _NAME_POS and freq < _COMMON
    return not any(pos.startswith(_FUNCTION_POS) for _, _, pos in pieces)


def _only_the_brand(text: str, touching: list[Span], start: int, end: int) -> bool:
    """The one span the tagger found there holds the brand alone, or the name and the
    punctuation after it (``宝佳智能“厂``)."""
    if len(touching) != 1 or touching[0][0] != start:
        return False
    found_end = touching[0][1]
    return found_end == start + 2 or (found_end > end and not han_at(text, end))


def _touching(ordered: list[Span], starts: list[int], start: int, end: int) -> list[int]:
    """Indexes of the (at most two) spans of ``ordered`` (sorted, not overlapping; their
    ``starts``) that overlap ``start:end``, nearest the end first."""
    at = bisect.bisect_left(starts, end)
    found: list[int] = []
    while at > 0 and ordered[at - 1][1] > start and len(found) < 2:
        at -= 1
        found.append(at)
    return found


def brand_companies(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with the companies named by a brand and an industry: where no span
    touches the name, or one holds just the brand (``宝佳`` of ``宝佳智能``, the "person"
    ``方旭`` of ``方旭科技``) or runs on past the name into punctuation. ``spans`` do not
    overlap (the tagger's); one pass, a look-up per candidate."""
    ordered = sorted(spans)
    starts = [span[0] for span in ordered]
    dropped: set[int] = set()
    added: list[Span] = []
    for match in _BRAND_AND_INDUSTRY.finditer(text):
        start, end = match.span(1)
        if added and start < added[-1][1]:
            continue  # inside the company just found
        touching = _touching(ordered, starts, start, end)
        if touching and not _only_the_brand(text, [ordered[i] for i in touching], start, end):
            continue
        if _brand_is_a_name(text, start, end):
            dropped.update(touching)
            added.append((start, end, "org"))
    if not added:
        return spans
    kept = [span for i, span in enumerate(ordered) if i not in dropped]
    return sorted([*kept, *added])


#: organisations news text names by a short form of their own: banks and football leagues
#: (``招行``, ``英超``); each one only where jieba reads it as a word of its own (not
#: ``其中|超过``, ``组建|行业``)
SHORT_ORG_NAMES = frozenset((
    "工行", "农行", "中行", "建行", "交行", "招行", "央行", "德甲", "西甲", "意甲", "英超",
    "法甲", "中超", "欧冠", "亚冠", "德乙", "英冠", "西乙", "意乙",
))  # fmt: skip
_SHORT_ORG = re.compile("|".join(sorted(SHORT_ORG_NAMES, key=len, reverse=True)))


def short_org_names(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with the known short names of organisations no span touches."""
    from store.entities.segmenter import words

    found: list[Span] = []
    ordered = sorted(spans)
    starts = [span[0] for span in ordered]
    for match in _SHORT_ORG.finditer(text):
        start, end = match.span()
        if _touching(ordered, starts, start, end):
            continue  # the tagger found something here
        low = max(0, start - 3)
        cut = words(text[low : end + 3], hmm=False)
        if any(low + s == start and low + e == end for s, e, _ in cut):
            found.append((start, end, "org"))
    return sorted([*ordered, *found]) if found else spans
