"""Corrections on top of the CRF that a news page makes certain.

- trim punctuation and spaces the tagger let into a span;
- drop frequent false positives (``gazetteer.STOP_WORDS``: ``高新区`` is no person);
- extend a place to the development zone named after it (``青岛`` + ``国家高新区``);
- extend a place to the organisation it heads when an org suffix follows
  (``青岛市`` + ``商务局`` → ``青岛市商务局``);
- a surname-led 2–3 character name right before or after a title is a person
  (``副市长常红军``, ``王亚军书记``) when the tagger left it out.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from store.ner import gazetteer

Span = tuple[int, int, str]

#: Org suffixes strong enough to turn ``place + …suffix`` into one organisation.
_STRONG_ORG = (
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "人民政府", "委员会", "管委会",
    "研究院", "研究所", "联合会", "办公室", "检察院", "集团", "大学", "学院", "医院", "银行",
    "协会", "商会", "法院", "海关", "局", "厅",
)  # fmt: skip
#: Words ending like an org suffix that are not organisations.
_ORG_HINT = re.compile("|".join(_STRONG_ORG))
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
_NUMERAL = re.compile(r"[第0-9零〇一二三四五六七八九十百千万两]|国$")
#: Development zones named after a place: ``青岛`` + ``国家高新区`` is one place.
_ZONE = re.compile(
    r"(?:国家级?|省级)?(?:高新技术产业开发区|经济技术开发区|高新技术产业园区|自由贸易试验区|"
    r"综合保税区|保税港区|高新区|开发区|保税区|自贸区|新区|园区|产业园|科技园|示范区|试验区|片区)"
)


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


def _extend_zone(text: str, span: Span, limit: int) -> Span:
    """A place directly followed by a zone word (``国家高新区``) names that zone."""
    start, end, kind = span
    if kind != "place":
        return span
    match = _ZONE.match(text, end, limit)
    if match is None:
        return span
    return start, match.end(), "place"


def _extend_org(text: str, span: Span, limit: int) -> Span:
    """A place directly followed by ``…局/委员会/集团…`` (one to three jieba words) is one org.

    Only nouns may come between; numerals (``美国第三大银行``) and ``两国`` stop it.
    """
    start, end, kind = span
    if kind != "place" or end >= limit:
        return span
    from store.ner.segmenter import words

    tail = text[end : min(limit, end + 14)]
    if not _ORG_HINT.search(tail):
        return span  # no suffix ahead: spare the jieba call
    for index, (word_start, word_end, pos) in enumerate(words(tail, hmm=False)[:3]):
        word = tail[word_start:word_end]
        if (
            not _HAN.fullmatch(word[0])
            or word in _NOT_ORG
            or _NUMERAL.search(word)
            or (pos and pos[0] in "vpcudrmq")
        ):
            break
        if word.endswith(_STRONG_ORG) and (index > 0 or len(word) > 1 or word in "局厅"):
            return start, end + word_end, "org"
    return span


#: Last characters of organisation names.
_ORG_LAST = frozenset("局厅委会部院所处科室站团队社联校司行厂馆台组办署")
_SPLIT = re.compile(r"[、，,—～~；;]+")
#: Suffixes after which an organisation name ends (``青岛市医保局|印发``).
_ORG_END = re.compile(
    r"(?:局|厅|委员会|管委会|集团|有限公司|公司|大学|学院|研究院|研究所|医院|银行|中学|小学|"
    r"学校|协会|学会|商会|联合会|基金会|报社|电视台|出版社)"
)


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


def _cut_org_tail(text: str, span: Span) -> Span:
    """Cut words the tagger ran on after an org suffix (``青岛市医保局印发``)."""
    start, end, kind = span
    if kind != "org":
        return span
    name = text[start:end]
    last = None
    for match in _ORG_END.finditer(name):
        last = match
    if last is None or not 2 <= len(name) - last.end() <= 4:
        return span
    rest = name[last.end() :]
    if rest.endswith(gazetteer.ORG_TAILS):
        return span
    return start, start + last.end(), kind


_LIST = re.compile(
    r"[^\s、，,。；;：:“”\"（）()《》]{2,14}(?:、[^\s、，,。；;：:“”\"（）()《》]{2,14}){2,}"
)
_LIST_END = re.compile(r"(?:等|和|及|以及|与)")
_COMPANY = re.compile(
    r"[\u4e00-\u9fff]{2,6}(?:科技|集团|股份|控股|药业|医药|生物|电子|智能|汽车|电器|能源|新材料|"
    r"传媒|物流|实业|重工|机械|制造|电气|通信|半导体|信息|软件|网络|数字|健康)"
)


def _list_items(lists: list[re.Match[str]]) -> list[tuple[int, int]]:
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


def _complete_lists(text: str, spans: list[Span]) -> list[Span]:
    """Organisations in enumerations: a company-like item or a cut-off org name is whole.

    ``阿斯利康、海尔大健康、算能科技等``: ``海尔大`` grows to ``海尔大健康`` and
    ``算能科技`` is an organisation even though the tagger never saw it.
    """
    if "、" not in text:
        return spans
    lists = list(_LIST.finditer(text))
    items = _list_items(lists)
    if not items:
        return spans
    result = list(spans)
    for start, end in items:
        inside = [s for s in result if s[0] < end and start < s[1]]
        if not inside:
            if _COMPANY.fullmatch(text, start, end):
                result.append((start, end, "org"))
            continue
        if len(inside) == 1:
            span = inside[0]
            if (
                span[2] == "org"
                and span[0] >= start
                and span[1] < end
                and (2 * (span[1] - span[0]) >= end - start)
            ):
                result[result.index(span)] = (span[0], end, "org")
    return _retype_lists(text, sorted(result), lists)


def _unknown_name(name: str) -> bool:
    """Neither a gazetteer place, nor frequent in jieba's dictionary, nor surname-led."""
    from store.ner.segmenter import word_freq

    return not (
        name in gazetteer.places() or word_freq(name) >= 40 or name[0] in gazetteer.SURNAMES
    )


