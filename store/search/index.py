"""The search index: built from the corpus at load time, persisted beside it, rebuilt on change.

File ``<stem>.index.bin`` next to the corpus database (see ``index_path_for``)::

    MAGIC | u64 s | u64 h | header (orjson, h bytes) + u32/u64 offsets[K+1] (s bytes) | blobs

The header holds the corpus ``fingerprint`` (ids + entities; ``fingerprint``) and the files'
size and mtime (``db_stamp``, checked first: while they are unchanged the fingerprint is not
recomputed), the document order (ids newest first, their dates), which documents need the
traditional→simplified table, the facet entities of each document, the field values (entity
names and aliases, reporters, sources, newspapers) and the posting keys. Postings
(``store.search.postings``) are decoded lazily:

- ``b`` + one or two characters: documents whose folded ``title\\nbody`` contains them;
- ``t`` + three characters: the same, for the frequent trigrams (``choose_trigrams``; a
  trigram without a key may still occur);
- ``P`` / ``p`` + letters: documents whose title has that start / inner pinyin gram
  (``store.search.pinyin_match.grams``);
- ``f`` + field + ``\\x1f`` + folded value: documents with that person/place/org/reporter
  name or alias, source or newspaper;
- ``Q`` / ``q`` + letters: the same for entity *names* (numbers into ``names``);
- ``e`` + number: documents mentioning facet entity ``facet_keys[number]``.

Each document's ``row_digest`` is kept, so that a load that changes little writes a delta
over this index instead of a new one (``store.search.delta``; ``store.search.stored`` loads
and rebuilds).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import hashlib
import itertools
import mmap
import struct
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from store.corpus.db import CorpusDB, index_path_for
from store.corpus.groups import group_of
from store.corpus.order import doc_order
from store.files import locked, write_atomic
from store.normalize import fold, fold_known_clean, needs_translate
from store.search import pinyin_match, postings
from store.search.text_postings import TextPostings, frequent_trigrams

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

INDEX_VERSION = 12  # 5: reporters' names in the searchable text; 6: facets by group, storage
# order; 7: keys stored sorted (found by bisection); 8: titles and article offsets; 9: a
# digest per document, and delta files (``store.search.delta``); 10: each document's facets
# as two flat arrays (``FlatLists``); 11: the header is not compressed (inflating 20 MB
# took a third of ``yuebao search`` at 100k articles; it is 4 % of the file); 12: the keys
# packed as UTF-8 with their offsets, not a JSON list (decoding 600k keys took a quarter
# of opening the index at 100k articles; a key is decoded only when a bisection reads it)
MAGIC = b"YUEBAO-INDEX\x02\n"
VALUE_FIELDS = ("person", "place", "org", "reporter", "source", "newspaper")
ENTITY_TYPES = ("person", "place", "org")
TRIGRAM_SHARE = 32  # trigrams in 1/32 of the articles are indexed (see trigram_threshold)
TRIGRAM_SAMPLE = 1000  # articles sampled to find them
TRIGRAM_MIN = 8  # ... and in at least this many of them (small corpora confirm cheaply)
TRIGRAM_SAMPLE_CHARS = 5000  # of each sampled article (a huge one would cost ~100 B a char)


def fingerprint(rows: Iterable[Mapping[str, Any]], entities: Iterable[Mapping[str, Any]]) -> str:
    """A digest of the corpus: catalog rows (id + entities) and the corpus entity table."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"v{INDEX_VERSION}".encode())
    keyed = sorted((r["id"], r.get("entities") or [], r.get("date", "")) for r in rows)
    digest.update(orjson.dumps(keyed))
    ents = sorted(orjson.dumps(dict(e), option=orjson.OPT_SORT_KEYS) for e in entities)
    digest.update(b"\x00".join(ents))
    return digest.hexdigest()


_DIGESTED = ("title", "date", "byline", "source", "newspaper")


def row_digest(article: Mapping[str, Any]) -> int:
    """A 56-bit digest of what the index holds of one article (id, title, text length,
    date, byline, source, newspaper, entities): an article whose digest changed since an
    index was built is indexed again (``store.search.delta``)."""
    facts = [article.get(key) or "" for key in _DIGESTED]
    # the entities as a set: their order changes nothing the index holds
    ents = sorted(
        orjson.dumps(e, option=orjson.OPT_SORT_KEYS) for e in article.get("entities") or []
    )
    raw = orjson.dumps([article["id"], len(article.get("body") or ""), *facts]) + b"".join(ents)
    return int.from_bytes(hashlib.blake2b(raw, digest_size=7).digest(), "little")


