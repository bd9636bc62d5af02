"""Page text to articles by hand-written rules (the segmenter before the page model).

Typed blocks (``store.parse.blocks``) are grouped into articles. Pages come in two layouts:
headlines set *before* their text (byline and dateline follow the headline), or set
*after* it (the flattened page gives byline, dateline and text first, then the headline
block). The layout is read from how the page opens; then each headline block either opens
an article, closes one, or is a sub-heading inside one.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from store.parse import lines as L
from store.parse.article import Article
from store.parse.blocks import Block, Kind, dedupe_paragraphs, split_blocks
from store.parse.headline import choose_title
from store.parse.layout.dates import date_from_filename, page_year


@dataclass(slots=True)
class _Draft:
    """An article being assembled."""

    decks: list[tuple[str, list[str]]] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    outlet: str = ""
    dateline: str = ""
    paras: list[Block] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    closed: bool = False  # a trailing credit or closing headline was seen
    decoration: list[str] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return bool(self.paras)


@dataclass(slots=True)
class Segmentation:
    """Articles of one page plus everything the parser could not place or consumed."""

    articles: list[Article]
    leftovers: list[str]
    duplicates: list[str]  # exactly repeated paragraph text dropped (kept once)
    decoration: list[str]  # bullets and role words taken off bylines, raw meta lines


def _retag_short_captions(blocks: list[Block]) -> None:
    """A short plain sentence between a headline/byline and the text is a photo caption."""
    for k in range(1, len(blocks) - 1):
        block = blocks[k]
        if (
            block.kind is Kind.PARA
            and not block.dateline
            and len(block.lines) == 1
            and len(block.text) <= 14
            and block.text.endswith("。")
            and not re.search(r"[，、；：,;:]", block.text)
            and blocks[k - 1].kind in (Kind.BYLINE, Kind.HEAD, Kind.NAME)
            and blocks[k + 1].kind is Kind.PARA
        ):
            block.kind = Kind.CAPTION


def _typical_gap(blocks: list[Block]) -> int:
    """The page's usual number of blank lines between blocks (its paragraph spacing)."""
    gaps = [b.blank_before for b in blocks if b.blank_before > 0]
    return max(set(gaps), key=gaps.count) if gaps else 1


def _group_heads(blocks: list[Block]) -> list[list[Block] | Block]:
    """Merge consecutive HEAD blocks (the page's usual spacing apart at most) into groups."""
    out: list[list[Block] | Block] = []
    gap = _typical_gap(blocks)
    for block in blocks:
        last = out[-1] if out else None
        if block.kind is Kind.HEAD and isinstance(last, list) and block.blank_before <= gap:
            last.append(block)
        elif block.kind is Kind.HEAD:
            out.append([block])
        else:
            out.append(block)
    return out


def _kind(item: list[Block] | Block | None) -> Kind | None:
    if item is None:
        return None
    return Kind.HEAD if isinstance(item, list) else item.kind


