"""The Viterbi decoders find the best label path, for one chunk and for a batch alike."""

from __future__ import annotations

import itertools

import numpy as np

from store.viterbi import batch_viterbi


def _best_path(scores: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The best path by trying every one (small cases only)."""
    steps, labels = scores.shape

    def total(path: tuple[int, ...]) -> float:
        value = sum(float(scores[t, path[t]]) for t in range(steps))
        return value + sum(float(transitions[a, b]) for a, b in itertools.pairwise(path))

    return list(max(itertools.product(range(labels), repeat=steps), key=total))


def test_one_chunk_decodes_to_the_best_path() -> None:
    rng = np.random.default_rng(7)
    for steps in (1, 2, 5):
        scores = rng.normal(size=(steps, 4)).astype(np.float32)
        transitions = rng.normal(size=(4, 4)).astype(np.float32)
        transitions[1, 2] = -1.0e4  # a forbidden move is never taken
        got = batch_viterbi(scores, [steps], transitions).tolist()
        assert got == _best_path(scores, transitions)
        assert all((a, b) != (1, 2) for a, b in itertools.pairwise(got))


def test_a_batch_decodes_each_chunk_as_alone() -> None:
    rng = np.random.default_rng(11)
    transitions = rng.normal(size=(5, 5)).astype(np.float32)
    lengths = [3, 0, 6, 1, 4]
    scores = rng.normal(size=(sum(lengths), 5)).astype(np.float32)
    batch = batch_viterbi(scores, lengths, transitions).tolist()
    alone: list[int] = []
    offset = 0
    for length in lengths:
        if length:
            chunk = scores[offset : offset + length]
            alone.extend(batch_viterbi(chunk, [length], transitions).tolist())
        offset += length
    assert batch == alone
