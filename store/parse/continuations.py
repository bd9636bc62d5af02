"""Articles continued on another page, joined back into one.

A paper ends the first part of a long article with ``（下转第4版）`` (``（转第4版）``,
``转第4版``) and opens the second part, under a short repeated headline, with
``（上接第1版）`` (``上接第1版``). ``join_continuations`` finds such pairs among articles read
together and joins each into one article:

- the first part's title, subtitles, byline (names the second part adds are appended),
  dateline, newspaper, date and page; ``source`` is the first part's file and ``sources``
  lists both files;
- body = the first part's body + the second part's, both markers removed (a paragraph the
  page break cut mid-sentence is rejoined); the repeated headline is dropped, a different
  one is kept as a subtitle;
- ``truncated`` is the last part's; chains (page 1 → 4 → 7) are joined whole.

A pair is joined only when the parts agree: the same date (an empty date matches only an
empty date), the same newspaper when both name one, and page labels consistent with the
markers (a part whose label gives a page number must be on the page the other part's marker
names). When several first parts fit one second part, the one whose headline shares most
with the repeated headline wins; a tie is left unjoined. A part whose other half is not
among the articles stays exactly as it was, its marker text included (it tells the reader
where the article goes on).

Pure functions on article dicts (``Article.to_dict()`` form); no I/O, no entities: a joined
article has no ``entities`` key, the caller extracts them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from store.parse import lines as L
from store.parse.article import article_id
from store.parse.layout.dates import cn_number

_OPEN = r"[（(【\[〔]"
_CLOSE = r"[）)】\]〕]"
_PAGE = r"(?:第\s*)?(?P<page>[A-Za-z]?\s*\d{1,3}|[一二三四五六七八九十]{1,3})\s*版"
_FWD_BRACKETED = re.compile(rf"{_OPEN}\s*(?:下转|转至|转)\s*{_PAGE}\s*{_CLOSE}")
_FWD_BARE_END = re.compile(rf"(?:下转|转至|转)\s*{_PAGE}\s*[。.]?\s*$")
_BACK_BRACKETED = re.compile(rf"{_OPEN}\s*(?:上接|接上|紧接|接)\s*{_PAGE}\s*{_CLOSE}")
_BACK_BARE_START = re.compile(rf"^\s*上接\s*{_PAGE}\s*[：:，,]?\s*")
_LABEL_PAGE = re.compile(
    r"第\s*(?P<a>[A-Za-z]?\s*\d{1,3}|[一二三四五六七八九十]{1,3})\s*版"
    r"|^\s*(?P<b>[A-Za-z]?\d{1,3})(?:\s*版|(?![\dA-Za-z]))"
)
_HAN_RE = re.compile(f"[{L.HAN}]")


@dataclass(frozen=True, slots=True)
class Marker:
    """A continuation marker found in an article: the page it names and where it sits."""

    page: str  # normalised page number: "4", "A4"; "" when unreadable
    text: str  # the marker as printed, e.g. "（下转第4版）"


def page_number(text: str) -> str:
    """A page number normalised (``第04版`` / ``4`` → ``4``, ``A04`` → ``A4``, ``第四版`` →
    ``4``), or ``""``."""
    text = re.sub(r"\s+", "", text)
    m = re.fullmatch(r"([A-Za-z]?)0*(\d{1,3})", text)
    if m:
        return m[1].upper() + str(int(m[2] or 0))
    value = cn_number(text)
    return str(value) if value > 0 else ""


def label_page(label: str) -> str:
    """The page number an article's page label gives (``第4版 要闻``, ``A04``), or ``""``
    (``要闻``)."""
    m = _LABEL_PAGE.search(label or "")
    if not m:
        return ""
    return page_number(m["a"] or m["b"] or "")


def pages_agree(a: str, b: str) -> bool:
    """True when two normalised page numbers may name the same page (a missing section
    letter matches any letter; an unknown page matches any page)."""
    if not a or not b:
        return True
    la, na = (a[0], a[1:]) if a[0].isalpha() else ("", a)
    lb, nb = (b[0], b[1:]) if b[0].isalpha() else ("", b)
    return na == nb and (not la or not lb or la == lb)


def _paragraphs(article: Mapping[str, Any]) -> list[str]:
    body = article.get("body") or ""
    return body.split("\n") if body else []


def _forward_only(text: str) -> re.Match[str] | None:
    """The match when ``text`` is nothing but a forward marker (a jump line set apart)."""
    text = text.strip()
    m = _FWD_BRACKETED.fullmatch(text) or _FWD_BARE_END.match(text)
    return m if m and m.end() == len(text) else None


def forward_marker(article: Mapping[str, Any]) -> Marker | None:
    """The ``（下转第X版）`` marker closing an article's text, or None.

    In the last paragraph (bracketed anywhere in it, bare ``转第4版`` at its end), or a
    subtitle that is nothing but the marker (the jump line set on a line of its own)."""
    paras = _paragraphs(article)
    m: re.Match[str] | None = None
    if paras:
        found = list(_FWD_BRACKETED.finditer(paras[-1]))
        m = found[-1] if found else _FWD_BARE_END.search(paras[-1])
    if m is None:
        m = next(
            (f for s in reversed(article.get("subtitles") or []) if (f := _forward_only(s))),
            None,
        )
    if m is None:
        return None
    return Marker(page_number(m["page"]), m[0].strip())


def _back_in(text: str) -> re.Match[str] | None:
    return _BACK_BRACKETED.search(text) or _BACK_BARE_START.search(text)


def back_marker(article: Mapping[str, Any]) -> Marker | None:
    """The ``（上接第X版）`` marker of a second part, or None: in its headline, a subtitle,
    or its text (bracketed anywhere in the first two paragraphs, bare at a paragraph's
    start)."""
    places = [article.get("title") or "", *(article.get("subtitles") or [])]
    places.extend(_paragraphs(article)[:2])
    for text in places:
        m = _back_in(text)
        if m:
            return Marker(page_number(m["page"]), m[0].strip())
    return None


def has_marker(article: Mapping[str, Any]) -> bool:
    """True when an article carries either continuation marker (a part waiting for its
    other half)."""
    return forward_marker(article) is not None or back_marker(article) is not None


# -- matching --------------------------------------------------------------------------------


def _headline_chars(article: Mapping[str, Any]) -> set[str]:
    text = (article.get("title") or "") + "".join(article.get("subtitles") or [])
    return set(_HAN_RE.findall(text))


def headline_overlap(repeated: str, article: Mapping[str, Any]) -> float:
    """Share of the Han characters of a repeated headline found in an article's headlines
    (0.0 when the repeated headline has none)."""
    chars = set(_HAN_RE.findall(_strip_back(repeated)))
    if not chars:
        return 0.0
    return len(chars & _headline_chars(article)) / len(chars)


def _fits(first: Mapping[str, Any], fwd: Marker, second: Mapping[str, Any], back: Marker) -> bool:
    """Hard constraints: same date, same newspaper when both name one, consistent pages."""
    if (first.get("date") or "") != (second.get("date") or ""):
        return False
    paper1, paper2 = first.get("newspaper") or "", second.get("newspaper") or ""
    if paper1 and paper2 and paper1 != paper2:
        return False
    if fwd.page and back.page and pages_agree(fwd.page, back.page):
        return False  # a continuation goes to another page
    page1, page2 = label_page(first.get("page") or ""), label_page(second.get("page") or "")
    return pages_agree(page2, fwd.page) and pages_agree(page1, back.page)


def find_pairs(articles: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """``(first, second)`` index pairs of continued articles, each article in one pair per
    role at most. Ambiguous second parts (two different first parts fit equally well) are
    left out."""
    fwd = {i: m for i, a in enumerate(articles) if (m := forward_marker(a)) is not None}
    back = {j: m for j, a in enumerate(articles) if (m := back_marker(a)) is not None}
    if not fwd or not back:
        return []
    by_date: dict[str, list[int]] = {}  # first parts by date: only those can match
    for i in fwd:
        by_date.setdefault(articles[i].get("date") or "", []).append(i)
    choice: dict[int, tuple[int, float]] = {}  # second -> (first, score)
    for j, bm in back.items():
        scored = [
            (headline_overlap(articles[j].get("title") or "", articles[i]), i)
            for i in by_date.get(articles[j].get("date") or "", [])
            if i != j and _fits(articles[i], fwd[i], articles[j], bm)
        ]
        if not scored:
            continue
        best = max(score for score, _ in scored)
        top = [i for score, i in scored if score == best]
        if len({articles[i].get("id") or i for i in top}) > 1:
            continue  # two different articles fit equally: do not guess
        choice[j] = (top[0], best)
    by_first: dict[int, list[tuple[float, int]]] = {}
    for j, (i, score) in choice.items():
        by_first.setdefault(i, []).append((score, j))
    pairs: list[tuple[int, int]] = []
    for i, seconds in by_first.items():
        best = max(score for score, _ in seconds)
        top = [j for score, j in seconds if score == best]
        if len({articles[j].get("id") or j for j in top}) == 1:
            pairs.append((i, top[0]))
    return sorted(pairs)


# -- joining ---------------------------------------------------------------------------------


def _strip_back(text: str) -> str:
    text = _BACK_BRACKETED.sub("", text)
    return _BACK_BARE_START.sub("", text).strip()


def _strip_forward_last(paras: list[str]) -> list[str]:
    """The paragraphs without the forward marker closing the last one."""
    if not paras:
        return paras
    last = paras[-1]
    found = list(_FWD_BRACKETED.finditer(last))
    if found:
        m = found[-1]
        last = (last[: m.start()].rstrip() + last[m.end() :]).strip()
    else:
        last = _FWD_BARE_END.sub("", last).rstrip()
    return [*paras[:-1], last] if last else paras[:-1]


def _glue(left: str, right: str) -> str:
    """Rejoin a sentence the page break cut (Latin words keep a space)."""
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return left + " " + right
    return left + right


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(x for x in items if x))


def _leading_jump_heads(paras: list[str], first: Mapping[str, Any]) -> list[str]:
    """The jump headline a continuation opens with (``经济工作会议`` after ``（上接第1版）``)
    when the segmenter left it in the body: short headline-like paragraphs, before any
    sentence, that repeat words of the first part's headline."""
    heads: list[str] = []
    for para in paras[:2]:
        if L.is_closed(para) or not L.is_headline_candidate(para):
            break
        if headline_overlap(para, first) < 0.5:
            break
        heads.append(para)
    return heads if len(heads) < len(paras) else []


