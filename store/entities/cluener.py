"""Reading CLUENER2020 (modern Sina news with fine-grained labels) as BIO sentences.

Each line of the file is ``{"text": ..., "label": {type: {surface: [[start, end], ...]}}}``
with inclusive ends. Types map to ours as the data's README gives: ``name`` → person;
``company`` / ``government`` / ``organization`` → org; ``address`` → place; the rest
(``position``, ``scene``, titles of books, games and movies) are not entities of ours.

CLUENER labels an address, rarely a bare country or city (``中国`` is labelled in 13 of
its 594 uses), where People's Daily labels every place. For training, ``silver=True``
marks as a place every unlabelled jieba word that jieba's dictionary tags ``ns`` and the
place gazetteer holds, so that the two corpora teach one convention.

A fixed tenth of the sentences (by a checksum of the text, so the split never depends on
file order) is our own dev split: ``part="dev"`` reads it, ``part="train"`` the rest.
Never train on the dev part.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from store.entities.bio import Sentence, spans_to_tags

#: CLUENER type → BIO type suffix (types not listed are left untagged).
TYPE_MAP: dict[str, str] = {
    "name": "PER",
    "company": "ORG",
    "government": "ORG",
    "organization": "ORG",
    "address": "LOC",
}
Part = Literal["train", "dev", "all"]


def in_dev(text: str) -> bool:
    """Is this sentence in our dev tenth?"""
    return zlib.crc32(text.encode("utf-8")) % 10 == 0


def read_cluener(
    path: str | Path, part: Part = "train", silver: bool = False
) -> Iterator[Sentence]:
    """Yield ``(text, BIO tags)`` per sentence of ``part`` (``.gz`` is decompressed).

    Overlapping labels keep the first (longest-starting) span; a label whose offsets do not
    match its surface is skipped; ``silver`` adds the unlabelled places (see above)."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            text = str(record.get("text", ""))
            if not text or (part != "all" and (part == "dev") != in_dev(text)):
                continue
            spans: list[tuple[int, int, str]] = []
            for kind, surfaces in (record.get("label") or {}).items():
                ours = TYPE_MAP.get(kind)
                if ours is None:
                    continue
                for surface, places in surfaces.items():
                    for start, end in places:
                        if text[start : end + 1] == surface:
                            spans.append((start, end + 1, ours))
            taken = [False] * len(text)
            kept = []
            for start, end, kind in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
                if not any(taken[start:end]):
                    kept.append((start, end, kind))
                    taken[start:end] = [True] * (end - start)
            if silver:
                kept = sorted(kept + _silver_places(text, taken))
            yield text, spans_to_tags(len(text), kept)


def _silver_places(text: str, taken: list[bool]) -> list[tuple[int, int, str]]:
    """Unlabelled whole jieba words that are known places (``ns`` and in the gazetteer)."""
    from store.entities.gazetteer import places
    from store.entities.segmenter import words

    known = places()
    return [
        (start, end, "LOC")
        for start, end, pos in words(text, hmm=False)
        if pos == "ns" and text[start:end] in known and not any(taken[start:end])
    ]