class _Assembler:
    def __init__(self, items: list[list[Block] | Block]) -> None:
        self.items = items
        self.drafts: list[_Draft] = []
        self.cur: _Draft | None = None
        self.pending_captions: list[str] = []
        self.leftovers: list[str] = []
        self.decoration: list[str] = []
        self.meta: list[str] = []

    def _peek(self, i: int, skip_captions: bool = True) -> list[Block] | Block | None:
        j = i + 1
        while j < len(self.items) and skip_captions and _kind(self.items[j]) is Kind.CAPTION:
            j += 1
        return self.items[j] if j < len(self.items) else None

    def _start(self) -> _Draft:
        self.cur = _Draft()
        self.drafts.append(self.cur)
        if self.pending_captions:
            self.cur.captions.extend(self.pending_captions)
            self.pending_captions = []
        return self.cur

    def _add_byline(self, draft: _Draft, block: Block) -> None:
        for name in block.names:
            if name not in draft.byline:
                draft.byline.append(name)
            else:
                self.decoration.append(name)
        if draft.outlet and block.outlet:
            self.decoration.append(block.outlet)  # the article already names its outlet
        draft.outlet = draft.outlet or block.outlet
        if block.decoration:
            self.decoration.append(block.decoration)

    def _add_para(self, draft: _Draft, block: Block) -> None:
        if block.names:  # a credit in brackets after the dateline: （记者 王小明）
            self._add_byline(draft, block)
        elif block.decoration:
            self.decoration.append(block.decoration)
        if block.dateline and not draft.dateline and not draft.paras:
            draft.dateline = block.dateline
            draft.outlet = draft.outlet or block.outlet
        elif block.dateline:
            block.text = block.dateline + " " + block.text if block.text else block.dateline
        draft.paras.append(block)

    def _caption(self, text: str) -> None:
        if self.cur is not None and not self.cur.closed:
            self.cur.captions.append(text)
        elif self.drafts:
            self.drafts[-1].captions.append(text)
        else:
            self.pending_captions.append(text)

    def _head_decks(self, group: list[Block]) -> list[tuple[str, list[str]]]:
        return [(b.text, b.lines) for b in group]

    def run(self) -> list[_Draft]:
        first = next((it for it in self.items if _kind(it) not in (Kind.META, Kind.CAPTION)), None)
        headline_first = _kind(first) is Kind.HEAD
        if _kind(first) is Kind.PARA and not first.dateline:  # type: ignore[union-attr]
            # A page opening on a text fragment: look at how its first headline behaves.
            for k, item in enumerate(self.items):
                if _kind(item) is Kind.HEAD:
                    headline_first = _kind(self._peek(k)) in (
                        Kind.BYLINE,
                        Kind.NAME,
                        Kind.PARA,
                    ) and (
                        _kind(self._peek(k)) is not Kind.PARA or self._peek(k).dateline  # type: ignore[union-attr]
                    )
                    break
        for i, item in enumerate(self.items):
            kind = _kind(item)
            if kind is Kind.META:
                self.meta.append(item.text)  # type: ignore[union-attr]
            elif kind is Kind.CAPTION:
                self._caption(item.text)  # type: ignore[union-attr]
                if item.decoration:  # type: ignore[union-attr]
                    self.decoration.append(item.decoration)  # type: ignore[union-attr]
            elif headline_first:
                self._before(i, item)
            else:
                self._after(i, item)
        self._finish_leftover_pending()
        return self.drafts

    def _finish_leftover_pending(self) -> None:
        if self.pending_captions:
            if self.drafts:
                self.drafts[-1].captions.extend(self.pending_captions)
            else:
                self.leftovers.extend(self.pending_captions)
            self.pending_captions = []

    # -- headline-before layout ------------------------------------------------------
    def _before(self, i: int, item: list[Block] | Block) -> None:
        kind = _kind(item)
        nxt = _kind(self._peek(i))
        cur = self.cur
        if isinstance(item, list):
            opens = nxt in (Kind.BYLINE, Kind.NAME) or (
                nxt is Kind.PARA and self._peek(i).dateline  # type: ignore[union-attr]
            )
            if nxt is Kind.HEAD or nxt is None:
                if (
                    cur is not None
                    and not cur.closed
                    and cur.has_text
                    and len(item) == 1
                    and nxt is None
                ):
                    cur.subheads.append(item[0].text)
                else:
                    self.leftovers.extend(b.text for b in item)  # a banner or orphan headline
                return
            if opens or cur is None or cur.closed or len(item) >= 2:
                draft = self._start()
                draft.decks = self._head_decks(item)
            else:
                cur.subheads.append(item[0].text)
                cur.paras.append(item[0])
            return
        block: Block = item
        if kind in (Kind.BYLINE, Kind.NAME):
            if cur is not None and not cur.has_text and not cur.byline:
                self._add_byline(cur, block)
            elif cur is not None and cur.has_text and not cur.byline and not cur.closed:
                self._add_byline(cur, block)  # a trailing credit closes the article
                cur.closed = True
            elif cur is None and nxt is Kind.PARA:
                self._add_byline(self._start(), block)
            else:
                self.leftovers.append(block.text)
        elif kind is Kind.TRAILER:
            target = cur if cur is not None else (self.drafts[-1] if self.drafts else None)
            if target is None:
                self.leftovers.append(block.text)
            else:
                self._add_byline(target, block)
                target.closed = True
        elif kind is Kind.PARA:
            if cur is None or cur.closed or (block.dateline and cur.has_text):
                cur = self._start()
            self._add_para(cur, block)

    # -- headline-after layout -------------------------------------------------------
    def _after(self, i: int, item: list[Block] | Block) -> None:
        kind = _kind(item)
        nxt_item = self._peek(i)
        nxt = _kind(nxt_item)
        cur = self.cur
        open_cur = cur is not None and not cur.closed
        if isinstance(item, list):
            if open_cur and cur.has_text:  # type: ignore[union-attr]
                subhead = len(item) == 1 and nxt is Kind.PARA and not nxt_item.dateline  # type: ignore[union-attr]
                if subhead:
                    cur.subheads.append(item[0].text)  # type: ignore[union-attr]
                    cur.paras.append(item[0])  # type: ignore[union-attr]
                else:
                    cur.decks = cur.decks + self._head_decks(item)  # type: ignore[union-attr]
                    cur.closed = True  # type: ignore[union-attr]
                    self._closed_by_head = True
                return
            if nxt is Kind.PARA or nxt in (Kind.BYLINE, Kind.NAME):
                # A headline standing before its text after all.
                draft = self._start()
                draft.decks = self._head_decks(item)
                return
            self.leftovers.extend(b.text for b in item)
            return
        block: Block = item
        just_closed = cur is not None and cur.closed and getattr(self, "_closed_by_head", False)
        if kind in (Kind.BYLINE, Kind.NAME, Kind.TRAILER):
            leads_dateline = nxt is Kind.PARA and nxt_item.dateline  # type: ignore[union-attr]
            if kind is Kind.TRAILER and cur is not None:
                self._add_byline(cur, block)
            elif leads_dateline and not (kind is Kind.NAME and open_cur and cur.has_text):  # type: ignore[union-attr]
                self._add_byline(self._start(), block)
            elif just_closed and nxt is Kind.PARA and nxt_item.blank_before < block.blank_before:  # type: ignore[union-attr]
                # set closer to the text below than to the headline above: it opens the next one
                self._add_byline(self._start(), block)
            elif (just_closed and not cur.byline) or (  # type: ignore[union-attr]
                open_cur and (cur.has_text or not cur.byline)  # type: ignore[union-attr]
            ):
                self._add_byline(cur, block)  # type: ignore[arg-type]
            else:
                self._add_byline(self._start(), block)
            self._closed_by_head = False
        elif kind is Kind.PARA:
            self._closed_by_head = False
            if cur is None or cur.closed or (block.dateline and cur.has_text):
                cur = self._start()
            self._add_para(cur, block)


