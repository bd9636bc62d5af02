"""The folded texts the search engine confirms candidates against, read only when needed.

An engine over a stored index does not read the corpus when it opens. To confirm that a
candidate document holds a phrase of Chinese characters (what most typed queries are), the
corpus file's bytes are searched where the record lies (``ArticleFile.text_contains``:
read, nothing decoded or kept). Other phrases, and documents that path cannot
answer for (a text the fold table changes, an article a correction touches), read the
document's folded ``title\\nbody`` from the file (one seek) and keep it (up to
``CACHE_DOCS`` documents). A background thread reads the first ``WARM_DOCS`` texts into
memory after the engine opens (``warm``), so that later confirmations need no read. The
titles are in the index. The reader's corrections apply as everywhere else
(``CorrectedDB``).
"""

from __future__ import annotations

import contextlib
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from store.corpus import ArticleFile
from store.normalize import fold, fold_sources, fold_table
from store.search.index import article_text

CACHE_DOCS = 100_000  # folded texts kept (about 2.5 kB each); past this none is added
#: texts read into memory in the background after the engine opens, first documents first.
#: More would confirm faster once read (at 100,000 articles all of them: 3 s of a
#: background thread and about 170 MB, then a four-character phrase that 28,000 hold in
#: 40-60 ms instead of 170 ms on the file's bytes) but slows every keystroke typed in
#: those seconds (tui_bench: median 17 → 59 ms)
WARM_DOCS = 20_000
YIELD_EVERY = 64  # texts the background read takes between looks for a running search

Reader = Callable[[str], Mapping[str, Any] | None]


def fold_doc(text: str, dirty: bool) -> str:
    """The searchable form of a document's text (``dirty``: it needs the fold table)."""
    return fold(text) if dirty else text.lower()


