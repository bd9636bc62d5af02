"""Corrections on top of the CRF that a news page makes certain, applied in order.

- trim spaces, stray punctuation and unbalanced brackets off a span; split a span of
  known places at a dash (``济南—青岛``) and an address into its units (``南京市鼓楼区``);
- drop frequent false positives (``gazetteer.STOP_WORDS``) and "persons" with a place or
  org ending (``高新区`` is no person);
- organisation boundaries and company names (``store.entities.orgs``), enumerations
  (``store.entities.lists``), person names (``store.entities.people``).
"""

from __future__ import annotations

import re

from store.entities import gazetteer
from store.entities.brands import brand_companies, short_org_names
from store.entities.common_words import common_words
from store.entities.fragments import (
    a_counted_group,
    a_county_in_a_slogan,
    a_group_word_cut,
    a_joint_verb,
    a_place_and_a_department,
    banks_of_places,
    bodies_of_each_place,
    country_before_countries,
    half_a_saying,
    place_before_a_slogan,
)
from store.entities.lists import complete_lists
from store.entities.orgs import (
    ORG_LAST,
    branch_with_parent,
    company_by_context,
    cut_org_tail,
    cut_title_tail,
    cut_trailing_verb,
    extend_org,
    extend_zone,
    institute_is_org,
    is_org_kind,
    last_org_end,
    name_before_place_group,
    road_is_place,
    team_by_context,
    tidy_org,
)
from store.entities.people import office_then_name, surname_not_place, tidy_person
from store.entities.place_names import (
    cut_bearing,
    foreign_place_after_place,
    split_glued_places,
)
from store.entities.text import all_han, han_at

Span = tuple[int, int, str]

_SPLIT = re.compile(r"[、，,—～~；;]+")


