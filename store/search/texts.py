"""The folded texts the search engine confirms candidates against, read only when needed.

An engine over a stored index does not read the corpus when it opens: a document's folded
``title\\nbody`` is read from the corpus file (one seek, ``store.corpus.ArticleFile``) the
first time a query needs it, and kept (up to ``CACHE_DOCS`` documents). The titles are in
the index. The reader's corrections apply as everywhere else (``CorrectedDB``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from store.corpus import ArticleFile
from store.normalize import fold
from store.search.index import article_text

CACHE_DOCS = 100_000  # folded texts kept; past this the cache starts again

Reader = Callable[[str], Mapping[str, Any] | None]


def fold_doc(text: str, dirty: bool) -> str:
    """The searchable form of a document's text (``dirty``: it needs the fold table)."""
    return fold(text) if dirty else text.lower()


class LazyTexts(Sequence[str]):
    """Document number → folded searchable text, read through ``read`` on first use."""

    def __init__(self, ids: list[str], dirty: set[int], read: Reader) -> None:
        self._ids = ids
        self._dirty = dirty
        self._read = read
        self._cache: dict[int, str] = {}
        self._lock = threading.Lock()  # one reader at a time on the shared file

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, d: int) -> str:  # type: ignore[override]
        found = self._cache.get(d)
        if found is not None:
            return found
        with self._lock:
            record = self._read(self._ids[d])
        text = fold_doc(article_text(record), d in self._dirty) if record else ""
        if len(self._cache) >= CACHE_DOCS:
            self._cache.clear()
        self._cache[d] = text
        return text

    def warm(self, stop: threading.Event | None = None) -> int:
        """Read every text not read yet (up to ``CACHE_DOCS``), one record at a time, so a
        background thread can do it while the user types; returns how many were read."""
        read = 0
        for d in range(min(len(self._ids), CACHE_DOCS)):
            if stop is not None and stop.is_set():
                break
            if d not in self._cache:
                self[d]
                read += 1
        return read


def article_reader(db: Any, index: Any = None) -> Reader:
    """How to read one article of ``db`` by seeking in its file (its ``get`` when that
    cannot), corrected when ``db`` is a corrected view. The offsets ``index`` recorded are
    used while the file is the one they were taken from; else the file is scanned once."""
    raw_db = getattr(db, "raw", db)
    article_file = ArticleFile(raw_db.path)
    try:
        usable = index is not None and article_file.use_offsets(index.offsets, index.offsets_stamp)
        usable = usable or article_file.scan() > 0
    except OSError:
        usable = False

    def raw(article_id: str) -> Mapping[str, Any] | None:
        record = article_file.get(article_id) if usable else None
        return record if record is not None else raw_db.get(article_id)

    corrections = getattr(db, "corrections", None)
    if corrections:
        return lambda article_id: corrections.article(article_id, raw)
    return raw
