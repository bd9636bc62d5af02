"""Search over the stored corpus: the one entry point the CLI and the app use.

PLACEHOLDER brute-force implementation (substring AND over title and body). The query
language and the index (issue 6) replace the internals while keeping this API.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from store.db import CorpusDB


@dataclass(slots=True)
class SearchResult:
    """What a query gives: ordered ids, terms to highlight, facet counts, or an error."""

    ids: list[str]
    total: int
    terms: list[str] = field(default_factory=list)
    facets: dict[tuple[str, str], int] = field(default_factory=dict)
    error: str | None = None


class SearchEngine:
    """Answers filter-line queries over one corpus."""

    def __init__(self, articles: list[dict[str, Any]]) -> None:
        self._articles = articles

    @classmethod
    def open(cls, db: CorpusDB) -> SearchEngine:
        """An engine over everything stored in ``db``."""
        return cls(db.articles())

    def search(self, query: str) -> SearchResult:
        """Articles whose title or body contains every space-separated term."""
        terms = [t for t in query.split() if t]
        ids: list[str] = []
        facets: Counter[tuple[str, str]] = Counter()
        for art in self._articles:
            hay = art.get("title", "") + "\n" + art.get("body", "")
            if all(t in hay for t in terms):
                ids.append(art["id"])
                for ent in art.get("entities", []) or []:
                    facets[(ent["name"], ent["type"])] += 1
        return SearchResult(ids=ids, total=len(self._articles), terms=terms, facets=dict(facets))
