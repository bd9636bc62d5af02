"""Character n-gram postings of the article texts, built with numpy over code points.

Every character (unigram), every pair of characters (bigram) and the chosen frequent
trigrams of each folded ``title\\nbody`` map to the sorted numbers of the documents that
contain them; nothing spans a newline. No per-gram Python string is made while building:
keys are packed code points (21 bits each; bigrams carry a tag bit above them), trigrams
are numbered by their place in the sorted list of chosen ones, and each chunk of
(key, document) pairs is packed into one 64-bit integer and sorted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

_BITS = 21
_MASK = (1 << _BITS) - 1
_TAG = np.uint64(1 << (2 * _BITS))  # marks bigram keys, apart from unigram keys
_DOC_BITS = 20  # documents per chunk < 2**20
_DOC_MASK = np.uint64((1 << _DOC_BITS) - 1)
_NEWLINE = 10
CHUNK_KEYS = 4_000_000  # (key, document) pairs buffered before a sort


def _codes(text: str) -> np.ndarray:
    raw = text.encode("utf-32-le", "surrogatepass")
    return np.frombuffer(raw, dtype=np.uint32).astype(np.uint64)


def trigram_key(gram: str) -> int:
    """The packed code points of a three-character string."""
    a, b, c = (ord(ch) for ch in gram)
    return a << (2 * _BITS) | b << _BITS | c


def _gram_text(key: int) -> str:
    if key >> (2 * _BITS):
        return chr(key >> _BITS & _MASK) + chr(key & _MASK)
    return chr(key)


def _trigram_text(key: int) -> str:
    return chr(key >> (2 * _BITS)) + chr(key >> _BITS & _MASK) + chr(key & _MASK)


def frequent_trigrams(texts: Iterable[str], least: int) -> list[str]:
    """The trigrams (three characters within one line) found in ``least`` or more of
    ``texts``: each text's distinct ones with numpy, then counted over all at once."""
    found = []
    for text in texts:
        c = _codes(text)
        if len(c) < 3:
            continue
        ok = c != _NEWLINE
        whole = ok[:-2] & ok[1:-1] & ok[2:]
        keys = (c[:-2] << np.uint64(2 * _BITS)) | (c[1:-1] << np.uint64(_BITS)) | c[2:]
        found.append(np.unique(keys[whole]))
    if not found:
        return []
    keys, counts = np.unique(np.concatenate(found), return_counts=True)
    return [_trigram_text(k) for k in keys[counts >= least].tolist()]


class _Stream:
    """Buffers (key, doc) pairs (keys < 2**44); sorts a chunk at a time into per-key
    arrays of ascending documents, dropping repeats of a key within a document."""

    def __init__(self) -> None:
        self.keys: list[np.ndarray] = []
        self.docs: list[int] = []  # the first document of each buffered piece
        self.pair_docs: list[np.ndarray] = []
        self.buffered = 0
        self.parts: dict[int, list[np.ndarray]] = {}

    def add(self, d: int, keys: np.ndarray) -> None:
        self.add_many(keys, np.full(len(keys), d, dtype=np.uint64), d, d)

    def add_many(self, keys: np.ndarray, docs: np.ndarray, first: int, last: int) -> None:
        """Pairs ``(keys[i], docs[i])`` of documents ``first`` .. ``last`` (ascending)."""
        if not len(keys):
            return
        if self.docs and last - self.docs[0] >= _DOC_MASK:
            self.flush()
        self.keys.append(keys)
        self.pair_docs.append(docs)
        self.docs.append(first)
        self.buffered += len(keys)
        if self.buffered >= CHUNK_KEYS:
            self.flush()

    def flush(self) -> None:
        if not self.keys:
            return
        base = self.docs[0]
        local = np.concatenate(self.pair_docs) - np.uint64(base)
        packed = np.concatenate(self.keys) << np.uint64(_DOC_BITS) | local
        self.keys, self.docs, self.pair_docs, self.buffered = [], [], [], 0
        packed.sort()
        fresh = np.ones(len(packed), dtype=bool)
        fresh[1:] = packed[1:] != packed[:-1]
        packed = packed[fresh]
        keys = packed >> np.uint64(_DOC_BITS)
        docs = ((packed & _DOC_MASK) + np.uint64(base)).astype(np.uint32)
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        starts = np.flatnonzero(first)
        parts = self.parts
        for key, chunk in zip(keys[starts].tolist(), np.split(docs, starts[1:]), strict=True):
            found = parts.get(key)
            if found is None:
                parts[key] = [chunk]
            else:
                found.append(chunk)

    def items(self) -> Iterator[tuple[int, np.ndarray]]:
        self.flush()
        for key, chunks in self.parts.items():
            yield key, chunks[0] if len(chunks) == 1 else np.concatenate(chunks)


