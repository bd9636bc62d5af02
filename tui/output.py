"""Terminal-safe output helpers for the command line."""

from __future__ import annotations

import re
import sys
from typing import Any

import orjson

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Drop control characters so text from files cannot drive the terminal."""
    return _UNSAFE.sub("", text)


def print_json(data: Any) -> None:
    """Write ``data`` as indented UTF-8 JSON to stdout (control chars escaped by JSON)."""
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()