def join_two(first: Mapping[str, Any], second: Mapping[str, Any]) -> dict[str, Any]:
    """One article from a first part and its continuation (see the module docstring)."""
    paras1 = _strip_forward_last(_paragraphs(first))
    paras2 = [p for p in (_strip_back(p) for p in _paragraphs(second)) if p]
    jump_heads = _leading_jump_heads(paras2, first)
    paras2 = paras2[len(jump_heads) :]
    if paras1 and paras2 and not L.is_closed(paras1[-1]):
        paras = [*paras1[:-1], _glue(paras1[-1], paras2[0]), *paras2[1:]]
    else:
        paras = paras1 + paras2
    subtitles = [s for s in first.get("subtitles") or [] if not _forward_only(s)]
    own = {first.get("title") or "", *subtitles}
    body2 = set(paras2)
    for text in [second.get("title") or "", *(second.get("subtitles") or []), *jump_heads]:
        text = _strip_back(text)
        if not text or text in own:
            continue
        if text in body2 or headline_overlap(text, first) < 0.5:
            subtitles.append(text)  # an in-text sub-heading, or a headline of its own
            own.add(text)
    title = first.get("title") or ""
    body = "\n".join(paras)
    sources1 = list(first.get("sources") or [first.get("source") or ""])
    sources2 = list(second.get("sources") or [second.get("source") or ""])
    joined = dict(first)
    joined.pop("entities", None)
    joined.update(
        id=article_id(title, body),
        title=title,
        subtitles=subtitles,
        byline=_unique([*(first.get("byline") or []), *(second.get("byline") or [])]),
        dateline=first.get("dateline") or second.get("dateline") or "",
        body=body,
        captions=_unique([*(first.get("captions") or []), *(second.get("captions") or [])]),
        source=first.get("source") or "",
        sources=_unique(sources1 + sources2),
        newspaper=first.get("newspaper") or second.get("newspaper") or "",
        date=first.get("date") or "",
        page=first.get("page") or "",
        truncated=bool(second.get("truncated")),
    )
    return joined


