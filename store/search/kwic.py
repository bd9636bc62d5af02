"""Keyword in context: every mention of a term in a set of articles, one line each.

A line holds the article, where the mention starts in its body, and the text just left and
right of it. Lines sort by the left context read backwards (the words right before the
term, the concordance convention), by the right context, or keep the articles' order. The
text is made safe and put on one line; ``display_width`` counts CJK characters as two
columns, so a terminal can centre the term in aligned columns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from store.sanitize import one_line
from store.search.highlight import term_occurrences

KWIC_SORTS = ("date", "left", "right")


@dataclass(frozen=True, slots=True)
class KwicLine:
    """One mention: ``left + match + right`` is the body around ``offset``."""

    article_id: str
    title: str
    date: str
    offset: int
    left: str
    match: str
    right: str

    def to_dict(self) -> dict[str, Any]:
        """The line as JSON-ready data."""
        return asdict(self)


def kwic_lines(
    articles: Iterable[Mapping[str, Any]],
    terms: list[str],
    width: int = 20,
    limit: int | None = None,
) -> list[KwicLine]:
    """Every occurrence of ``terms`` in the bodies of ``articles``, ``width`` characters of
    context each side, in article order then body order (the first ``limit`` only, when
    given: a first screen reads no further than it shows)."""
    out: list[KwicLine] = []
    for article in articles:
        if limit is not None and len(out) >= limit:
            return out[:limit]
        body = one_line(str(article.get("body") or ""))
        for start, end in term_occurrences(body, terms):
            out.append(
                KwicLine(
                    article_id=str(article.get("id") or ""),
                    title=one_line(str(article.get("title") or "")),
                    date=str(article.get("date") or ""),
                    offset=start,
                    left=body[max(0, start - width) : start],
                    match=body[start:end],
                    right=body[end : end + width],
                )
            )
    return out


def sort_lines(lines: list[KwicLine], by: str) -> list[KwicLine]:
    """``lines`` by ``left`` context (backwards), ``right`` context, or as given (``date``)."""
    if by == "left":
        return sorted(lines, key=lambda line: (line.left[::-1], line.right))
    if by == "right":
        return sorted(lines, key=lambda line: (line.right, line.left[::-1]))
    return list(lines)


def display_width(text: str) -> int:
    """Terminal columns of ``text``: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def aligned(line: KwicLine, width: int) -> tuple[str, str, str]:
    """``(left, match, right)`` padded so that every line's match starts in the same column
    (``width`` characters of context, two columns each at most)."""
    left = line.left
    pad = 2 * width - display_width(left)
    return " " * max(0, pad) + left, line.match, line.right