_DATELINE_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")


def _dateline_date(dateline: str, year: int) -> str:
    """``本报12月15日讯`` on a page about 2022 → ``2022-12-15``; ``""`` when unknown."""
    m = _DATELINE_DATE.search(dateline)
    if not m or not year:
        return ""
    try:
        return _dt.date(year, int(m.group(1)), int(m.group(2))).isoformat()
    except ValueError:
        return ""


def _page_meta(meta_lines: list[str]) -> tuple[str, str]:
    """(date, page) from the lines at the top of a page."""
    date = ""
    page_parts: list[str] = []
    for line in meta_lines:
        m = L.DATE_LINE_RE.match(line)
        if m:
            try:
                date = _dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            except ValueError:
                page_parts.append(L.squeeze(line))
            continue
        page_parts.append(re.sub(r"\s+", "", line))
    return date, " ".join(page_parts)


def segment_text(text: str, source: str = "") -> Segmentation:
    """Split cleaned page text into articles (never raises on odd input)."""
    blocks = split_blocks(text)
    _retag_short_captions(blocks)
    items = _group_heads(blocks)
    asm = _Assembler(items)
    drafts = asm.run()
    date, page = _page_meta(asm.meta)
    if not date and source:
        date = date_from_filename(Path(source).name)
    if date:
        asm.decoration.extend(m for m in asm.meta if L.DATE_LINE_RE.match(m))
    duplicates: list[str] = []
    articles: list[Article] = []
    leftovers = list(asm.leftovers)
    year = page_year(text) if not date else 0
    outlets = [d.outlet for d in drafts if d.outlet]
    page_outlet = max(set(outlets), key=outlets.count) if outlets else ""
    for draft in drafts:
        title, subtitles = choose_title(draft.decks)
        paras = dedupe_paragraphs([p.text for p in draft.paras if p.text], duplicates)
        if not title and not paras and not draft.captions:
            fragment = " ".join(x for x in [draft.dateline, draft.outlet, *draft.byline] if x)
            if fragment:
                leftovers.append(fragment)
            continue
        last_open = bool(draft.paras) and draft.paras[-1].open_end
        article = Article(
            title=title,
            subtitles=subtitles + [s for s in draft.subheads if s not in subtitles],
            byline=draft.byline,
            dateline=draft.dateline,
            body="\n".join(paras),
            captions=draft.captions,
            source=Path(source).name if source else "",
            newspaper=draft.outlet or page_outlet,
            date=date or _dateline_date(draft.dateline, year),
            page=page,
            truncated=last_open and draft is drafts[-1],
        )
        articles.append(article)
    if not articles:
        leftovers[:0] = [m for m in asm.meta if not L.DATE_LINE_RE.match(m)]
    if articles and drafts and not drafts[-1].decks and not drafts[-1].closed:
        # Headline-after page cut off before its last headline.
        articles[-1].truncated = articles[-1].truncated or bool(drafts[-1].paras)
    return Segmentation(articles, leftovers, duplicates, asm.decoration)