@dataclass(slots=True)
class Joined:
    """The articles after joining, and which input articles each one was made from."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    parts: list[list[int]] = field(default_factory=list)  # input indices, page order

    def joined(self) -> list[int]:
        """Positions (in ``articles``) of the articles made from more than one part."""
        return [k for k, p in enumerate(self.parts) if len(p) > 1]


def join_continuations(articles: Sequence[Mapping[str, Any]]) -> Joined:
    """Join every continued article whose parts are all in ``articles``.

    The joined article takes its first part's place; the parts it consumed are left out;
    every other article is passed through unchanged (the same dict)."""
    nxt = dict(find_pairs(articles))
    prev = {j: i for i, j in nxt.items()}
    chains: dict[int, list[int]] = {}
    for head in set(nxt) - set(prev):  # each part has one successor and one predecessor at
        chain = [head]  # most, so a chain from a head never loops; a pure cycle has no head
        while chain[-1] in nxt:  # and stays unjoined
            chain.append(nxt[chain[-1]])
        chains[head] = chain
    inside = {k for chain in chains.values() for k in chain[1:]}
    result = Joined()
    for i, article in enumerate(articles):
        if i in inside:
            continue
        chain = chains.get(i, [i])
        joined: Mapping[str, Any] = article
        for k in chain[1:]:
            joined = join_two(joined, articles[k])
        result.articles.append(joined if isinstance(joined, dict) else dict(joined))
        result.parts.append(chain)
    return result