class TextPostings:
    """Collects the n-gram postings of folded texts given in document order."""

    def __init__(self, frequent_trigrams: Iterable[str], part: tuple[int, int] = (0, 1)) -> None:
        """``part`` ``(k, parts)``: keep only the keys that are ``k`` modulo ``parts`` (the
        postings of one of ``parts`` processes building them side by side)."""
        keys = sorted({trigram_key(t) for t in frequent_trigrams})
        self._frequent = np.array(keys, dtype=np.uint64)
        self._grams = _Stream()
        self._trigrams = _Stream()  # keys: positions in _frequent
        self._part = (np.uint64(part[0]), np.uint64(part[1])) if part[1] > 1 else None

    def add(self, d: int, folded: str) -> None:
        """Add document ``d``'s folded ``title\nbody`` (documents in increasing order)."""
        self.add_many(d, [folded])

    def add_many(self, first: int, folded: list[str]) -> None:
        """Add documents ``first``, ``first + 1`` ... at once (their folded texts): one
        pass of numpy over them all, joined by newlines (which no gram spans)."""
        if not folded:
            return
        c = _codes("\n".join(folded))
        if not len(c):
            return
        sizes = np.fromiter((len(t) + 1 for t in folded), dtype=np.int64, count=len(folded))
        doc = np.repeat(np.arange(first, first + len(folded), dtype=np.uint64), sizes)[: len(c)]
        last = first + len(folded) - 1
        ok = c != _NEWLINE
        pair_ok = ok[:-1] & ok[1:]
        pairs = ((c[:-1] << np.uint64(_BITS)) | c[1:] | _TAG)[pair_ok]
        grams = np.concatenate([c[ok], pairs])
        gram_docs = np.concatenate([doc[ok], doc[:-1][pair_ok]])
        if self._part is not None:
            mine = grams % self._part[1] == self._part[0]
            grams, gram_docs = grams[mine], gram_docs[mine]
        self._grams.add_many(grams, gram_docs, first, last)
        frequent = self._frequent
        if len(frequent) and len(c) >= 3:
            triple_ok = pair_ok[:-1] & ok[2:]
            triples = (c[:-2] << np.uint64(2 * _BITS)) | (c[1:-1] << np.uint64(_BITS)) | c[2:]
            triples = triples[triple_ok]
            at = np.minimum(np.searchsorted(frequent, triples), len(frequent) - 1)
            hit = frequent[at] == triples
            if self._part is not None:
                hit &= triples % self._part[1] == self._part[0]
            self._trigrams.add_many(
                at[hit].astype(np.uint64), doc[:-2][triple_ok][hit], first, last
            )

    def items(self) -> Iterator[tuple[str, np.ndarray]]:
        """``(key, sorted doc numbers)``: ``b`` + one or two characters, ``t`` + three."""
        for key, docs in self._grams.items():
            yield "b" + _gram_text(key), docs
        frequent = self._frequent.tolist()
        for at, docs in self._trigrams.items():
            yield "t" + _trigram_text(frequent[at]), docs
