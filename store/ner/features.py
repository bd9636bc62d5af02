"""Per-character CRF features: character n-grams, jieba words and POS, gazetteer marks.

``sentence_features(text)`` is the single entry point, used both by training and tagging,
so the two never drift apart. ``text`` is one chunk (a sentence) of raw text. Features are
built template by template with comprehensions over whole strings: per-character Python
loops would make the tagger slower than ``jieba.posseg``.
"""

from __future__ import annotations

from functools import lru_cache

from store.ner import gazetteer
from store.ner.segmenter import words
from store.ner.text import normalise

_PAD = "^"
_CHINESE_DIGITS = "零〇一二三四五六七八九十百千万亿两"
_PUNCT = "，。！？；：、“”‘’（）《》〈〉【】—…·,.!?;:'\"()[]<>-/"


class _Table(dict):
    """A ``str.translate`` table with a default for characters it does not list."""

    def __init__(self, default: str, items: dict[int, str]) -> None:
        super().__init__(items)
        self.default = default

    def __missing__(self, key: int) -> str:
        return self.default


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], _Table]:
    """Translate tables: feature characters (digits→0, spaces→_) and one-letter classes."""
    fold: dict[int, str] = {}
    kind: dict[int, str] = {}
    for code in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)):
        kind[code] = "H"
    for char in _CHINESE_DIGITS:
        kind[ord(char)] = "N"
    for code in range(0x80):
        char = chr(code)
        if char.isalpha():
            kind[code] = "L"
    for char in _PUNCT:
        kind[ord(char)] = "P"
    for code in range(0x10000):
        char = chr(code)
        if char.isdigit():
            fold[code] = "0"
            kind[code] = "D"
        elif char.isspace():
            fold[code] = "_"
            kind[code] = "S"
    return fold, _Table("O", kind)


def _place_marks(norm: str, spans: list[tuple[int, int, str]]) -> list[str]:
    """Gazetteer place marks per character (``B``/``I``/``E``/``-``) from 1–3 words."""
    marks = ["-"] * len(norm)
    places = gazetteer.places()
    n = len(spans)
    i = 0
    while i < n:
        hit = 0
        for k in (3, 2, 1):
            if i + k <= n:
                start, end = spans[i][0], spans[i + k - 1][1]
                if end - start >= 2 and norm[start:end] in places:
                    hit = k
                    marks[start : end - 1] = ["I"] * (end - 1 - start)
                    marks[start], marks[end - 1] = "B", "E"
                    break
        i += hit or 1
    return marks


_POSITIONS = {1: "S"}


def _positions(length: int) -> str:
    """B/M/E/S position letters for a word of ``length`` characters."""
    found = _POSITIONS.get(length)
    if found is None:
        found = _POSITIONS[length] = "B" + "M" * (length - 2) + "E"
    return found


def _word_features(
    norm: str, kinds: str, spans: list[tuple[int, int, str]]
) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """Word-level templates spread over characters: position+POS, identity, neighbours."""
    titles, org_suffixes = gazetteer.TITLES, gazetteer.ORG_SUFFIXES
    texts = [norm[s:e] for s, e, _ in spans]
    prev_words = [_PAD, *texts[:-1]]
    next_words = [*texts[1:], _PAD]
    f_w: list[str] = []
    f_wi: list[str] = []
    f_wc: list[str] = []
    f_wl: list[str] = []
    f_wr: list[str] = []
    for (start, end, pos), word, prev_word, next_word in zip(
        spans, texts, prev_words, next_words, strict=True
    ):
        length = end - start
        letters = _positions(length)
        suffix = "o" if word in org_suffixes else ("t" if word in titles else "")
        ident = word if length <= 4 and kinds[start] == "H" else kinds[start] + str(min(length, 5))
        left = ("T" if prev_word in titles else "") + (prev_word if len(prev_word) <= 3 else "~")
        right = ("T" if next_word in titles else "O" if next_word in org_suffixes else "") + (
            next_word if len(next_word) <= 3 else "~"
        )
        tag = pos + suffix
        f_w.extend(["w=" + letter + tag for letter in letters])
        f_wi.extend(["wi=" + letter + ident for letter in letters])
        f_wc.extend(["wc=" + letter + char for letter, char in zip(letters, word, strict=True)])
        f_wl.extend(["wl=" + left] * length)
        f_wr.extend(["wr=" + right] * length)
    return f_w, f_wi, f_wc, f_wl, f_wr


def sentence_features(text: str) -> list[tuple[str, ...]]:
    """Feature strings for every character of ``text`` (one tuple per character)."""
    norm = normalise(text)
    n = len(norm)
    if n == 0:
        return []
    fold, kind_table = _tables()
    chars = norm.translate(fold)
    kinds = norm.translate(kind_table)
    spans = words(norm)
    if not spans or spans[-1][1] != n:  # jieba lost a character: fall back to characters
        spans = [(i, i + 1, "") for i in range(n)]
    padded = "^^" + chars + "^^"
    pk = "^" + kinds + "^"
    bigrams = [a + b for a, b in zip(padded, padded[1:], strict=False)]
    surnames = gazetteer.SURNAMES
    f_w, f_wi, f_wc, f_wl, f_wr = _word_features(norm, kinds, spans)
    starts = {s for s, e, _ in spans}
    return list(
        zip(
            ["c=" + c for c in chars],
            ["a=" + c for c in padded[:n]],
            ["p=" + c for c in padded[1 : n + 1]],
            ["n=" + c for c in padded[3 : n + 3]],
            ["e=" + c for c in padded[4 : n + 4]],
            ["pc=" + b for b in bigrams[1 : n + 1]],
            ["cn=" + b for b in bigrams[2 : n + 2]],
            ["ap=" + b for b in bigrams[:n]],
            ["ne=" + b for b in bigrams[3 : n + 3]],
            ["pn=" + a + b for a, b in zip(padded[1 : n + 1], padded[3 : n + 3], strict=True)],
            ["k=" + pk[i : i + 3] for i in range(n)],
            f_w,
            f_wi,
            f_wc,
            f_wl,
            f_wr,
            ["g=" + m for m in _place_marks(norm, spans)],
            [
                "s=1" if c in surnames and i in starts else "s=0"
                for i, c in enumerate(chars)
            ],
            strict=True,
        )
    )
