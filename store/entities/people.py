"""Person names: titles trimmed off, and a surname the tagger took for a place."""

from __future__ import annotations

import re

from store.entities import gazetteer
from store.entities.text import all_han

Span = tuple[int, int, str]

_ADDRESS = ("小姐", "夫人", "太太")
#: military ranks after a name (``陈毅元帅``): not in ``gazetteer.TITLES``, whose words the
#: tagger's features mark (adding them there would need a retrain)
_RANKS = ("元帅", "将军", "上将", "中将", "少将", "大将")
_AFTER_A_NAME = _ADDRESS + _RANKS
#: Verbs of officials in the news that follow a person's name (``韩守信主持会议``).
_NAME_VERB = re.compile(r"主持|出席|表示|指出|强调|介绍|讲话|会见|参加|要求|致辞|宣布|说")


def surname_not_place(text: str, span: Span) -> Span:
    """A one-character "place" that is a surname opening a name before an official verb is
    that person (``韩守信主持会议`` is no ``韩``, Korea)."""
    start, end, kind = span
    if kind != "place" or end - start != 1 or text[start] not in gazetteer.SURNAMES:
        return span
    name_end = start + 3
    if (
        name_end <= len(text)
        and all_han(text[start + 1 : name_end])
        and text[start + 1] not in "方国军队政府外"
        and _NAME_VERB.match(text, name_end)
    ):
        return start, name_end, "person"
    return span


#: kinship words that stand before a name (``孙女丛婧涵``)
_KIN = frozenset(
    {
        "孙女", "孙子", "外孙", "外孙女", "女儿", "儿子", "妻子", "丈夫", "父亲", "母亲",
        "爷爷", "奶奶", "姥姥", "姥爷", "外公", "外婆", "老伴", "哥哥", "姐姐", "弟弟",
        "妹妹", "侄子", "侄女", "儿媳", "女婿", "爱人",
    }
)  # fmt: skip


def tidy_person(text: str, span: Span) -> Span:
    """A title or form of address after a name is not part of it (``王小姐`` → ``王``); nor
    is a verb before it (``祝贺布拉特``), nor the ``摄`` of a photo credit (``X摄（…）``)."""
    start, end, kind = span
    if kind != "person" or end - start < 3:
        return span
    name = text[start:end]
    if name.endswith("摄") and not all_han(text[end : end + 1] or "，"):
        return start, end - 1, kind  # ``何红福摄（人民视觉）``: a photo credit, 摄 is no part
    for size in (3, 2):
        if name[-size:] in gazetteer.TITLES or name[-size:] in _AFTER_A_NAME:
            return (start, end - size, kind) if end - size > start else span
    if "·" in name:
        return span  # a foreign name: its parts are not words
    from store.entities.segmenter import words

    if _runs_into_a_word(text, span):
        return start, end - 1, kind  # ``周韵娇|眨眼``

    pieces = words(name, hmm=False)
    first_end, first_pos = pieces[0][1], pieces[0][2]
    if name[:first_end] in _KIN and end - start - first_end >= 2:
        return start + first_end, end, kind  # ``孙女丛婧``: the kinship word is no part
    if (
        len(pieces) > 1
        and first_pos.startswith("v")
        and first_end >= 2
        and end - start - first_end >= 2
    ):
        return start + first_end, end, kind
    return span


def _runs_into_a_word(text: str, span: Span) -> bool:
    """A four-character "name" of a one-character surname whose first three characters
    the text names by themselves elsewhere, or whose last character opens a word that runs
    on past it (``周韵娇倔|强``): three characters are the name."""
    from store.entities.segmenter import words

    start, end, _ = span
    name = text[start:end]
    if len(name) != 4 or name[0] not in gazetteer.SURNAMES:
        return False
    if name[:2] in gazetteer.COMPOUND_SURNAMES:
        return False
    if text.count(name[:3]) > text.count(name):
        return True  # ``周韵娇眨|眨眼`` where the text names 周韵娇 again
    window = text[end - 1 : end + 3]
    first = words(window, hmm=False)[0]
    return first[1] >= 2 and first[1] - first[0] >= 2


def office_then_name(text: str, span: Span) -> Span:
    """A short "place" right after an office and opening with a surname is the person who
    holds it (``该公司总经理高阳告诉记者``: 高阳 is a county, here a manager)."""
    start, end, kind = span
    if kind != "place" or not 2 <= end - start <= 3 or text[start] not in gazetteer.SURNAMES:
        return span
    if end < len(text) and text[end] in gazetteer.NOT_PERSON_ENDINGS:
        return span
    for size in (4, 3, 2):
        word = text[max(0, start - size) : start]
        if len(word) == size and word in gazetteer.TITLES and word not in gazetteer.NOT_OFFICES:
            return start, end, "person"
    return span
