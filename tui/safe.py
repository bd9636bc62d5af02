"""Untrusted text → safe ``rich.text.Text``.

Article text is data: it may hold Rich markup (``[bold]``, ``[link=…]``), which must show
literally, and terminal escape or control sequences, which must never reach the screen.
Everything the app shows from a file goes through ``clean`` / ``clean_with_map`` and is put
in a ``Text`` object (never parsed as markup).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from store.sanitize import UNSAFE, strip_unsafe


def clean(text: str) -> str:
    """``text`` with escape sequences and control characters removed (tabs become spaces)."""
    if not text:
        return ""
    return strip_unsafe(text).replace("\t", " ")


def clean_with_map(text: str) -> tuple[str, list[int]]:
    """Clean ``text`` and map every old offset (0..len) to its offset in the result.

    Entity spans index the stored body; the map keeps them pointing at the same characters.
    """
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    new_len = 0
    for match in UNSAFE.finditer(text):
        start, end = match.span()
        chunk = text[pos:start]
        mapping.extend(range(new_len, new_len + len(chunk)))
        out.append(chunk)
        new_len += len(chunk)
        mapping.extend([new_len] * (end - start))
        pos = end
    chunk = text[pos:]
    mapping.extend(range(new_len, new_len + len(chunk)))
    out.append(chunk)
    new_len += len(chunk)
    mapping.append(new_len)
    return "".join(out).replace("\t", " "), mapping


def safe_text(text: str, style: str = "") -> Text:
    """A ``Text`` of cleaned ``text`` (markup characters stay literal)."""
    return Text(clean(text), style=style, end="")


def fit(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` terminal cells, never mid-character; pad to width.

    Double-width (CJK) characters count as two cells; an ellipsis marks a cut.
    """
    if width <= 0:
        return ""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    out: list[str] = []
    used = 0
    for char in text:
        w = cell_len(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…" + " " * (width - used - 1)


def fit_right(text: str, width: int) -> str:
    """The last ``width`` terminal cells of ``text`` (CJK characters two cells, never cut
    mid-character), padded on the left to exactly ``width``: ``fit`` for text that ends at
    a column."""
    out: list[str] = []
    used = 0
    for char in reversed(text):
        w = cell_len(char)
        if used + w > width:
            break
        out.append(char)
        used += w
    return " " * (max(0, width) - used) + "".join(reversed(out))
