"""Choosing the main headline among the decks of a headline block.

A Chinese news headline block has up to three decks: a kicker (引题) above, the main
title (主题) and a subtitle (副题) below. The main title is usually the most concise
statement; kickers are often two parallel phrases or carry the background after a comma;
subtitles often start with a dash or elaborate after a comma; letter-spaced type marks
the big main line. Two very short decks are one title broken over two lines.
"""

from __future__ import annotations

import re

from store.parse import lines as L


def _score(text: str, raw_lines: list[str], position: int, count: int) -> float:
    compact = re.sub(r"\s", "", text)
    score = -len(compact) / 10
    if re.search(r"[，、；,]", compact):
        score -= 1.5
    if any(L.is_letter_spaced(x) for x in raw_lines):
        score += 2.5
    if any(L.is_parallel_phrases(x) for x in raw_lines):
        score -= 2.0
    if compact.startswith(("—", "-")):
        score -= 3.0
    if compact.endswith(("？", "！", "?", "!")):
        score += 1.0
    if re.search(r"^[^：:]{2,8}[：:].", compact):
        score += 0.5
    if count == 3 and position == 1:
        score += 1.0
    return score


def choose_title(decks: list[tuple[str, list[str]]]) -> tuple[str, list[str]]:
    """Return ``(title, subtitles)`` from decks given as ``(text, raw_lines)`` in page order."""
    texts = [t for t, _ in decks]
    if not texts:
        return "", []
    if len(texts) == 1:
        return texts[0], []
    # 'X：' on its own line leads into the next deck: one headline.
    merged: list[tuple[str, list[str]]] = []
    for text, raw in decks:
        if merged and re.search(r"[：:]$", merged[-1][0]) and len(merged[-1][0]) <= 12:
            prev_text, prev_raw = merged.pop()
            merged.append((prev_text + text, prev_raw + raw))
        else:
            merged.append((text, raw))
    decks = merged
    if len(decks) == 2:
        (a, ra), (b, rb) = decks
        short = all(len(re.sub(r"\s", "", t)) <= 10 for t in (a, b))
        plain = not any(
            any(L.is_parallel_phrases(x) for x in r) or re.search(r"[，、：:？！]", t)
            for t, r in ((a, ra), (b, rb))
        )
        if short and plain:
            return a + b, []
    if len(decks) == 1:
        return decks[0][0], []
    scores = [_score(t, r, k, len(decks)) for k, (t, r) in enumerate(decks)]
    best = max(range(len(decks)), key=lambda k: (scores[k], -k))
    title = decks[best][0]
    return title, [t for k, (t, _) in enumerate(decks) if k != best]
