"""Organisation names: where they start and end, and names a page shows to be companies.

- a place followed by a zone word names that zone (``青岛`` + ``国家高新区``);
- a place followed by ``…局/委员会/集团…`` heads that org (``青岛市`` + ``商务局``);
- words the tagger ran on after an org suffix are cut (``青岛市医保局印发``), a trailing
  verb is cut and two orgs joined by a preposition are split (``中国残联从国际狮子会``);
- an unknown foreign-sounding name that its context treats as a company is an org
  (``世界500强企业阿斯利康``).
"""

from __future__ import annotations

import re
from functools import cache

from store.entities import gazetteer
from store.entities.text import all_han, han_at

Span = tuple[int, int, str]

#: Org suffixes strong enough to turn ``place + …suffix`` into one organisation.
_STRONG_ORG = (
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "人民政府", "委员会", "管委会",
    "研究院", "研究所", "联合会", "办公室", "检察院", "集团", "大学", "学院", "医院", "银行",
    "协会", "商会", "法院", "海关", "局", "厅",
)  # fmt: skip
_ORG_HINT = re.compile("|".join(_STRONG_ORG))
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
        "乱局",
        "困局",
        "破局",
        "定局",
        "危局",
        "终局",
        # parts and regions, no departments (``阿富汗内外部``, ``欧洲东部``)
        "内部",
        "外部",
        "内外部",
        "全部",
        "局部",
        "东部",
        "西部",
        "南部",
        "北部",
        "中部",
        "东北部",
        "西北部",
        "东南部",
        "西南部",
    ]
)
_NUMERAL = re.compile(r"[第0-9零〇一二三四五六七八九十百千万两]|国$")
#: Development zones named after a place: ``青岛`` + ``国家高新区`` is one place.
_ZONE = re.compile(
    r"(?:国家级?|省级)?(?:高新技术产业开发区|经济技术开发区|高新技术产业园区|自由贸易试验区|"
    r"综合保税区|保税港区|高新区|开发区|保税区|自贸区|新区|园区|产业园|科技园|示范区|试验区|片区)"
)


#: Last characters of organisation names.
ORG_LAST = frozenset("局厅委会部院所处科室站团队社联校司行厂馆台组办署")
#: Suffixes after which an organisation name ends (``青岛市医保局|印发``).
_ORG_END = re.compile(
    r"(?:局|厅|委员会|管委会|集团|有限公司|公司|大学|学院|研究院|研究所|医院|银行|中学|小学|"
    r"学校|协会|学会|商会|联合会|基金会|报社|电视台|出版社)"
)


def extend_zone(text: str, span: Span, limit: int) -> Span:
    """A place directly followed by a zone word (``国家高新区``) names that zone."""
    start, end, kind = span
    if kind != "place":
        return span
    match = _ZONE.match(text, end, limit)
    if match is None:
        return span
    return start, match.end(), "place"


def extend_org(text: str, span: Span, limit: int) -> Span:
    """A place directly followed by ``…局/委员会/集团…`` (one to three jieba words) is one org.

    Only nouns may come between; numerals (``美国第三大银行``) and ``两国`` stop it.
    """
    start, end, kind = span
    if kind != "place" or end >= limit:
        return span
    from store.entities.segmenter import words

    tail = text[end : min(limit, end + 14)]
    if not _ORG_HINT.search(tail):
        return span  # no suffix ahead: spare the jieba call
    for index, (word_start, word_end, pos) in enumerate(words(tail, hmm=False)[:3]):
        word = tail[word_start:word_end]
        if (
            not han_at(word, 0)
            or word in _NOT_ORG
            or _NUMERAL.search(word)
            or (pos and pos[0] in "vpcudrmq")
        ):
            break
        if word.endswith(_STRONG_ORG) and (index > 0 or len(word) > 1 or word in "局厅"):
            return start, end + word_end, "org"
    return span


def is_org_kind(word: str) -> bool:
    """``word`` is a kind of body and nothing more (``商会``, ``集团``, ``委员会``)."""
    return _ORG_END.fullmatch(word) is not None


def last_org_end(name: str) -> int:
    """Where the last org suffix of ``name`` ends (``…研究院|核心团队``), or -1."""
    last = -1
    for match in _ORG_END.finditer(name):
        last = match.end()
    return last


def _last_word(name: str) -> str:
    from store.entities.segmenter import words

    start, end, _ = words(name, hmm=False)[-1]
    return name[start:end]


