"""The explorer's view of the corpus: light rows first, full articles and search lazily.

The list paints from ``CorpusDB.catalog()`` alone, in the one document order. Full articles
(for the reader) are read one at a time (``ArticleFile``) and the ``SearchEngine`` (for the
filter line) is opened on first use, both from worker threads. All matching, ordering and
facet counting of a query is the engine's job; this module maps its ids to rows, and counts
the whole corpus's entities from the catalog until the engine is open.
"""

from __future__ import annotations

import contextlib
import gc
import operator
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from store.corpus import (
    GROUPS,
    ArticleFile,
    CorpusDB,
    Corrections,
    EntityKey,
    corrected,
    count_entities,
    doc_order,
    group_of,
    person_titles,
    record_key,
    row_entity_keys,
)

if TYPE_CHECKING:
    from store.search import SearchEngine

__all__ = ["GROUPS", "GROUP_LABELS", "Corpus", "EntityKey", "FilterResult", "group_of"]

GROUP_LABELS = {
    "person": "人物 People",
    "place": "地点 Places",
    "org": "机构 Orgs",
    "reporter": "记者 Reporters",
}


@contextlib.contextmanager
def bulk_load() -> Iterator[None]:
    """Pause the garbage collector while millions of objects are created, then freeze them.

    Python's cyclic GC runs again and again while a big JSON document is decoded and scans
    everything loaded so far each time: at 100,000 articles that is most of the load time.
    The loaded rows live as long as the app, so they are moved out of the GC's way.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@dataclass(slots=True)
class FilterResult:
    """Rows (indices into ``Corpus.rows``) matching a query, its terms, facets, the
    entities it picks, or its error (all but the rows as ``SearchResult`` gives them)."""

    order: list[int]
    terms: list[str] = field(default_factory=list)
    facets: dict[EntityKey, int] | None = None  # None: the whole corpus (use corpus counts)
    error: str | None = None
    picked: list[EntityKey] = field(default_factory=list)


class Corpus:
    """Catalog rows, the entity table, and lazy access to full articles and search.

    With ``corrections`` (the reader's, from the user data) every part is the corrected
    corpus: ``db`` is the corrected view, ``raw_db`` the stored corpus.
    """

    def __init__(self, db: CorpusDB, corrections: Corrections | None = None) -> None:
        # One lock per lazily opened part: a long index build must not hold up the reader.
        self._locks = {
            name: threading.Lock() for name in ("counts", "engine", "articles", "keys", "titles")
        }
        self._full_loaded = False
        self._file: ArticleFile | bool | None = None  # None: not scanned; False: unusable
        self.raw_db = db
        self.corrections = corrections or Corrections()
        # the articles a correction touches: one seek each, not a parse of the corpus
        self.db = corrected(db, self.corrections, self._raw_article)
        with bulk_load():
            # article corrections now (titles, joins, splits: a few rows); entity corrections
            # are mapped on the rows' keys later, in a worker (``row_keys``)
            stored = db.catalog()
            if self.corrections:
                stored = self.corrections.rows(stored, self._raw_article, entities=False)
            rows = doc_order(stored)  # the search engine's order, for any query
        self.rows: list[dict[str, Any]] = rows
        self.index_of: dict[str, int] = {r["id"]: i for i, r in enumerate(rows)}
        self._entity_counts: dict[EntityKey, int] | None = None
        self._row_keys: list[tuple[EntityKey, ...]] | None = None
        self._engine: SearchEngine | None = None
        self._titles: dict[EntityKey, str] | None = None
        self._docs_checked: SearchEngine | None = None  # the engine the check below was for
        self._docs_are_rows = False

    @property
    def size(self) -> int:
        """How many articles."""
        return len(self.rows)

    # -- lazily opened parts (call from a worker) -------------------------------------
    def entity_counts(self) -> dict[EntityKey, int]:
        """Articles per entity over the whole corpus, from the catalog rows already in memory.

        (The same numbers as ``CorpusDB.entities()``, without reading the catalog file again.)
        """
        with self._locks["counts"]:
            if self._entity_counts is None:
                self._entity_counts = count_entities(self.row_keys())
            return self._entity_counts

    @property
    def articles_loaded(self) -> bool:
        """Whether articles can be read at once (the first read scans or parses the file)."""
        return self._full_loaded or bool(self._file)

    @property
    def engine_ready(self) -> bool:
        """Whether the search engine is open (the first open takes a while)."""
        return self._engine is not None

    def engine(self) -> SearchEngine:
        """The search engine (opened once; imported late so start-up stays light)."""
        with self._locks["engine"]:
            if self._engine is None:
                from store.search import SearchEngine

                with bulk_load():
                    self._engine = SearchEngine.open(self.db)
                # the texts a query confirms against are read as needed; read the rest in
                # the background so later queries never wait for the disk
                threading.Thread(target=self._warm, name="yuebao-warm-texts", daemon=True).start()
            return self._engine

    def _warm(self) -> None:
        """What the first query would otherwise pay for, done in the background."""
        from store.normalize import fold

        engine = self._engine
        if engine is None:
            return
        self._rows_follow_documents(engine)
        fold("")  # builds the fold table
        engine.warm()

    def with_corrections(self, corrections: Corrections) -> Corpus:
        """The same stored corpus seen through other corrections (a new ``Corpus``)."""
        return Corpus(self.raw_db, corrections)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The full article record, as corrected."""
        if self.corrections:
            return self.corrections.article(article_id, self._raw_article)
        return self._raw_article(article_id)

    def _raw_article(self, article_id: str) -> dict[str, Any] | None:
        """The full article record as stored.

        Read by itself from the corpus file (``store.corpus.article_file``: one scan for the record
        offsets, then a seek per article); ``CorpusDB.get``, which parses every article,
        is the fallback for anything that path cannot answer.
        """
        with self._locks["articles"]:
            if self._file is None:
                self._file = self._scan_file()
            if self._file:
                record = self._file.get(article_id)
                if record is not None:
                    return record
            if self._full_loaded:
                return self.raw_db.get(article_id)
            with bulk_load():  # the first fallback reads every article
                article = self.raw_db.get(article_id)
            self._full_loaded = True
            return article

    def _scan_file(self) -> ArticleFile | bool:
        article_file = ArticleFile.of(self.raw_db)
        try:
            found = article_file.scan()
        except OSError:
            return False
        return article_file if found else False

    # -- filtering ---------------------------------------------------------------------
    def filter(self, query: str, userdata: Any = None) -> FilterResult:
        """Rows matching ``query``, in the search engine's order (all rows for no query).

        ``userdata`` answers ``is:bookmarked``, ``has:note``, ``tag:``, ``is:unread``.
        """
        if not query.strip():
            return FilterResult(list(range(len(self.rows))))
        engine = self.engine()
        result = engine.search(query, userdata)
        if result.error:
            return FilterResult([], list(result.terms), None, result.error, result.picked)
        if self._rows_follow_documents(engine):
            order = list(result.docs)  # row k is document k: nothing to look up
        else:
            index_of = self.index_of
            order = [index_of[i] for i in result.ids if i in index_of]
        return FilterResult(order, list(result.terms), result.facets, None, result.picked)

    def _rows_follow_documents(self, engine: SearchEngine) -> bool:
        """Are the rows the search index's documents in its order (checked once)? Then a
        result's document numbers are its rows, and 93,750 results need no 93,750 look-ups."""
        if self._docs_checked is not engine:
            ids = engine.index.ids
            self._docs_are_rows = len(ids) == len(self.rows) and ids == list(
                map(operator.itemgetter("id"), self.rows)
            )
            self._docs_checked = engine
        return self._docs_are_rows

    def row_keys(self) -> list[tuple[EntityKey, ...]]:
        """Per row, its distinct entity keys (built once; facets then count at C speed)."""
        with self._locks["keys"]:
            if self._row_keys is None:
                with bulk_load():
                    self._row_keys = [self.keys_of(row) for row in self.rows]
            return self._row_keys

    def keys_of(self, row: dict[str, Any], read: bool = True) -> tuple[EntityKey, ...]:
        """A row's distinct entity keys, as the reader's corrections make them (``read``:
        may read the article when a split correction needs its text; else the keys
        already worked out, or the mapped ones)."""
        keys = row_entity_keys(row)
        fixes = self.corrections
        if not fixes.has_entity_corrections:
            return keys
        if not read and self._row_keys is not None and row["id"] in self.index_of:
            return self._row_keys[self.index_of[row["id"]]]
        if read and fixes.split_keys() & set(keys):
            article = self.article(str(row["id"]))  # the text says which name is which
            if article is not None:
                return tuple({record_key(e) for e in article.get("entities") or ()})
        return fixes.keys(keys)

    def entity_titles(self) -> dict[EntityKey, str]:
        """The office the corpus most often gives each person (``耿涛`` → ``副市长``), from
        the stored entity table (read once)."""
        with self._locks["titles"]:
            if self._titles is None:
                self._titles = person_titles(self.db.entities())
            return self._titles
