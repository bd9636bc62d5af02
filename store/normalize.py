"""Text folding shared by the search index and the query: one function, applied to both sides.

``fold(text)`` maps traditional characters to simplified ones with OpenCC's maintained
character table (``TSCharacters.txt`` from ``opencc-python-reimplemented``, first candidate),
full-width letters and digits to ASCII (full-width punctuation stays: it is how Chinese
is written), and lower-cases Latin letters. It works character by
character through ``str.translate`` so it is fast enough for a whole corpus; OpenCC's
phrase table is not used, which only matters for the rare characters whose simplified form
depends on the word around them — and since the index and the query are folded the same
way, they still agree.
"""

from __future__ import annotations

import functools
from pathlib import Path


def _opencc_dictionary() -> Path:
    import opencc  # opencc-python-reimplemented ships its tables as text files

    return Path(opencc.__file__).resolve().parent / "dictionary"


@functools.cache
def fold_table() -> dict[int, str]:
    """The ``str.translate`` table: traditional → simplified, full-width letters → ASCII."""
    table: dict[int, str] = {}
    path = _opencc_dictionary() / "TSCharacters.txt"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            key, _, values = line.rstrip("\n").partition("\t")
            target = values.split()[0] if values.split() else ""
            if len(key) == 1 and len(target) == 1 and key != target:
                table[ord(key)] = target
    for first, last in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        for code in range(first, last + 1):  # ０-９ Ａ-Ｚ ａ-ｚ → 0-9 A-Z a-z
            table[code] = chr(code - 0xFEE0)
    return table


@functools.cache
def _fold_chars() -> frozenset[str]:
    return frozenset(chr(code) for code in fold_table())


@functools.cache
def fold_sources() -> dict[str, tuple[str, ...]]:
    """Character → the other characters ``fold`` turns into it (发 → 發, 髮)."""
    sources: dict[str, list[str]] = {}
    for code, target in fold_table().items():
        sources.setdefault(target, []).append(chr(code))
    return {target: tuple(found) for target, found in sources.items()}


def needs_translate(text: str) -> bool:
    """True when ``text`` holds a character that ``fold`` maps (beyond lower-casing)."""
    return not _fold_chars().isdisjoint(text)


def fold(text: str) -> str:
    """The searchable form of ``text`` (simplified, ASCII letters and digits, lower-case)."""
    if needs_translate(text):
        text = text.translate(fold_table())
    return text.lower()


def fold_known_clean(text: str) -> str:
    """``fold`` for text known (from the index) to need no table lookup."""
    return text.lower()
