"""Page text to a sequence of typed blocks: headline decks, bylines, datelines, paragraphs.

Works on the general conventions of flattened Chinese newspaper pages, not on line
numbers or particular strings: a line that does not close its sentence continues in the
next text line (across blank lines and interrupting captions); headlines are short lines
without full stops set apart from the text; bylines and datelines have fixed shapes.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field
from enum import Enum

from store.parse import lines as L


class Kind(Enum):
    """What a block is."""

    META = "meta"  # page label / date line at the top of the page
    HEAD = "head"  # one headline unit (a deck: kicker, main or subtitle)
    BYLINE = "byline"
    NAME = "name"  # a bare name line (byline before the text, or a trailing credit)
    TRAILER = "trailer"  # a parenthesised credit such as (于越)
    CAPTION = "caption"
    PARA = "para"  # a body paragraph (may open with a dateline)


@dataclass(slots=True)
class Block:
    """A typed run of lines."""

    kind: Kind
    text: str
    lines: list[str] = field(default_factory=list)
    line_no: int = 0
    blank_before: int = 0
    names: list[str] = field(default_factory=list)
    outlet: str = ""
    decoration: str = ""
    dateline: str = ""
    open_end: bool = False  # paragraph ends mid-sentence
    chunks: list[str] = field(default_factory=list)  # joined pieces while building

    def append_text(self, line: str) -> None:
        """Add a wrapped line to a paragraph (linear time; ``finish`` joins the pieces)."""
        last = self.chunks[-1] if self.chunks else ""
        joined = join_two(last[-1:] if last else "", line)
        self.chunks.append(joined[1:] if last else joined)

    def finish(self) -> None:
        """Set ``text`` from the pieces gathered by ``append_text``."""
        if self.chunks:
            self.text = "".join(self.chunks)
            self.chunks = []


@dataclass(slots=True)
class _Line:
    text: str
    no: int
    blank_before: int


def _strip(line: str) -> str:
    return line.strip(" \u3000\u00a0\t")


def _nonblank_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blanks = 0
    for no, raw in enumerate(text.split("\n")):
        line = _strip(raw)
        if not line:
            blanks += 1
            continue
        out.append(_Line(line, no, blanks))
        blanks = 0
    return out


def join_two(left: str, right: str) -> str:
    """Join a wrapped line to the text before it: CJK without a space, Latin words with one."""
    right = L.squeeze(right)
    if not left or not right:
        return left + right
    last, first = left[-1], right[0]
    latin_break = (
        last.isascii() and (last.isalnum() or last in "%.,") and first.isascii() and first.isalpha()
    ) or (last.isascii() and last.isalpha() and first.isascii() and first.isalnum())
    return left + (" " if latin_break else "") + right


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines: CJK without a space, Latin words with one."""
    result = ""
    for part in parts:
        result = join_two(result, part)
    return result


def dedupe_paragraphs(paras: list[str], duplicates: list[str]) -> list[str]:
    """Keep an exactly repeated paragraph once (also when it opens a later paragraph)."""
    seen: list[str] = []
    for text in paras:
        if text in seen:
            duplicates.append(text)
            continue
        for earlier in seen:
            if len(earlier) >= 20 and text.startswith(earlier) and L.is_closed(earlier):
                duplicates.append(earlier)
                text = text[len(earlier) :].lstrip()
                break
        if text:
            seen.append(text)
    return seen


def _typical_width(lines: list[_Line]) -> float:
    widths = [
        L.cell_width(x.text)
        for x in lines
        if len(x.text) >= 8 and ("，" in x.text or "。" in x.text)
    ]
    if not widths:
        return 0.0
    return float(statistics.quantiles(widths, n=10)[7]) if len(widths) >= 10 else float(max(widths))


class _Typed(Enum):
    BYLINE = 1
    DATELINE = 2
    CAPTION = 3
    TRAILER = 4
    NAME = 5
    META = 6
    CAND = 7
    BODY = 8