def cut_org_tail(text: str, span: Span) -> Span:
    """Cut words the tagger ran on after an org suffix (``青岛市医保局印发``), and a word
    that only ends like one (``华为布局``)."""
    start, end, kind = span
    if kind != "org":
        return span
    name = text[start:end]
    last = _last_word(name) if name[-1] in "局部" else ""
    if last in _NOT_ORG and len(name) - len(last) >= 2:
        return start, end - len(last), kind  # ``华为|布局``, ``阿富汗|内外部``: no bureau
    cut = last_org_end(name)
    if cut < 0 or not 2 <= len(name) - cut <= 4 or name[cut:].endswith(gazetteer.ORG_TAILS):
        return span
    return start, start + cut, kind


#: verbs a speaker addresses a body with (``通伦祝贺中共``, ``习近平会见中国代表团``)
_VERB_OF_A_SPEAKER = re.compile(r"祝贺|感谢|会见|会晤|致信|致电|赞赏|欢迎")


def tidy_org(text: str, span: Span) -> list[Span]:
    """Words the tagger let into an org name: a trailing verb (``…话剧团建团``), a verb
    or a preposition between two orgs (``商会协会组建产业联盟``, ``中国残联从国际狮子会``)."""
    start, end, kind = span
    if kind != "org" or end - start < 4:
        return [span]
    from store.entities.segmenter import words

    pieces = words(text[start:end], hmm=False)
    if len(pieces) < 2:
        return [span]
    last_start, last_end, last_pos = pieces[-1]
    if (
        last_pos == "v"
        and last_end - last_start >= 2
        and last_start >= 2
        and text[start + last_start - 1] in ORG_LAST
    ):
        return [(start, start + last_start, kind)]
    for word_start, word_end, pos in pieces[1:-1]:
        if (
            pos == "v"
            and word_end - word_start >= 2
            and word_start >= 2
            and end - start - word_end >= 2
            and text[start + word_start - 1] in ORG_LAST
            and text[start + word_end - 1] not in ORG_LAST
        ):  # ``商会协会组建产业联盟``: the verb between two bodies is no part of a name
            return [(start, start + word_start, kind), (start + word_end, end, kind)]
        if (
            word_start >= 2
            and end - start - word_end >= 2
            and han_at(text, start + word_end)
            and _VERB_OF_A_SPEAKER.fullmatch(text[start + word_start : start + word_end])
        ):  # ``通伦祝贺中共``: a person's verb before the body it is about
            return [(start + word_end, end, kind)]
        if (
            pos == "p"
            and word_end - word_start == 1
            and word_start >= 2
            and end - start - word_end >= 2
            and text[start + word_start - 1] in ORG_LAST
        ):
            return [(start, start + word_start, kind), (start + word_end, end, kind)]
    return [span]


#: verbs that also name a body's kind (``上海合作组织``, ``卓尔控股``): never cut as verbs
_NOUN_VERBS = frozenset({"组织", "控股", "联合"})
#: what may stand between an org and the verb the tagger ran on to: adverbs, adjectives,
#: numbers and dates (``科创中心|紧密|对接``, ``…委员会|23日|联合``)
_BEFORE_VERB_POS = ("d", "a", "ad", "m", "t", "p")


def cut_trailing_verb(text: str, span: Span) -> Span:
    """An "organisation" that runs on into the verb after it is the name before the verb
    (``_before_a_trailing_verb``); a known place by itself is a place (``南通|签署``)."""
    start, end, kind = span
    if kind != "org" or end - start < 4:
        return span
    from store.entities.segmenter import words

    pieces = words(text[start:end], hmm=False)
    head = _before_a_trailing_verb(text[start:end], pieces) if len(pieces) >= 2 else 0
    if not head:
        return span
    name = text[start : start + head]
    if name in gazetteer.places():
        return start, start + head, "place"
    return cut_org_tail(text, (start, start + head, kind))  # ``新媒体公司|将线下|演出``


#: what stands before an office and belongs to it: ``副``, ``原``, ``前``, ``总``(司令),
#: ``主``(教练), ``常务``, ``助理``, ``首席``, ``代理``, ``名誉``, ``领导``
_OFFICE_PREFIX_LAST = frozenset("副原前总主")
_OFFICE_PREFIXES = ("常务", "助理", "首席", "代理", "名誉", "领导", "执行")


@cache
def _titles_longest_first() -> tuple[str, ...]:
    return tuple(sorted((t for t in gazetteer.TITLES if len(t) >= 2), key=len, reverse=True))


