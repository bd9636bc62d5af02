"""Page text to articles (the public entry point of segmentation).

The page model (``store.layout``) labels each line of the page and builds the articles;
the rule segmenter it replaced stays in ``store.segment_rules`` as the bench's baseline.
"""

from __future__ import annotations

from store.article import ParsedFile
from store.layout.page import segment_page
from store.segment_rules import Segmentation

__all__ = ["Segmentation", "parse_text", "segment_text"]


def segment_text(text: str, source: str = "") -> Segmentation:
    """Split cleaned page text into articles (never raises on odd input)."""
    return segment_page(text, source)


def parse_text(text: str, source: str = "", encoding: str = "utf-8") -> ParsedFile:
    """Segment already-decoded text into a ``ParsedFile``."""
    from pathlib import Path

    seg = segment_page(text, source)
    return ParsedFile(
        source=Path(source).name if source else "",
        articles=seg.articles,
        leftovers=seg.leftovers,
        encoding=encoding,
    )
