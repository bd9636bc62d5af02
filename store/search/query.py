"""The filter-line query language: text → AST, shared by the explorer and ``yuebao search``.

Grammar (whitespace separates items; items are ANDed)::

    query  := or_expr*                        -- sort:relevance may appear at top level
    or_expr:= unary ("OR" unary)*             -- OR binds tighter than the implicit AND
    unary  := "-" atom | atom
    atom   := "(" query ")" | FIELD ":" value | '"' phrase '"' | term

Fields: ``title person place org reporter source newspaper`` (substring of the value),
``date:2022-12`` (prefix) and ``date:2022-12-01..2022-12-15`` (inclusive range, either end
may be left open), ``is:bookmarked`` ``is:unread`` ``has:note`` ``tag:NAME`` and
``sort:relevance`` / ``sort:date``. A value may be quoted to keep spaces: ``person:"Li Ming"``.

``parse`` raises ``QueryError`` with a one-line message for a malformed query; it never
raises anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from store.errors import YuebaoError

TEXT_FIELDS = ("title", "person", "place", "org", "reporter", "source", "newspaper")
ENTITY_FIELDS = ("person", "place", "org", "reporter")
FLAG_FIELDS = {"is": ("bookmarked", "unread"), "has": ("note",)}
ALL_FIELDS = (*TEXT_FIELDS, "date", "is", "has", "tag", "sort")
SORTS = ("date", "relevance")

#: The language as a reader meets it: (example, what it finds), for the help screen.
SYNTAX: tuple[tuple[str, str], ...] = (
    ("高新 会议", "articles holding every term (title, text, reporters, your notes and tags)"),
    ('"高新 区"', "the words as one phrase, spaces and all"),
    ("-排除", "leave out articles holding a term (or any item: -org:海尔)"),
    ("海尔 OR 海信", "either term; ( ) group: (海尔 OR 海信) 青岛"),
    ("person:耿涛  place:青岛  org:海尔", "articles naming the entity (any of its names)"),
    ("reporter:白晓", "articles by a reporter"),
    ("title:高新", "the term in the title"),
    ("source:003  newspaper:青岛日报", "by file name or paper"),
    ("date:2022-12  date:2022-12-01..2022-12-15", "a year, month or day; a range, an end open"),
    ("is:bookmarked  is:unread  has:note  tag:经济", "your bookmarks, unread, notes, tags"),
    ("sort:relevance", "best matches first (default: newest first)"),
    ("gxq  haier", "Latin letters also match by pinyin (initials or whole)"),
)

_FIELD_RE = re.compile(r"([A-Za-z]+):")
_DATE_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class QueryError(YuebaoError, ValueError):
    """A malformed query, explained in one line."""


@dataclass(frozen=True, slots=True)
class Term:
    """Free text (a word or a quoted phrase) that must occur in the title or body."""

    text: str
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class Field:
    """``name:value`` for the text fields, ``tag:`` and the ``is:``/``has:`` flags."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class DateRange:
    """``date:`` — ``lo``/``hi`` are date prefixes ("" = open end), both inclusive."""

    lo: str
    hi: str


@dataclass(frozen=True, slots=True)
class Not:
    """Exclusion: ``-item``."""

    child: Node


@dataclass(frozen=True, slots=True)
class And:
    """All children must match (the implicit operator between items)."""

    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """Any child may match: ``A OR B``."""

    children: tuple[Node, ...]


