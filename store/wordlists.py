"""The word lists that ship with the package (one word a line): read once, written whole."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from store.files import write_atomic


def read_words(path: Path) -> frozenset[str]:
    """The words of a shipped list file (empty when it is missing or unreadable)."""
    try:
        return frozenset(path.read_text("utf-8").split())
    except OSError:
        return frozenset()


def write_words(path: Path, words: Iterable[str]) -> int:
    """Write ``words`` one a line, atomically; returns how many."""
    listed = list(words)
    write_atomic(path, "".join(f"{w}\n" for w in listed).encode("utf-8"))
    return len(listed)
