"""The one rule for text that came from a file or a user: nothing in it may drive a terminal.

``strip_unsafe`` removes ESC-introduced sequences (CSI, OSC, DCS/APC/PM/SOS strings,
two-byte escapes) and their 8-bit C1 forms, every other C0/C1 control character except
newline and tab, and the invisible characters that hide or reorder text (zero-width marks,
bidi embeddings, overrides and isolates, the BOM, interlinear annotation marks). The loader
applies it to every page it reads, the screen and the command line to everything they show,
the Markdown export to every note.
"""

from __future__ import annotations

import re

UNSAFE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?                       # CSI ... final byte
  | \x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?    # OSC ... BEL or ST
  | \x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?         # DCS, SOS, PM, APC ... ST
  | \x1b[ -/]*[0-~]?                               # other escapes (charset selection, ...)
  | \x9b[0-?]*[ -/]*[@-~]?                         # 8-bit CSI
  | \x9d[^\x07\x9c]*(?:\x07|\x9c)?                 # 8-bit OSC
  | [\x00-\x08\x0b-\x1f\x7f-\x9f]                  # other control characters
  | [\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]  # invisible and bidi
    """,
    re.VERBOSE,
)


def strip_unsafe(text: str) -> str:
    """``text`` without escape sequences, control characters (but newline and tab) and
    invisible or reordering characters."""
    return UNSAFE.sub("", text) if text else ""


_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def one_line(text: str) -> str:
    """``strip_unsafe(text)`` on one line: whitespace runs become one space, and none is
    left between two CJK characters (a line or paragraph break inside Chinese text)."""
    return _CJK_GAP.sub("", " ".join(strip_unsafe(text).split()))