class LazyTexts(Sequence[str]):
    """Document number → folded searchable text, read through ``read`` on first use."""

    def __init__(
        self,
        ids: list[str],
        dirty: set[int],
        read: Reader,
        article_file: ArticleFile | None = None,
        touched: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        """``article_file``: the scanned corpus file, for ``misses`` to search its bytes;
        ``touched``: ids whose stored text a correction changes (always read)."""
        self._ids = ids
        self._dirty = dirty
        self._read = read
        self._file = article_file
        self._touched = touched
        self._cache: dict[int, str] = {}
        self._lock = threading.Lock()  # one reader at a time on the shared file
        self._spans: tuple[list[int], list[int]] | None = None  # each document's record
        self.searching = 0  # searches running (the engine counts them; ``warm`` waits)

    def __len__(self) -> int:
        return len(self._ids)

    @contextlib.contextmanager
    def search_running(self) -> Iterator[None]:
        """Mark a search as running (``warm`` waits until none is)."""
        self.searching += 1
        try:
            yield
        finally:
            self.searching -= 1

    def __getitem__(self, d: int) -> str:  # type: ignore[override]
        found = self._cache.get(d)
        if found is not None:
            return found
        with self._lock:
            record = self._read(self._ids[d])
        text = fold_doc(article_text(record), d in self._dirty) if record else ""
        if len(self._cache) < CACHE_DOCS:
            self._cache[d] = text
        return text

    def misses(self, docs: Iterable[int], needle: str) -> list[int]:
        """The documents of ``docs`` whose folded text lacks ``needle`` (folded)."""
        cache = self._cache
        probe = self._file if self._file is not None and on_file_bytes(needle) else None
        span_of = self._span_of(probe) if probe is not None else None
        raw = needle.encode("utf-8")
        # a text the fold table changes (full-width digits, a traditional character) holds
        # the needle as stored unless it has a character that folds into one of the needle's
        doubtful = tuple(
            other.encode("utf-8") for c in set(needle) for other in fold_sources().get(c, ())
        )
        dirty = self._dirty
        out: list[int] = []
        for d in docs:
            text = cache.get(d)
            start, end = span_of(d) if text is None and span_of is not None else (-1, -1)
            if probe is not None and start >= 0:
                found = probe.text_contains(start, end, raw, doubtful if d in dirty else ())
                if found is not None:
                    if not found:
                        out.append(d)
                    continue
            if needle not in (text if text is not None else self[d]):
                out.append(d)
        return out

    def _span_of(self, article_file: ArticleFile) -> Callable[[int], tuple[int, int]]:
        """Where document ``d``'s record lies (``-1, -1``: read it instead): from the spans
        ``warm`` worked out for every document, else looked up for this one alone (a query
        of one process needs the candidates' records only)."""
        if self._spans is not None:
            starts, ends = self._spans
            return lambda d: (starts[d], ends[d])
        ids, touched = self._ids, self._touched

        def one(d: int) -> tuple[int, int]:
            found = None if ids[d] in touched else article_file.span(ids[d])
            return found if found is not None else (-1, -1)

        return one

    def _record_spans(self, article_file: ArticleFile) -> tuple[list[int], list[int]]:
        """Each document's record in the file (-1: read it instead: unknown or touched)."""
        starts, ends = article_file.spans(self._ids)
        if self._touched:
            for d, article_id in enumerate(self._ids):
                if article_id in self._touched:
                    starts[d] = -1
        return starts, ends

    def warm(self, stop: threading.Event | None = None) -> int:
        """Read the texts of the first ``WARM_DOCS`` documents not read yet (a larger
        corpus confirms the others on the file's bytes), one record at a time, so a
        background thread can do it while the user types: it stands aside while a search
        runs (``searching``); returns how many were read."""
        read = 0
        if len(self._ids) > WARM_DOCS and self._file is not None and self._spans is None:
            self._spans = self._record_spans(self._file)  # what ``misses`` needs
        for d in range(min(len(self._ids), WARM_DOCS, CACHE_DOCS)):
            if d % YIELD_EVERY == 0:
                while self.searching and not (stop is not None and stop.is_set()):
                    time.sleep(0.002)  # the keystroke's search has the interpreter to itself
            if stop is not None and stop.is_set():
                break
            if d not in self._cache:
                self[d]
                read += 1
        return read


def on_file_bytes(needle: str) -> bool:
    """Whether ``needle`` can be sought in a corpus file's raw bytes: only letters of no case
    (Chinese characters, kana…, Unicode ``Lo``), which JSON never escapes and lower-casing a
    text neither makes nor changes, that the fold table leaves as they are; so a stored
    text holds it iff the folded one does, or (``misses``) the text has a character that
    folds into one of them."""
    table = fold_table()
    return bool(needle) and all(
        unicodedata.category(c) == "Lo" and ord(c) not in table for c in needle
    )


def lazy_texts(db: Any, index: Any) -> tuple[LazyTexts, Reader]:
    """The engine's texts over ``index`` (searched on the corpus file's bytes where they
    can be) and the reader of one article they use."""
    article_file = _scanned_file(db, index)
    read = article_reader(db, index, article_file)
    corrections = getattr(db, "corrections", None)
    touched: set[str] | frozenset[str] = frozenset()
    if corrections:
        if corrections.has_entity_corrections:  # a renamed reporter is not on the file
            article_file = None
        touched = corrections.touched
    return LazyTexts(index.ids, index.dirty, read, article_file, touched), read


def _scanned_file(db: Any, index: Any) -> ArticleFile | None:
    """``db``'s corpus file with its record offsets: those ``index`` recorded while the
    file is the one they were taken from, else from one scan; None when unreadable."""
    raw_db = getattr(db, "raw", db)
    article_file = ArticleFile.of(raw_db)
    try:
        usable = index is not None and article_file.use_offsets(index.offsets, index.offsets_stamp)
        usable = usable or article_file.scan() > 0
    except OSError:
        usable = False
    return article_file if usable else None


def article_reader(db: Any, index: Any = None, article_file: ArticleFile | None = None) -> Reader:
    """How to read one article of ``db`` by seeking in its file (its ``get`` when that
    cannot), corrected when ``db`` is a corrected view. The offsets ``index`` recorded are
    used while the file is the one they were taken from; else the file is scanned once
    (``article_file``: one already scanned)."""
    raw_db = getattr(db, "raw", db)
    if article_file is None:
        article_file = _scanned_file(db, index)

    def raw(article_id: str) -> Mapping[str, Any] | None:
        record = article_file.get(article_id) if article_file is not None else None
        return record if record is not None else raw_db.get(article_id)

    corrections = getattr(db, "corrections", None)
    if corrections:
        return lambda article_id: corrections.article(article_id, raw)
    return raw
