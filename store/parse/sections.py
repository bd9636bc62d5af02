"""Archive files that hold several pages behind separator lines (``第3版()专栏:``), and
pages too long to be one page, read in bounded pieces."""

from __future__ import annotations

import re
from collections.abc import Callable

from store.parse.lines import is_closed
from store.parse.segment_rules import Segmentation

_WS = re.compile(r"\s+")
# an archive dump's page separator: '第3版()专栏:', '第2版(要闻)专栏：', 'A05版（财经）栏目:'
_SEPARATOR = re.compile(
    r"^(?P<page>第\s*[A-Z]?\d{1,3}\s*版|[A-Z]\d{1,3}\s*版?)\s*[（(](?P<name>[^（）()]{0,12})[）)]"
    r"\s*(?:专栏|栏目|版面)?\s*[:：]?$"
)


def sections(text: str) -> list[tuple[str, str]]:
    """The pages of a file behind archive separators: ``(separator line, page text)`` each,
    the page text opening with a plain page label (``第2版 要闻``); ``[("", text)]`` for an
    ordinary page."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in text.split("\n"):
        m = _SEPARATOR.match(line.strip())
        if m:
            label = " ".join(x for x in (_WS.sub("", m["page"]), m["name"].strip()) if x)
            out.append((line.strip(), [label]))
        else:
            out[-1][1].append(line)
    if len(out) > 1 and not "".join(out[0][1]).strip():
        out = out[1:]
    return [(separator, "\n".join(lines)) for separator, lines in out]


#: More lines than any printed page has (a broadsheet at 10 characters a line is ~1,500):
#: text past this is read in pieces of at most this many lines, so a file of a million
#: lines costs time and memory linear in its size instead of one huge page model.
MAX_PAGE_LINES = 3000


def page_pieces(text: str, limit: int = MAX_PAGE_LINES) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` lines, each cut at the last blank line
    of the piece's second half (else the last line ending a sentence, else at ``limit``);
    ``[text]`` when it is short enough. Joined with newlines the pieces are ``text``."""
    lines = text.split("\n")
    if len(lines) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(lines) - start > limit:
        window = range(start + limit - 1, start + limit // 2, -1)
        cut = next((i for i in window if not lines[i].strip()), None)
        if cut is None:
            cut = next((i for i in window if is_closed(lines[i])), None)
        end = (cut + 1) if cut is not None else start + limit
        pieces.append("\n".join(lines[start:end]))
        start = end
    pieces.append("\n".join(lines[start:]))
    return pieces


def segment_sections(
    text: str, source: str, segment: Callable[[str, str], Segmentation]
) -> Segmentation:
    """Segment each page of ``text`` with ``segment`` and put the results together (the
    separator lines kept as decoration)."""
    parts = sections(text)
    if len(parts) == 1 and not parts[0][0] and text.count("\n") < MAX_PAGE_LINES:
        return segment(text, source)  # an ordinary page (one behind a separator is relabelled)
    whole = Segmentation([], [], [], [])
    for separator, page in parts:
        whole.decoration.extend([separator] if separator else [])
        for piece in page_pieces(page):
            part = segment(piece, source)
            whole.articles.extend(part.articles)
            whole.leftovers.extend(part.leftovers)
            whole.duplicates.extend(part.duplicates)
            whole.decoration.extend(part.decoration)
    return whole
