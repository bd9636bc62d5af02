"""Reading one-character-per-line BIO corpora and converting tag sequences to spans."""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

#: BIO type suffix -> yuebao entity type.
BIO_TYPES: dict[str, str] = {"PER": "person", "LOC": "place", "ORG": "org"}
#: yuebao entity type -> BIO type suffix.
TYPE_TO_BIO: dict[str, str] = {v: k for k, v in BIO_TYPES.items()}

Sentence = tuple[str, list[str]]


def read_bio(path: str | Path) -> Iterator[Sentence]:
    """Yield ``(text, tags)`` per sentence of a BIO file (``.gz`` is decompressed)."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    chars: list[str] = []
    tags: list[str] = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if not line.strip():
                if chars:
                    yield "".join(chars), tags
                    chars, tags = [], []
                continue
            char, _, tag = line.rpartition(" ")
            if not char:  # a bare character with no tag, or a space char
                char, tag = (line[0], "O") if len(line) == 1 else (" ", tag)
            chars.append(char[0])
            tags.append(tag or "O")
    if chars:
        yield "".join(chars), tags


def tags_to_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, TYPE)`` from BIO tags; a stray ``I-`` opens an entity."""
    return pairs_to_spans(tag.partition("-")[::2] for tag in tags)


def pairs_to_spans(pairs: Iterable[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Entity spans from ``(prefix, TYPE)`` pairs (``("B", "PER")``, ``("O", "")``)."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    pos = 0
    for pos, (prefix, label) in enumerate(pairs):
        if prefix == "I" and start >= 0 and label == kind:
            continue
        if start >= 0:
            spans.append((start, pos, kind))
            start, kind = -1, ""
        if prefix in ("B", "I") and label:
            start, kind = pos, label
    if start >= 0:
        spans.append((start, pos + 1, kind))
    return spans


def spans_to_tags(length: int, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIO tags of a text of ``length`` characters holding ``spans``."""
    tags = ["O"] * length
    for start, end, kind in spans:
        tags[start] = f"B-{kind}"
        for i in range(start + 1, end):
            tags[i] = f"I-{kind}"
    return tags