_PAIRS = {"“": "”", "‘": "’", "（": "）", "(": ")", "《": "》", "「": "」", "[": "]", "【": "】"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_ALWAYS = " \t\u3000\r\n_-—·.,，、：:;；。!！?？\"'"


def _trim(text: str, span: Span) -> Span | None:
    """Strip spaces, stray punctuation and unbalanced brackets or quotes off a span."""
    start, end, kind = span
    while start < end:
        char = text[start]
        unbalanced = char in _PAIRS and _PAIRS[char] not in text[start:end]
        if char in _ALWAYS or char in _CLOSERS or unbalanced:
            start += 1
        else:
            break
    while end > start:
        char = text[end - 1]
        unbalanced = char in _CLOSERS and _CLOSERS[char] not in text[start:end]
        if char in _ALWAYS or char in _PAIRS or unbalanced:
            end -= 1
        else:
            break
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    if not _balanced(text[start:end]):
        return None  # ``俄罗斯）有限公司``: the tagger cut a name in the middle
    return start, end, kind


def _balanced(name: str) -> bool:
    """Every bracket or quote inside ``name`` is closed, in order."""
    stack: list[str] = []
    for char in name:
        if char in _PAIRS and not (char == _PAIRS[char] and stack and stack[-1] == char):
            stack.append(_PAIRS[char])
        elif char in _CLOSERS and (not stack or stack.pop() != char):
            return False
    return not stack


def _split(text: str, span: Span) -> list[Span]:
    """Split a span of known places at list punctuation or dashes (``济南—青岛``)."""
    start, end, _ = span
    parts: list[Span] = []
    pos = start
    for match in _SPLIT.finditer(text, start, end):
        parts.append((pos, match.start(), "place"))
        pos = match.end()
    if not parts:
        return [span]
    parts.append((pos, end, "place"))
    places = gazetteer.places()
    if all(text[s:e] in places for s, e, _ in parts):
        return parts
    return [span]


_ADMIN_END = "省市区县镇乡"
_UNIT_END = "省市区县镇乡村道"


_VERSUS = re.compile(r"\s*(?<![A-Za-z])(?:vs\.?|VS\.?|Vs\.?|PK|pk)(?![A-Za-z])\s*")


def split_versus(text: str, span: Span) -> list[Span]:
    """Two sides of a match are two names (``热那亚vs博洛尼亚`` → ``热那亚`` + ``博洛尼亚``)."""
    start, end, kind = span
    parts: list[Span] = []
    pos = start
    for match in _VERSUS.finditer(text, start, end):
        if match.start() > pos:
            parts.append((pos, match.start(), kind))
        pos = match.end()
    if not parts:
        return [span]
    if pos < end:
        parts.append((pos, end, kind))
    return parts


def split_abbreviations(text: str, span: Span) -> list[Span]:
    """Places named together by their one-character abbreviations are each a place
    (``日韩`` → ``日`` + ``韩``, ``德法美英``), as People's Daily labels them (``中``/``美``
    of ``中美``); a known place spelled with such characters stays whole (``中山``)."""
    start, end, kind = span
    name = text[start:end]
    if (
        kind != "place"
        or not 2 <= len(name) <= 4
        or name in gazetteer.places()
        or not all(char in gazetteer.ABBREVIATIONS for char in name)
    ):
        return [span]
    return [(at, at + 1, "place") for at in range(start, end)]


def split_address(text: str, span: Span) -> list[Span]:
    """An address is its places, one by one (``南京市鼓楼区`` → ``南京市`` + ``鼓楼区``,
    ``网市镇沙矶头村`` → ``网市镇`` + ``沙矶头村``): a place is cut after an administrative
    suffix when at least two characters stand before it and what follows is a unit of its
    own (two characters or more, ending with a unit suffix)."""
    start, end, kind = span
    if kind != "place" or end - start < 5:
        return [span]
    for cut in range(start + 3, end - 1):
        if text[cut - 1] in _ADMIN_END and text[end - 1] in _UNIT_END:
            return [(start, cut, kind), *split_address(text, (cut, end, kind))]
    return [span]


def apply(text: str, spans: list[Span]) -> list[Span]:
    """Apply every rule; the result is sorted and non-overlapping."""
    stop = gazetteer.STOP_WORDS
    kept: list[Span] = []
    ordered = sorted(spans)
    pieces = [part for span in ordered for part in _split(text, span)]
    pieces = [part for span in pieces for part in split_versus(text, span)]
    pieces = [part for span in pieces for part in split_address(text, span)]
    pieces = [part for span in pieces for part in split_abbreviations(text, span)]
    pieces = [part for span in pieces for part in split_glued_places(text, span)]
    pieces = [part for span in pieces for part in tidy_org(text, span)]
    ordered = complete_lists(text, short_org_names(text, brand_companies(text, pieces)))
    for index, span in enumerate(ordered):
        trimmed = _trim(text, span)
        if trimmed is None:
            continue
        trimmed = office_then_name(text, surname_not_place(text, trimmed))
        trimmed = tidy_person(text, cut_org_tail(text, trimmed))
        trimmed = road_is_place(text, company_by_context(text, trimmed))
        trimmed = institute_is_org(text, trimmed)
        trimmed = _place_of_a_show(text, team_by_context(text, trimmed))
        name = text[trimmed[0] : trimmed[1]]
        if name in stop or (trimmed[2] == "person" and name.endswith(gazetteer.NOT_PERSON_ENDINGS)):
            continue
        limit = ordered[index + 1][0] if index + 1 < len(ordered) else len(text)
        trimmed = extend_org(text, extend_zone(text, trimmed, limit), limit)
        trimmed = cut_trailing_verb(text, cut_title_tail(text, trimmed))
        lower = kept[-1][1] if kept else 0
        trimmed = branch_with_parent(text, trimmed, lower)
        trimmed = name_before_place_group(text, trimmed, lower)
        if kept and trimmed[0] < kept[-1][1]:
            continue
        if _names_an_activity(text, trimmed):
            place = _place_heading(text, trimmed)
            if place is not None and not (kept and place[0] < kept[-1][1]):
                kept.append(place)  # ``湖北保卫战``: the battle is no body; 湖北 is a place
            continue
        if _not_a_person(text, trimmed) or _an_org_cut_from_a_slogan(text, trimmed):
            continue
        if trimmed[2] == "org" and _a_department_without_a_body(text[trimmed[0] : trimmed[1]]):
            continue
        trimmed = _cut_place_tail(text, _cut_described_tail(text, trimmed))
        trimmed = _cut_common_head(text, place_before_a_slogan(text, trimmed))
        trimmed = country_before_countries(text, trimmed)
        trimmed = foreign_place_after_place(text, cut_bearing(text, trimmed), kept)
        if trimmed[2] == "org" and a_generic_group(text[trimmed[0] : trimmed[1]]):
            continue
        if _a_phrase_fragment(text, trimmed):
            continue
        if trimmed[2] == "place" and _not_a_place_name(text, trimmed, kept):
            continue
        side_cut = _road_side_cut(text, trimmed)
        if side_cut != trimmed:  # ``海湾路|南、``: the cut is the name's end, no word's
            kept.append(side_cut)
        elif not ends_inside_a_word(text, trimmed) and not _names_a_plenum(text, trimmed):
            kept.append(trimmed)
    return kept


def _a_phrase_fragment(text: str, span: Span) -> bool:
    """A piece of a phrase the tagger took for a name (``store.entities.fragments``)."""
    return (
        a_joint_verb(text, span)
        or a_counted_group(text, span)
        or a_group_word_cut(text, span)
        or a_county_in_a_slogan(text, span)
        or half_a_saying(text, span)
        or bodies_of_each_place(text, span)
        or a_place_and_a_department(text, span)
        or banks_of_places(text, span)
    )


_PLENUM = re.compile(r"[一二三四五六七八九十]+中(?:[、，,和及与][一二三四五六七八九十]+中)*全会")


def _names_a_plenum(text: str, span: Span) -> bool:
    """``二中`` in ``十九届二中、三中、四中全会`` is the number of a plenary session."""
    start, end, _ = span
    match = _PLENUM.match(text, start)
    return match is not None and text[start:end].endswith("中") and end <= match.end()


_OFFICE_END = ("长", "员")  # ``农林部|长``: an office after an org is no word it cuts
_WORD_REACH = 2  # characters a cut word may run past the span


def ends_inside_a_word(text: str, span: Span) -> bool:
    """A place or org whose last characters open a word that runs on past it
    (``省第十二次党|代会``, ``省际联|采``, ``盐河路交叉路|口``): a piece cut out of a longer
    phrase, not a name. Words that start with the span count only for an unknown
    two-character place before one more character (``太阳|能``; not ``印度|政府``, read as one
    word, nor ``荷兰|人``); words whose rest is a word of its own (``县委|书记``,
    ``长沙市|政府``) do not count."""
    start, end, kind = span
    if kind == "person" or end - start < 2 or end >= len(text):
        return False
    from store.entities.segmenter import word_freq, words

    window = text[start : end + _WORD_REACH]
    for word_start, word_end, _ in words(window, hmm=False):
        if word_start < end - start < word_end:
            word = window[word_start:word_end]
            rest = window[end - start : word_end]
            if word_start == 0:  # a word the span opens: ``太阳|能`` (but ``印度|政府``)
                return _opens_a_word(text[start:end], rest, kind)
            return not word.endswith(_OFFICE_END) and not (len(rest) >= 2 and word_freq(rest) > 0)
    return False


#: one-character words after a place that keep it a place (``荷兰人``, ``江西籍``, ``土伦杯``)
_PLACE_AFFIXES = frozenset("人族籍杯画式魂队语方军版")


def _opens_a_word(name: str, rest: str, kind: str) -> bool:
    """An unknown two-character "place" that opens a word of three with a character that
    is no affix of places (``太阳|能``, ``天然|气``): a piece of that word."""
    return (
        kind == "place"
        and len(name) == 2
        and len(rest) == 1
        and rest not in _PLACE_AFFIXES
        and name not in gazetteer.places()
    )


_DEPARTMENT_OF = re.compile(r"[部局署委厅政]|监管")


def _a_department_without_a_body(name: str) -> bool:
    """An "organisation" ending in ``司`` that is no company (``公司``) and names no body it
    is a department of (``外交部礼宾司``, ``财政司``): the end of a word the tagger cut
    (``磷酸奥司|他韦``)."""
    return (
        name.endswith("司") and not name.endswith("公司") and not _DEPARTMENT_OF.search(name[:-1])
    )


#: the last word of a group that is described, not named (``行业协会``, ``招商团``)
_GROUP_WORDS = ("团队", "协会", "联盟", "项目", "总部", "基地")


def a_generic_group(name: str) -> bool:
    """An "organisation" that is a group word after nothing but common words or kinds of
    body (``行业协会``, ``核心团队``, ``产业联盟``, ``商会协会``): a description, not a
    body's name. A place or name before the word makes it a name; so do two words before
    ``协会`` (``保险行业协会``). News text names delegations (``代表团``) as bodies: they
    stay."""
    from store.entities.segmenter import words

    group = next((w for w in _GROUP_WORDS if name.endswith(w)), None)
    head = name[: -len(group)] if group else ""
    if not head:
        return False
    if group == "协会" and len(head) > 2:
        return False
    pieces = [head[start:end] for start, end, _ in words(head, hmm=False)]
    common = common_words()
    return all(len(word) > 1 and (word in common or is_org_kind(word)) for word in pieces)


def _cut_described_tail(text: str, span: Span) -> Span:
    """An org that runs on into a described group or a project is the org before it
    (``…研究院|核心团队``, ``世御酒店|项目``): the team and the project are no bodies."""
    start, end, kind = span
    name = text[start:end]
    if kind != "org":
        return span
    if name.endswith("项目") and len(name) >= 4:
        return start, end - 2, kind
    cut = last_org_end(name)
    if 0 < cut < len(name) and a_generic_group(name[cut:]):
        return start, start + cut, kind
    return span


_PLACE_UNIT = re.compile(r"社区|街道|广场|公园|大道|大街")
_PLACE_LAST = frozenset("省市州盟区县旗镇乡村道路街巷园场湖山河江海岛港湾桥站楼馆")
_INSIDE_A_COMMUNITY = frozenset("村道路街巷园场桥站楼馆院")


def _cut_place_tail(text: str, span: Span) -> Span:
    """A place the tagger ran on past a unit of it into a verb, a name or one stray
    character (``绿城广场|晒太阳``, ``…多福社区|丛龙江``, ``世纪社区|琼``) ends at the unit."""
    start, end, kind = span
    name = text[start:end]
    if kind != "place" or len(name) < 4 or name in gazetteer.places():
        return span
    cut = max((m.end() for m in _PLACE_UNIT.finditer(name) if m.end() < len(name)), default=0)
    rest = name[cut:]
    # what a place inside the unit may be: no river or province inside a community
    inner = _INSIDE_A_COMMUNITY if name[:cut].endswith(("社区", "街道")) else _PLACE_LAST
    if cut < 2 or len(rest) > 3 or rest[-1] in inner or not all_han(rest):
        return span
    from store.entities.segmenter import word_freq, words

    first_pos = words(rest, hmm=False)[0][2]
    a_word = len(rest) > 1 and word_freq(rest) > 0  # ``晒太阳``, ``东侧``
    if len(rest) == 1 or a_word or first_pos.startswith("v") or rest[0] in gazetteer.SURNAMES:
        return start, start + cut, kind
    return span


def _cut_common_head(text: str, span: Span) -> Span:
    """A place the tagger began at a common noun for a place before it (``十年断桥|
    张村河跨海大桥``: the broken bridge is the new one) is the name after that noun, when
    the name is a place of its own (four characters or more, ending like a place)."""
    from store.entities.segmenter import words

    start, end, kind = span
    name = text[start:end]
    if kind != "place" or len(name) < 6 or name in gazetteer.places():
        return span
    _, first_end, _ = words(name, hmm=False)[0]
    head, rest = name[:first_end], name[first_end:]
    if len(head) < 2 or head[-1] not in _PLACE_LAST or head in gazetteer.places():
        return span  # ``明石|海峡大桥``: a word that opens the name, no place before it
    if head not in common_words():
        return span
    if len(rest) >= 4 and rest[-1] in _PLACE_LAST:
        return start + first_end, end, kind
    return span


#: Last words of a place that say what kind of place it is (``小区``, ``楼``)
_PLACE_KINDS = ("城区", "小区", "社区", "街区", "景区", "厂区", "校区", "村", "楼")
#: jieba parts of speech of words that describe a place rather than name it: adjectives
#: (``老旧``), distinguishing words, numerals and measure words, adverbs
_DESCRIBING_POS = frozenset({"a", "ad", "an", "b", "m", "q", "d"})


def a_generic_place(name: str) -> bool:
    """A "place" that is a kind of place after a description, not a name (``B塔楼``'s
    ``塔楼``, ``老旧小区``): one character before the kind word (but ``村``), or
    describing words only. Known places, and nouns before the kind word (``桃花村``,
    ``书房村``), stay; so do locatives (``西岸村``: ``城中村`` is in
    ``gazetteer.STOP_WORDS``)."""
    from store.entities.segmenter import words

    kind = next((w for w in _PLACE_KINDS if name.endswith(w)), None)
    head = name[: -len(kind)] if kind else ""
    if not head or name in gazetteer.places():
        return False
    if len(head) == 1:  # ``塔楼``; a village's one-character name stays (``李村``)
        return kind != "村" and head not in gazetteer.ABBREVIATIONS
    pieces = words(head, hmm=False)
    return all(pos in _DESCRIBING_POS for _, _, pos in pieces)


#: a body's sites: named after the body, they are no places of their own
_SITE_WORDS = ("基地", "总部", "园区", "厂区", "工厂", "分公司", "中心")


def _not_a_place_name(text: str, span: Span, kept: list[Span]) -> bool:
    """A kind of place after a description (``老城区``), or a site right after the org
    it belongs to (``国药集团华东基地``: the group's base, no place of its own)."""
    start, end, _ = span
    name = text[start:end]
    if a_generic_place(name):
        return True
    after_org = bool(kept) and kept[-1][1] == start and kept[-1][2] == "org"
    return after_org and name.endswith(_SITE_WORDS)


_ROAD_SIDE = re.compile(r"(?:路|街|大道|大街)[东南西北]$")


def _road_side_cut(text: str, span: Span) -> Span:
    """``海湾路南、融合路东``: the side of a road that bounds a plot is no part of its name."""
    start, end, kind = span
    name = text[start:end]
    if kind != "place" or not _ROAD_SIDE.search(name) or end - start < 4:
        return span
    if end < len(text) and text[end] not in "、，,；;。及和与至":
        return span
    return start, end - 1, kind


def _names_an_activity(text: str, span: Span) -> bool:
    """An "organisation" such as ``装备制造`` or ``数字化转型``, or a place's industry or
    event (``青岛高新区生物医药``, ``青岛国际|人才…周``): an activity, not a body."""
    start, end, kind = span
    name = text[start:end]
    if kind != "org":
        return False
    if name.endswith(gazetteer.ACTIVITY_ENDINGS) and not name.endswith(
        tuple(gazetteer.ORG_SUFFIXES)
    ):
        return True
    place = _place_heading(text, span)
    if place is None:
        return False
    rest = text[place[1] : end]
    running_on = han_at(text, end)
    return rest in gazetteer.STOP_WORDS or (rest == "国际" and running_on)


#: what follows a place cut from a show's name: a few words, then the show
#: (``迪拜海湾|食品展、``, ``…食品展等``)
_SHOW_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,4}(?:展|展会|展览会|博览会|交易会|洽谈会|艺术节|文化节)(?:[等和及与]|(?![\u4e00-\u9fff]))"
)