def cut_title_tail(text: str, span: Span) -> Span:
    """An "organisation" that runs on into an office held in it (``国务院副总理``,
    ``中共中央政治局常委``) is the body: the office is a person's title, not a name (labelled
    news text almost never ends a body's name with one)."""
    start, end, kind = span
    if kind != "org":
        return span
    name = text[start:end]
    for title in _titles_longest_first():
        if name.endswith(title) and len(name) - len(title) >= 2:
            cut = end - len(title)
            if title.startswith("队") and text[cut - 1] == "大" and cut - start > 3:
                cut -= 1  # ``…大队副大|队长``
            while cut - start > 2 and text[cut - 1] in _OFFICE_PREFIX_LAST:
                cut -= 1  # ``…派出所副|所长``, ``…航天局前|局长``, ``…总|司令``
            for prefix in _OFFICE_PREFIXES:
                if text.endswith(prefix, start, cut) and cut - len(prefix) - start >= 2:
                    cut -= len(prefix)
                    break
            return start, cut, kind
    return span


def _before_a_trailing_verb(name: str, pieces: list[tuple[int, int, str]]) -> int:
    """Where an "organisation" ends that the tagger ran on into the verb after it
    (``交响乐团|演出``, ``中央财政|安排``, ``科创中心|紧密对接``): the length of the name
    before the verb and the adverbs, numbers or dates before it, or 0 when the last word
    is no plain verb (a body's word that ends like one stays: ``…促进会``, ``…分行``,
    ``…组织``; a two-character verb ending like a body is cut: ``…人民政府|承办``). Two
    characters at least must remain."""
    last_start, last_end, last_pos = pieces[-1]
    word = name[last_start:last_end]
    if last_pos != "v" or len(word) < 2 or word in _NOUN_VERBS or word[-1] in "行协总联":
        return 0  # ``…分行``, ``建行``, ``作协``, ``防总``: a body jieba lists as a verb
    if len(word) >= 3 and word[-1] in ORG_LAST:
        return 0  # ``…促进会``, ``禁毒署``: a body's word jieba lists as a verb
    k = len(pieces) - 1
    while k > 0 and (
        pieces[k - 1][2].startswith(_BEFORE_VERB_POS) or name[pieces[k - 1][0]].isdigit()
    ):
        k -= 1
    cut = pieces[k][0]
    return cut if cut >= 2 else 0


def unknown_name(name: str) -> bool:
    """Neither a gazetteer place, nor frequent in jieba's dictionary, nor surname-led."""
    from store.entities.segmenter import word_freq

    return not (
        name in gazetteer.places() or word_freq(name) >= 40 or name[0] in gazetteer.SURNAMES
    )


_COMPANY_BEFORE = re.compile(r"(?:企业|公司|集团|品牌)$")
_COMPANY_AFTER = re.compile(
    r"(?:公司|集团|制药|药业|全球|平台|工业互联网|项目|签约|落户|品牌|生物|科技|工厂)"
)


def company_by_context(text: str, span: Span) -> Span:
    """An unknown foreign-sounding "place" or "person" that a news page treats as a company
    (``世界500强企业阿斯利康``, ``卡奥斯工业互联网平台``) is an organisation. Names that are
    frequent in jieba's dictionary or in the place gazetteer keep their type."""
    start, end, kind = span
    if kind == "org" or end - start < 3:
        return span
    name = text[start:end]
    if not unknown_name(name):
        return span  # a well-known name (``美国公司``) or a Chinese person's name
    if _COMPANY_BEFORE.search(text, max(0, start - 2), start) or _COMPANY_AFTER.match(text, end):
        return start, end, "org"
    return span


#: Endings of roads, bridges and squares: places, whatever the tagger thought (``海尔路``).
_PLACE_ENDINGS = ("路", "街", "大道", "大街", "高架", "隧道", "大桥", "广场", "公园")


def road_is_place(text: str, span: Span) -> Span:
    """An "organisation" named like a road, bridge or square is a place (``海尔路``); so is
    one that is a known place name and nothing more (``俄罗斯``, ``青岛``)."""
    start, end, kind = span
    if kind != "org":
        return span
    name = text[start:end]
    if (end - start >= 3 and name.endswith(_PLACE_ENDINGS)) or name in gazetteer.places():
        return start, end, "place"
    return span


#: What an institution's centre does (``研究中心``, ``创新中心``): a body, where a centre
#: for shows, sport or shopping (``会展中心``, ``体育中心``) is a place.
_INSTITUTE_CENTRE = re.compile(
    r"(?:研究|研发|创新|技术|信息|新闻|培训|孵化|检测|鉴定|推广|指导|发展|服务|管理)中心$"
)


