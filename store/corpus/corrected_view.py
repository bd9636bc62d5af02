"""The corpus seen through the reader's corrections: ``CorrectedDB`` reads as a
``CorpusDB`` does, every answer corrected (``store.corpus.corrections``)."""

from __future__ import annotations

from typing import Any

from store.corpus.corrections import Corrections, Reader, Record


class CorrectedDB:
    """A ``CorpusDB`` seen through the corrections: the same reading methods, corrected.

    Writes go to the underlying database (``raw``); the search index of the corrected view
    is kept in its own file, so the loader's index of the raw corpus stays valid.
    """

    def __init__(self, raw: Any, corrections: Corrections, read: Reader | None = None) -> None:
        """``read``: how to read one stored article (default ``raw.get``)."""
        self.raw = raw
        self._read: Reader = read or raw.get
        self.corrections = corrections
        self.path = raw.path
        self.catalog_path = raw.catalog_path
        self.index_path = raw.path.with_name(raw.path.stem + ".index-corrected.bin")
        self.fingerprint_salt = corrections.fingerprint
        self._catalog: list[Record] | None = None
        self._entities: list[Record] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)  # meta(), file_records(), add_batch() ...

    def articles(self) -> list[Record]:
        """Every article as corrected."""
        return self.corrections.articles(self.raw.articles(), self._read)

    def get(self, article_id: str) -> Record | None:
        """One article as corrected (None when there is none)."""
        return self.corrections.article(article_id, self._read)

    def catalog(self) -> list[Record]:
        """The list rows as corrected."""
        if self._catalog is None:
            self._catalog = self.corrections.rows(self.raw.catalog(), self._read)
        return self._catalog

    def entities(self) -> list[Record]:
        """The corpus entity table as corrected."""
        if self._entities is None:
            self._entities = self.corrections.entity_table(self.raw.entities(), self.catalog())
        return self._entities

    def ids(self) -> set[str]:
        """Ids of the corrected corpus's articles."""
        return {r["id"] for r in self.catalog()}

    def article_count(self) -> int:
        """How many articles the corrected corpus has."""
        return len(self.catalog())


def corrected(db: Any, corrections: Corrections | None, read: Reader | None = None) -> Any:
    """``db`` seen through ``corrections`` (``db`` itself when there are none)."""
    return CorrectedDB(db, corrections, read) if corrections else db
