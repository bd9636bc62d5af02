"""Page text to articles (the public entry point of segmentation)."""

from __future__ import annotations

from store.segment_rules import Segmentation, parse_text, segment_text

__all__ = ["Segmentation", "parse_text", "segment_text"]
