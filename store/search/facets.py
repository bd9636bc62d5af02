"""Entity facet counts within a result set: what the sidebar shows as the user types.

A facet is an entity in its group (``group_of``: people, places, organisations, and the
reporters apart from the people in the news).

Frequent entities (in at least ``DENSE_FACET_MIN`` articles and 1/512 of the corpus) keep a
bit set and are counted with one AND and ``bit_count`` each; the long tail is counted from
per-article lists, over the results or — when that is shorter — over the articles outside
them, subtracted from the corpus totals. Only articles that mention a rare entity at all
are walked.
"""

from __future__ import annotations

import itertools
from collections import Counter

from store.corpus.groups import EntityKey
from store.search import postings
from store.search.index import SearchIndex

DENSE_FACET_MIN = 16

Facets = dict[EntityKey, int]


class FacetCounter:
    """Counts (name, type) → articles for any bit set of an index's documents."""

    def __init__(self, index: SearchIndex) -> None:
        n = self._n = index.n
        self._keys = index.facet_keys
        self._all = postings.full(n)
        threshold = max(DENSE_FACET_MIN, n // 512)
        dense: dict[int, int] = {}
        for e in range(len(index.facet_keys)):
            blob = index.blobs.get(f"e{e}")
            if blob is not None and (
                len(blob) == postings.nbytes(n) or len(blob) // 4 >= threshold
            ):
                dense[e] = index.posting(f"e{e}")
        self._dense = dense
        self._rare_of_doc = [[e for e in ents if e not in dense] for ents in index.doc_entities]
        self._rare_total = Counter(itertools.chain.from_iterable(self._rare_of_doc))
        self._has_rare = postings.from_positions(
            (d for d, ents in enumerate(self._rare_of_doc) if ents), n
        )
        keys = self._keys
        totals = {keys[e]: m.bit_count() for e, m in dense.items()}
        totals.update((keys[e], c) for e, c in self._rare_total.items())
        # an entity whose every article left the corpus (a delta index) is no facet
        self._totals = {key: c for key, c in totals.items() if c}

    def count(self, mask: int) -> Facets:
        """Entity counts within the documents of ``mask``."""
        if mask == self._all:
            return dict(self._totals)
        keys = self._keys
        facets = {}
        for e, emask in self._dense.items():
            c = (mask & emask).bit_count()
            if c:
                facets[keys[e]] = c
        rare = self._rare_of_doc
        inside = mask & self._has_rare
        outside = self._has_rare & ~mask
        if inside.bit_count() <= outside.bit_count():
            docs = postings.positions(inside)
            counts = Counter(itertools.chain.from_iterable(map(rare.__getitem__, docs)))
        else:
            docs = postings.positions(outside)
            counts = self._rare_total - Counter(
                itertools.chain.from_iterable(map(rare.__getitem__, docs))
            )
        facets.update((keys[e], c) for e, c in counts.items() if c > 0)
        return facets
