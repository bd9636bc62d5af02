"""Read one stored article without parsing the whole corpus file.

``CorpusDB.get`` parses every article the first time it is called: at 100,000 articles that
holds the GIL for seconds and peaks at several times the file size. The corpus file is
compact JSON in which every article record starts with ``{"id":"…"`` (the contract's key
order) and ``"`` never appears unescaped inside a string, so one pass over the raw bytes finds
where each record starts; an article is then one ``seek`` + ``read`` + ``json`` decode.

Anything unexpected — a record that does not decode, an id that does not match, an id not
found — falls back to ``CorpusDB.get``, so this is only ever a faster path to the same data.

``text_contains`` answers "does this record's title or body hold these characters" on the
record's bytes (read, searched and dropped; nothing decoded): the search engine confirms
thousands of candidates a keystroke that way without holding the corpus's texts in memory.
(A memory map would be faster while warm, but the pages it maps around each record count
as the process's memory: at 100,000 articles one phrase mapped in 400 MB.)
The file scanned stays open: a ``yuebao load`` that replaces it meanwhile (atomically) does
not move the records under the offsets.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

MARK = b'{"id":"'
CHUNK = 8 << 20
TITLE_KEY = b'"title":"'
BODY_KEY = b'"body":"'
BACKSLASH = 0x5C


class ArticleFile:
    """Byte offsets of the article records in a corpus's files, and reads by id.

    A corpus keeps its records in its base file and the segments appended since
    (``store.corpus.segments``); they are read as one run of bytes, each file starting where
    the one before ends, so an offset names a file and a place in it.
    """

    def __init__(self, path: Path, segments: Sequence[Path] = ()) -> None:
        self.path = Path(path)
        self.paths = [self.path, *(Path(p) for p in segments)]
        self._offsets: dict[str, int] = {}
        self._starts: list[int] = []
        self._bases: list[int] = []  # where each file starts in the run
        self._ends: list[int] = []  # where each file ends in the run
        self._fds: list[int] = []
        self._stamp: list[int] = []
        self._decoder = json.JSONDecoder()

    @classmethod
    def of(cls, db: Any) -> ArticleFile:
        """The record files of a ``CorpusDB`` (or the raw database of a view)."""
        raw = getattr(db, "raw", db)
        files = getattr(raw, "record_files", None)
        paths = files() if callable(files) else [raw.path]
        return cls(paths[0], paths[1:])

    def _open_all(self) -> tuple[list[int], list[int]]:
        """Open every file: (descriptors, ``[size, mtime_ns]`` of each, flattened)."""
        fds: list[int] = []
        stamp: list[int] = []
        try:
            for path in self.paths:
                fd = os.open(path, os.O_RDONLY)
                fds.append(fd)
                st = os.fstat(fd)
                stamp += [st.st_size, st.st_mtime_ns]
        except BaseException:
            for fd in fds:
                os.close(fd)
            raise
        return fds, stamp

    def _take(
        self, fds: list[int], stamp: list[int], known: dict[str, int], scanned_upto: int
    ) -> None:
        """Hold ``fds``; the offsets are ``known`` for the first ``scanned_upto`` files
        and scanned for the rest."""
        offsets = dict(known)
        bases: list[int] = []
        base = 0
        try:
            for n, fd in enumerate(fds):
                bases.append(base)
                size = stamp[2 * n]
                if n >= scanned_upto:
                    found, size = _record_offsets(fd)
                    for key, at in found.items():
                        offsets.setdefault(key, base + at)
                base += size
        except BaseException:
            for fd in fds:
                os.close(fd)
            raise
        self.close()
        self._fds = fds
        self._stamp = stamp
        self._bases = bases
        self._ends = [*bases[1:], base]
        self._offsets = offsets
        self._starts = sorted(offsets.values())

    def scan(self) -> int:
        """Find every record start (reads the files in chunks; no whole-file parse)."""
        fds, stamp = self._open_all()
        self._take(fds, stamp, {}, 0)
        return len(self._offsets)

    def offsets(self) -> tuple[dict[str, int], list[int]]:
        """The scanned offsets and each file's ``[size, mtime_ns]`` when scanned (to keep
        with a search index: ``use_offsets`` takes them back without a scan)."""
        return dict(self._offsets), list(self._stamp)

    def use_offsets(self, offsets: dict[str, int], stamp: list[int]) -> bool:
        """Take offsets a scan found before while the files it covered are still the ones
        scanned (``stamp`` as ``offsets`` gave: the first files of ``paths``), scanning only
        the files appended since; False (nothing taken) otherwise."""
        covered = len(stamp) // 2
        if not offsets or not stamp or len(stamp) % 2 or covered > len(self.paths):
            return False
        fds, now = self._open_all()
        if now[: len(stamp)] != list(stamp):
            for fd in fds:
                os.close(fd)
            return False
        self._take(fds, now, offsets, covered)
        return True

    def _locate(self, start: int) -> tuple[int, int] | None:
        """(descriptor, where the file holding run offset ``start`` begins)."""
        n = bisect.bisect_right(self._bases, start) - 1
        if n < 0 or n >= len(self._fds):
            return None
        return self._fds[n], self._bases[n]

    def _end_of(self, start: int) -> int:
        """Where the record at run offset ``start`` ends: the next record or its file's end."""
        i = bisect.bisect_right(self._starts, start)
        n = bisect.bisect_right(self._bases, start) - 1
        file_end = self._ends[n] if 0 <= n < len(self._ends) else start
        return min(self._starts[i], file_end) if i < len(self._starts) else file_end

    def _pread(self, start: int, end: int) -> bytes | None:
        where = self._locate(start)
        if where is None:
            return None
        fd, base = where
        return os.pread(fd, end - start, start - base)

    def get(self, article_id: str) -> dict[str, Any] | None:
        """The record of ``article_id``, or None when this fast path cannot give it."""
        start = self._offsets.get(article_id)
        if start is None or not self._fds:
            return None
        try:
            raw = self._pread(start, self._end_of(start))
            if raw is None:
                return None
            record = _decoded(raw, self._decoder)
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("id") != article_id:
            return None
        return record

    def span(self, article_id: str) -> tuple[int, int] | None:
        """Where the record of ``article_id`` lies in the run (start, end), if known."""
        start = self._offsets.get(article_id)
        if start is None:
            return None
        return start, self._end_of(start)

    def spans(self, ids: Sequence[str]) -> tuple[list[int], list[int]]:
        """``span`` of each of ``ids`` as two lists (start, end; -1 where not known)."""
        starts = [self._offsets.get(article_id, -1) for article_id in ids]
        ordered = self._starts
        file_end: dict[int, int] = {}
        n = 0
        for start in ordered:  # both ascending: one walk gives each record its file's end
            while n + 1 < len(self._bases) and self._bases[n + 1] <= start:
                n += 1
            file_end[start] = self._ends[n] if self._ends else 0
        nexts = {
            a: min(b, file_end[a]) for a, b in zip(ordered, [*ordered[1:], 1 << 62], strict=True)
        }
        ends = [-1] * len(starts)
        for i, start in enumerate(starts):
            if start >= 0:
                ends[i] = nexts[start]
        return starts, ends

    def text_contains(
        self, start: int, end: int, needle: bytes, doubtful: tuple[bytes, ...] = ()
    ) -> bool | None:
        """Whether the title or the body of the record at ``start:end`` holds ``needle``
        (``record_text_contains`` on the bytes read; None when they cannot say, and for a
        "no" from a record that holds any of ``doubtful``)."""
        if not self._fds:
            return None
        try:
            data = self._pread(start, end)
        except OSError:
            return None
        if data is None:
            return None
        found = record_text_contains(data, needle)
        if found is False and any(other in data for other in doubtful):
            return None
        return found

    def close(self) -> None:
        """Let go of the scanned files."""
        for fd in self._fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._fds = []


