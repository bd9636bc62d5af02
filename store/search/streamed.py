"""The articles of a corpus file in document order, each read from the file when asked.

Rebuilding the index of a large corpus from ``CorpusDB.articles()`` holds every article at
once (at 100,000 articles 3.1 GB at peak before a posting is built). The index needs each
article once or twice, in document order: this sequence reads each record from the corpus
file by its offset when asked (``ArticleFile``) and keeps none. Its order is
``store.corpus.doc_order`` of the stored articles: the file's order, stably sorted by the
catalog rows' dates.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

from store.corpus import ArticleFile, CorpusDB


class StreamedArticles(Sequence[Mapping[str, Any]]):
    """Stored articles in document order, read one by one (``in_doc_order``: no sort)."""

    in_doc_order = True

    def __init__(self, db: CorpusDB, article_file: ArticleFile, ids: list[str]) -> None:
        self._db = db
        self._file = article_file
        self.ids = ids

    @classmethod
    def open(cls, db: CorpusDB) -> StreamedArticles | None:
        """The stored articles of a plain corpus file, or None where they cannot be
        streamed (no file, a view that changes what it reads, a catalog that does not list
        exactly the records the file holds): then read them all."""
        if type(db) is not CorpusDB:
            return None
        article_file = ArticleFile.of(db)
        try:
            article_file.scan()
        except OSError:
            return None
        offsets, _ = article_file.offsets()
        date_of = {row["id"]: row.get("date") or "" for row in db.catalog()}
        if len(offsets) != len(date_of) or not all(i in date_of for i in offsets):
            article_file.close()
            return None
        in_file = sorted(offsets, key=offsets.__getitem__)
        ordered = sorted(in_file, key=date_of.__getitem__, reverse=True)  # as doc_order
        return cls(db, article_file, ordered)

    def offsets(self) -> tuple[dict[str, int], list[int]]:
        """The records' offsets and the file's stamp, as ``ArticleFile.offsets`` (for the
        index built from them: no second scan)."""
        return self._file.offsets()

    def close(self) -> None:
        """Close the corpus file."""
        self._file.close()

    def __len__(self) -> int:
        return len(self.ids)

    def _read(self, article_id: str) -> Mapping[str, Any]:
        record = self._file.get(article_id)
        if record is None:  # not where the scan found it: the slow, sure way
            record = self._db.get(article_id)
        if record is None:
            raise KeyError(article_id)
        return record

    @overload
    def __getitem__(self, k: int) -> Mapping[str, Any]: ...
    @overload
    def __getitem__(self, k: slice) -> list[Mapping[str, Any]]: ...
    def __getitem__(self, k: int | slice) -> Mapping[str, Any] | list[Mapping[str, Any]]:
        if isinstance(k, slice):
            return [self._read(i) for i in self.ids[k]]
        return self._read(self.ids[k])

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        for article_id in self.ids:
            yield self._read(article_id)
