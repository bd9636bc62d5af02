"""The shipped tagger: CRF weights as numpy tables, scored and decoded in batches.

Training (``store.entities.train``) fits CRFs with python-crfsuite and exports their weights
(``store.entities.export``). Tagging never calls crfsuite: building per-character attribute
strings for it costs more than ``jieba.posseg`` itself. Instead ``encode`` yields
integer/string keys per template, ``CrfWeights.emissions`` gathers their weights with
numpy, and ``store.viterbi`` finds the best labels — exactly the labels crfsuite would
give for the same weights.
"""

from __future__ import annotations

import os
import threading
from itertools import repeat
from pathlib import Path

import numpy as np

from store.entities.bio import BIO_TYPES, pairs_to_spans
from store.entities.features import (
    CHAR_TEMPLATES,
    PAD,
    POSITIONS,
    WORD_POS_TEMPLATES,
    WORD_TEMPLATES,
    Encoded,
    encode,
)
from store.viterbi import Decoder

#: The model shipped inside the package (rebuilt by ``python -m store.entities.train``).
MODEL_PATH = Path(__file__).resolve().parent / "ner_model.npz"


_TEMPLATE_SHIFT = 43  # char keys use at most 42 bits (two code points)
_BMP = 0x10000
_SLOTS = _BMP + 2  # every BMP code point, then PAD, then any astral character
_CP_MASK = (1 << 21) - 1
#: Character templates keyed by one code point: looked up in a dense table.
_UNIGRAMS = frozenset({"a", "p", "c", "n", "e"})
#: Character templates with a handful of keys (kind trigram, gazetteer marks, surname).
_SMALL = frozenset({"k", "g", "s"})


def _gather(enc: Encoded, names: list[str], count: int) -> np.ndarray:
    """The keys of ``names`` as one ``(len(names), count)`` array (cheaper than np.stack)."""
    out = np.empty((len(names), count), dtype=np.int64)
    for index, name in enumerate(names):
        out[index] = enc.char[name]
    return out


def _slots(cp: np.ndarray) -> np.ndarray:
    """Dense-table slot of each code point (astral characters share one slot)."""
    return np.where(cp < _BMP, cp, np.where(cp == PAD, _BMP, _BMP + 1))


_SMALL_SPACE = 513  # kind trigrams stay below 512; the last slot stays unknown


def _dense_space(name: str) -> int:
    """Table size of a dense template."""
    if name in _UNIGRAMS:
        return _SLOTS
    if name == "wc":
        return len(POSITIONS) * _SLOTS
    return _SMALL_SPACE


def _dense_keys(name: str, keys: np.ndarray) -> np.ndarray:
    """Keys of a dense template as table indices."""
    if name in _UNIGRAMS:
        return _slots(keys)
    if name == "wc":  # position << 21 | code point
        return (keys >> 21) * _SLOTS + _slots(keys & _CP_MASK)
    return keys


