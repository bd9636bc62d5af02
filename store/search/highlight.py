"""Where a query's terms occur in a text, matched as the search matches them: the one
highlighter the list, the reader and its match jumps share.

Text and terms are compared folded (``store.normalize.fold``: simplified characters,
half-width letters and digits, lower case), character for character, so a term found by
the search is also marked where it stands in the text as printed.
"""

from __future__ import annotations

from collections.abc import Iterable

from store.normalize import fold
from store.sanitize import strip_unsafe


def term_occurrences(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Every ``(start, end)`` where a term occurs in ``text``, in order (they may overlap)."""
    folded = fold(text)
    if len(folded) != len(text):  # a rare letter whose lower case is longer: compare as is
        folded = text
    found: set[tuple[int, int]] = set()
    for term in terms:
        needle = fold(strip_unsafe(term).strip())
        if not needle:
            continue
        start = folded.find(needle)
        while start >= 0:
            found.add((start, start + len(needle)))
            start = folded.find(needle, start + 1)
    return sorted(found)


def match_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """The stretches of ``text`` a highlight covers: the occurrences, overlaps merged."""
    merged: list[tuple[int, int]] = []
    for start, end in term_occurrences(text, terms):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def match_starts(text: str, terms: Iterable[str]) -> list[int]:
    """Where each occurrence starts (the reader's next / previous match stops)."""
    return sorted({start for start, _ in term_occurrences(text, terms)})
