"""Line-level vocabulary of Chinese newspaper pages: what one line of a flattened page is.

Pure functions on single lines (no page context). ``segment`` combines them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{HAN}]")
_TWO_HAN_RE = re.compile(f"[{HAN}][^{HAN}]*[{HAN}]")
BULLETS = "□■●◆◇▲△▼○☆★◎"
# A sentence is closed when a line ends with one of these (optionally followed by closers).
SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》〉】"
_CLOSED_RE = re.compile(f"(?:[{SENTENCE_END}][{CLOSERS}]*|[{SENTENCE_END}]?[”’」』])$")
_QUOTE_CLOSERS = "”’」』"
_SENTENCE_PUNCT_RE = re.compile(r"[。；！？]")
_NO_HEADLINE_RE = re.compile(r"[。；;]")
_SOFT_END_RE = re.compile(r"[，、；：,;:（(《“‘「『—\-]$")

ROLE_WORDS = (
    "本报特约记者",
    "本报见习记者",
    "本报全媒体记者",
    "本报融媒体记者",
    "本报首席记者",
    "本报特约评论员",
    "本报评论员",
    "本报记者",
    "本报通讯员",
    "特约记者",
    "见习记者",
    "首席记者",
    "实习记者",
    "全媒体记者",
    "融媒体记者",
    "摄影记者",
    "特约评论员",
    "评论员",
    "记者",
    "通讯员",
    "实习生",
    "报道员",
    "撰文",
    "摄影",
    "编辑",
    "文图/",
    "图文/",
    "文/图",
    "图/文",
    "文／图",
    "图／文",
    "文/",
    "图/",
    "文／",
    "图／",
)
_ROLE_ALT = "|".join(re.escape(w) for w in ROLE_WORDS)
_CREDIT_PREFIX_RE = re.compile(
    f"^[{BULLETS}]?\\s*(?:文\\s*[/／]\\s*图|图\\s*[/／]\\s*文|(?:文图|图文|文|图)\\s*[/／])\\s*"
)
_ROLE_IN_RE = re.compile("本报|记者|通讯员|实习生")
_ROLE_AFTER_RE = re.compile(r"\s*[/／]\s*(?:文|图|摄)(?=\s|$)")
_BYLINE_RE = re.compile(
    rf"^[{BULLETS}]?\s*(?:(?P<outlet>[^\s，。]{{2,24}}?)\s*)??(?:{_ROLE_ALT})(?:[：:]|\s|(?=[{HAN}]))"
)
_BYLINE_SUFFIX_RE = re.compile(r"\s*(?:报道|采写|摄影报道|整理)\s*$")
_OUTLET_RE = re.compile(rf"[{HAN}A-Za-z]+(?:日报|晚报|早报|时报|商报|新闻|周刊|报|社|网|台|客户端)")

DATELINE_RE = re.compile(
    rf"^[（(]?(?P<dl>(?:本报|新华社|中新社|人民日报|(?P<outlet>[{HAN}A-Za-z]{{2,12}}"
    rf"(?:日报|晚报|早报|时报|商报|新闻|报|社|网)(?:/[{HAN}A-Za-z]{{2,12}})?))"
    rf"(?:记者)?\s*(?:[{HAN}]{{0,6}}?)\s*(?:\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)?\s*(?:讯|电))"
    rf"[)）]?(?=\s|\d|[{HAN}“\"（(《「『【]|$)"
)

_NAME_CHARS = rf"[{HAN}·]"
_NAME_RE = re.compile(f"{_NAME_CHARS}{{2,4}}")
_BYLINE_NAME_RE = re.compile(f"{_NAME_CHARS}{{2,5}}|[A-Za-z. ]{{2,30}}")
_PAREN_TRAILER_RE = re.compile(
    rf"^[（(]\s*(?P<label>(?:本栏目|本版|本文)?(?:整理|采写|撰文|文|记者|通讯员|编辑)?\s*[：:]?)\s*"
    rf"(?P<names>{_NAME_CHARS}{{2,4}}(?:[\s、，,]+{_NAME_CHARS}{{2,4}})*)\s*[)）]$"
)
PHOTO_CREDIT_RE = re.compile(
    rf"(?:{_NAME_CHARS}{{2,4}}\s*摄|本报资料照片|资料图片|资料照片|新华社发|供图)\s*$"
)
DATE_LINE_RE = re.compile(
    r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?:\s*星期[一二三四五六日天])?"
    r"(?:\s*农历\S*)?$"
)
PAGE_LINE_RE = re.compile(
    r"^(?:第\s*\d+\s*版|[A-Z]?\d{1,2}\s*版?)(?:\s*[:：·]?\s*[\u4e00-\u9fff]{0,6})?$"
)

# Common Chinese surnames (single and compound), for bare name lines.
_COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容",
    "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "独孤", "南宫", "申屠",
)  # fmt: skip
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁"
    "胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰"
    "支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜"
    "印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧"
    "闭由"
)
_PLACE_OR_ORG_ENDINGS = set(
    "区市省县镇村乡局厅委会院所部办站港湾园司行社队组处科团馆校街路岛山河湖"
)
_NOT_NAMES = {
    "要闻",
    "区域",
    "新闻",
    "综合",
    "经济",
    "财经",
    "专题",
    "视点",
    "时评",
    "评论",
    "国际",
    "国内",
    "社会",
    "文化",
    "体育",
    "副刊",
    "广告",
    "图片",
    "特稿",
    "观察",
    "关注",
    "聚焦",
    "本报讯",
    "记者",
    "通讯员",
    "报道",
    "编辑",
    "校对",
    "摄影",
    "今日",
    "导读",
    "目录",
    "封面",
    "头版",
}


def han_count(text: str) -> int:
    """Number of Han characters in ``text``."""
    return len(_HAN_RE.findall(text))


def is_closed(line: str) -> bool:
    """True when ``line`` ends a sentence (a paragraph may end here): a sentence end, then
    only closing quotes or brackets; or a closing quote (``_CLOSED_RE``, read from the end
    without scanning the line)."""
    text = line.rstrip()
    if text and text[-1] in _QUOTE_CLOSERS:
        return True
    bare = text.rstrip(CLOSERS)
    return bool(bare) and bare[-1] in SENTENCE_END


def ends_softly(line: str) -> bool:
    """True when ``line`` ends inside a sentence (comma, colon, opening quote...)."""
    return bool(_SOFT_END_RE.search(line.rstrip()))


_WIDE_RE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def cell_width(text: str) -> int:
    """Display width in terminal cells (CJK and full-width count two)."""
    return len(text) + len(_WIDE_RE.findall(text))


_SPACES_RE = re.compile(r"[ \u3000\u00a0]+")
_WIDE_TEXT_RE = re.compile(rf"[{HAN}\u3000-\u303f\uff00-\uffef“”‘’《》「」『』【】—…·]")
_WS_RE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Collapse whitespace; drop letter-spacing (``孙 欣``, ``市 十 七 届``) and spaces that
    typesetting put between CJK text and digits. Spaces between CJK phrases stay."""
    text = text.strip()
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        return text
    text = _SPACES_RE.sub(" ", text)
    if " " not in text:
        return text
    wide = _WIDE_TEXT_RE
    tokens = text.split(" ")
    out = tokens[0]
    for prev, token in itertools.pairwise(tokens):
        left, right = prev[-1:], token[:1]
        left_wide = bool(wide.match(left))
        right_wide = bool(wide.match(right))
        single = len(prev) == 1 or len(token) == 1
        if (
            (
                left_wide
                and right_wide
                and (single or not (_HAN_RE.match(left) and _HAN_RE.match(right)))
            )
            or (left_wide and right.isdigit())
            or (left.isdigit() and right_wide)
        ):
            out += token
        else:
            out += " " + token
    return out


