"""Enumerations (``甲、乙、丙等``): organisations listed together with unknown names."""

from __future__ import annotations

import re
from bisect import bisect_left

from store.entities.orgs import unknown_name

Span = tuple[int, int, str]

_LIST = re.compile(
    r"[^\s、，,。；;：:“”\"（）()《》]{2,14}(?:、[^\s、，,。；;：:“”\"（）()《》]{2,14}){2,}"
)
_LIST_END = re.compile(r"(?:等|和|及|以及|与)")
_COMPANY = re.compile(
    r"[\u4e00-\u9fff]{2,6}(?:科技|集团|股份|控股|药业|医药|生物|电子|智能|汽车|电器|能源|新材料|"
    r"传媒|物流|实业|重工|机械|制造|电气|通信|半导体|信息|软件|网络|数字|健康)"
)


def list_items(lists: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Items of ``甲、乙、丙等`` enumerations (the first and last items are trimmed)."""
    items: list[tuple[int, int]] = []
    for match in lists:
        pos = match.start()
        parts = match.group().split("、")
        for index, part in enumerate(parts):
            start, end = pos, pos + len(part)
            pos = end + 1
            if index == len(parts) - 1:
                cut = _LIST_END.search(part)
                if cut is not None:
                    end = start + cut.start()
            if index > 0 and end - start >= 2:
                items.append((start, end))
    return items


def complete_lists(text: str, spans: list[Span]) -> list[Span]:
    """Organisations in enumerations: a company-like item or a cut-off org name is whole.

    ``阿斯利康、海尔大健康、算能科技等``: ``海尔大`` grows to ``海尔大健康`` and
    ``算能科技`` is an organisation even though the tagger never saw it.
    """
    if "、" not in text:
        return spans
    lists = list(_LIST.finditer(text))
    result = list(spans)
    for match in lists:
        items = list_items([match])
        # an enumeration holds one kind of thing: a company-like item is a company only in
        # a list that names an organisation already (``新能源、医养健康、现代物流`` are
        # industries)
        of_orgs = any(s[2] == "org" and s[0] < match.end() and match.start() < s[1] for s in result)
        for start, end in items:
            _complete_item(text, result, start, end, of_orgs)
    return retype_lists(text, sorted(result), lists)


def _complete_item(text: str, result: list[Span], start: int, end: int, of_orgs: bool) -> None:
    """One list item: a company-like item of a list of organisations becomes one; an org
    cut inside the item grows to the whole item (when it is most of it, or the item is
    named like a company: ``海尔`` → ``海尔大健康``)."""
    inside = [s for s in result if s[0] < end and start < s[1]]
    if not inside:
        if of_orgs and _COMPANY.fullmatch(text, start, end):
            result.append((start, end, "org"))
        return
    if len(inside) == 1:
        span = inside[0]
        if (
            span[2] == "org"
            and span[0] >= start
            and span[1] < end
            and (2 * (span[1] - span[0]) >= end - start or _COMPANY.fullmatch(text, start, end))
        ):
            result[result.index(span)] = (span[0], end, "org")


#: what an enumeration of places ends with (``…卡拉干达和塔拉兹4座城市``, ``…等国家``)
_PLACES_TAIL = re.compile(
    r"(?:[0-9一二三四五六七八九十两]+[座个]|等)(?:城市|国家|地区|省份|港口|岛屿|首都)"
)


def retype_lists(text: str, spans: list[Span], lists: list[re.Match[str]]) -> list[Span]:
    """In an enumeration of organisations, an unknown "place" is one too
    (``阿斯利康、海尔大健康、算能科技``); in one that says it names cities or countries
    (``奇姆肯特、阿克套、卡拉干达和塔拉兹4座城市``), every name is a place."""
    result = list(spans)
    starts = [span[0] for span in result]
    for match in lists:
        inside = range(bisect_left(starts, match.start()), bisect_left(starts, match.end()))
        tail = _PLACES_TAIL.search(text, match.start(), match.end())
        if tail is not None:
            for i in inside:
                start, end, kind = result[i]
                if kind == "person" and end <= tail.start():
                    result[i] = (start, end, "place")
            continue
        if sum(result[i][2] == "org" for i in inside) < 2:
            continue
        for i in inside:
            start, end, kind = result[i]
            if kind == "place" and end - start >= 3 and unknown_name(text[start:end]):
                result[i] = (start, end, "org")
    return result
