"""Delta indexes: a load that changes a few articles indexes those, not the corpus.

A full index (``store.search.index``) keeps a digest of each document's row
(``row_digest``). When a load changes the corpus, ``plan_delta`` compares the stored
articles with those digests: articles that are new or changed are indexed into a small
*delta* index (with the full index's trigram keys, so that every ``t`` key stays exact), and
the full index's documents that are gone or changed are listed as removed. The delta sits
beside the full index (``delta_path_for``) and names the full index it amends (``base``).

``CombinedIndex`` reads the two as one index in the one document order (newest first; on
one date the full index's documents before the delta's, as they were stored): its postings
are the full index's with the removed documents taken out and the delta's documents let in
at their places, worked out per posting when a query first asks for it. Once the delta
holds more than ``1/DELTA_SHARE`` of the corpus (and more than ``DELTA_MIN`` documents)
the next load builds a full index again.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from store.search import postings
from store.search.index import FlatLists, MappedBlobs, SearchIndex, build_index, row_digest

DELTA_SHARE = 10
DELTA_MIN = 2000


def trigram_keys(index: SearchIndex) -> list[str]:
    """The trigrams the index has postings for (its ``t`` keys, without the ``t``)."""
    keys = index.blobs
    if isinstance(keys, dict):
        return sorted(k[1:] for k in keys if k[0] == "t")
    # a stored index's keys are sorted (and decoded only when read): the ``t`` keys are one
    # run, found by bisection, and only they are decoded
    ordered = keys.sorted_keys() if isinstance(keys, MappedBlobs) else sorted(keys)
    lo = bisect.bisect_left(ordered, "t")
    hi = bisect.bisect_left(ordered, "u")
    return [ordered[i][1:] for i in range(lo, hi)]


def plan_delta(
    base: SearchIndex, articles: Iterable[Mapping[str, Any]]
) -> tuple[list[Mapping[str, Any]], list[int]] | None:
    """What a delta over ``base`` must hold for the corpus ``articles``: the articles to
    index (new, or changed since ``base`` was built) and ``base``'s document numbers to take
    out; None when ``base`` cannot be amended (no digests, or too much changed)."""
    if base.base or len(base.digests) != base.n:
        return None
    at = {doc_id: d for d, doc_id in enumerate(base.ids)}
    digests = base.digests
    kept = np.zeros(base.n, dtype=bool)
    changed: list[Mapping[str, Any]] = []
    for article in articles:
        d = at.get(article["id"])
        if d is not None and not kept[d] and digests[d] == row_digest(article):
            kept[d] = True
        else:
            changed.append(article)
    removed = np.flatnonzero(~kept).tolist()
    if len(changed) + len(removed) > max(DELTA_MIN, base.n // DELTA_SHARE):
        return None
    return changed, removed


def build_delta(
    base: SearchIndex,
    changed: list[Mapping[str, Any]],
    removed: list[int],
    fp: str,
    stamp: list[int],
) -> SearchIndex:
    """The delta index of ``changed`` over ``base`` (``fp``/``stamp``: the corpus's)."""
    delta, _texts = build_index(changed, fp, stamp, trigrams=trigram_keys(base), texts=False)
    delta.base = base.fingerprint
    delta.removed = list(removed)
    return delta


def _positions(blob: bytes | memoryview | None, n: int) -> np.ndarray:
    """The document numbers of a stored posting, as an array (no Python int made)."""
    if blob is None or not len(blob):
        return np.zeros(0, dtype=np.int64)
    if len(blob) == postings.nbytes(n):
        bits = np.unpackbits(np.frombuffer(blob, dtype=np.uint8), bitorder="little")
        return np.flatnonzero(bits[:n])
    return np.frombuffer(blob, dtype="<u4").astype(np.int64)


@dataclass(slots=True)
class CombinedIndex(SearchIndex):
    """A full index and its delta, read as one index (see the module docstring)."""

    main: SearchIndex | None = None
    delta: SearchIndex | None = None
    main_to: np.ndarray | None = None  # full-index document → combined number (-1: removed)
    delta_to: np.ndarray | None = None  # delta document → combined number
    facet_of_delta: dict[int, list[int]] | None = None  # combined facet → delta facets
    names_to: tuple[np.ndarray, np.ndarray] | None = None  # the same for entity names

    def posting(self, key: str) -> int:
        """The bit set of ``key`` over the combined documents (0 when absent)."""
        mask = self.cache.get(key)
        if mask is not None:
            return mask
        main, delta = self.main, self.delta
        assert main is not None and delta is not None
        assert self.main_to is not None and self.delta_to is not None
        if key[0] in "qQ":
            main_names, delta_names = self._name_maps()
            parts = [
                main_names[_positions(main.blobs.get(key), len(main.names))],
                delta_names[_positions(delta.blobs.get(key), len(delta.names))],
            ]
            mask = postings.from_positions(np.concatenate(parts), len(self.names))
        else:
            main_keys, delta_keys = [key], [key]
            if key[0] == "e":  # facet numbers: the delta's have their own
                number = int(key[1:])
                main_keys = main_keys if number < len(main.facet_keys) else []
                delta_keys = [f"e{j}" for j in (self.facet_of_delta or {}).get(number, [])]
            parts = [self.main_to[_positions(main.blobs.get(k), main.n)] for k in main_keys]
            parts += [self.delta_to[_positions(delta.blobs.get(k), delta.n)] for k in delta_keys]
            numbers = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
            mask = postings.from_positions(numbers[numbers >= 0], self.n)
        if len(self.cache) > 8192:
            self.cache.clear()
        self.cache[key] = mask
        return mask

    def _name_maps(self) -> tuple[np.ndarray, np.ndarray]:
        if self.names_to is None:
            assert self.main is not None and self.delta is not None
            at = {name: i for i, name in enumerate(self.names)}
            self.names_to = (
                np.array([at[x] for x in self.main.names], dtype=np.int64),
                np.array([at[x] for x in self.delta.names], dtype=np.int64),
            )
        return self.names_to


def _interleave(kept: list[Any], added: list[Any], places: list[int]) -> list[Any]:
    """``added[j]`` placed before ``kept[places[j]]`` (``places`` ascending)."""
    out: list[Any] = []
    last = 0
    for item, place in zip(added, places, strict=True):
        out.extend(kept[last:place])
        out.append(item)
        last = place
    out.extend(kept[last:])
    return out


#: past this many runs of consecutive documents, ``_placed`` scatters value by value
MAX_RUNS = 4096


def _placed(parts: list[tuple[FlatLists, np.ndarray]], n: int) -> FlatLists:
    """The lists of each part moved to their combined document numbers (``-1``: dropped).

    A delta's documents fall into the full index's at a few places, so the combined lists
    are a few runs of each part's, copied whole (at 300,000 documents about 20 ms, where
    moving each value took 0.28 s); ``_scattered`` does it value by value otherwise."""
    part_of = np.full(n, -1, dtype=np.int64)
    index_of = np.zeros(n, dtype=np.int64)
    for k, (_, to) in enumerate(parts):
        alive = np.flatnonzero(to >= 0)
        part_of[to[alive]] = k
        index_of[to[alive]] = alive
    if n == 0 or (part_of < 0).any():
        return _scattered(parts, n)
    cuts = np.flatnonzero((part_of[1:] != part_of[:-1]) | (index_of[1:] != index_of[:-1] + 1))
    if len(cuts) >= MAX_RUNS:
        return _scattered(parts, n)
    firsts = [0, *(cuts + 1).tolist()]
    lasts = [*(cuts + 1).tolist(), n]
    lengths: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for first, last in zip(firsts, lasts, strict=True):
        lists = parts[int(part_of[first])][0]
        lo, hi = int(index_of[first]), int(index_of[last - 1]) + 1
        lengths.append(np.diff(lists.starts[lo : hi + 1]))
        values.append(lists.values[int(lists.starts[lo]) : int(lists.starts[hi])])
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.concatenate(lengths), out=starts[1:])
    return FlatLists(starts, np.concatenate(values).astype(np.int64, copy=False))


