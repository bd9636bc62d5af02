"""Page text to articles (the public entry point of segmentation).

Two segmenters read a page:

- ``model`` (the default, ``store.parse.layout``): the learned page model, which reads pages of
  papers it was not built from (see ``bench/seg_bench.py``);
- ``rules`` (``store.parse.segment_rules``): the hand-written rules it replaced, fitted to the
  seeds' two papers; ``YUEBAO_SEGMENTER=rules`` picks them for ``yuebao load`` and
  ``yuebao parse``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from store.parse.article import ParsedFile
from store.parse.sections import segment_sections
from store.parse.segment_rules import Segmentation
from store.parse.segment_rules import segment_text as _rules_segment

__all__ = ["SEGMENTERS", "Segmentation", "parse_text", "segment_text", "segmenter_name"]

SEGMENTERS = ("rules", "model")


def segmenter_name() -> str:
    """The segmenter in use: ``YUEBAO_SEGMENTER`` when it names one, else ``model``."""
    name = os.environ.get("YUEBAO_SEGMENTER", "").strip().lower()
    return name if name in SEGMENTERS else "model"


#: A line longer than this is no line of a page but text that lost its line breaks.
LONG_LINE = 2000
_SENTENCE_END = re.compile(r"(?<=[。！？!?；])[”’」』）)]*")


def split_long_lines(text: str, limit: int = LONG_LINE) -> str:
    """Lines longer than ``limit`` cut into paragraphs (a blank line between) after their
    sentence ends, a piece with no sentence end at ``limit``, so a page that lost its line
    breaks reads as text, in time and memory linear in its size; shorter lines are left
    as they are."""
    lines = text.split("\n")
    if all(len(line) <= limit for line in lines):
        return text
    out: list[str] = []
    for line in lines:
        if len(line) <= limit:
            out.append(line)
            continue
        start = 0
        for match in _SENTENCE_END.finditer(line):
            if match.end() - start >= limit // 8:  # paragraph-sized pieces, not sentences
                out.extend(_cut(line[start : match.end()], limit))
                start = match.end()
        out.extend(_cut(line[start:], limit))
    return "\n".join(out)


def _cut(piece: str, limit: int) -> list[str]:
    """``piece`` in lines of at most ``limit`` characters, then a blank line."""
    if not piece.strip():
        return []
    return [*(piece[i : i + limit] for i in range(0, len(piece), limit)), ""]


def segment_text(text: str, source: str = "") -> Segmentation:
    """Split cleaned page text into articles (never raises on odd input). A file of several
    pages behind archive separators (``第3版()专栏:``) is read page by page; a line that
    lost its line breaks is cut into paragraphs first (``split_long_lines``)."""
    text = split_long_lines(text)
    if segmenter_name() == "rules":
        return segment_sections(text, source, _rules_segment)
    from store.parse.layout.page import segment_page

    return segment_sections(text, source, segment_page)


def parse_text(text: str, source: str = "", encoding: str = "utf-8") -> ParsedFile:
    """Segment already-decoded text into a ``ParsedFile``."""
    seg = segment_text(text, source)
    return ParsedFile(
        source=Path(source).name if source else "",
        articles=seg.articles,
        leftovers=seg.leftovers,
        encoding=encoding,
    )
