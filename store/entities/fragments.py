"""Spans the tagger cut out of a phrase rather than found as a name: half a saying
(``天南|地北``), the verb ``联`` of ``省际联采``, a group counted or sized (``5个批次商务团``,
``“百人团”``), the group word ``团`` of ``团组``, a county's short name that is half of a
four-character slogan (``“一码通城”``), a slogan's second half glued to a place
(``青岛·红色家园``), a place run into ``国家`` (``南美国|家``), a place's one-character
department (``宁波科``) and a kind of body after places named by abbreviation
(``美|欧银行``)."""

from __future__ import annotations

import re

from store.entities import gazetteer
from store.entities.text import han_at

Span = tuple[int, int, str]

#: ``5个批次``, ``两批``, ``多个``: a count right before a group
_COUNTED = re.compile(
    r"(?:[0-9０-９]+|[一二两三四五六七八九十百千万几多数])\s*(?:个|批次|批|支|路)+$"
)
_EACH = "各多诸每"  # ``各地``, ``多地``, ``诸国``, ``每家``: many of a kind
_SIZED = re.compile(r"^[百千万]人")  # ``百人团``, ``千人团``: a group named by its size


def a_joint_verb(text: str, span: Span) -> bool:
    """An organisation ending in a bare ``联`` after a word of two or more characters
    (``省际|联|采``): there ``联`` is "jointly", the first half of the next word. The ``联``
    of a federation (``联合会``) follows one character: ``侨联``, ``妇联``, ``国际武联``."""
    from store.entities.segmenter import words

    start, end, kind = span
    name = text[start:end]
    if kind != "org" or not name.endswith("联") or len(name) < 3 or not han_at(text, end):
        return False
    pieces = words(name, hmm=False)
    if len(pieces) < 2 or pieces[-1][0] != len(name) - 1:
        return False
    return pieces[-2][1] - pieces[-2][0] >= 2


def a_counted_group(text: str, span: Span) -> bool:
    """A ``…团`` that is counted (``5个批次商务团``) or named by its size (``百人团``): a
    kind of delegation, not one body's name. A named delegation (``中国代表团``) or one
    the text refers back to (``同代表团``) stays."""
    start, end, kind = span
    name = text[start:end]
    if kind != "org" or not name.endswith("团"):
        return False
    if _SIZED.match(name):
        return True
    return _COUNTED.search(text, max(0, start - 6), start) is not None


def a_group_word_cut(text: str, span: Span) -> bool:
    """An organisation whose last character opens the group word ``团组`` (``招商团|组``):
    the delegations of a kind, not a body."""
    _, end, kind = span
    return kind == "org" and text.endswith("团", 0, end) and text.startswith("组", end)


def a_county_in_a_slogan(text: str, span: Span) -> bool:
    """A county's short name that is the second half of a quoted four-character phrase
    (``“一码通城”``: one code through the city, not 通城县). Countries and cities in such
    phrases are names (``“一个中国”``, ``“攻击南京”``)."""
    start, end, kind = span
    name = text[start:end]
    if kind != "place" or len(name) != 2 or start < 3 or end >= len(text):
        return False
    if text[start - 3] != "“" or text[end] != "”" or not han_at(text, start - 2):
        return False
    places = gazetteer.places()
    county = name + "县" in places
    return county and name + "市" not in places and name not in gazetteer.world_places()


def country_before_countries(text: str, span: Span) -> Span:
    """``南美国|家``: a place that runs into ``国家`` (countries) is the place before it."""
    start, end, kind = span
    name = text[start:end]
    runs_on = kind == "place" and name.endswith("国") and text.startswith("家", end)
    if runs_on and name[:-1] in gazetteer.places() and name not in gazetteer.world_places():
        return start, end - 1, kind
    return span


def place_before_a_slogan(text: str, span: Span) -> Span:
    """A place glued by ``·`` to the second half of a slogan (``青岛·红色家园``) is the
    place alone; an estate's name after a dot (``东亚·瑞晶苑``) is no slogan and stays."""
    from store.entities.common_words import common_words
    from store.entities.segmenter import words

    start, end, kind = span
    name = text[start:end]
    if kind != "place" or "·" not in name:
        return span
    head, _, tail = name.partition("·")
    if head not in gazetteer.places() or not tail:
        return span
    common = common_words()
    pieces = [tail[s:e] for s, e, _ in words(tail, hmm=False)]
    if all(len(word) > 1 and word in common for word in pieces):
        return start, start + len(head), kind
    return span


def half_a_saying(text: str, span: Span) -> bool:
    """A place or org that is the first half of a four-character saying whose other half
    is no word (``天南|地北``): a word of a set phrase, not a name."""
    from store.entities.segmenter import word_freq, words

    start, end, kind = span
    if kind == "person" or end - start != 2 or end + 2 > len(text):
        return False
    phrase = text[start : end + 2]
    cut = words(phrase, hmm=False)
    return len(cut) == 1 and word_freq(text[end : end + 2]) == 0


def bodies_of_each_place(text: str, span: Span) -> bool:
    """``各地围棋协会``, ``多地|围棋协会``, ``各县市供电公司``: the bodies of many places or
    of each, no one body."""
    start, _, kind = span
    if kind != "org":
        return False
    return text.startswith("各", start) or (start > 0 and text[start - 1] in _EACH)


#: one-character departments that are always part of a body (``办公科``), never a body
#: of a place by themselves (``宁波科|元精化工``)
_DEPARTMENT_CHARS = "科处室股"


def a_place_and_a_department(text: str, span: Span) -> bool:
    """``宁波科`` of ``宁波科元精化工有限公司``: a known place and a one-character
    department name no body."""
    start, end, kind = span
    name = text[start:end]
    return kind == "org" and name[-1] in _DEPARTMENT_CHARS and name[:-1] in gazetteer.places()


def banks_of_places(text: str, span: Span) -> bool:
    """``美|欧银行``: a kind of body after places named by abbreviation is that kind of
    body of each place, no one body."""
    from store.entities.orgs import is_org_kind

    start, end, kind = span
    name = text[start:end]
    abbreviations = gazetteer.ABBREVIATIONS
    return (
        kind == "org"
        and start > 0
        and name[0] in abbreviations
        and text[start - 1] in abbreviations
        and is_org_kind(name[1:])
    )
