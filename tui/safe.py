"""Untrusted text → safe ``rich.text.Text``.

Article text is data: it may hold Rich markup (``[bold]``, ``[link=…]``), which must show
literally, and terminal escape or control sequences, which must never reach the screen.
Everything the app shows from a file goes through ``clean`` / ``clean_with_map`` and is put
in a ``Text`` object (never parsed as markup).
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text

# ESC-introduced sequences (CSI, OSC, DCS/APC/PM/SOS strings, two-byte escapes), their
# 8-bit C1 forms, then any remaining C0/C1 control character except newline and tab.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?              # CSI ... final byte
  | \x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?   # OSC ... BEL or ST
  | \x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?  # DCS, SOS, PM, APC ... ST
  | \x1b[ -/]*[0-~]?                       # other escapes (charset selection, etc.)
  | \x9b[0-?]*[ -/]*[@-~]?                 # 8-bit CSI
  | \x9d[^\x07\x9c]*(?:\x07|\x9c)?          # 8-bit OSC
  | [\x00-\x08\x0b-\x1f\x7f-\x9f]          # other control characters
  | [\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]  # zero-width and bidi controls
    """,
    re.VERBOSE,
)


def clean(text: str) -> str:
    """``text`` with escape sequences and control characters removed (tabs become spaces)."""
    if not text:
        return ""
    return _ESCAPES.sub("", text).replace("\t", " ")


def clean_with_map(text: str) -> tuple[str, list[int]]:
    """Clean ``text`` and map every old offset (0..len) to its offset in the result.

    Entity spans index the stored body; the map keeps them pointing at the same characters.
    """
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    new_len = 0
    for match in _ESCAPES.finditer(text):
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