Node = Union[Term, Field, DateRange, Not, And, Or]  # noqa: UP007 - used at runtime


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: the filter tree (None = everything) and the sort order."""

    root: Node | None
    sort: str = "date"


# -- tokens -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "word" | "phrase" | "field" | "(" | ")" | "OR" | "-"
    text: str
    field: str = ""
    quoted: bool = False
    start: int = 0  # where the token stands in the query text
    end: int = 0


def _read_quoted(src: str, i: int, lenient: bool = False) -> tuple[str, int]:
    """The text between the quote at ``src[i]`` and its closing quote; index after it."""
    end = src.find('"', i + 1)
    if end < 0:
        if lenient:
            return src[i + 1 :], len(src)
        raise QueryError(f"unclosed quote: {src[i:]!s}")
    return src[i + 1 : end], end + 1


def _tokens(src: str, lenient: bool = False) -> list[_Tok]:
    """The tokens of ``src`` (same-length replacements only, so positions hold). ``lenient``:
    never raise — an unclosed quote runs to the end, a bad field or a lone ``-`` is a word."""
    src = src.replace("\r", " ").replace("\n", " ")  # the index never pairs across lines
    src = src.replace("“", '"').replace("”", '"').replace("（", "(").replace("）", ")")
    toks: list[_Tok] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            toks.append(_Tok(ch, ch, start=i, end=i + 1))
            i += 1
        elif ch == '"':
            start = i
            text, i = _read_quoted(src, i, lenient)
            toks.append(_Tok("phrase", text, start=start, end=i))
        elif ch == "-" and (i + 1 >= n or src[i + 1].isspace() or src[i + 1] == ")"):
            if not lenient:
                raise QueryError("'-' needs a term right after it, e.g. -卡奥斯")
            toks.append(_Tok("word", "-", start=i, end=i + 1))
            i += 1
        elif ch == "-":
            toks.append(_Tok("-", "-", start=i, end=i + 1))
            i += 1
        else:
            i = _word(src, i, toks, lenient)
    return toks


def _word(src: str, i: int, toks: list[_Tok], lenient: bool = False) -> int:
    """Read a bare word or a ``field:value`` starting at ``i``; return the index after it."""
    match = _FIELD_RE.match(src, i)
    if match and (not lenient or match.group(1).lower() in ALL_FIELDS):
        name = match.group(1).lower()
        if name not in ALL_FIELDS:
            known = " ".join(f"{f}:" for f in ALL_FIELDS)
            raise QueryError(f"unknown field '{match.group(1)}:' (known: {known})")
        j = match.end()
        if j < len(src) and src[j] == '"':
            value, j = _read_quoted(src, j, lenient)
            quoted = True
        else:
            k = j
            while k < len(src) and not src[k].isspace() and src[k] not in '()"':
                k += 1
            value, j, quoted = src[j:k], k, False
        if not value.strip() and not lenient:
            raise QueryError(f"'{name}:' needs a value")
        toks.append(_Tok("field", value, field=name, quoted=quoted, start=i, end=j))
        return j
    k = i
    while k < len(src) and not src[k].isspace() and src[k] not in '()"':
        k += 1
    if k == i:  # a lone quote or bracket after a bad field name (lenient only)
        k += 1
    word = src[i:k]
    toks.append(_Tok("OR" if word == "OR" else "word", word, start=i, end=k))
    return k


# -- parser -----------------------------------------------------------------------------
class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.pos = 0
        self.sort = "date"

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def items(self, depth: int) -> list[Node]:
        nodes: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind != ")":
            if tok.kind == "field" and tok.field == "sort":
                self.take_sort(depth)
                continue
            nodes.append(self.or_expr(depth))
        return nodes

    def take_sort(self, depth: int) -> None:
        tok = self.take()
        value = tok.text.lower()
        if depth:
            raise QueryError("sort: applies to the whole query, not inside ( )")
        if value not in SORTS:
            raise QueryError(f"sort:{tok.text} — use sort:relevance or sort:date")
        self.sort = value

    def or_expr(self, depth: int) -> Node:
        if self.peek() is not None and self.peek().kind == "OR":  # type: ignore[union-attr]
            raise QueryError("OR needs a term on both sides")
        children = [self.unary(depth)]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "OR"):
                raise QueryError("OR needs a term on both sides")
            children.append(self.unary(depth))
        return children[0] if len(children) == 1 else Or(tuple(children))

    def unary(self, depth: int) -> Node:
        tok = self.peek()
        if tok is not None and tok.kind == "-":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "OR", "-"):
                raise QueryError("'-' needs a term right after it, e.g. -卡奥斯")
            if nxt.kind == "field" and nxt.field == "sort":
                raise QueryError("sort: cannot be negated")
            return Not(self.atom(depth))
        return self.atom(depth)

    def atom(self, depth: int) -> Node:
        tok = self.take()
        if tok.kind == "(":
            inner = self.items(depth + 1)
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise QueryError("unclosed '(': add ')'")
            self.take()
            if not inner:
                raise QueryError("empty '( )'")
            return inner[0] if len(inner) == 1 else And(tuple(inner))
        if tok.kind == "phrase":
            if not tok.text.strip():
                raise QueryError('empty phrase ""')
            return Term(tok.text, phrase=True)
        if tok.kind == "field":
            if tok.field == "sort":
                raise QueryError("sort: applies to the whole query, not inside OR")
            return _field_node(tok)
        return Term(tok.text)


def _field_node(tok: _Tok) -> Node:
    name, value = tok.field, tok.text
    if name == "date":
        return _date_node(value)
    if name in FLAG_FIELDS:
        allowed = FLAG_FIELDS[name]
        if value.lower() not in allowed:
            choices = " or ".join(f"{name}:{a}" for a in allowed)
            raise QueryError(f"{name}:{value} — use {choices}")
        return Field(name, value.lower())
    return Field(name, value)


def _is_calendar_date(part: str) -> bool:
    """``2022-13`` and ``2022-02-30`` are well formed but name no day."""
    import calendar

    pieces = [int(x) for x in part.split("-")]
    if len(pieces) >= 2 and not 1 <= pieces[1] <= 12:
        return False
    if len(pieces) == 3:
        return 1 <= pieces[2] <= calendar.monthrange(pieces[0], pieces[1])[1]
    return True


def _date_node(value: str) -> DateRange:
    if ".." in value:
        lo, _, hi = value.partition("..")
        if not lo and not hi:
            raise QueryError("date: range needs at least one end, e.g. date:2022-12-01..")
    else:
        lo = hi = value
    for part in (lo, hi):
        if part and not _DATE_RE.fullmatch(part):
            raise QueryError(f"date:{value} — use YYYY, YYYY-MM or YYYY-MM-DD, or A..B")
        if part and not _is_calendar_date(part):
            raise QueryError(f"date:{value} — {part} is not a date on the calendar")
    if lo and hi and lo > hi[: len(lo)] and lo[: len(hi)] > hi:
        raise QueryError(f"date:{value} — the range ends before it starts")
    return DateRange(lo, hi)


def parse(text: str) -> Query:
    """Parse a filter-line query; raise ``QueryError`` (one line) if it is malformed."""
    parser = _Parser(_tokens(text))
    nodes = parser.items(0)
    if parser.peek() is not None:
        raise QueryError("unmatched ')'")
    if not nodes:
        return Query(None, parser.sort)
    root = nodes[0] if len(nodes) == 1 else And(tuple(nodes))
    return Query(root, parser.sort)


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """An entity item of a query as typed: ``person:耿涛`` at ``query[start:end]``."""

    field: str  # one of ENTITY_FIELDS
    value: str
    start: int
    end: int
    negated: bool  # written ``-person:耿涛``


def entity_spans(text: str) -> list[EntitySpan]:
    """The entity items of ``text`` (``person: place: org: reporter:``), read as ``parse``
    reads them but never raising: the filter line is often half typed."""
    spans: list[EntitySpan] = []
    toks = _tokens(text, lenient=True)
    for k, tok in enumerate(toks):
        if tok.kind == "field" and tok.field in ENTITY_FIELDS and tok.text.strip():
            negated = k > 0 and toks[k - 1].kind == "-" and toks[k - 1].end == tok.start
            start = tok.start - 1 if negated else tok.start
            spans.append(EntitySpan(tok.field, tok.text, start, tok.end, negated))
    return spans


def picked_entities(text: str) -> list[tuple[str, str]]:
    """The ``(name, field)`` of every entity item of ``text`` not negated, in order: the
    entities the sidebar marks as picked."""
    picks: list[tuple[str, str]] = []
    for span in entity_spans(text):
        key = (span.value, span.field)
        if not span.negated and key not in picks:
            picks.append(key)
    return picks


def positive_terms(node: Node | None) -> list[str]:
    """Free-text and ``title:`` values not under a negation, in query order (for highlights)."""
    out: list[str] = []

    def walk(n: Node | None) -> None:
        if isinstance(n, Term):
            out.append(n.text)
        elif isinstance(n, Field) and n.name == "title":
            out.append(n.value)
        elif isinstance(n, And | Or):
            for child in n.children:
                walk(child)

    walk(node)
    return list(dict.fromkeys(t for t in out if t))


def date_matches(date: str, rng: DateRange) -> bool:
    """Whether a stored ``YYYY-MM-DD`` date falls in ``rng`` (empty dates never match)."""
    if not date:
        return False
    if rng.lo and date[: len(rng.lo)] < rng.lo:
        return False
    return not (rng.hi and date[: len(rng.hi)] > rng.hi)


def field_term(name: str, value: str) -> str:
    """``name:value`` as the filter line should show it, quoted when the value needs it
    (spaces, parentheses, a leading minus); for the sidebar's "add this entity" action."""
    value = value.replace('"', "").replace("“", "").replace("”", "")
    if not value or any(ch.isspace() or ch in "()（）" for ch in value) or value[0] == "-":
        return f'{name}:"{value}"'
    return f"{name}:{value}"