def is_letter_spaced(line: str) -> bool:
    """A display headline set with spaces between single characters (``市 十 七 届``)."""
    parts = line.split()
    return len(parts) >= 4 and sum(1 for p in parts if len(p) == 1) >= len(parts) - 1


def is_parallel_phrases(text: str) -> bool:
    """Two short phrases side by side (``创新加码 开放升级``): a kicker's typical form."""
    parts = text.split()
    return (
        2 <= len(parts) <= 3
        and all(2 <= han_count(p) <= 8 for p in parts)
        and not is_letter_spaced(text)
    )


def looks_like_name(text: str) -> bool:
    """A bare personal name (2–4 Han characters starting with a common surname)."""
    if len(text) > 9:
        return False
    name = _WS_RE.sub("", text)
    if not _NAME_RE.fullmatch(name) or name in _NOT_NAMES:
        return False
    if name[-1] in _PLACE_OR_ORG_ENDINGS:
        return False
    if any(name.startswith(s) for s in _COMPOUND_SURNAMES):
        return True
    return name[0] in _SURNAMES and (len(name) <= 3 or "·" in name)


def split_names(text: str) -> list[str]:
    """Names from a run like ``封满楼 通讯员 肖玲玲`` or ``孙 欣`` (spaced single chars join)."""
    tokens = [t for t in re.split(r"[\s、，,/／]+", text) if t]
    names: list[str] = []
    buffer = ""
    for token in tokens:
        if len(token) == 1 and _HAN_RE.match(token):
            buffer += token
            if len(buffer) >= 3:
                names.append(buffer)
                buffer = ""
            continue
        if buffer:
            names.append(buffer)
            buffer = ""
        names.append(token)
    if buffer:
        names.append(buffer)
    return names