def _place_of_a_show(text: str, span: Span) -> Span:
    """A "place" made of a known place and one more word, cut out of a show's name
    (``迪拜海湾`` of ``迪拜海湾食品展``), is the known place (``迪拜``)."""
    _, end, kind = span
    if kind != "place" or not _SHOW_AFTER.match(text, end):
        return span
    from store.entities.segmenter import words

    head = _place_heading(text, span)
    if head is None:
        return span
    rest = text[head[1] : end]
    one_word = [(0, len(rest))] == [(s, e) for s, e, _ in words(rest, hmm=False)]
    return head if one_word and rest not in gazetteer.places() else span


def _place_heading(text: str, span: Span) -> Span | None:
    """The known place an activity's name opens with (``湖北`` of ``湖北保卫战``), or that
    place's zone (``青岛高新区``), if any."""
    start, end, _ = span
    if text[start] not in gazetteer.place_first_chars():
        return None  # the common case: no place (nor a place's zone) opens the name
    places = gazetteer.places()
    for cut in range(end - 1, start + 1, -1):
        head = text[start:cut]
        zone = next((w for w in gazetteer.ZONE_WORDS if head.endswith(w)), "")
        if head in places or (zone and head[: -len(zone)] in places):
            return start, cut, "place"
    return None


_THING_AFTER_NAME = ("科技", "智慧", "智能", "一体化", "高架", "集团", "股份", "制药", "生物")