def _type_line(line: _Line, at_top: bool) -> _Typed:
    text = line.text
    if at_top and (L.DATE_LINE_RE.match(text) or L.PAGE_LINE_RE.match(text)):
        return _Typed.META
    compact = text.replace(" ", "").replace("\u3000", "")
    if at_top and len(compact) <= 4 and L.han_count(compact) == len(compact):
        return _Typed.META  # a page label such as ' 要 闻' or '区域'
    if L.parse_byline(text):
        return _Typed.BYLINE
    if L.match_dateline(text):
        return _Typed.DATELINE
    if L.parse_paren_trailer(text):
        return _Typed.TRAILER
    if L.is_caption_start(text):
        return _Typed.CAPTION
    if L.looks_like_name(text):
        return _Typed.NAME
    if L.is_headline_candidate(text):
        return _Typed.CAND
    return _Typed.BODY


def split_blocks(text: str) -> list[Block]:
    """Turn cleaned page text into typed blocks in reading order."""
    lines = _nonblank_lines(text)
    width = _typical_width(lines)
    types: list[_Typed] = []
    seen_content = False
    for line in lines:
        kind = _type_line(line, at_top=not seen_content)
        if kind is not _Typed.META:
            seen_content = True
        types.append(kind)
    return _Builder(lines, types, width).build()