@dataclass(slots=True)
class Byline:
    """A parsed byline: the outlet (``青岛日报/观海新闻``) and the people it names."""

    outlet: str
    names: list[str]
    decoration: str  # bullets, role words and 本报/报道 the parser consumed


# the desk's credits after a reporter's name: editors and proof-readers are no authors
DESK_RE = re.compile(r"\s(?:责任编辑|责编|编辑|校对|审校|美编|签发)[：:]?\s*(?=[\u4e00-\u9fff])")


def _byline_names(rest: str, role_pattern: re.Pattern[str]) -> list[str]:
    """The names of a byline's text after its outlet: role words (``记者``, ``/文``) and
    the parser's decoration left out."""
    body = _ROLE_AFTER_RE.sub(" ", role_pattern.sub(" ", rest))
    return [n for n in split_names(body) if n]


def parse_byline(line: str) -> Byline | None:
    """Parse a byline such as ``□青岛日报/观海新闻记者 耿婷婷`` or ``□记者 白晓 报道``."""
    text = line.strip()
    if not text or len(text) > 48 or not any(word in text for word in ROLE_WORDS):
        return None
    if _SENTENCE_PUNCT_RE.search(text):
        return None
    credit = _CREDIT_PREFIX_RE.match(text)
    if credit and _ROLE_IN_RE.search(text[credit.end() :]):
        # '文/记者 赵六' — the credit prefix is decoration, the rest a normal byline
        inner = parse_byline(text[credit.end() :])
        if inner is not None:
            inner.decoration = re.sub(r"\s", "", credit.group()) + inner.decoration
        return inner
    match = _BYLINE_RE.match(text)
    if not match:
        return None
    outlet = (match.group("outlet") or "").strip()
    if outlet and outlet != "本报" and not _OUTLET_RE.search(outlet):
        return None  # 'X记者' where X is not an outlet: probably body text
    start = (
        match.end("outlet")
        if match.group("outlet")
        else match.start()
        + len(text[match.start() :])
        - len(text[match.start() :].lstrip(BULLETS + " "))
    )
    bullets = text[: match.start("outlet")] if match.group("outlet") else text[:start]
    rest = text[start:]
    role_pattern = re.compile(rf"(?:{_ROLE_ALT})\s*[：:]?")
    decoration = re.sub(r"\s", "", bullets) + "".join(role_pattern.findall(rest))
    suffix = _BYLINE_SUFFIX_RE.search(rest)
    if suffix:
        decoration += suffix.group().strip()
        rest = rest[: suffix.start()]
    names = _byline_names(rest, role_pattern)
    if not names or not all(_BYLINE_NAME_RE.fullmatch(n) for n in names):
        return None
    desk = DESK_RE.search(rest)
    if desk and desk.start() > 0:  # ``记者 张三 编辑 李四 校对 王五``: the desk wrote nothing
        authors = _byline_names(rest[: desk.start()], role_pattern)
        if authors:
            names = authors
    decoration += "".join(
        m.replace(" ", "") for m in _ROLE_AFTER_RE.findall(role_pattern.sub(" ", rest))
    )
    if outlet.startswith("本报"):  # ``本报``, ``本报驻京``: this paper, no other outlet
        decoration += outlet
        outlet = ""
    return Byline(
        outlet=outlet.rstrip("/／ "), names=names, decoration=re.sub(r"\s", "", decoration)
    )


