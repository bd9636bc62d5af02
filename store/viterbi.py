"""Viterbi decoding of CRF label scores, exact, fast for one sentence and for a page.

Two implementations of the same recursion, chosen per batch:

- ``batch_viterbi``: numpy over all chunks at once (longest first, so the running ones are
  a prefix); each step costs a few numpy calls whatever the number of chunks, which pays
  off when a batch holds many chunks (an article body).
- ``Decoder.python_viterbi``: plain Python with the transition weights compiled in as
  constants, for a batch of one or a few chunks where numpy's per-call cost would dominate
  (``extract`` on a single sentence).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Forward = Callable[[list[list[float]]], list[tuple[float, ...]]]


def compile_forward(transitions: np.ndarray) -> Forward:
    """A forward pass ``rows → delta rows`` with the transition weights as literals.

    The generated code holds nothing but float literals taken from the model, so it is as
    safe as the model file; unrolling the 7×7 max-plus step makes it ~3× faster than a
    numpy step on one short sentence.
    """
    size = transitions.shape[0]
    deltas = ", ".join(f"d{i}" for i in range(size))
    emits = ", ".join(f"e{j}" for j in range(size))
    news = ", ".join(f"n{j}" for j in range(size))
    lines = [
        "def forward(rows):",
        "    it = iter(rows)",
        f"    {deltas}, = next(it)",
        f"    out = [({deltas},)]",
        "    append = out.append",
        f"    for {emits}, in it:",
    ]
    for j in range(size):
        terms = ", ".join(f"d{i} + {float(transitions[i, j])!r}" for i in range(size))
        lines.append(f"        n{j} = max({terms}) + e{j}")
    lines.append(f"        {deltas}, = {news},")
    lines.append(f"        append(({deltas},))")
    lines.append("    return out")
    namespace: dict[str, Forward] = {}
    exec("\n".join(lines), namespace)  # generated from model floats only
    return namespace["forward"]


class Decoder:
    """Best label sequences for a model's transition weights."""

    def __init__(self, transitions: np.ndarray) -> None:
        self.transitions = transitions
        self.forward = compile_forward(transitions)
        size = transitions.shape[0]
        self.columns = [[float(transitions[i, j]) for i in range(size)] for j in range(size)]

    def python_viterbi(self, rows: list[list[float]]) -> list[int]:
        """Best label indices of one chunk (``rows``: label scores per character)."""
        if not rows:
            return []
        deltas = self.forward(rows)
        last = deltas[-1]
        label = last.index(max(last))
        path = [label]
        columns = self.columns
        for t in range(len(deltas) - 1, 0, -1):
            values = [a + b for a, b in zip(deltas[t - 1], columns[label], strict=True)]
            label = values.index(max(values))
            path.append(label)
        path.reverse()
        return path

    def best(self, scores: np.ndarray, lengths: list[int]) -> np.ndarray | list[int]:
        """Best label index per character for chunks laid one after another in ``scores``
        (a list when decoded in Python, an array when decoded with numpy)."""
        total = sum(lengths)
        longest = max(lengths, default=0)
        if total <= 4 * longest:  # few chunks: numpy's per-step cost would dominate
            rows = scores.tolist()
            out: list[int] = []
            offset = 0
            for length in lengths:
                out.extend(self.python_viterbi(rows[offset : offset + length]))
                offset += length
            return out
        return batch_viterbi(scores, lengths, self.transitions)


def _single_viterbi(scores: np.ndarray, transitions: np.ndarray) -> list[int]:
    """Best label index per row of one chunk's ``scores``."""
    count, labels = scores.shape
    columns = np.arange(labels)
    back = np.empty((count, labels), dtype=np.int64)
    delta = scores[0]
    for t in range(1, count):
        cand = delta[:, None] + transitions
        best = cand.argmax(axis=0)
        back[t] = best
        delta = cand[best, columns] + scores[t]
    path = [int(delta.argmax())]
    for t in range(count - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def batch_viterbi(scores: np.ndarray, lengths: list[int], transitions: np.ndarray) -> np.ndarray:
    """Best label index per character, all chunks of a batch decoded together.

    ``scores`` holds the chunks one after another (``lengths`` characters each). Chunks are
    sorted longest first, so at step ``t`` the still-running ones are a prefix of the batch
    and each step is a handful of numpy operations whatever the number of chunks.
    """
    out = np.zeros(len(scores), dtype=np.int64)
    lengths_arr = np.asarray(lengths, dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths_arr)[:-1]]).astype(np.int64)
    live = np.flatnonzero(lengths_arr > 0)
    if len(live) == 0:
        return out
    if len(live) == 1:  # one chunk (a page of lines): the plain loop has less per-step work
        start = int(offsets[live[0]])
        end = start + int(lengths_arr[live[0]])
        out[start:end] = _single_viterbi(scores[start:end], transitions)
        return out
    order = live[np.argsort(-lengths_arr[live], kind="stable")]
    lens = lengths_arr[order]
    negative = -lens  # ascending, for searchsorted
    starts = offsets[order]
    count, longest = len(order), int(lens[0])
    final = np.empty((count, transitions.shape[0]), dtype=np.float32)
    delta = scores[starts]
    back: list[np.ndarray] = []
    active = count
    # running[t]: how many chunks are longer than t (they are the first ones)
    running_at = np.searchsorted(negative, -np.arange(longest), side="left").tolist()
    for t in range(1, longest):
        running = running_at[t]
        if running < active:
            final[running:active] = delta[running:]
            delta = delta[:running]
            active = running
        cand = delta[:, :, None] + transitions[None, :, :]
        back.append(cand.argmax(axis=1))
        delta = cand.max(axis=1) + scores.take(starts[:active] + t, axis=0)
    final[:active] = delta
    current = final.argmax(axis=1)
    result = np.zeros((count, longest), dtype=np.int64)
    for t in range(longest - 1, -1, -1):
        running = running_at[t]
        result[:running, t] = current[:running]
        if t > 0:
            current[:running] = back[t - 1][np.arange(running), current[:running]]
    steps = np.arange(longest)
    mask = steps[None, :] < lens[:, None]
    out[(starts[:, None] + steps[None, :])[mask]] = result[mask]
    return out