def db_fingerprint(db: CorpusDB) -> str:
    """The fingerprint of what ``db`` holds now (reads only the light catalog file; a
    corrected view adds its corrections' fingerprint)."""
    salt = getattr(db, "fingerprint_salt", "")
    return fingerprint(db.catalog(), db.entities()) + (f"+{salt}" if salt else "")


def db_index_path(db: CorpusDB) -> Path:
    """Where the index of ``db`` is kept (a corrected view keeps its own)."""
    return getattr(db, "index_path", None) or index_path_for(db.path)


def db_stamp(db: CorpusDB) -> list[int]:
    """Size and modification time of the corpus files: a cheap first check of staleness."""
    stamp: list[int] = []
    manifest = getattr(getattr(db, "raw", db), "manifest_path", None)
    for path in (db.path, db.catalog_path, *([manifest] if manifest else [])):
        try:
            info = path.stat()
            stamp += [info.st_size, info.st_mtime_ns]
        except OSError:
            stamp += [-1, -1]
    salt = getattr(db, "fingerprint_salt", "")
    if salt:
        stamp.append(int(salt, 16) & 0x7FFF_FFFF_FFFF_FFFF)
    return stamp


def article_text(article: Mapping[str, Any]) -> str:
    """The searchable text of an article, unfolded: title, a newline, body, and a last
    line of the reporters' names (free text finds an article by its byline too)."""
    text = (article.get("title") or "") + "\n" + (article.get("body") or "")
    names = [str(n) for n in reporters_of(article) if n]
    return text + "\n" + " ".join(dict.fromkeys(names)) if names else text


def reporters_of(article: Mapping[str, Any]) -> list[str]:
    """Byline names and entities marked as bylines."""
    names = list(article.get("byline") or [])
    names += [e["name"] for e in article.get("entities") or [] if e.get("role") == "byline"]
    return names


def trigram_threshold(n: int) -> int:
    """Trigrams in at least this many of ``n`` articles get a posting (``t`` keys)."""
    return max(TRIGRAM_MIN, n // TRIGRAM_SHARE)


class FlatLists(Sequence[list[int]]):
    """Lists of ints kept as one flat array and the start of each list in it: a stored
    index's per-document facets open without making a Python list per document."""

    def __init__(self, starts: np.ndarray, values: np.ndarray) -> None:
        self.starts = starts
        self.values = values

    @classmethod
    def of(cls, lists: Sequence[Sequence[int]]) -> FlatLists:
        """The flat form of ``lists`` (itself when already flat)."""
        if isinstance(lists, FlatLists):
            return lists
        lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        starts = np.zeros(len(lists) + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        values = np.fromiter(
            itertools.chain.from_iterable(lists), dtype=np.int64, count=int(starts[-1])
        )
        return cls(starts, values)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, i: int | slice) -> Any:  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return self.values[self.starts[i] : self.starts[i + 1]].tolist()


def _u32_text(values: np.ndarray) -> str:
    return base64.b64encode(values.astype("<u4").tobytes()).decode("ascii")


def _u32_array(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.int64)


@dataclass(slots=True)
class SearchIndex:
    """A loaded (or freshly built) index; postings decode on first use."""

    fingerprint: str
    ids: list[str]
    dates: list[str]
    dirty: set[int]
    doc_entities: Sequence[list[int]]  # facet numbers per document (``FlatLists`` when read)
    facet_keys: list[tuple[str, str]]
    values: dict[str, list[str]]
    names: list[str]
    blobs: Mapping[str, bytes | memoryview]
    stamp: list[int] = field(default_factory=list)
    cache: dict[str, int] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)  # folded, in document order
    #: where each stored article's record starts in the corpus file, and the file's
    #: [size, mtime] they were read at (an article is then one seek, no scan of the file)
    offsets: dict[str, int] = field(default_factory=dict)
    offsets_stamp: list[int] = field(default_factory=list)
    #: a delta's ``offsets`` are only those of the records past its full index's files (the
    #: full index holds the rest): a page added keeps the delta small at any corpus size
    offsets_extend: bool = False
    digests: list[int] = field(default_factory=list)  # ``row_digest`` per document
    #: a delta index (``store.search.delta``): the fingerprint of the index it amends and
    #: the document numbers of that index it takes out (``[]`` in a full index)
    base: str = ""
    removed: list[int] = field(default_factory=list)

    @property
    def n(self) -> int:
        """Number of documents."""
        return len(self.ids)

    def posting(self, key: str) -> int:
        """The bit set stored under ``key`` (0 when absent)."""
        mask = self.cache.get(key)
        if mask is None:
            blob = self.blobs.get(key)
            size = len(self.names) if key[0] in "qQ" else self.n
            mask = postings.decode(blob, size) if blob is not None else 0
            if len(self.cache) > 8192:
                self.cache.clear()
            self.cache[key] = mask
        return mask


