"""Merging mentions into entities: within one article, then across the corpus.

Within an article, mentions are linked when
- an alias was declared (``青岛国家高新区（以下简称高新区）``);
- a place differs only by its administrative suffix (``青岛市`` / ``青岛``);
- an organisation or place is an abbreviation of a longer one: its characters appear in
  order in the longer name and it keeps the same last character (``高新区``,
  ``青岛高新区`` → ``青岛国家高新区``), and only one longer name fits;
- a surname followed by a title (``耿书记``) or a lone surname refers to the only person
  of the article with that surname (``耿涛``);
- a bare zone word (``高新区``) refers to the only zone of the article ending with it;
- a one-character place (``日``) is the country or province it abbreviates (``日本``).

The canonical name is the longest linked form that is a name (not ``耿书记``). Byline
reporters are persons with role ``byline``. Across the corpus, persons merge by name,
places by name without administrative suffix, and a name that is another entity's alias
elsewhere joins that entity when it is the alias of one entity only.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from store.entities import gazetteer
from store.entities.common_words import common_words
from store.entities.text import han_at
from store.entities.titles import titles_before
from store.entities.world import WORLD_CITIES

Span = tuple[int, int, str]

_ADMIN = ("特别行政区", "自治区", "自治州", "自治县", "省", "市", "区", "县")
_BYLINE_ROLE = re.compile(r"^(?:本报|特约|实习)?(?:记者|通讯员|实习生|摄影|文/图|图/文)[:：\s]*")
_NAME_EDGE = " \t\u3000·•□■◆●○◎/、，,：:;；“”\"'()（）[]【】"


_TYPE_PRIORITY = {"org": 0, "place": 1, "person": 2}
_MAX_TITLES = 5


def _vote(kinds: Counter[str]) -> str:
    """The most frequent type; a tie goes to org, then place (the rules that retype a
    mention, e.g. a company named by its context, only ever make it an org)."""
    return min(kinds, key=lambda kind: (-kinds[kind], _TYPE_PRIORITY.get(kind, 3)))


def _place_stays_place(name: str, kind: str) -> str:
    """A known place name standing alone (``中国``, ``日本``, ``青岛市``, ``伦敦``) is a place,
    whatever the tagger or the vote made of it: an organisation it heads is a longer name; and a
    province, city or country is no person, even after an office (``总书记甘肃考察``)."""
    if kind == "org" and name in _known_places():
        return "place"
    if kind == "person" and name in gazetteer.major_places():
        return "place"
    return kind


def _not_a_name(group: list[str], name: str) -> bool:
    """A group that names nothing: one character left unexplained (``华``), or only common
    nouns (``公司``, ``古镇``; ``store.entities.common_words``) — zone words and known places
    excepted (``高新区`` stands for the article's zone)."""
    if len(name) < 2:
        return True
    common = common_words()
    places = gazetteer.places()
    return all(
        form in common and form not in gazetteer.ZONE_WORDS and form not in places
        for form in group
        if len(form) > 1
    )


def place_key(name: str) -> str:
    """``青岛市`` → ``青岛``: a place name without its administrative suffix."""
    for suffix in _ADMIN:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _is_abbreviation(short: str, long: str) -> bool:
    """``short`` keeps ``long``'s characters in order and ends like it (``高新区``), and
    keeps more than the place ``long`` opens with and its kind of body."""
    if len(short) < 2 or len(short) >= len(long) or short[-1] != long[-1]:
        return False
    pos = 0
    for char in short:
        pos = long.find(char, pos) + 1
        if pos == 0:
            return False
    return not _place_and_kind(short, long)


def _place_and_kind(short: str, long: str) -> bool:
    """``山东公司`` of ``山东卓业医疗科技有限公司``: the place and the kind of body, none of
    the name between them (``中车山东公司`` is another company)."""
    from store.entities.orgs import is_org_kind

    places = gazetteer.places()
    for cut in range(min(len(short) - 1, gazetteer.place_max_len()), 1, -1):
        head = short[:cut]
        if head in places and long.startswith(head):
            return is_org_kind(short[cut:])
    return False


class _Groups:
    """Union-find over surface forms."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _title_mentions(body: str, taken: bytearray, surnames: dict[str, str]) -> list[Span]:
    """``耿书记``-style mentions of a surname whose full name is unique in the article."""
    if not surnames:
        return []
    titles = "|".join(sorted(gazetteer.TITLES, key=len, reverse=True))
    pattern = re.compile(f"([{''.join(surnames)}])(?:{titles})")
    found: list[Span] = []
    for match in pattern.finditer(body):
        start, end = match.span()
        if han_at(body, start - 1):
            continue  # part of a longer word (``副市长`` is not ``副`` + ``市长``)
        if any(taken[start:end]):
            continue
        found.append((start, end, "person"))
    return found


def _with_title(body: str, span: Span) -> Span:
    """A lone surname tagged as a person takes the title after it (``耿`` → ``耿书记``)."""
    start, end, kind = span
    if kind != "person" or end - start != 1:
        return span
    for size in (4, 3, 2):
        if body[end : end + size] in gazetteer.TITLES:
            return start, end + size, kind
    return span


def _link(forms: dict[str, str], declared: dict[str, str], groups: _Groups) -> None:
    """Link surface forms (form → type) of one article into groups."""
    for alias, owner in declared.items():
        if alias in forms and owner in forms:
            groups.union(owner, alias)
    places = [f for f, t in forms.items() if t == "place"]
    by_key: dict[str, list[str]] = defaultdict(list)
    for form in places:
        by_key[place_key(form)].append(form)
    for members in by_key.values():
        for other in members[1:]:
            groups.union(members[0], other)
    named = [f for f, t in forms.items() if t in ("org", "place")]
    known = gazetteer.places()
    for short in named:
        if short in known:
            continue  # 青岛市 is a name of its own, no abbreviation of a longer one
        longer = {groups.find(f) for f in named if _is_abbreviation(short, f)}
        if len(longer) == 1:
            groups.union(longer.pop(), short)


def _places_named_short(forms: dict[str, str]) -> None:
    """A "person" or "org" named like a place of the article without its suffix
    (``塔拉兹`` beside ``塔拉兹市``) is that place; ``_link`` then joins the two."""
    short = {place_key(f) for f, t in forms.items() if t == "place" and place_key(f) != f}
    for form, kind in forms.items():
        if kind != "place" and form in short:
            forms[form] = "place"


def _is_title_form(form: str) -> bool:
    """``耿书记`` or a lone surname: a way to refer to a person, not a name."""
    return len(form) == 1 or form[1:] in gazetteer.TITLES


def _canonical(members: list[str], counts: Counter[str], first: dict[str, int]) -> str:
    """The longest form that is a name; ties go to the most frequent, then the earliest."""
    return min(members, key=lambda m: (_is_title_form(m), -len(m), -counts[m], first[m]))


def clean_name(name: Any) -> str:
    """A byline name without decoration (``□``, spaces, punctuation); ``""`` if it is no
    name at all (no letter, or longer than any name)."""
    if not isinstance(name, str):
        return ""
    name = _BYLINE_ROLE.sub("", name.strip(_NAME_EDGE)).strip(_NAME_EDGE)
    if len(name) > 32 or name in gazetteer.STOP_WORDS or not any(c.isalpha() for c in name):
        return ""
    return name


def _zone_word(name: str) -> str:
    """The zone word a place or org name ends with (``青岛国家高新区`` → ``高新区``)."""
    for word in gazetteer.ZONE_WORDS:
        if name.endswith(word) and len(name) > len(word):
            return word
    return ""


class _Grouping:
    """Mentions of one article grouped into entities."""

    def __init__(
        self,
        body: str,
        spans: list[Span],
        links: dict[str, str],
        unique: dict[str, str],
        offices: Callable[[int], list[str]],
    ) -> None:
        """``offices(start)``: the offices the text gives before the mention at ``start``."""
        self.spans = spans
        self.groups = _Groups()
        self.counts: Counter[str] = Counter()
        self.first: dict[str, int] = {}
        kinds: dict[str, Counter[str]] = defaultdict(Counter)
        titled: set[str] = set()  # forms the text gives an office: persons
        for start, end, kind in spans:
            form = body[start:end]
            self.counts[form] += 1
            self.first.setdefault(form, start)
            kinds[form][kind] += 1
            self.groups.find(form)
            if kind != "org" and form not in titled and offices(start):
                titled.add(form)
        self.forms = {
            form: _place_stays_place(form, "person" if form in titled else _vote(kinds[form]))
            for form in self.counts
        }
        _places_named_short(self.forms)
        _link(self.forms, links, self.groups)
        for form, kind in self.forms.items():
            if kind == "person" and form[0] in unique and form != unique[form[0]]:
                if _is_title_form(form):
                    self.groups.union(unique[form[0]], form)
            elif kind == "place" and (full := gazetteer.common_name(form)) in self.forms:
                self.groups.union(full, form)
        self.members: dict[str, list[str]] = defaultdict(list)
        for form in self.counts:
            self.members[self.groups.find(form)].append(form)

    def zone_links(self, body: str) -> tuple[list[Span], dict[str, str]]:
        """Bare mentions of a zone word (``高新区``) that only one entity here ends with."""
        owners: dict[str, set[str]] = defaultdict(set)
        for form, kind in self.forms.items():
            word = _zone_word(form) if kind in ("place", "org") else ""
            if word:
                owners[word].add(self.groups.find(form))
        taken = bytearray(len(body))
        for start, end, _ in self.spans:
            taken[start:end] = b"\x01" * (end - start)
        extra: list[Span] = []
        links: dict[str, str] = {}
        for word, roots in owners.items():
            if len(roots) != 1 or word in self.forms:
                continue
            (root,) = roots
            kind = self.forms[root]
            for match in re.finditer(word, body):
                start, end = match.span()
                if not any(taken[start:end]):
                    extra.append((start, end, kind))
                    taken[start:end] = b"\x01" * (end - start)
                    links[word] = root
        return extra, links


def _name_for(group: list[str], grouping: _Grouping) -> str:
    """Canonical name of a group: a place by its everyday name (a lone ``日`` stands for
    ``日本``, ``中华人民共和国`` for ``中国``: ``gazetteer.common_name``)."""
    name = _canonical(group, grouping.counts, grouping.first)
    if grouping.forms[name] == "place":
        return gazetteer.common_name(name) or name
    return name


#: a page's staff credits: ``版式设计：张丹峰``, ``制图：X``, ``责编：X`` (the colon is needed)
_STAFF = (
    r"(?:版式设计|美术设计|设计|制图|图表制作|责编|责任编辑|美编|校对|统筹|摄像|绘图|插图|漫画)"
    r"\s*[：:]"
)
_REPORTER_BEFORE = re.compile(
    rf"(?:(?:记者|通讯员|实习生|摄影|编辑|特约撰稿人)[\s：:]*|{_STAFF}\s*)$"
)
#: ``记者A、B、…、`` right before a name: a name in a credit list, however long the list
#: (``（本报记者许志峰、王浩、…、丁怡婷、吴月）``, ``制图：A、B``).
_CREDIT_LIST = re.compile(
    rf"(?:记者|通讯员|实习生|{_STAFF})\s*(?:[\u4e00-\u9fff·]{{2,4}}\s*、\s*)+$"
)
#: ``张三摄``, ``张三摄（人民视觉）``, ``张三供图``, ``记者张三报道``
_PHOTO_AFTER = re.compile(r"\s*(?:摄|供图|报道)(?:$|[\s（(）)。；，、])")


def _credited(body: str, spans: list[list[int]]) -> bool:
    """Is every mention a credit (``记者刘佳旎报道``, ``（记者 王晓东、李明）``, ``张三摄``)?
    A name in a list of credited names (``记者王晓东、李明``) counts too."""
    if not spans:
        return False
    for start, end in spans:
        before = body[max(0, start - 12) : start]
        after = body[end : end + 4]
        listed = _CREDIT_LIST.search(body[max(0, start - 160) : start])
        if not (_REPORTER_BEFORE.search(before) or listed or _PHOTO_AFTER.match(after)):
            return False
    return True


_QUOTES = {"‘": "’", "“": "”", "「": "」", "『": "』", '"': '"', "'": "'"}


def _quoted(body: str, span: list[int]) -> bool:
    """Is the mention exactly the text between a pair of quotes (``‘索牛’``)?"""
    start, end = span
    before, after = body[start - 1 : start], body[end : end + 1]
    return bool(before) and _QUOTES.get(before) == after


#: the kinds of word that make a list a list of words, not of names (jieba's tags):
#: adjectives, verbs, nouns of things, and their adverbial and nominal uses
_WORD_TAGS = frozenset({"a", "ad", "an", "v", "vn", "vd", "n", "d"})
_LIST_ITEM = re.compile(r"[\u4e00-\u9fff]{2,6}")
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
_LIST_END = "等和及与"
#: the last character of a body's name (``…局``, ``…行``, ``…网``): a list with one lists bodies
_BODY_LAST = frozenset("局厅委会部院所处科室站团队社联校司行厂馆台组办署协报网")


def _only_in_word_lists(body: str, spans: list[list[int]]) -> bool:
    """Is every mention an item of a list of common words (``_listed_with_words``)?"""
    return bool(spans) and all(_listed_with_words(body, span) for span in spans)


def _listed_with_words(body: str, span: list[int]) -> bool:
    """Is the mention a whole item of a ``、`` list whose other items hold two or more
    common words or phrases of them (adjectives, verbs, nouns of things) and no name:
    ``开放、包容、普惠、平衡``, ``稳增长、促改革、调结构、惠民生``?"""
    from store.entities.segmenter import word_tags

    start, end = span
    before, after = body[start - 1 : start], body[end : end + 1]
    if "、" not in (before, after):
        return False
    if before != "、" and han_at(body, start - 1):
        return False  # the item runs on to the left: the mention is part of a longer word
    if after != "、" and han_at(body, end) and after not in _LIST_END:
        return False
    left = body[max(0, start - 40) : start].split("、")[:-1] if before == "、" else []
    right = body[end : end + 40].split("、")[1:] if after == "、" else []
    table = word_tags()
    words = 0
    for item in left[-4:] + right[:4]:
        if not _LIST_ITEM.fullmatch(item):
            continue  # a piece that runs on past the list
        tags = _item_tags(item, table)
        if _NAME_TAGS.intersection(tags) or item[-1] in _BODY_LAST:
            return False  # a list of names, or of bodies (``工行、农行、中行``)
        words += bool(tags) and all(tag in _WORD_TAGS for tag in tags)
    return words >= 2


def _item_tags(item: str, table: dict[str, str]) -> list[str]:
    """jieba's tags of a list item: its own when it is a word of the dictionary, else those
    of its words when it is a three-character phrase of a one-character verb or adjective
    and a word (``稳增长`` is ``稳`` + ``增长``, ``促改革``); ``[""]`` for any other item."""
    tag = table.get(item)
    if tag is not None:
        return [tag]
    from store.entities.segmenter import words

    pieces = words(item, hmm=False)
    shape = [end - start for start, end, _ in pieces]
    if shape != [1, 2] or pieces[0][2] not in ("v", "a"):
        return [""]  # an unknown name (``申通``, ``韵达``) is no phrase of words
    return [pos for _, _, pos in pieces]


def _titles(offices: Callable[[int], list[str]], spans: list[list[int]]) -> list[str]:
    """The offices the article gives a person before its mentions, first seen first."""
    found: list[str] = []
    for start, _ in spans:
        for office in offices(start):
            if office not in found:
                found.append(office)
    return found[:_MAX_TITLES]


def article_records(
    body: str, spans: list[Span], declared: dict[str, str], byline: Iterable[Any]
) -> list[dict[str, Any]]:
    """Per-article entity records (see ``store.entities.extract.article_entities``)."""
    spans = [_with_title(body, span) for span in sorted(spans)]
    taken = bytearray(len(body))
    for start, end, _ in spans:
        taken[start:end] = b"\x01" * (end - start)
    full_names: dict[str, set[str]] = defaultdict(set)
    for start, end, kind in spans:
        name = body[start:end]
        if kind == "person" and not _is_title_form(name):
            full_names[name[0]].add(name)
    unique = {s: next(iter(n)) for s, n in full_names.items() if len(n) == 1}
    spans = sorted(spans + _title_mentions(body, taken, unique))
    read: dict[int, list[str]] = {}

    def offices(start: int) -> list[str]:  # read once per mention, however often asked
        if start not in read:
            read[start] = titles_before(body, start)
        return read[start]

    grouping = _Grouping(body, spans, declared, unique, offices)
    extra, links = grouping.zone_links(body)
    if extra:
        spans = sorted(spans + extra)
        grouping = _Grouping(body, spans, {**declared, **links}, unique, offices)

    records: dict[str, dict[str, Any]] = {}
    for group in grouping.members.values():
        name = _name_for(group, grouping)
        kind = grouping.forms[_canonical(group, grouping.counts, grouping.first)]
        if kind == "person" and all(len(m) == 1 for m in group):
            continue  # a lone surname nobody in the article owns
        if kind != "person" and _not_a_name(group, name):
            continue
        group_spans = sorted([s, e] for s, e, _ in spans if body[s:e] in group)
        if kind == "person" and group_spans and all(_quoted(body, sp) for sp in group_spans):
            continue  # a name only ever in quotes is a programme or slogan (‘索牛’计划)
        if name[-1] not in _BODY_LAST and _only_in_word_lists(body, group_spans):
            continue  # 开放、包容、普惠、平衡 / 调结构、惠民生: an item of a list of words
        aliases = sorted(group, key=lambda m: (m != name, -grouping.counts[m], grouping.first[m]))
        records[name] = {
            "name": name,
            "type": kind,
            "aliases": aliases,
            "count": len(group_spans),
            "spans": group_spans,
            "role": "",
            "titles": _titles(offices, group_spans) if kind == "person" else [],
        }
    for record in records.values():
        if record["type"] == "person" and _credited(body, record["spans"]):
            record["role"] = "byline"  # named only as the reporter or photographer
            record["titles"] = []
    for raw in byline or ():
        name = clean_name(raw)
        if not name:
            continue
        found = records.get(name)
        if found is None:
            found = next((r for r in records.values() if name in r["aliases"]), None)
        if found is not None and found["type"] == "person":
            if found["role"] != "byline":
                found["role"] = "byline"
                found["count"] += 1
        elif found is None:
            records[name] = {
                "name": name, "type": "person", "aliases": [name],
                "count": 1, "spans": [], "role": "byline", "titles": [],
            }  # fmt: skip
    return sorted(
        records.values(),
        key=lambda r: (-r["count"], r["spans"][0][0] if r["spans"] else len(body), r["name"]),
    )


def corpus_rows(per_article: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Merge per-article records into corpus rows (count = number of articles)."""
    groups = _Groups()
    seen: dict[str, dict[str, Any]] = {}
    records: list[tuple[int, str, dict[str, Any]]] = []
    for index, article in enumerate(per_article):
        for record in article or ():
            try:
                name, kind = str(record["name"]), str(record["type"])
            except (KeyError, TypeError):
                continue
            key = _key(name, kind)
            groups.find(key)
            records.append((index, key, record))
            info = seen.get(key)  # (not setdefault: it would make two Counters a record)
            if info is None:
                info = seen[key] = {"type": Counter(), "aliases": Counter()}
            info["type"][kind] += 1
            aliases = info["aliases"]
            for alias in record.get("aliases") or [name]:
                aliases[str(alias)] += 1
    # An article-level alias that is another article's canonical name links the two,
    # when it points to one entity only.
    owners: dict[str, set[str]] = defaultdict(set)
    for key, info in seen.items():
        for alias in info["aliases"]:
            owners[_key(alias, _vote(info["type"]))].add(key)
    for alias_key, keys in owners.items():
        if alias_key in seen and len(keys - {alias_key}) == 1:
            (owner,) = keys - {alias_key}
            if len(_name_of(owner)) > len(_name_of(alias_key)):
                groups.union(owner, alias_key)
    _link_local_forms(seen, groups)
    _link_place_led_brands(seen, groups)
    rows: dict[str, dict[str, Any]] = {}
    articles: dict[str, set[int]] = defaultdict(set)
    for index, key, record in records:
        root = groups.find(key)
        articles[root].add(index)
        row = rows.get(root)
        if row is None:
            row = rows[root] = {
                "names": Counter(),
                "type": Counter(),
                "aliases": Counter(),
                "titles": Counter(),
                "byline": 0,
            }
        row["titles"].update(t for t in record.get("titles") or () if isinstance(t, str))
        row["names"][str(record.get("form") or record["name"])] += 1  # as the article named it
        row["type"][str(record["type"])] += 1
        for alias in record.get("aliases") or [record["name"]]:
            row["aliases"][str(alias)] += 1
        if record.get("role") == "byline":
            row["byline"] += 1
    out = []
    for root, row in rows.items():
        name = _fullest_common(row["names"])
        aliases = sorted(row["aliases"], key=lambda a: (a != name, -row["aliases"][a], a))
        out.append(
            {
                "name": name,
                "type": _place_stays_place(name, _vote(row["type"])),
                "count": len(articles[root]),
                "aliases": aliases,
                "role": "byline" if row["byline"] else "",
                "titles": [t for t, _ in row["titles"].most_common(_MAX_TITLES)],
                "forms": sorted(row["names"]),
            }
        )
    _company_heads_are_orgs(out)
    out.sort(key=lambda r: (-r["count"], r["type"], r["name"]))
    return out


COMMON_SHARE = 0.1  # a form used at least this share as often as the most used one is common


def _fullest_common(names: Counter[str]) -> str:
    """The corpus name of an entity: its fullest form among those in common use (in two
    articles or more, and at least ``COMMON_SHARE`` as often as its most used form), so
    that one page's odd form (``粤港澳大湾`` beside 1,222 articles' ``大湾区``) never
    renames the entity across the corpus; the fullest of all when no form is common."""
    least = max(2, COMMON_SHARE * max(names.values()))
    common = [n for n, count in names.items() if count >= least] or list(names)
    return min(common, key=lambda n: (-len(n), -names[n], n))


_LOCAL_PREFIXES = "市省区县"


def _link_local_forms(seen: dict[str, dict[str, Any]], groups: _Groups) -> None:
    """A body named the local way (``市商务局``, ``省侨联``, ``市委``) is the one body of
    the corpus with a place before that name (``青岛市商务局``), when there is only one."""
    places = gazetteer.places()
    owners: dict[str, set[str]] = defaultdict(set)
    orgs = [k for k, info in seen.items() if _vote(info["type"]) == "org"]
    for key in orgs:
        name = _name_of(key)
        for i in range(2, len(name) - 1):
            if name[i] in _LOCAL_PREFIXES and name[:i] in places:
                owners[name[i:]].add(key)
    for key in orgs:
        name = _name_of(key)
        if name[:1] not in _LOCAL_PREFIXES:
            continue
        roots = {groups.find(k) for k in owners.get(name, ()) if k != key}
        if len(roots) == 1:
            groups.union(roots.pop(), key)


def _link_place_led_brands(seen: dict[str, dict[str, Any]], groups: _Groups) -> None:
    """A company named with its home place or its group before its brand (``青岛海尔``,
    ``青岛海尔卡奥斯``) is the brand of the corpus (``海尔``, ``卡奥斯``) when that brand
    names no kind of body (``侨联``, ``大学`` and ``…局`` may be any place's) and only one
    such form has it."""
    from store.entities.orgs import ORG_LAST

    places = gazetteer.places()
    orgs = {_name_of(k): k for k, info in seen.items() if _vote(info["type"]) == "org"}
    owners: dict[str, set[str]] = defaultdict(set)
    for name, key in orgs.items():
        for cut in range(2, len(name) - 1):
            brand = name[cut:]
            head = name[:cut]
            if (head in places or head in orgs) and brand in orgs and brand[-1] not in ORG_LAST:
                owners[brand].add(key)
    for brand, keys in owners.items():
        if len(keys) == 1:
            groups.union(orgs[brand], keys.pop())


_COMPANY_TAIL = re.compile(r"^.{0,12}(?:公司|集团|制药|股份|科技|有限|研究院|中心)")


def _company_heads_are_orgs(rows: list[dict[str, Any]]) -> None:
    """A "place" or "person" that heads a company name seen in the corpus is that company's
    short name (``阿斯利康`` and ``阿斯利康制药(青岛)有限公司``); known places, reporters
    and names shaped like a Chinese person's never are."""
    from store.entities.gazetteer import places

    org_names = sorted({a for r in rows if r["type"] == "org" for a in r["aliases"]})
    admin = places()
    for row in rows:
        name = row["name"]
        if row["type"] == "org" or row["role"] == "byline" or name in admin or len(name) < 2:
            continue
        if row["type"] == "person" and looks_personal(name):
            continue  # 王磊 stays a person beside a 王磊工作室
        # the org names that start with ``name``: a run of the sorted list (bisect)
        at = bisect.bisect_left(org_names, name)
        while at < len(org_names) and org_names[at].startswith(name):
            if _COMPANY_TAIL.match(org_names[at][len(name) :]):
                if not (row["type"] == "place" and _named_place(name)):
                    row["type"] = "org"  # (东北 stays a region beside a 东北制药集团)
                break
            at += 1


#: a place jieba's dictionary lists this often (as ``ns``) is a place of its own, not the
#: short name of a company it heads (``东北``, ``大别山``; ``中建``: 291, ``阿斯利康``: 15)
_PLACE_WORD_FREQ = 1000


@lru_cache(maxsize=1)
def _known_places() -> frozenset[str]:
    """The gazetteer's places and the world capitals it leaves out (``WORLD_CITIES``)."""
    return gazetteer.places() | frozenset(WORLD_CITIES)


def _named_place(name: str) -> bool:
    """A place that is a common place word of the language (``东北``, ``大别山``, ``三峡``)
    or a known place followed by one (``英国伦敦``): a company it heads never retypes it.
    (Asked only of a place a company name starts with: it reads jieba's dictionary.)"""
    from store.entities.segmenter import word_freq, word_tags

    if word_tags().get(name) == "ns" and word_freq(name) >= _PLACE_WORD_FREQ:
        return True
    known = _known_places()
    return any(name[:cut] in known and name[cut:] in known for cut in range(2, len(name) - 1))


def looks_personal(name: str) -> bool:
    """A Chinese personal name by its shape: a common surname and one or two more
    characters (``王磊``, ``耿婷婷``); such a person is never retyped by a company name."""
    return 2 <= len(name) <= 3 and name[0] in gazetteer.SURNAMES


#: a committee's long and short names (``管理委员会`` / ``管委会`` / ``管委``): one key
_COMMITTEE = re.compile(r"(?:管理委员会|管委会)$")


def _key(name: str, kind: str) -> str:
    """Corpus key: persons by name; places by name without admin suffix; orgs by name,
    a committee's short names as its full one (``青岛高新区管委`` = ``…管委会``)."""
    if kind == "person":
        return "person\x00" + name
    if kind == "place":
        return "named\x00" + place_key(name)
    return "named\x00" + _COMMITTEE.sub("管委", name)


def _name_of(key: str) -> str:
    return key.partition("\x00")[2]