class _Builder:
    """Walks typed lines once, keeping the paragraph that is still open."""

    def __init__(self, lines: list[_Line], types: list[_Typed], width: float) -> None:
        self.lines = lines
        self.types = types
        self.width = width
        self.blocks: list[Block] = []
        self.para: Block | None = None  # the paragraph whose sentence is still open

    # -- helpers -------------------------------------------------------------
    def _next_strong(self, i: int) -> _Typed | None:
        """Type of the first line after the candidate run starting at ``i``."""
        j = i
        while j < len(self.lines) and self.types[j] in (_Typed.CAND,):
            j += 1
        return self.types[j] if j < len(self.lines) else None

    def _close_para(self) -> None:
        self.para = None

    def _add_para_line(self, line: _Line, dateline: str = "", rest: str | None = None) -> None:
        text = line.text if rest is None else rest
        if self.para is None or dateline:
            self.para = Block(Kind.PARA, "", [], line.no, line.blank_before, dateline=dateline)
            self.blocks.append(self.para)
        self.para.lines.append(text)
        self.para.append_text(text)
        closed = L.is_closed(text)
        self.para.open_end = not closed
        if closed and (
            not self.width or self._next_blank(line) or L.cell_width(line.text) < self.width - 3
        ):
            self.para = None  # paragraph ends here

    def _next_blank(self, line: _Line) -> bool:
        idx = self._index_of[line.no]
        return idx + 1 >= len(self.lines) or self.lines[idx + 1].blank_before > 0

    # -- main loop -------------------------------------------------------------
    def build(self) -> list[Block]:
        self._index_of = {line.no: k for k, line in enumerate(self.lines)}
        i = 0
        n = len(self.lines)
        while i < n:
            line, kind = self.lines[i], self.types[i]
            open_para = self.para is not None and self.para.open_end
            if kind is _Typed.META:
                self._close_para()
                self.blocks.append(
                    Block(Kind.META, line.text, [line.text], line.no, line.blank_before)
                )
                i += 1
            elif kind is _Typed.BYLINE:
                i = self._byline(i)
            elif kind is _Typed.DATELINE:
                dateline, outlet, rest = L.match_dateline(line.text) or ("", "", line.text)
                credit, consumed, rest = L.split_dateline_credit(rest)
                self._close_para()
                self._add_para_line(line, dateline=dateline, rest=rest)
                para = self.para or self.blocks[-1]
                para.outlet = outlet
                head = line.text.strip()[: len(line.text.strip()) - len(rest)]
                para.decoration = re.sub(r"[^（）()]", "", head)  # '（本报讯）' brackets
                if credit is not None:
                    para.names = credit.names
                    para.decoration += re.sub(r"[\s、，,]", "", consumed)
                    for name in credit.names:
                        para.decoration = para.decoration.replace(name, "", 1)
                    para.outlet = para.outlet or credit.outlet
                i += 1
            elif kind is _Typed.CAPTION:
                i = self._caption(i)
            elif kind is _Typed.TRAILER:
                self._close_para()
                by = L.parse_paren_trailer(line.text)
                assert by is not None
                self.blocks.append(
                    Block(
                        Kind.TRAILER,
                        line.text,
                        [line.text],
                        line.no,
                        line.blank_before,
                        names=by.names,
                        decoration=by.decoration,
                    )
                )
                i += 1
            elif kind in (_Typed.NAME, _Typed.CAND) and open_para and self._continues(i):
                self._add_para_line(line)  # the open sentence goes on
                i += 1
            elif kind is _Typed.NAME:
                self._close_para()
                self.blocks.append(
                    Block(
                        Kind.NAME,
                        line.text,
                        [line.text],
                        line.no,
                        line.blank_before,
                        names=L.split_names(line.text),
                    )
                )
                i += 1
            elif kind is _Typed.CAND:
                i = self._headline_or_para(i)
            else:
                if self.para is not None and not open_para and line.blank_before:
                    self._close_para()
                self._add_para_line(line)
                i += 1
        for block in self.blocks:
            block.finish()
        return self.blocks

    def _continues(self, i: int) -> bool:
        """Does the candidate line at ``i`` carry on the open sentence before it?

        Not when the run leads into a byline, dateline or name (a headline block), nor when
        it stands apart at the very end of the page (a closing headline).
        """
        after = self._next_strong(i)
        if after in (_Typed.BYLINE, _Typed.DATELINE, _Typed.NAME):
            return False
        return not (after is None and self.lines[i].blank_before > 0)

    def _byline(self, i: int) -> int:
        self._close_para()
        first = self.lines[i]
        block = Block(Kind.BYLINE, "", [], first.no, first.blank_before)
        while i < len(self.lines) and self.types[i] is _Typed.BYLINE:
            if block.lines and self.lines[i].blank_before > 1:
                break
            by = L.parse_byline(self.lines[i].text)
            assert by is not None
            block.lines.append(self.lines[i].text)
            block.names.extend(by.names)
            if block.outlet and by.outlet:
                block.decoration += by.outlet  # a second outlet on the same byline
            block.outlet = block.outlet or by.outlet
            block.decoration += by.decoration
            i += 1
        block.text = " ".join(block.lines)
        self.blocks.append(block)
        return i

    def _caption(self, i: int) -> int:
        first = self.lines[i]
        text = first.text
        block = Block(Kind.CAPTION, "", [text], first.no, first.blank_before)
        # A credit line alone ('王培珂摄') belongs to the short line just before it.
        prev = self.blocks[-1] if self.blocks else None
        if (
            L.PHOTO_CREDIT_RE.fullmatch(text)
            and prev is not None
            and prev.kind is Kind.PARA
            and len(prev.lines) <= 3
            and len("".join(prev.chunks)) <= 40
            and not prev.dateline
        ):
            self.blocks.pop()
            block.lines = ["".join(prev.chunks), text]
            block.line_no = prev.line_no
            block.blank_before = prev.blank_before
            self.para = None
        i += 1
        if text[:1] in "■▲△▼●" and not L.PHOTO_CREDIT_RE.search(text):
            while (
                i < len(self.lines)
                and (self.lines[i].blank_before == 0 or not L.is_closed(block.lines[-1]))
                and self.types[i] in (_Typed.CAND, _Typed.BODY, _Typed.CAPTION)
                and self.lines[i].text[:1] not in "■▲△▼●"
                and (
                    self.lines[i].blank_before == 0
                    or self._next_strong(i) not in (_Typed.BYLINE, _Typed.DATELINE, _Typed.NAME)
                )
            ):
                block.lines.append(self.lines[i].text)
                i += 1
        block.text = join_lines(block.lines) if len(block.lines) > 1 else L.squeeze(block.lines[0])
        if len(block.lines) == 2 and L.PHOTO_CREDIT_RE.fullmatch(block.lines[1]):
            block.text = L.squeeze(block.lines[0]) + " " + L.squeeze(block.lines[1])
        bullet = re.match(f"^[{L.BULLETS}]+\\s*", block.text)
        if bullet and len(block.text) > bullet.end():
            block.decoration = bullet.group().strip()
            block.text = block.text[bullet.end() :]
        self.blocks.append(block)
        return i

    def _headline_or_para(self, i: int) -> int:
        """A run of candidate lines: a headline unit, or the start of a paragraph."""
        j = i
        while j < len(self.lines) and self.types[j] is _Typed.CAND:
            if j > i and self.lines[j].blank_before:
                break
            j += 1
        after = self.types[j] if j < len(self.lines) else None
        glued_to_text = (
            after is _Typed.BODY and j < len(self.lines) and self.lines[j].blank_before == 0
        )
        prev = self.blocks[-1] if self.blocks else None
        unspaced_after_text = (
            self.lines[i].blank_before == 0
            and prev is not None
            and prev.kind is Kind.PARA
            and after in (_Typed.BODY, _Typed.CAND)
        )
        if glued_to_text or unspaced_after_text:
            # The run runs straight into text lines: it is a paragraph's first lines.
            if self.para is not None and not self.para.open_end and self.lines[i].blank_before:
                self._close_para()
            for k in range(i, j):
                self._add_para_line(self.lines[k])
            return j
        last = self.lines[j - 1]
        run_text = "".join(x.text for x in self.lines[i:j])
        chain_end = self._chain_end(j)
        wrapped_text = (
            after in (_Typed.BODY, _Typed.CAND)
            and chain_end is _Typed.BODY
            and not L.is_closed(last.text)
        ) and (
            (
                self.width
                and 0.75 * self.width <= L.cell_width(last.text) <= self.width + 2
                and bool(self.blocks)
                and self.blocks[-1].kind is Kind.PARA
            )
            or re.search(r"[，、,]", run_text)  # a heading set alone before text has no commas
            or run_text.count("“") != run_text.count("”")
        )
        if wrapped_text:
            # A full-width line that stops mid-sentence before a blank: text, not a heading.
            if self.para is not None and not self.para.open_end and self.lines[i].blank_before:
                self._close_para()
            for k in range(i, j):
                self._add_para_line(self.lines[k])
            return j
        self._close_para()
        for run in self._decks(self.lines[i:j]):
            self.blocks.append(
                Block(
                    Kind.HEAD,
                    join_lines([x.text for x in run]),
                    [x.text for x in run],
                    run[0].no,
                    run[0].blank_before,
                )
            )
        return j

    def _chain_end(self, j: int) -> _Typed | None:
        """Type of the first line at or after ``j`` that is not a headline candidate."""
        n = len(self.lines)
        while j < n and self.types[j] in (_Typed.CAND, _Typed.CAPTION):
            if self.types[j] is _Typed.CAPTION:
                j += 1
                while (
                    j < n
                    and self.lines[j].blank_before == 0
                    and self.types[j]
                    in (
                        _Typed.CAND,
                        _Typed.BODY,
                    )
                ):
                    j += 1  # the caption's own continuation lines
                continue
            j += 1
        return self.types[j] if j < n else None

    def _decks(self, run: list[_Line]) -> list[list[_Line]]:
        """Split a run of headline lines into decks: a long line is a deck of its own."""
        decks: list[list[_Line]] = [[run[0]]]
        for prev, line in itertools.pairwise(run):
            prev_cells = L.cell_width(prev.text)
            full_width = self.width and abs(prev_cells - self.width) <= 2
            long_line = len(re.sub(r"\s", "", prev.text)) >= 17 and not full_width
            grows = L.cell_width(line.text) > prev_cells * 1.3
            ends = prev.text.endswith(("？", "！", "?", "!")) or line.text.startswith(("—", "－"))
            if long_line or grows or ends:
                decks.append([line])
            else:
                decks[-1].append(line)
        return decks