def institute_is_org(text: str, span: Span) -> Span:
    """A "place" named as an institution's centre (``阿里云创新中心``) is an organisation."""
    start, end, kind = span
    if kind == "place" and end - start >= 5 and _INSTITUTE_CENTRE.search(text, start, end):
        return start, end, "org"
    return span


#: jieba parts of speech of a word that may name a branch's parent company (nouns, names,
#: abbreviations; ``""`` for a word only jieba's HMM finds, such as ``中车``)
_PARENT_POS = frozenset({"", "n", "nz", "nt", "nrt", "j", "x", "eng"})


def branch_with_parent(text: str, span: Span, lower: int) -> Span:
    """A company named only by a place and its kind (``山东公司``) right after a name
    (``中车``) is that company's branch: ``中车山东公司``. The name is the one word before
    the span (no earlier than ``lower``), after punctuation or a function word."""
    from store.entities.segmenter import words

    start, end, kind = span
    name = text[start:end]
    if kind != "org" or start < 2:
        return span
    places = gazetteer.places()
    head = next((c for c in range(len(name) - 2, 1, -1) if name[:c] in places), 0)
    if not head or name[head:] != "公司":
        return span
    window_start = max(lower, start - 6)
    pieces = words(text[window_start:start], hmm=True)
    if not pieces:
        return span
    word_start, word_end, pos = pieces[-1]
    word = text[window_start + word_start : window_start + word_end]
    before = pieces[-2][2] if len(pieces) > 1 else "x"
    if 2 <= len(word) <= 4 and pos in _PARENT_POS and han_at(word, 0) and before[:1] in "xpcud":
        return window_start + word_start, end, kind
    return span


#: group words a body named ``place + word`` may end in (``…青岛联盟``)
_GROUP_ENDS = ("联盟", "协会", "商会", "学会", "研究会", "联合会", "促进会")
_MODIFIER_STOP = re.compile(r"[的之\s，,。；;：:、“”\"（）()《》]")


def name_before_place_group(text: str, span: Span, lower: int) -> Span:
    """A group named by a place and a group word alone (``青岛联盟``) whose name opens
    earlier, after ``的`` or punctuation (``新增聘的|新侨创新创业青岛联盟``): the words
    between are its name, when they are two to eight characters with no function word
    and open with no verb."""
    from store.entities.segmenter import words

    start, end, kind = span
    name = text[start:end]
    group = next((w for w in _GROUP_ENDS if name.endswith(w)), "")
    if kind != "org" or not group or name[: -len(group)] not in gazetteer.places():
        return span
    low = max(lower, start - 8)
    stops = [m.end() for m in _MODIFIER_STOP.finditer(text, low, start)]
    if not stops:
        return span
    head = stops[-1]
    stretch = text[head:start]
    if not 2 <= len(stretch) <= 8 or not all_han(stretch):
        return span
    cut = words(stretch)
    if cut[0][2].startswith("v") or any(
        p.startswith(("p", "c", "u", "d", "r", "m", "q")) for _, _, p in cut
    ):
        return span  # ``，加入|青岛协会``: a verb takes the group as its object
    return head, end, kind


#: words after a team in a match report (``博洛尼亚主场``, ``桑德兰阵中``); a player has
#: none of them (``梅西球衣`` is his shirt, so shirts and positions count for places only)
_TEAM_WORDS = "主场|客场|阵中|主帅|球迷"
_TEAM_AFTER = re.compile(_TEAM_WORDS)
_CLUB_AFTER = re.compile(_TEAM_WORDS + "|队长|球衣|前锋|后卫|门将|中场")
#: words before a team; a player is beaten too (``战胜陈梦``), so for places only
_TEAM_BEFORE = re.compile(r"(?:迎战|战胜|击败|负于|逼平|输给|挑战|对阵|交手|不敌)$")


def team_by_context(text: str, span: Span) -> Span:
    """A "place" or "person" that a match report treats as a team (``博洛尼亚主场``,
    ``桑德兰阵中``, ``战胜切尔西``) is an organisation: clubs are named after their cities.
    A known place stays one (``战胜比利时的卡勃莱拉``: the player's country)."""
    start, end, kind = span
    if kind == "org" or end - start < 2 or text[start:end] in gazetteer.places():
        return span
    if kind == "person":
        return (start, end, "org") if _TEAM_AFTER.match(text, end) else span
    if _CLUB_AFTER.match(text, end) or _TEAM_BEFORE.search(text, max(0, start - 4), start):
        return start, end, "org"
    return span
