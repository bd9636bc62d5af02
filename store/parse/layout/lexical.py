"""Lexical cues for the page model: what the words of neighbouring lines share.

Two facts no line shape can tell. Where two articles meet without a headline between
them, the vocabulary changes (lexical cohesion drops, as in Hearst's TextTiling); and a
headline shares words with its own article's text, not with its neighbour's, which tells
whether it belongs to the text above or below it. Words are Han character bigrams, minus
the bigrams common to most news text (``common_bigrams.txt``, counted from the training
corpus by ``python -m store.parse.layout.train``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from store.wordlists import read_words

COMMON_PATH = Path(__file__).with_name("common_bigrams.txt")
WINDOW = 200  # bigrams on each side of a paragraph break
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


@cache
def common_bigrams() -> frozenset[str]:
    """The bigrams too common in news text to tell one article from another."""
    return read_words(COMMON_PATH)


def count_common(texts: Iterable[Iterable[str]], share: float = 0.1) -> list[str]:
    """Bigrams found in at least ``share`` of the documents (each an iterable of paragraphs)."""
    counts: Counter[str] = Counter()
    documents = 0
    for paragraphs in texts:
        documents += 1
        seen: set[str] = set()
        for paragraph in paragraphs:
            seen.update(raw_bigrams(paragraph))
        counts.update(seen)
    floor = max(1, math.ceil(share * documents))
    return sorted(gram for gram, n in counts.items() if n >= floor)


def raw_bigrams(text: str) -> list[str]:
    """All Han character bigrams of ``text``, in order."""
    out: list[str] = []
    for run in _HAN_RUN.findall(text):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def content_bigrams(text: str) -> list[str]:
    """The bigrams of ``text`` that are not common to most news text."""
    common = common_bigrams()
    return [g for g in raw_bigrams(text) if g not in common]


def _window(grams: list[list[str]], steps: Iterable[int], skip: list[bool]) -> Counter[str]:
    window: Counter[str] = Counter()
    size = 0
    for j in steps:
        if skip[j]:
            continue
        window.update(grams[j])
        size += len(grams[j])
        if size >= WINDOW:
            break
    return window


def cohesion(grams: list[list[str]], k: int, skip: list[bool]) -> float | None:
    """Cosine of the bigram counts just before and just after line ``k`` (None: no text)."""
    before = _window(grams, range(k - 1, -1, -1), skip)
    after = _window(grams, range(k, len(grams)), skip)
    if not before or not after:
        return None
    dot = sum(n * after[g] for g, n in before.items() if g in after)
    norm = math.sqrt(sum(n * n for n in before.values()) * sum(n * n for n in after.values()))
    return dot / norm


def cohesion_bucket(value: float | None) -> str:
    """A coarse level of ``cohesion`` for a CRF attribute."""
    if value is None:
        return "none"
    for limit, name in ((0.005, "0"), (0.015, "1"), (0.03, "2"), (0.06, "3")):
        if value < limit:
            return name
    return "4"


def share_bucket(share: float) -> str:
    """A coarse level of the share of a headline's bigrams found in some text."""
    if share <= 0:
        return "0"
    return "lo" if share < 0.34 else "mid" if share < 0.67 else "hi"


def headline_spans(
    grams: list[list[str]], start: int, end: int, heading: list[bool]
) -> tuple[set[str], set[str], set[str]]:
    """The bigrams of the text after the headline lines ``start..end`` (up to the next
    headline), of its first lines, and of the text before them (back to the last headline)."""
    after: set[str] = set()
    lead: set[str] = set()
    for j in range(end + 1, len(grams)):
        if heading[j]:
            break
        after.update(grams[j])
        if len(lead) < 60:
            lead.update(grams[j])
    before: set[str] = set()
    for j in range(start - 1, -1, -1):
        if heading[j]:
            break
        before.update(grams[j])
    return after, lead, before


def shares(own: set[str], *spans: set[str]) -> tuple[float, ...]:
    """The share of ``own`` found in each span (0.0 each when ``own`` is empty)."""
    if not own:
        return tuple(0.0 for _ in spans)
    return tuple(len(own & span) / len(own) for span in spans)


def side(after: float, before: float, margin: float = 0.1) -> str:
    """Which text a headline's words point to: ``after``, ``before`` or ``even``."""
    return "after" if after > before + margin else "before" if before > after + margin else "even"