class CrfWeights:
    """CRF weights as one weight matrix and lookup tables into it.

    Templates keyed by a code point (or a small number) index dense tables; bigram keys are
    made global (``template index << 43 | key``) and found with one ``searchsorted``; word
    keys go through one dict per template. Position-dependent word templates own four
    consecutive rows (B, M, E, S). Unknown keys point at an all-zero block.
    """

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.labels: list[str] = [str(x) for x in arrays["labels"]]
        self.transitions: np.ndarray = arrays["transitions"].astype(np.float32)
        self.decoder = Decoder(self.transitions)
        size = len(self.labels)
        blocks: list[np.ndarray] = []
        row = 0
        dense: list[tuple[int, str, np.ndarray, np.ndarray]] = []
        sparse_keys: list[np.ndarray] = []
        sparse_rows: list[np.ndarray] = []
        self.sparse: list[int] = []
        for index, name in enumerate(CHAR_TEMPLATES):
            keys = arrays[f"c.{name}.keys"].astype(np.int64)
            rows = np.arange(row, row + len(keys), dtype=np.int64)
            blocks.append(arrays[f"c.{name}.w"].astype(np.float32).reshape(-1, size))
            row += len(keys)
            if name in _UNIGRAMS or name in _SMALL or name == "wc":
                dense.append((index, name, keys, rows))
            else:
                self.sparse.append(index)
                sparse_keys.append(keys | (index << _TEMPLATE_SHIFT))
                sparse_rows.append(rows)
        self.word: list[tuple[str, dict[str, int], bool]] = []
        for name in (*WORD_POS_TEMPLATES, *WORD_TEMPLATES):
            words = [str(k) for k in arrays[f"w.{name}.keys"]]
            weights = arrays[f"w.{name}.w"].astype(np.float32)
            by_position = weights.ndim == 3
            step = len(POSITIONS) if by_position else 1
            self.word.append((name, {w: row + i * step for i, w in enumerate(words)}, by_position))
            blocks.append(weights.reshape(-1, size))
            row += len(words) * step
        self.zero_row = row
        blocks.append(np.zeros((len(POSITIONS), size), np.float32))  # unknown keys
        self.weights: np.ndarray = np.concatenate(blocks)
        # One table for every dense template, each in its own segment.
        segments: list[np.ndarray] = []
        starts: dict[str, int] = {}
        base = 0
        for _, name, keys, rows in dense:
            space = _dense_space(name)
            table = np.full(space, self.zero_row, dtype=np.int64)
            table[_dense_keys(name, keys)] = rows
            segments.append(table)
            starts[name] = base
            base += space
        self.dense_table = np.concatenate(segments) if segments else np.zeros(1, np.int64)
        self.dense_order = [index for index, *_ in dense]
        self.unigrams = [name for _, name, *_ in dense if name in _UNIGRAMS]
        self.smalls = [name for _, name, *_ in dense if name in _SMALL]
        self.has_wc = "wc" in starts
        self.unigram_starts = np.array([[starts[n]] for n in self.unigrams], dtype=np.int64)
        self.small_starts = np.array([[starts[n]] for n in self.smalls], dtype=np.int64)
        self.wc_start = starts.get("wc", 0)
        self.dense_names = [name for _, name, *_ in dense]
        order = np.argsort(np.concatenate(sparse_keys)) if sparse_keys else np.zeros(0, np.int64)
        self.sparse_keys = np.concatenate(sparse_keys)[order] if sparse_keys else order
        self.sparse_rows = np.concatenate(sparse_rows)[order] if sparse_rows else order

    @classmethod
    def load(cls, path: Path) -> CrfWeights:
        """Read an exported ``.npz`` model."""
        with np.load(path, allow_pickle=False) as data:
            return cls({name: data[name] for name in data.files})

    def emissions(self, enc: Encoded) -> np.ndarray:
        """Per-character label scores (sum of state weights), shape ``(chars, labels)``."""
        count = len(enc.position)
        rows = np.empty((len(CHAR_TEMPLATES) + len(self.word), count), dtype=np.int64)
        zero = self.zero_row
        parts: dict[str, np.ndarray] = {}
        if self.unigrams:
            keys = _gather(enc, self.unigrams, count)
            slots = _slots(keys) + self.unigram_starts
            parts.update(zip(self.unigrams, slots, strict=True))
        if self.smalls:
            keys = _gather(enc, self.smalls, count)
            slots = np.minimum(keys, _SMALL_SPACE - 1) + self.small_starts
            parts.update(zip(self.smalls, slots, strict=True))
        if self.has_wc:
            parts["wc"] = _dense_keys("wc", enc.char["wc"]) + self.wc_start
        if parts:
            query = np.empty((len(self.dense_names), count), dtype=np.int64)
            for index, name in enumerate(self.dense_names):
                query[index] = parts[name]
            rows[self.dense_order] = self.dense_table.take(query)
        if self.sparse:
            query = np.concatenate(
                [enc.char[CHAR_TEMPLATES[i]] | (i << _TEMPLATE_SHIFT) for i in self.sparse]
            )
            found = np.searchsorted(self.sparse_keys, query)
            np.minimum(found, len(self.sparse_keys) - 1, out=found)
            hit = self.sparse_rows.take(found)
            hit[self.sparse_keys.take(found) != query] = zero
            rows[self.sparse] = hit.reshape(len(self.sparse), count)
        for offset, (name, vocab, by_position) in enumerate(self.word):
            keys = enc.word[name]
            per_word = np.fromiter(map(vocab.get, keys, repeat(zero)), np.int64, len(keys))
            target = rows[len(CHAR_TEMPLATES) + offset]
            per_word.take(enc.word_of_char, out=target)
            if by_position:
                target += enc.position  # the zero block has four rows too
        return self.weights.take(rows, axis=0).sum(axis=0)


