"""CRF features: character n-grams, jieba words and POS, gazetteer marks.

One chunk (a sentence) of text is *encoded* once by ``encode``: character templates become
integer keys computed with numpy over the whole chunk, word templates become one string
key per jieba word. Training turns the keys into crfsuite attribute strings
(``attributes``); tagging looks the keys up in the exported weight tables
(``store.entities.model``). Both go through ``encode``, so they never drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from store.entities import gazetteer
from store.entities.segmenter import words
from store.entities.text import normalise

#: Code point used for positions outside the chunk (beyond Unicode, so never real text).
PAD = 0x110000
_SHIFT = 21  # bits of a code point (PAD included)
_KINDS = "HDNLPSO"  # Han, digit, Chinese numeral, Latin, punctuation, space, other
_KIND_PAD = len(_KINDS)
_CHINESE_DIGITS = "零〇一二三四五六七八九十百千万亿两"
_PUNCT = "，。！？；：、“”‘’（）《》〈〉【】—…·,.!?;:'\"()[]<>-/"
#: Position of a character in its jieba word: begin, middle, end, single.
POSITIONS = "BMES"

#: Character templates (integer keys); see ``_char_keys``.
CHAR_TEMPLATES: tuple[str, ...] = (
    "a", "p", "c", "n", "e", "ap", "pc", "cn", "ne", "pn", "k", "wc", "g", "s",
)  # fmt: skip
#: Word templates whose weights depend on the character's position in the word.
WORD_POS_TEMPLATES: tuple[str, ...] = ("w", "wi")
#: Word templates shared by all characters of the word.
WORD_TEMPLATES: tuple[str, ...] = ("wl", "wr")


@lru_cache(maxsize=1)
def _tables() -> tuple[str, str, np.ndarray, np.ndarray]:
    """``str.translate`` tables over the BMP (fold digits/spaces; kind letters), kind codes
    and surname flags. String tables translate several times faster than dicts."""
    fold = [chr(code) for code in range(0x10000)]
    kind = ["O"] * 0x10000
    for code in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)):
        kind[code] = "H"
    for char in _CHINESE_DIGITS:
        kind[ord(char)] = "N"
    for code in range(0x80):
        if chr(code).isalpha():
            kind[code] = "L"
    for char in _PUNCT:
        kind[ord(char)] = "P"
    for code in range(0x10000):
        char = chr(code)
        if char.isdigit():
            fold[code], kind[code] = "0", "D"
        elif char.isspace():
            fold[code], kind[code] = "_", "S"
    kind_codes = np.full(256, _KINDS.index("O"), dtype=np.int64)
    for index, letter in enumerate(_KINDS):
        kind_codes[ord(letter)] = index
    surname = np.zeros(PAD + 1, dtype=np.int64)
    surname[[ord(c) for c in gazetteer.SURNAMES]] = 2
    return "".join(fold), "".join(kind), kind_codes, surname


@dataclass(slots=True)
class Encoded:
    """The features of a batch of chunks, flattened: keys per template."""

    #: number of characters of each chunk (the flat arrays hold them one after another)
    lengths: list[int]
    #: template -> int64 key per character
    char: dict[str, np.ndarray]
    #: template -> string key per jieba word
    word: dict[str, list[str]]
    #: index of each character's word
    word_of_char: np.ndarray
    #: position code (index into ``POSITIONS``) of each character in its word
    position: np.ndarray


def _place_marks(norm: str, spans: list[tuple[int, int, str]]) -> np.ndarray:
    """Gazetteer place marks per character: 0 none, 1 begin, 2 inside, 3 end (1–3 words)."""
    marks = np.zeros(len(norm), dtype=np.int64)
    places = gazetteer.places()
    longest = gazetteer.place_max_len()
    firsts = gazetteer.place_first_chars()
    n = len(spans)
    i = 0
    while i < n:
        if norm[spans[i][0]] not in firsts:
            i += 1
            continue
        hit = 0
        for k in (3, 2, 1):
            if i + k <= n:
                start, end = spans[i][0], spans[i + k - 1][1]
                if 2 <= end - start <= longest and norm[start:end] in places:
                    hit = k
                    marks[start:end] = 2
                    marks[start], marks[end - 1] = 1, 3
                    break
        i += hit or 1
    return marks


def _word_keys(norm: str, kinds: str, spans: list[tuple[int, int, str]]) -> dict[str, list[str]]:
    """String keys per word: POS+class, identity, previous and next word."""
    titles, org_suffixes = gazetteer.TITLES, gazetteer.ORG_SUFFIXES
    texts = [norm[s:e] for s, e, _ in spans]
    firsts = [kinds[s] for s, _, _ in spans]
    tags = [
        pos + ("o" if word in org_suffixes else "t" if word in titles else "")
        for (_, _, pos), word in zip(spans, texts, strict=True)
    ]
    idents = [
        word if len(word) <= 4 and first == "H" else first + str(min(len(word), 5))
        for word, first in zip(texts, firsts, strict=True)
    ]
    shorts = [
        "^"
        if word.isspace() and "\n" in word
        else ("T" if word in titles else "O" if word in org_suffixes else "")
        + (word if len(word) <= 3 else "~")
        for word in texts
    ]
    return {
        "w": tags,
        "wi": idents,
        "wl": ["^", *shorts[:-1]],  # the previous word's short form
        "wr": [*shorts[1:], "^"],  # the next word's short form
    }


_SEPARATOR = "\n\n"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def encode(texts: list[str]) -> Encoded:
    """Encode a batch of chunks of raw text into template keys, flattened in order.

    The chunks are joined with a two-character separator that is masked as padding, so
    numpy and jieba each run once per batch instead of once per chunk.
    """
    lengths = [len(t) for t in texts]
    joined = normalise(_SEPARATOR.join(texts))
    total = len(joined)
    fold, kind_table, kind_codes, surname = _tables()
    keep = np.ones(total, dtype=bool)
    offset = 0
    for length in lengths[:-1]:
        offset += length
        keep[offset : offset + 2] = False
        offset += 2
    spans = words(joined, hmm=False) if total else []
    if not spans or spans[-1][1] != total:  # jieba lost a character: fall back to characters
        spans = [(i, i + 1, "") for i in range(total)]
    cp = np.frombuffer(
        joined.translate(fold).encode("utf-32-le", "surrogatepass"), dtype="<u4"
    ).astype(np.int64)
    single = len(texts) == 1
    if not single:
        cp[~keep] = PAD
    pad = np.array([PAD, PAD], dtype=np.int64)
    cpp = np.concatenate([pad, cp, pad])
    kinds = joined.translate(kind_table)
    if not kinds.isascii():  # characters beyond the BMP kept themselves: "other"
        kinds = _NON_ASCII.sub("O", kinds)
    kc = kind_codes[np.frombuffer(kinds.encode("ascii"), dtype=np.uint8)]
    if not single:
        kc[~keep] = _KIND_PAD
    kp = np.concatenate([[_KIND_PAD], kc, [_KIND_PAD]])

    starts = np.fromiter((s for s, _, _ in spans), dtype=np.int64, count=len(spans))
    sizes = np.fromiter((e - s for s, e, _ in spans), dtype=np.int64, count=len(spans))
    word_of_char = np.repeat(np.arange(len(spans), dtype=np.int64), sizes)
    position = np.ones(total, dtype=np.int64)  # M
    position[starts + sizes - 1] = 2  # E
    position[starts] = np.where(sizes == 1, 3, 0)  # S or B
    is_start = np.zeros(total, dtype=np.int64)
    is_start[starts] = 1

    n = total
    a, p, c, nx, e = cpp[0:n], cpp[1 : n + 1], cp, cpp[3 : n + 3], cpp[4 : n + 4]
    char = {
        "a": a,
        "p": p,
        "c": c,
        "n": nx,
        "e": e,
        "ap": (a << _SHIFT) | p,
        "pc": (p << _SHIFT) | c,
        "cn": (c << _SHIFT) | nx,
        "ne": (nx << _SHIFT) | e,
        "pn": (p << _SHIFT) | nx,
        "k": kp[:-2] * 64 + kp[1:-1] * 8 + kp[2:],
        "wc": (position << _SHIFT) | c,
        "g": _place_marks(joined, spans),
        "s": surname[c] + is_start,
    }
    if single:  # nothing to drop: spare sixteen copies
        return Encoded(lengths, char, _word_keys(joined, kinds, spans), word_of_char, position)
    kept = np.flatnonzero(keep)
    return Encoded(
        lengths,
        {name: values.take(kept) for name, values in char.items()},
        _word_keys(joined, kinds, spans),
        word_of_char.take(kept),
        position.take(kept),
    )


def attributes(enc: Encoded) -> list[list[str]]:
    """crfsuite attribute strings per character (for training)."""
    columns: list[list[str]] = []
    for name in CHAR_TEMPLATES:
        columns.append([f"{name}:{key}" for key in enc.char[name].tolist()])
    word_index = enc.word_of_char.tolist()
    position = enc.position.tolist()
    for name in WORD_POS_TEMPLATES:
        keys = enc.word[name]
        columns.append([f"{name}:{p}{keys[w]}" for w, p in zip(word_index, position, strict=True)])
    for name in WORD_TEMPLATES:
        keys = enc.word[name]
        columns.append([f"{name}:{keys[w]}" for w in word_index])
    return [list(row) for row in zip(*columns, strict=True)]
