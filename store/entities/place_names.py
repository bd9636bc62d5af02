"""Where a place name ends and what a name after a place is: two known places written
together are two (``秘鲁达喀尔``), a bearing after a place is no part of it (``堪培拉东南``),
and a foreign name right after a place is a place in it (``荷兰多德雷赫特``)."""

from __future__ import annotations

from store.entities import gazetteer
from store.entities.text import all_han

Span = tuple[int, int, str]

_BEARINGS = ("东南", "东北", "西南", "西北", "以东", "以西", "以南", "以北")


def split_glued_places(text: str, span: Span) -> list[Span]:
    """A "place" or "organisation" that is two known places written together, neither a
    part of a longer known name (``秘鲁|达喀尔``, ``厦门|海沧``), is two places."""
    start, end, kind = span
    name = text[start:end]
    places = gazetteer.places()
    if kind == "person" or len(name) < 4 or name in places:
        return [span]
    cuts = [
        c
        for c in range(2, len(name) - 1)
        if name[:c] in places and name[c:] in places and not _a_district(name[c:])
    ]
    if len(cuts) != 1:
        return [span]
    cut = start + cuts[0]
    return [(start, cut, "place"), (cut, end, "place")]


def _a_district(name: str) -> bool:
    """``西区``, ``新区``: a district named by a word, part of the place before it."""
    return len(name) == 2 and name[-1] in "区县市"


#: what follows a bearing taken from a place (``东南约两小时``, ``东北方向``, ``西南部``)
_AFTER_A_BEARING = "约方部侧面处的"


def cut_bearing(text: str, span: Span) -> Span:
    """``堪培拉东南约两小时车程``: the bearing from a place is no part of its name (when
    the place is known, or the words after say it is a bearing)."""
    start, end, kind = span
    name = text[start:end]
    if kind != "place" or name in gazetteer.places():
        return span
    bearing = next((b for b in _BEARINGS if name.endswith(b)), "")
    if not bearing or len(name) - len(bearing) < 2:
        return span
    known = name[: -len(bearing)] in gazetteer.places()
    if known or text.startswith(tuple(_AFTER_A_BEARING), end):
        return start, end - len(bearing), kind
    return span


def foreign_place_after_place(text: str, span: Span, kept: list[Span]) -> Span:
    """A "person" written right after a place with nothing between (``荷兰多德雷赫特``,
    ``南岛克赖斯特彻奇``) and named like no Chinese person is a place in that place: a
    person after a place has a title or a verb between (``美国总统特朗普``)."""
    start, end, kind = span
    if kind != "person" or not kept or kept[-1][1] != start or kept[-1][2] != "place":
        return span
    name = text[start:end]
    if len(name) < 3 or not all_han(name) or name[0] in gazetteer.SURNAMES:
        return span
    return start, end, "place"