_LOCK = threading.Lock()
_LOADED: dict[tuple[int, str], CrfWeights] = {}


def weights(path: Path | None = None) -> CrfWeights:
    """The model at ``path`` (default: the shipped one), loaded once per process."""
    key = (os.getpid(), str(path or MODEL_PATH))
    found = _LOADED.get(key)
    if found is None:
        with _LOCK:
            found = _LOADED.get(key)
            if found is None:
                found = _LOADED[key] = CrfWeights.load(Path(key[1]))
    return found


def _chunk_spans(labels: list[int], parsed: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Entity spans of one chunk from its label indices."""
    return pairs_to_spans(parsed[label] for label in labels)


def _spans(
    best: np.ndarray | list[int], lengths: list[int], labels: list[str]
) -> list[list[tuple[int, int, str]]]:
    """Entity spans per chunk from flat label indices; only non-``O`` characters are visited."""
    parsed = [(label[:1], BIO_TYPES.get(label[2:], "")) for label in labels]
    outside = [i for i, (prefix, _) in enumerate(parsed) if prefix not in "BI" or not prefix]
    result: list[list[tuple[int, int, str]]] = [[] for _ in lengths]
    if isinstance(best, list):  # a short batch: plain Python beats numpy's call overhead
        offset = 0
        for index, length in enumerate(lengths):
            result[index] = _chunk_spans(best[offset : offset + length], parsed)
            offset += length
        return result
    ends = np.cumsum(np.asarray(lengths, dtype=np.int64))
    hits = (
        np.flatnonzero(best != outside[0])
        if len(outside) == 1
        else np.flatnonzero(~np.isin(best, outside))
    )
    if len(hits) == 0:
        return result
    chunk_of = np.searchsorted(ends, hits, side="right").tolist()
    starts = (ends - np.asarray(lengths, dtype=np.int64)).tolist()
    open_chunk, open_start, open_kind, last = -1, 0, "", -2
    for pos, label, chunk in zip(hits.tolist(), best[hits].tolist(), chunk_of, strict=True):
        prefix, kind = parsed[label]
        if prefix == "I" and kind == open_kind and pos == last + 1 and chunk == open_chunk:
            last = pos
            continue
        if open_chunk >= 0 and open_kind:
            base = starts[open_chunk]
            result[open_chunk].append((open_start - base, last + 1 - base, open_kind))
        open_chunk, open_start, open_kind, last = chunk, pos, kind, pos
    if open_chunk >= 0 and open_kind:
        base = starts[open_chunk]
        result[open_chunk].append((open_start - base, last + 1 - base, open_kind))
    return result


#: Characters tagged in one go: the features and scores of a batch take ~1 KB a character,
#: so a huge article is tagged in batches of chunks (the same spans, bounded memory).
BATCH_CHARS = 20_000


def tag_chunks(texts: list[str], path: Path | None = None) -> list[list[tuple[int, int, str]]]:
    """Entity spans ``(start, end, type)`` per chunk, offsets into each chunk."""
    if not texts:
        return []
    model = weights(path)
    result: list[list[tuple[int, int, str]]] = []
    start = 0
    while start < len(texts):
        end, size = start, 0
        while end < len(texts) and (end == start or size + len(texts[end]) <= BATCH_CHARS):
            size += len(texts[end])
            end += 1
        enc = encode(texts[start:end])
        best = model.decoder.best(model.emissions(enc), enc.lengths)
        result.extend(_spans(best, enc.lengths, model.labels))
        start = end
    return result