def _scattered(parts: list[tuple[FlatLists, np.ndarray]], n: int) -> FlatLists:
    """``_placed`` value by value (any placing)."""
    lengths = np.zeros(n, dtype=np.int64)
    for lists, to in parts:
        alive = to >= 0
        lengths[to[alive]] = np.diff(lists.starts)[alive]
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    values = np.zeros(int(starts[-1]), dtype=np.int64)
    for lists, to in parts:
        owner = np.repeat(np.arange(len(lists), dtype=np.int64), np.diff(lists.starts))
        target = to[owner]
        alive = target >= 0
        inner = np.arange(len(lists.values), dtype=np.int64) - lists.starts[owner]
        values[starts[target[alive]] + inner[alive]] = lists.values[alive]
    return FlatLists(starts, values)


def full_offsets(main: SearchIndex, delta: SearchIndex) -> dict[str, int]:
    """Every article offset of ``delta``'s files: its own, and when it keeps only those
    past ``main``'s files (``offsets_extend``), ``main``'s before them — while ``main``'s were
    taken from the files ``delta``'s were (else none: the files are scanned)."""
    if not delta.offsets_extend:
        return delta.offsets
    seen = main.offsets_stamp
    if not seen or delta.offsets_stamp[: len(seen)] != seen:
        return {}
    return {**main.offsets, **delta.offsets}