def _retype_lists(text: str, spans: list[Span], lists: list[re.Match[str]]) -> list[Span]:
    """In an enumeration of organisations, an unknown "place" is one too
    (``阿斯利康、海尔大健康、算能科技``)."""
    result = list(spans)
    starts = [span[0] for span in result]
    for match in lists:
        inside = range(bisect_left(starts, match.start()), bisect_left(starts, match.end()))
        if sum(result[i][2] == "org" for i in inside) < 2:
            continue
        for i in inside:
            start, end, kind = result[i]
            if kind == "place" and end - start >= 3 and _unknown_name(text[start:end]):
                result[i] = (start, end, "org")
    return result


def _tidy_org(text: str, span: Span) -> list[Span]:
    """Words the tagger let into an org name: a trailing verb (``…话剧团建团``) and a
    preposition between two orgs (``中国残联从国际狮子会``)."""
    start, end, kind = span
    if kind != "org" or end - start < 4:
        return [span]
    from store.ner.segmenter import words

    pieces = words(text[start:end], hmm=False)
    if len(pieces) < 2:
        return [span]
    last_start, last_end, last_pos = pieces[-1]
    if (
        last_pos == "v"
        and last_end - last_start >= 2
        and last_start >= 2
        and text[start + last_start - 1] in _ORG_LAST
    ):
        return [(start, start + last_start, kind)]
    for word_start, word_end, pos in pieces[1:-1]:
        if (
            pos == "p"
            and word_end - word_start == 1
            and word_start >= 2
            and end - start - word_end >= 2
            and text[start + word_start - 1] in _ORG_LAST
        ):
            return [(start, start + word_start, kind), (start + word_end, end, kind)]
    return [span]


