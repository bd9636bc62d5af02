"""Terminal-safe output helpers for the command line: the TUI's one sanitiser."""

from __future__ import annotations

import re
import sys
from typing import Any

import orjson

from tui.safe import clean

#: Characters that reorder or hide text (bidi overrides, zero-width): escaped in JSON.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def safe(text: str) -> str:
    """Text from files made harmless for a terminal: escape sequences, control characters,
    bidi overrides and zero-width characters removed (``tui.safe.clean``, as on screen)."""
    return clean(text)


def json_bytes(data: Any) -> bytes:
    """``data`` as indented UTF-8 JSON; control characters are escaped by JSON itself and
    invisible reordering characters (U+202E...) as ``\\uXXXX``, so the data stays whole
    and a terminal shows it as it is."""
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8") + b"\n"


def print_json(data: Any) -> None:
    """Write ``data`` as JSON to stdout (``json_bytes``)."""
    sys.stdout.buffer.write(json_bytes(data))
    sys.stdout.flush()
