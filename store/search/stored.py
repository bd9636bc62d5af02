"""The stored index of a corpus: opened as it is, or amended by its delta; rebuilt on change.

``load_index(db)`` returns the full index when it matches the corpus, else the full index
read together with its delta (``store.search.delta``) when the delta was made for this full
index and matches the corpus, else None (the caller rebuilds). ``rebuild_index(db)`` is the
hook the loader calls after storing: a change small beside the corpus writes a delta (its
cost follows what changed, not the corpus), a large one a new full index.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson

from store.corpus import ArticleFile
from store.corpus.db import CorpusDB, delta_path_for, no_gc
from store.corpus.segments import file_stamp
from store.search.delta import (
    DELTA_MIN,
    DELTA_SHARE,
    build_delta,
    combine,
    full_offsets,
    plan_delta,
)
from store.search.index import (
    SearchIndex,
    build_index,
    db_fingerprint,
    db_index_path,
    db_stamp,
    read_index,
    record_offsets,
    save_index,
)
from store.search.streamed import StreamedArticles


def load_index(db: CorpusDB) -> SearchIndex | None:
    """The stored index of ``db`` if it matches the corpus as it is now, else None."""
    path = db_index_path(db)
    index = read_index(path)
    if index is None:
        return None
    stamp = db_stamp(db)
    if index.stamp and index.stamp == stamp:
        return index  # files untouched since the index was built: skip the fingerprint
    delta = read_index(delta_path_for(path))
    fingerprint: str | None = None
    if delta is not None and delta.base == index.fingerprint:
        if delta.stamp and delta.stamp == stamp:
            return combine(index, delta)
        fingerprint = db_fingerprint(db)
        if delta.fingerprint == fingerprint:
            return combine(index, delta)
    if fingerprint is None:
        fingerprint = db_fingerprint(db)
    return index if index.fingerprint == fingerprint else None


def rebuild_index(
    db: CorpusDB, articles: Iterable[Mapping[str, Any]] | None = None, workers: int = 1
) -> SearchIndex:
    """Index what ``db`` holds now and store it beside the database: as a delta over the
    stored full index when little changed, else as a new full index (its text postings
    built by ``workers`` processes).

    The loader calls this after storing; pass ``articles`` when they are at hand (they must
    be ``db.articles()``) to skip reading them again. The engine also rebuilds when the
    stored index is missing or stale. A write failure (read-only directory) is not fatal:
    the index is still returned for this session.
    """
    with no_gc():
        stamp = db_stamp(db)
        if articles is None:
            amended = _amend_with_segments(db, stamp)
            if amended is not None:
                return amended
        streamed = StreamedArticles.open(db) if articles is None else None
        try:
            return _rebuild(db, stamp, streamed, articles, workers)
        finally:
            if streamed is not None:
                streamed.close()


def _rebuild(
    db: CorpusDB,
    stamp: list[int],
    streamed: StreamedArticles | None,
    articles: Iterable[Mapping[str, Any]] | None,
    workers: int,
) -> SearchIndex:
    """``rebuild_index`` on the stored articles (``streamed``) or those given."""
    if streamed is not None:
        stored: Sequence[Mapping[str, Any]] = streamed  # read one by one: none held
    else:
        stored = list(db.articles() if articles is None else articles)

    def note_offsets(index: SearchIndex) -> None:
        if streamed is not None:  # the file was scanned to stream it
            index.offsets, index.offsets_stamp = streamed.offsets()
        else:
            record_offsets(index, db)

    fingerprint = db_fingerprint(db)
    path = db_index_path(db)
    base = read_index(path)
    plan = plan_delta(base, stored) if base is not None else None
    if base is not None and plan is not None:
        changed, removed = plan
        delta = build_delta(base, changed, removed, fingerprint, stamp)
        note_offsets(delta)
        with contextlib.suppress(OSError):
            save_index(delta, delta_path_for(path))
        return combine(base, delta)
    index, _texts = build_index(stored, fingerprint, stamp, workers=workers, texts=False)
    note_offsets(index)
    with contextlib.suppress(OSError):
        save_index(index, path)
        delta_path_for(path).unlink(missing_ok=True)
    return index


def _amend_with_segments(db: CorpusDB, stamp: list[int]) -> SearchIndex | None:
    """After a load appended segments (``store.corpus.segments``): a delta over the stored
    full index made of the articles of the segments it has not seen (and those of the delta
    before it), read from the segment files alone; None when the stored indexes were not
    made from these files (then the whole corpus is compared with the index)."""
    if type(db) is not CorpusDB:
        return None
    segments = db.segment_paths()
    if not segments:
        return None
    path = db_index_path(db)
    base = read_index(path)
    if base is None:
        return None
    files = db.record_files()
    stamps = [file_stamp(f) or [-1, -1] for f in files]

    def covers(index: SearchIndex) -> int:
        """How many of the record files ``index`` was made from (0: not these files)."""
        seen = index.offsets_stamp
        n = len(seen) // 2
        if not seen or len(seen) % 2 or n > len(files):
            return 0
        return n if [x for s in stamps[:n] for x in s] == list(seen) else 0

    prior = read_index(delta_path_for(path))
    kept: list[str] = []
    removed: list[int] = []
    ref = base
    if prior is not None and prior.base == base.fingerprint and covers(prior):
        ref, kept, removed = prior, list(prior.ids), list(prior.removed)
    covered = covers(ref)
    if not covered:
        return None
    new_rows = [doc for seg in files[covered:] for doc in db.segment_rows(seg)]
    if len(kept) + len(new_rows) + len(removed) > max(DELTA_MIN, base.n // DELTA_SHARE):
        return None  # a full index pays now
    article_file = ArticleFile.of(db)
    try:
        if not article_file.use_offsets(full_offsets(base, ref), ref.offsets_stamp):
            return None
        new_ids = {doc["id"] for doc in new_rows}
        changed: list[Mapping[str, Any]] = []
        for article_id in kept:
            if article_id in new_ids:
                continue
            record = article_file.get(article_id)
            if record is None:
                return None
            changed.append(record)
        changed.extend(new_rows)
        added = [row for seg in files[covered:] for row in db.segment_rows(seg, "catalog")]
        fingerprint = _chained(ref.fingerprint, added, db.entities())
        delta = build_delta(base, changed, removed, fingerprint, stamp)
        offsets, delta.offsets_stamp = article_file.offsets()
        if covers(base):  # the full index has the offsets of its files: keep the rest
            known = base.offsets
            offsets = {k: at for k, at in offsets.items() if k not in known}
            delta.offsets_extend = True
        delta.offsets = offsets
    finally:
        article_file.close()
    with contextlib.suppress(OSError):
        save_index(delta, delta_path_for(path))
    return combine(base, delta)


def _chained(before: str, rows: list[dict[str, Any]], table: list[dict[str, Any]]) -> str:
    """The fingerprint of a corpus that is the one fingerprinted ``before`` with the
    catalog ``rows`` of appended segments and, now, the entity ``table``: computed from
    what was appended, not from every row (``db_fingerprint`` would parse the catalog). An
    index stamped with it is used while the corpus files are as stamped; once they are not,
    ``db_fingerprint`` decides, which never gives it, and the index is made again."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(b"segments\x00" + before.encode())
    keyed = sorted((r["id"], r.get("entities") or [], r.get("date", "")) for r in rows)
    digest.update(orjson.dumps(keyed))
    digest.update(orjson.dumps(table))
    return digest.hexdigest()