def _decoded(raw: bytes, decoder: json.JSONDecoder) -> Any:
    """The JSON record ``raw`` starts with: up to its last ``}`` with orjson (what follows
    a record is the next one's key, ``,"12":``), else the standard decoder, which stops
    where the record ends (the last record runs on into the rest of the file)."""
    try:
        return orjson.loads(raw[: raw.rfind(b"}") + 1])
    except orjson.JSONDecodeError:
        record, _ = decoder.raw_decode(raw.decode("utf-8"))
        return record


def record_text_contains(data: bytes, needle: bytes) -> bool | None:
    """Whether the title or the body of the JSON article record ``data`` holds ``needle``
    (the UTF-8 of characters JSON never escapes, e.g. Chinese), read on the raw bytes; None
    when the bytes cannot say (the needle is only in another field, such as a byline name
    or an entity, or the record is not laid out as expected): decode it then.

    Exact because a JSON string holds every such character as its own UTF-8 bytes and
    ``"`` only escaped, so ``"title":"`` and ``"body":"`` occur only as keys and a string
    ends at the first ``"`` after an even run of backslashes."""
    first = data.find(needle)
    if first < 0:
        return False
    title = data.find(TITLE_KEY)
    if title < 0:
        return None
    title += len(TITLE_KEY)
    title_end = _string_end(data, title)
    if title_end < 0:
        return None
    if first < title_end:
        return True if first >= title else None
    body = data.find(BODY_KEY, title_end)
    if body < 0:
        return None
    body += len(BODY_KEY)
    body_end = _string_end(data, body)
    if body_end < 0:
        return None
    if first >= body:
        return True if first < body_end else None
    return True if data.find(needle, body, body_end) >= 0 else None


def _string_end(data: bytes, pos: int) -> int:
    """Where the JSON string whose contents start at ``pos`` ends (its closing ``"``), or -1."""
    while True:
        quote = data.find(b'"', pos)
        if quote < 0:
            return -1
        back = quote - 1
        while data[back] == BACKSLASH:
            back -= 1
        if (quote - 1 - back) % 2 == 0:
            return quote
        pos = quote + 1


def _record_offsets(fd: int) -> tuple[dict[str, int], int]:
    """``({article id: offset of its record}, file size)`` from one pass over ``fd``."""
    offsets: dict[str, int] = {}
    keep = len(MARK) + 64  # a mark cut by a chunk end is found again with the tail
    base = 0
    tail = b""
    while chunk := os.pread(fd, CHUNK, base):
        data = tail + chunk
        start = base - len(tail)
        pos = data.find(MARK)
        while pos >= 0:
            end = data.find(b'"', pos + len(MARK))
            if end < 0:
                break
            key = data[pos + len(MARK) : end].decode("ascii", "replace")
            offsets.setdefault(key, start + pos)
            pos = data.find(MARK, end)
        tail = data[-keep:]
        base += len(chunk)
    return offsets, base