def parse_paren_trailer(line: str) -> Byline | None:
    """A trailing credit such as ``(于越)`` or ``（本栏目整理：于越 杨瑶）``."""
    stripped = line.strip()
    if not stripped or stripped[0] not in "（(" or stripped[-1] not in ")）" or len(stripped) > 40:
        return None
    match = _PAREN_TRAILER_RE.match(line.strip())
    if not match:
        return None
    names = split_names(match.group("names"))
    if not all(looks_like_name(n) for n in names):
        return None
    decoration = re.sub(r"\s", "", line)
    for name in names:
        decoration = decoration.replace(name, "", 1)
    return Byline(outlet="", names=names, decoration=decoration)


def match_dateline(line: str) -> tuple[str, str, str] | None:
    """``(dateline, outlet, rest)`` when ``line`` opens with a dateline like ``本报12月15日讯``."""
    head = line[:40]
    if "讯" not in head and "电" not in head:
        return None
    match = DATELINE_RE.match(line.strip())
    if not match:
        return None
    dateline = re.sub(r"\s+", "", match.group("dl"))
    outlet = match.group("outlet") or ""
    rest = line.strip()[match.end() :].strip()
    return dateline, outlet, rest


_PAREN_HEAD_RE = re.compile(r"^[（(]([^（()）]{2,40})[)）]\s*")


def split_dateline_credit(rest: str) -> tuple[Byline | None, str, str]:
    """``（记者 王小明、李华）正文`` after a dateline: ``(byline, consumed, remaining text)``."""
    match = _PAREN_HEAD_RE.match(rest)
    if not match:
        return None, "", rest
    byline = parse_byline(match.group(1))
    if byline is None:
        return None, "", rest
    return byline, match.group(0), rest[match.end() :]


CONTINUED_RE = re.compile(
    r"[（(]?\s*(?:下转|上接|转|接)第\s*[\d一二三四五六七八九十]+\s*版\s*[）)]?"
)


def is_continuation_marker(line: str) -> bool:
    """Is ``line`` only a jump marker (``（上接第1版）``, ``（下转第4版）``)?"""
    return bool(CONTINUED_RE.fullmatch(_WS_RE.sub("", line)))


def is_headline_candidate(line: str) -> bool:
    """Could ``line`` be (part of) a headline? Short, no sentence-internal full stops."""
    text = line.strip()
    if len(text) > 96:
        return False
    compact = _WS_RE.sub("", text)
    if not 2 <= len(compact) <= 48 or not _TWO_HAN_RE.search(compact):
        return False
    if _NO_HEADLINE_RE.search(compact) or (
        ends_softly(compact) and not compact.endswith(("：", ":"))
    ):
        return False
    if compact[0] in "，、。；：）)”’」』》":
        return False
    return not compact.endswith(("……", "…"))


def is_caption_start(line: str) -> bool:
    """A photo caption: starts with a bullet (not a byline) or ends with a photo credit."""
    text = line.strip()
    return (text[:1] in "■▲△▼●") or bool(PHOTO_CREDIT_RE.search(text))