# -- building ---------------------------------------------------------------------------
TEXT_BATCH = 256  # articles whose n-grams are worked out in one numpy pass


PARALLEL_MIN_DOCS = 500  # fewer documents: the text postings are built in this process

#: what ``_text_part`` in a forked worker reads: (folded texts, trigrams, documents)
_SHARED: tuple[list[str], list[str], int] | None = None


def _text_part(part: int, parts: int) -> dict[str, bytes]:
    """The encoded n-gram postings of the keys that are ``part`` modulo ``parts``."""
    assert _SHARED is not None
    texts, trigrams, n = _SHARED
    text = TextPostings(trigrams, (part, parts))
    for start in range(0, len(texts), TEXT_BATCH):
        text.add_many(start, texts[start : start + TEXT_BATCH])
    return {key: postings.encode(nums, n) for key, nums in text.items()}


class TextParts:
    """The text postings built by ``workers`` forked processes, a share of the keys each,
    while this one indexes the rest (built here instead where there is no fork)."""

    def __init__(self, texts: list[str], trigrams: list[str], n: int, workers: int) -> None:
        import multiprocessing  # here: opening an index needs neither
        from concurrent.futures import ProcessPoolExecutor

        global _SHARED
        self._args = (texts, trigrams, n)
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[dict[str, bytes]]] = []
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:
            return
        _SHARED = self._args  # the forked workers see it; nothing is pickled
        try:
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
            self._futures = [self._pool.submit(_text_part, k, workers) for k in range(workers)]
        except OSError:
            self._pool = None
        finally:
            _SHARED = None

    def blobs(self) -> dict[str, bytes]:
        """Every key's encoded postings."""
        from concurrent.futures.process import BrokenProcessPool

        out: dict[str, bytes] = {}
        try:
            for future in self._futures:
                out.update(future.result())
            if self._futures:
                return out
        except (BrokenProcessPool, OSError):
            pass  # a worker died: build them here
        finally:
            if self._pool is not None:
                self._pool.shutdown()
        global _SHARED
        _SHARED = self._args
        try:
            return _text_part(0, 1)
        finally:
            _SHARED = None


