"""Page text to articles (the public entry point of segmentation).

Two segmenters read a page:

- ``model`` (the default, ``store.layout``): the learned page model, which reads pages of
  papers it was not built from (see ``bench/seg_bench.py``);
- ``rules`` (``store.segment_rules``): the hand-written rules it replaced, fitted to the
  seeds' two papers; ``YUEBAO_SEGMENTER=rules`` picks them for ``yuebao load`` and
  ``yuebao parse``.
"""

from __future__ import annotations

import os
from pathlib import Path

from store.article import ParsedFile
from store.sections import segment_sections
from store.segment_rules import Segmentation
from store.segment_rules import segment_text as _rules_segment

__all__ = ["SEGMENTERS", "Segmentation", "parse_text", "segment_text", "segmenter_name"]

SEGMENTERS = ("rules", "model")


def segmenter_name() -> str:
    """The segmenter in use: ``YUEBAO_SEGMENTER`` when it names one, else ``model``."""
    name = os.environ.get("YUEBAO_SEGMENTER", "").strip().lower()
    return name if name in SEGMENTERS else "model"


def segment_text(text: str, source: str = "") -> Segmentation:
    """Split cleaned page text into articles (never raises on odd input). A file of several
    pages behind archive separators (``第3版()专栏:``) is read page by page."""
    if segmenter_name() == "rules":
        return segment_sections(text, source, _rules_segment)
    from store.layout.page import segment_page

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
