"""The titles a news text gives a person: ``市委常委、副市长，高新区工委书记…耿涛``.

Chinese news puts a person's offices right before the name, as a run of clauses parted by
``、`` or ``，`` each ending in a title word (``副市长``, ``党组书记``, ``总经理``). The run
is read backwards from the name: a piece is taken while it ends with a title word, holds no
sentence mark and is not too long; the first piece that does not end with a title ends it.
"""

from __future__ import annotations

import re

from store.entities import gazetteer

#: Title words kept out of a person's offices: forms of address, and the roles of the
#: reporting (``记者``) and of teaching.
_NOT_OFFICES = gazetteer.NOT_OFFICES | {"记者", "通讯员", "老师"}
_MAX_PIECE = 24  # characters of one office (``青岛市商务局党组书记、局长``)
_MAX_CLAUSE = 60  # characters of a clause that ends with one (``在人民大会堂同…的老挝总理``)
_MAX_TITLES = 5
_BREAK = re.compile(r"[。！？；：:;!?“”\"《》\n]")
_LEADING = ("该", "其", "时任", "现任", "新任", "原")
#: kinds of body an office may open with that name no body (``公司总经理``: 总经理)
_BARE_BODIES = ("公司", "集团", "学校", "医院", "商会", "协会")
#: Words a clause opens with before the office it names (``会议由市委副书记…主持``), each
#: a word of its own as jieba cuts the clause (``华为`` holds no ``为``). Verbs of diplomacy
#: and visits too (``武契奇致信国家主席习近平``: the office is ``国家主席``, not the whole
#: clause); never 和/与, which office names hold (``国家发展和改革委员会主任``); ``同`` only
#: before a place (``同基里巴斯总统``, not ``同济大学校长``).
_LEAD_INS = frozenset((
    "正如", "由", "在", "对", "向", "请", "被", "让", "经", "是", "为", "据", "的", "致信",
    "致电", "致函", "致贺信", "致贺电", "会见", "会晤", "接见", "看望", "慰问", "陪同", "祝贺",
    "邀请", "通电话", "授予", "任命", "还有", "包括", "分别是", "其中", "如同", "作为", "身为",
    "担任", "出任",
))  # fmt: skip


def _after_lead_in(piece: str) -> str:
    """The office after the clause's last lead-in word, or ``piece`` when it has none."""
    from store.entities.segmenter import words

    places = gazetteer.places()
    for start, end, _ in reversed(words(piece, hmm=False)):
        word, rest = piece[start:end], piece[end:]
        if len(rest) < 2 or not _ends_with_title(rest):
            continue
        if word in _LEAD_INS or (word == "同" and any(rest[:k] in places for k in (2, 3, 4))):
            return rest
    return piece


#: offices and professions the text may give a person beyond ``gazetteer.TITLES`` (which
#: the tagger's features read, so it stays as the model was trained)
_MORE_OFFICES = frozenset((
    "司长", "副司长", "董事", "独立董事", "负责人", "合伙人", "创始人", "联合创始人",
    "分析师", "设计师", "建筑师", "工程师", "经济学家", "科学家", "评论员", "律师", "法官",
    "检察官", "医生", "医师", "编剧", "导演", "制片人", "演员", "歌手", "画家", "作家", "诗人",
    "前锋", "后卫", "中锋", "边锋", "中场", "门将", "主帅", "裁判", "主裁判", "首相", "国王",
    "司令", "司令员", "政委", "大使", "参赞", "议员", "行长", "社长", "台长", "主编",
    "作者", "设计者", "制作人", "调解员", "副官", "ceo", "cfo", "coo", "cto",
))  # fmt: skip
OFFICES = gazetteer.TITLES | _MORE_OFFICES


def _ends_with_title(piece: str) -> bool:
    return any(
        piece[-size:] in OFFICES and piece[-size:] not in _NOT_OFFICES
        for size in range(min(5, len(piece)), 1, -1)
    )


def _office(piece: str) -> str:
    """``piece`` when it ends with a title word, tidied; ``""`` otherwise."""
    piece = piece.strip(" \u3000—-")
    if not piece or len(piece) > _MAX_CLAUSE or _BREAK.search(piece) or not _balanced(piece):
        return ""
    if not _ends_with_title(piece):
        return ""
    piece = _after_lead_in(piece)  # the clause's last lead-in opens the office
    if len(piece) > _MAX_PIECE:
        return ""
    for lead in _LEADING:
        if piece.startswith(lead) and len(piece) > len(lead) + 1:
            piece = piece[len(lead) :]
    for body in _BARE_BODIES:  # ``（该）公司总经理``: the article's company, named before
        if piece.startswith(body) and piece[len(body) :] in OFFICES:
            return piece[len(body) :]
    return piece


def _balanced(piece: str) -> bool:
    """Brackets closed as they open (``上和技术（俄罗斯）有限公司董事长``)."""
    depth = 0
    for char in piece:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def titles_before(body: str, start: int) -> list[str]:
    """The offices given right before the name at ``start`` (nearest last), or ``[]``."""
    found: list[str] = []
    end = start
    while end > 0 and len(found) < _MAX_TITLES:
        low = max(0, end - _MAX_CLAUSE - 1)  # no clause of an office is longer: look no further
        cut = max(body.rfind(mark, low, end) for mark in ("，", ",", "、"))
        boundary = _BREAK.search(body[max(low, cut) : end][::-1])
        begin = cut + 1
        if boundary is not None:  # a sentence mark nearer than the comma ends the run
            begin = end - boundary.start()
        elif cut < 0 and low > 0:
            break  # the clause runs on past the longest an office's clause may be
        office = _office(body[begin:end])
        if not office:
            break
        found.append(office)
        if begin != cut + 1 or cut < 0:
            break
        end = cut
    return found[::-1]