def combine(main: SearchIndex, delta: SearchIndex) -> CombinedIndex:
    """``main`` amended by ``delta`` (whose ``base`` is ``main``'s fingerprint)."""
    removed = set(delta.removed)
    if removed:
        survivors = [d for d in range(main.n) if d not in removed]

        def kept(values: list[Any]) -> list[Any]:
            return [values[d] for d in survivors]
    else:
        survivors = list(range(main.n))

        def kept(values: list[Any]) -> list[Any]:
            return values

    dates = kept(main.dates)
    ascending = dates[::-1]
    # a delta document goes after every kept one of its date or later (its place: how many)
    places = [len(ascending) - bisect.bisect_left(ascending, date) for date in delta.dates]
    place_arr = np.asarray(places, dtype=np.int64)
    ranks = np.arange(len(survivors), dtype=np.int64)
    main_to = np.full(main.n, -1, dtype=np.int64)
    main_to[np.asarray(survivors, dtype=np.int64)] = ranks + np.searchsorted(
        place_arr, ranks, side="right"
    )
    delta_to = place_arr + np.arange(delta.n, dtype=np.int64)

    facet_no = {key: k for k, key in enumerate(main.facet_keys)}
    facet_keys = list(main.facet_keys)
    facet_of_delta: dict[int, list[int]] = {}
    delta_facet: list[int] = []
    for j, key in enumerate(delta.facet_keys):
        k = facet_no.get(key)
        if k is None:
            k = facet_no[key] = len(facet_keys)
            facet_keys.append(key)
        facet_of_delta.setdefault(k, []).append(j)
        delta_facet.append(k)
    delta_flat = FlatLists.of(delta.doc_entities)
    delta_flat = FlatLists(
        delta_flat.starts, np.asarray(delta_facet, dtype=np.int64)[delta_flat.values]
    )

    main_dirty = {int(main_to[d]) for d in main.dirty if main_to[d] >= 0}
    dirty = main_dirty | {int(delta_to[j]) for j in delta.dirty}
    values = {
        name: sorted(set(main.values.get(name, ())) | set(delta.values.get(name, ())))
        for name in set(main.values) | set(delta.values)
    }
    return CombinedIndex(
        fingerprint=delta.fingerprint,
        ids=_interleave(kept(main.ids), delta.ids, places),
        dates=_interleave(dates, delta.dates, places),
        dirty=dirty,
        doc_entities=_placed(
            [(FlatLists.of(main.doc_entities), main_to), (delta_flat, delta_to)],
            len(survivors) + delta.n,
        ),
        facet_keys=facet_keys,
        values=values,
        names=sorted(set(main.names) | set(delta.names)),
        blobs=main.blobs,  # for the ``t`` keys: the delta indexes the same trigrams
        stamp=delta.stamp,
        titles=_interleave(kept(main.titles), delta.titles, places),
        offsets=full_offsets(main, delta),
        offsets_stamp=delta.offsets_stamp,
        main=main,
        delta=delta,
        main_to=main_to,
        delta_to=delta_to,
        facet_of_delta=facet_of_delta,
    )
