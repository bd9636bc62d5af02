"""From raw text to entity spans: chunk, tag with the CRF, apply rules, give back the
known names the tagger missed or misread, and add aliases."""

from __future__ import annotations

from pathlib import Path

from store.entities import aliases, known_names, rules
from store.entities.model import tag_chunks
from store.entities.text import chunks

Span = tuple[int, int, str]


def find_spans(text: str, model: Path | None = None) -> list[Span]:
    """All entity spans ``(start, end, type)`` in ``text``, sorted, non-overlapping
    (``model``: another weights file than the shipped one, for the bench)."""
    pieces = list(chunks(text))
    if not pieces:
        return []
    tagged = tag_chunks([text[start:end] for start, end in pieces], model)
    spans: list[Span] = []
    for (base, _), found in zip(pieces, tagged, strict=True):
        spans.extend((base + s, base + e, kind) for s, e, kind in found)
    spans = known_names.mark(text, rules.apply(text, spans))
    return aliases.add_alias_mentions(text, spans)