class _Builder:
    """Accumulates posting arrays while walking the articles once."""

    def __init__(self) -> None:
        self.lists: dict[str, array] = defaultdict(lambda: array("I"))
        self.facet_no: dict[tuple[str, str], int] = {}
        self.doc_entities: list[list[int]] = []
        self.values: dict[str, dict[str, None]] = {f: {} for f in VALUE_FIELDS}
        self.dirty: list[int] = []
        self.title_keys: dict[str, list[str]] = {}
        self.text = TextPostings(())
        self.trigrams: list[str] = []  # the ones ``text`` indexes
        self.folded_names: dict[str, str] = {}
        self.titles: list[str] = []
        self._texts: list[str] = []  # folded texts not yet given to ``text``
        self._next_text = 0  # the document number of ``_texts[0]``

    def flush_texts(self) -> None:
        """Give the buffered texts to the n-gram postings (one numpy pass for many)."""
        self.text.add_many(self._next_text, self._texts)
        self._next_text += len(self._texts)
        self._texts = []

    def use_trigrams(self, trigrams: Iterable[str]) -> None:
        """Index exactly these trigrams (a delta index takes its base index's)."""
        self.trigrams = list(trigrams)
        self.text = TextPostings(self.trigrams)

    def choose_trigrams(self, ordered: list[Mapping[str, Any]]) -> None:
        """Pick the trigrams to index: those in at least 1/``TRIGRAM_SHARE`` of (a sample of
        up to ``TRIGRAM_SAMPLE``) articles, and in ``TRIGRAM_MIN`` or more. Frequent
        trigrams are where confirming a 3-character term would cost most; the choice only
        decides what gets a posting — every posting built is exact."""
        step = max(1, len(ordered) // TRIGRAM_SAMPLE)
        sample = ordered[::step]
        texts = (fold(article_text(article)[:TRIGRAM_SAMPLE_CHARS]) for article in sample)
        self.use_trigrams(frequent_trigrams(texts, trigram_threshold(len(sample))))

    def folded_text(self, d: int, article: Mapping[str, Any]) -> str:
        """Document ``d``'s folded searchable text (noted as dirty when the table is needed)."""
        raw = article_text(article)
        if needs_translate(raw):
            self.dirty.append(d)
            return fold(raw)
        return fold_known_clean(raw)

    def add(self, d: int, article: Mapping[str, Any], folded: str | None = None) -> None:
        """Index document ``d`` (``folded``: its text folded already, whose n-gram
        postings are built elsewhere)."""
        if folded is None:
            folded = self.folded_text(d, article)
            self._texts.append(folded)
            if len(self._texts) >= TEXT_BATCH:
                self.flush_texts()
        lists = self.lists
        title = folded.partition("\n")[0]
        self.titles.append(title)
        keys = self.title_keys.get(title)
        if keys is None:
            start, inner = pinyin_match.grams(title)
            keys = self.title_keys[title] = ["P" + g for g in start] + ["p" + g for g in inner]
        for key in keys:
            lists[key].append(d)
        self.add_fields(d, article)

    def fold(self, text: str) -> str:
        """``fold``, remembered: the same names recur in thousands of articles."""
        folded = self.folded_names.get(text)
        if folded is None:
            folded = self.folded_names[text] = fold(text)
        return folded

    def add_fields(self, d: int, article: Mapping[str, Any]) -> None:
        fold = self.fold
        found: dict[str, set[str]] = {f: set() for f in VALUE_FIELDS}
        ents: dict[int, None] = {}
        for ent in article.get("entities") or []:
            key = (ent["name"], group_of(ent["type"], ent.get("role")))
            ents.setdefault(self.facet_no.setdefault(key, len(self.facet_no)))
            if ent["type"] in ENTITY_TYPES:
                found[ent["type"]].update(fold(x) for x in [ent["name"], *ent.get("aliases", [])])
        for e in ents:
            self.lists[f"e{e}"].append(d)
        found["reporter"].update(fold(x) for x in reporters_of(article))
        for name in ("source", "newspaper"):
            found[name].add(fold(article.get(name) or ""))
        for name, vals in found.items():
            for val in vals:
                if val:
                    self.values[name].setdefault(val)
                    self.lists["f" + name + "\x1f" + val].append(d)
        self.doc_entities.append(list(ents))


def build_index(
    articles: Iterable[Mapping[str, Any]],
    fp: str,
    stamp: list[int] | None = None,
    trigrams: Iterable[str] | None = None,
    workers: int = 1,
    texts: bool = True,
) -> tuple[SearchIndex, list[str]]:
    """Index ``articles`` (``fp``/``stamp``: the corpus's ``fingerprint`` and ``db_stamp``
    taken before reading them; ``trigrams``: the trigrams to index, else chosen from the
    articles; ``workers``: processes that build the text postings meanwhile, each a share
    of the keys); returns the index and the unfolded texts in document order (none unless
    ``texts``). A sequence marked ``in_doc_order`` (``StreamedArticles``) is taken in its
    order and walked once, or twice with ``workers``, besides a sample."""
    if getattr(articles, "in_doc_order", False):
        ordered: Sequence[Mapping[str, Any]] = articles  # type: ignore[assignment]
    else:
        ordered = doc_order(articles)
    n = len(ordered)
    builder = _Builder()
    if trigrams is None:
        builder.choose_trigrams(ordered)
    else:
        builder.use_trigrams(trigrams)
    folded: list[str] | None = None
    text_parts = None
    if workers > 1 and n >= PARALLEL_MIN_DOCS:
        folded = [builder.folded_text(d, article) for d, article in enumerate(ordered)]
        text_parts = TextParts(folded, builder.trigrams, n, workers)
    ids: list[str] = []
    dates: list[str] = []
    digests: list[int] = []
    unfolded: list[str] = []
    for d, article in enumerate(ordered):
        builder.add(d, article, folded[d] if folded is not None else None)
        ids.append(article["id"])
        dates.append(article.get("date") or "")
        digests.append(row_digest(article))
        if texts:
            unfolded.append(article_text(article))
    builder.flush_texts()
    text_blobs = text_parts.blobs() if text_parts is not None else None
    values = {f: sorted(v) for f, v in builder.values.items()}
    names = sorted({v for f in ("person", "place", "org", "reporter") for v in values[f]})
    name_lists: dict[str, array] = defaultdict(lambda: array("I"))
    for i, name in enumerate(names):
        start, inner = pinyin_match.grams(name)
        for gram in start:
            name_lists["Q" + gram].append(i)
        for gram in inner:
            name_lists["q" + gram].append(i)
    if text_blobs is not None:
        blobs: dict[str, bytes | memoryview] = text_blobs
    else:
        blobs = {key: postings.encode(nums, n) for key, nums in builder.text.items()}
    blobs.update((key, postings.encode(nums, n)) for key, nums in builder.lists.items())
    blobs.update((key, postings.encode(nums, len(names))) for key, nums in name_lists.items())
    facet_keys = [k for k, _ in sorted(builder.facet_no.items(), key=lambda kv: kv[1])]
    index = SearchIndex(
        fingerprint=fp,
        ids=ids,
        dates=dates,
        dirty=set(builder.dirty),
        doc_entities=builder.doc_entities,
        facet_keys=facet_keys,
        values=values,
        names=names,
        blobs=blobs,
        stamp=list(stamp or []),
        titles=builder.titles,
        digests=digests,
    )
    return index, unfolded


# -- persistence ------------------------------------------------------------------------
def save_index(index: SearchIndex, path: Path) -> int:
    """Write ``index`` atomically to ``path``; returns the file size in bytes."""
    keys = sorted(index.blobs)  # sorted: a reader finds a key by bisection (``MappedBlobs``)
    total = sum(len(index.blobs[k]) for k in keys)
    offsets = array("I" if total < 1 << 32 else "Q", [0])
    for key in keys:
        offsets.append(offsets[-1] + len(index.blobs[key]))
    if sys.byteorder != "little":
        offsets.byteswap()
    flat = FlatLists.of(index.doc_entities)
    packed = [key.encode("utf-8") for key in keys]
    key_blob = b"".join(packed)
    key_offsets = array("I" if len(key_blob) < 1 << 32 else "Q", [0])
    for raw_key in packed:
        key_offsets.append(key_offsets[-1] + len(raw_key))
    if sys.byteorder != "little":
        key_offsets.byteswap()
    header = orjson.dumps(
        {
            "version": INDEX_VERSION,
            "fingerprint": index.fingerprint,
            "stamp": index.stamp,
            "ids": index.ids,
            "dates": index.dates,
            "dirty": sorted(index.dirty),
            "doc_entity_starts": _u32_text(flat.starts),
            "doc_entity_values": _u32_text(flat.values),
            "facet_keys": index.facet_keys,
            "values": index.values,
            "names": index.names,
            "key_count": len(keys),
            "key_offset_bytes": key_offsets.itemsize,
            "key_blob_bytes": len(key_blob),
            "offset_bytes": offsets.itemsize,
            "titles": index.titles,
            "offsets": index.offsets,
            "offsets_stamp": index.offsets_stamp,
            "offsets_extend": index.offsets_extend,
            "digests": index.digests,
            "base": index.base,
            "removed": index.removed,
        }
    )
    head = header + offsets.tobytes() + key_offsets.tobytes() + key_blob
    data = b"".join(
        [MAGIC, struct.pack("<QQ", len(head), len(header)), head]
        + [bytes(index.blobs[k]) for k in keys]
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        write_atomic(path, data)
    return len(data)


class MappedBlobs(Mapping[str, memoryview]):
    """The postings of a stored index by key, found by bisecting the sorted keys: opening
    an index of millions of keys builds no dict and slices nothing until a key is used."""

    def __init__(self, raw: memoryview, base: int, keys: Sequence[str], offsets: array) -> None:
        self._raw = raw
        self._base = base
        self._keys = keys
        self._offsets = offsets

    def _at(self, key: object) -> int:
        keys = self._keys
        i = bisect.bisect_left(keys, key) if isinstance(key, str) else len(keys)
        return i if i < len(keys) and keys[i] == key else -1

    def __getitem__(self, key: str) -> memoryview:
        i = self._at(key)
        if i < 0:
            raise KeyError(key)
        base, offsets = self._base, self._offsets
        return self._raw[base + offsets[i] : base + offsets[i + 1]]

    def __contains__(self, key: object) -> bool:
        return self._at(key) >= 0

    def sorted_keys(self) -> Sequence[str]:
        """The keys, sorted (decoded one by one as read: bisect them)."""
        return self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _offsets(section: memoryview, at: int, count: int, itemsize: int) -> array:
    """``count`` little-endian unsigned offsets of ``itemsize`` bytes at ``at``."""
    out = array("I" if itemsize == 4 else "Q")
    out.frombytes(section[at : at + count * out.itemsize])
    if sys.byteorder != "little":
        out.byteswap()
    if len(out) != count:
        raise ValueError("truncated index")
    return out


class PackedKeys(Sequence[str]):
    """The sorted keys of a stored index, packed as UTF-8: a key is decoded when read
    (UTF-8 sorts as the code points do, so ``bisect`` finds keys as in a list)."""

    def __init__(self, blob: memoryview, offsets: array) -> None:
        self._blob = blob
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return str(self._blob[self._offsets[i] : self._offsets[i + 1]], "utf-8")

    def __iter__(self) -> Iterator[str]:
        blob, offsets = self._blob, self._offsets
        for i in range(len(offsets) - 1):
            yield str(blob[offsets[i] : offsets[i + 1]], "utf-8")


def _map(path: Path) -> memoryview | None:
    """The file's bytes, memory-mapped (pages load as postings are used) or read."""
    try:
        with path.open("rb") as handle:
            try:
                return memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
            except (ValueError, OSError):  # empty file, or no mmap here
                return memoryview(handle.read())
    except OSError:
        return None


def read_index(path: Path) -> SearchIndex | None:
    """The index stored at ``path``, or None when missing, unreadable or of another version."""
    raw = _map(path)
    if raw is None:
        return None
    try:
        if bytes(raw[: len(MAGIC)]) != MAGIC:
            return None
        pos = len(MAGIC)
        slen, hlen = struct.unpack_from("<QQ", raw, pos)
        pos += 16
        section = raw[pos : pos + slen]
        base = pos + slen
        head = orjson.loads(section[:hlen])
        if head.get("version") != INDEX_VERSION:
            return None
        count = head["key_count"]
        offsets = _offsets(section, hlen, count + 1, head["offset_bytes"])
        at = hlen + (count + 1) * offsets.itemsize
        key_offsets = _offsets(section, at, count + 1, head["key_offset_bytes"])
        at += (count + 1) * key_offsets.itemsize
        keys = PackedKeys(section[at : at + head["key_blob_bytes"]], key_offsets)
        doc_entities = FlatLists(
            _u32_array(head["doc_entity_starts"]), _u32_array(head["doc_entity_values"])
        )
        n = len(head["ids"])
        if len(offsets) != len(keys) + 1 or len(head["titles"]) != n or len(doc_entities) != n:
            return None
        blobs = MappedBlobs(raw, base, keys, offsets)
        return SearchIndex(
            fingerprint=head["fingerprint"],
            stamp=head.get("stamp") or [],
            ids=head["ids"],
            dates=head["dates"],
            dirty=set(head["dirty"]),
            doc_entities=doc_entities,
            facet_keys=[tuple(k) for k in head["facet_keys"]],
            values=head["values"],
            names=head["names"],
            blobs=blobs,
            titles=head.get("titles") or [],
            offsets=head.get("offsets") or {},
            offsets_stamp=head.get("offsets_stamp") or [],
            offsets_extend=bool(head.get("offsets_extend")),
            digests=head.get("digests") or [],
            base=head.get("base") or "",
            removed=head.get("removed") or [],
        )
    except (
        ValueError, KeyError, TypeError, struct.error, orjson.JSONDecodeError,
        binascii.Error,
    ):  # fmt: skip
        return None


def record_offsets(index: SearchIndex, db: CorpusDB) -> None:
    """Note where each article of ``db``'s corpus file starts (one scan of the file), so
    an engine opened later reads an article with one seek."""
    from store.corpus import ArticleFile

    raw_db = getattr(db, "raw", db)
    article_file = ArticleFile.of(raw_db)
    try:
        article_file.scan()
    except OSError:
        return
    index.offsets, index.offsets_stamp = article_file.offsets()
    article_file.close()
