"""Offset-preserving normalisation and chunking of raw text before tagging."""

from __future__ import annotations

import re
from collections.abc import Iterator

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Where a chunk may end: sentence punctuation and line breaks.
_BREAK = re.compile(r"[。！？!?；;\n\r\u2028\u2029]+")
#: Longest chunk handed to the tagger; longer stretches are cut at a soft boundary.
MAX_CHUNK = 400
_SOFT = "，,、：:“”\"‘’'（）()《》 \t　"


def _norm_char(char: str) -> str:
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:
        char = chr(code - 0xFEE0)
    elif code == 0x3000:
        char = " "
    low = char.lower()
    return low if len(low) == 1 else char


#: A string table over the BMP: ``str.translate`` with it is several times faster than with
#: a sparse dict (a missing key costs an exception inside ``translate``).
_TABLE = "".join(_norm_char(chr(i)) for i in range(0x10000))


def normalise(text: str) -> str:
    """Half-width, lower-case copy of ``text`` with exactly the same length.

    The training data uses half-width digits and lower-case Latin letters; mapping the
    input the same way (one character to one character) keeps every offset valid.
    """
    return text.translate(_TABLE)


def han_at(text: str, index: int) -> bool:
    """Whether ``text[index]`` is a character of the CJK Unified Ideographs block (the
    neighbour a name may run on into); False off either end of ``text``."""
    return 0 <= index < len(text) and "\u4e00" <= text[index] <= "\u9fff"


def all_han(text: str) -> bool:
    """Whether ``text`` is one or more characters of the CJK Unified Ideographs block."""
    return bool(text) and all("\u4e00" <= char <= "\u9fff" for char in text)


def has_han(text: str) -> bool:
    """True when ``text`` contains at least one Han character."""
    return _HAN.search(text) is not None


def _cut_long(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split ``text[start:end]`` into pieces of at most ``MAX_CHUNK`` characters."""
    while end - start > MAX_CHUNK:
        cut = start + MAX_CHUNK
        for i in range(cut - 1, start + MAX_CHUNK // 2, -1):
            if text[i] in _SOFT:
                cut = i + 1
                break
        yield start, cut
        start = cut
    if end > start:
        yield start, end


def chunks(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of sentence-sized chunks of ``text`` that contain Han characters."""
    pos = 0
    for match in _BREAK.finditer(text):
        end = match.end() if match.group()[0] not in "\n\r\u2028\u2029" else match.start()
        if end > pos and has_han(text[pos:end]):
            yield from _cut_long(text, pos, end)
        pos = match.end()
    if pos < len(text) and has_han(text[pos:]):
        yield from _cut_long(text, pos, len(text))