_ADDRESS = ("小姐", "夫人", "太太")
#: Verbs of officials in the news that follow a person's name (``韩守信主持会议``).
_NAME_VERB = re.compile(r"主持|出席|表示|指出|强调|介绍|讲话|会见|参加|要求|致辞|宣布|说")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _surname_not_place(text: str, span: Span) -> Span:
    """A one-character "place" that is a surname opening a name before an official verb is
    that person (``韩守信主持会议`` is no ``韩``, Korea)."""
    start, end, kind = span
    if kind != "place" or end - start != 1 or text[start] not in gazetteer.SURNAMES:
        return span
    name_end = start + 3
    if (
        name_end <= len(text)
        and all(_HAN_CHAR.match(c) for c in text[start + 1 : name_end])
        and text[start + 1] not in "方国军队政府外"
        and _NAME_VERB.match(text, name_end)
    ):
        return start, name_end, "person"
    return span


def _tidy_person(text: str, span: Span) -> Span:
    """A title or form of address after a name is not part of it (``王小姐`` → ``王``); nor
    is a verb before it (``祝贺布拉特``)."""
    start, end, kind = span
    if kind != "person" or end - start < 3:
        return span
    name = text[start:end]
    for size in (3, 2):
        if name[-size:] in gazetteer.TITLES or name[-size:] in _ADDRESS:
            return (start, end - size, kind) if end - size > start else span
    if "·" in name:
        return span  # a foreign name: its parts are not words
    from store.ner.segmenter import words

    pieces = words(name, hmm=False)
    first_end, first_pos = pieces[0][1], pieces[0][2]
    if (
        len(pieces) > 1
        and first_pos.startswith("v")
        and first_end >= 2
        and end - start - first_end >= 2
    ):
        return start + first_end, end, kind
    return span


_COMPANY_BEFORE = re.compile(r"(?:企业|公司|集团|品牌)$")
_COMPANY_AFTER = re.compile(
    r"(?:公司|集团|制药|药业|全球|平台|工业互联网|项目|签约|落户|品牌|生物|科技|工厂)"
)


def _company_by_context(text: str, span: Span) -> Span:
    """An unknown foreign-sounding "place" or "person" that a news page treats as a company
    (``世界500强企业阿斯利康``, ``卡奥斯工业互联网平台``) is an organisation. Names that are
    frequent in jieba's dictionary or in the place gazetteer keep their type."""
    start, end, kind = span
    if kind == "org" or end - start < 3:
        return span
    name = text[start:end]
    if not _unknown_name(name):
        return span  # a well-known name (``美国公司``) or a Chinese person's name
    if _COMPANY_BEFORE.search(text, max(0, start - 2), start) or _COMPANY_AFTER.match(text, end):
        return start, end, "org"
    return span


def apply(text: str, spans: list[Span]) -> list[Span]:
    """Apply every rule; the result is sorted and non-overlapping."""
    stop = gazetteer.STOP_WORDS
    kept: list[Span] = []
    ordered = sorted(spans)
    pieces = [part for span in ordered for part in _split(text, span)]
    pieces = [part for span in pieces for part in _tidy_org(text, span)]
    ordered = _complete_lists(text, pieces)
    for index, span in enumerate(ordered):
        trimmed = _trim(text, span)
        if trimmed is None:
            continue
        trimmed = _tidy_person(text, _cut_org_tail(text, _surname_not_place(text, trimmed)))
        trimmed = _company_by_context(text, trimmed)
        name = text[trimmed[0] : trimmed[1]]
        if name in stop or (trimmed[2] == "person" and name.endswith(gazetteer.NOT_PERSON_ENDINGS)):
            continue
        limit = ordered[index + 1][0] if index + 1 < len(ordered) else len(text)
        trimmed = _extend_org(text, _extend_zone(text, trimmed, limit), limit)
        if kept and trimmed[0] < kept[-1][1]:
            continue
        kept.append(trimmed)
    return kept
