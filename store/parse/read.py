"""Bytes to clean text: encoding detection and normalisation.

Detects UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK and Big5 (told apart
by ``store.parse.legacy_encodings``, which also turns away Japanese and Korean pages) and,
through ``charset-normalizer``, other encodings; normalises line endings; drops zero-width
and control characters and terminal escape sequences. Full-width punctuation is kept.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer

from store.errors import YuebaoError
from store.parse.legacy_encodings import identify
from store.sanitize import strip_unsafe

MAX_FILE_BYTES = 64 * 1024 * 1024


class ReadError(YuebaoError):
    """A file that cannot be read as text; the message names the file and the problem."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def clean_text(text: str) -> str:
    """Normalise line endings and drop escape sequences, control and zero-width characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n").replace("\x0c", "\n").replace("\t", " ")
    return strip_unsafe(text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > max(8, len(sample) // 20)


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` to text; returns ``(text, encoding)``. Raises ReadError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"{name}: undecodable bytes after a {encoding} BOM ({exc.reason})"
                ) from exc
    if _looks_binary(data):
        raise ReadError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # GB18030 decodes nearly any bytes: ask first which East Asian encoding reads sensibly
    verdict = identify(data)
    if verdict.language != "Chinese":
        raise ReadError(
            f"{name}: {verdict.language} text ({verdict.encoding}), not Chinese; "
            "yuebao reads Chinese news"
        )
    if verdict.encoding == "big5":  # traditional Chinese: read (a stray bad byte shows as �)
        return data.decode("big5", errors="replace"), "big5"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding and best.percent_chaos < 20:
        return str(best), best.encoding
    raise ReadError(f"{name}: undecodable bytes (not UTF-8, GB18030 or another known encoding)")


def read_text(path: str | Path) -> tuple[str, str]:
    """Read and clean a text file; returns ``(text, encoding)``. Raises ReadError."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(f"{path}: too large ({size // (1024 * 1024)} MB; limit 64 MB)")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise ReadError(f"{path}: is a directory") from exc
    except PermissionError as exc:
        raise ReadError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror})") from exc
    return text_of_bytes(data, str(path))


def text_of_bytes(data: bytes, name: str) -> tuple[str, str]:
    """A file's bytes decoded and cleaned; returns ``(text, encoding)``. Raises ReadError
    (``name`` is the file's name in the message)."""
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(f"{name}: too large ({len(data) // (1024 * 1024)} MB; limit 64 MB)")
    if not data.strip():
        raise ReadError(f"{name}: empty file")
    text, encoding = decode_bytes(data, name)
    text = clean_text(text)
    if not text.strip():
        raise ReadError(f"{name}: no text after removing control characters")
    return text, encoding