def _not_a_person(text: str, span: Span) -> bool:
    """A "person" that heads a company or structure (``方旭科技``, ``杭鞍高架``) or is cut
    out of a short quoted slogan (``“引凤莱栖”``, ``“金耐冬花”``) is no person."""
    _, end, kind = span
    if kind != "person":
        return False
    return text.startswith(_THING_AFTER_NAME, end) or _in_a_slogan(text, span)


def _an_org_cut_from_a_slogan(text: str, span: Span) -> bool:
    """An "organisation" cut out of a short quoted slogan of two parts
    (``“创业中华·兴业齐鲁”``) whose name ends like no body's is no organisation."""
    start, end, kind = span
    name = text[start:end]
    return kind == "org" and "·" in name and name[-1] not in ORG_LAST and _in_a_slogan(text, span)


def _in_a_slogan(text: str, span: Span) -> bool:
    """``span`` is part, not all, of a short quoted slogan: a quote of at most three parts
    (``“山东制造·齐鲁精品”``) of at most eight characters each, with no punctuation of a
    sentence or a list."""
    start, end, _ = span
    opened = text.rfind("“", max(0, start - 12), start)
    closed = text.find("”", end, end + 12)
    if opened < 0 or closed < 0 or "”" in text[opened:start]:
        return False
    phrase = text[opened + 1 : closed]
    parts = re.split(r"[·•・?\s]", phrase)  # ``“山东制造·齐鲁精品”``: a slogan of two
    slogan = max(map(len, parts)) <= 8 and len(parts) <= 3
    slogan = slogan and not any(p in phrase for p in "，。、：；！？!,;")
    return slogan and (opened, closed) != (start - 1, end)
