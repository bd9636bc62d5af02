"""The shipped page model: CRF weights over line features, decoded with the zone rules.

``python -m store.layout.train`` trains a linear-chain CRF with python-crfsuite and exports
its weights here (``layout_model.npz``). Decoding is our own Viterbi
(``store.ner.decode.batch_viterbi``) over the same scores, with the transitions that break
the zone rules of ``store.layout.labels`` forbidden: an article whose headline is still to
come cannot end before it, a headline waiting for its text cannot be followed by text of
an article already open, a line opening with a dateline cannot continue an article. A
plain CRF only learns these as soft preferences; on long
articles it forgets them.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

import numpy as np

from store.layout import labels as LB
from store.layout.features import PageStats, line_features
from store.ner.decode import batch_viterbi

MODEL_PATH = Path(__file__).with_name("layout_model.npz")
FORBIDDEN = -1.0e4
_lock = threading.Lock()


def allowed(prev: str, nxt: str) -> bool:
    """May a line labelled ``nxt`` follow one labelled ``prev``? (``""``: the page start)"""
    if nxt in (LB.PAGE_LABEL, LB.LEFTOVER_LABEL) or prev in (LB.PAGE_LABEL, LB.LEFTOVER_LABEL):
        return True
    zone_next = LB.zone_of(nxt)
    opening = LB.opens_article(nxt) or zone_next in ("p", "w")
    if prev == "":
        return opening
    zone_prev = LB.zone_of(prev)
    if zone_prev in ("p", "w"):
        return opening
    if zone_prev == "h":
        return opening or zone_next == "h"
    if zone_prev == "n":
        return (zone_next in ("n", "a")) and not LB.opens_article(nxt)
    # zone_prev == "a": the headline after the text; the article is complete
    return opening or zone_next == "a"


class LayoutModel:
    """Weights of the line CRF: attribute rows, transitions, labels."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.labels: list[str] = [str(x) for x in arrays["labels"]]
        attrs = [str(x) for x in arrays["attrs"]]
        self.rows = {attr: k for k, attr in enumerate(attrs)}
        weights = arrays["weights"].astype(np.float32)
        # the last row, all zeros, stands for an attribute the model never saw
        self.weights = np.vstack([weights, np.zeros((1, weights.shape[1]), np.float32)])
        self.unknown = len(weights)
        transitions = arrays["transitions"].astype(np.float32)
        for i, prev in enumerate(self.labels):
            for j, nxt in enumerate(self.labels):
                if not allowed(prev, nxt):
                    transitions[i, j] = FORBIDDEN
        self.transitions = transitions
        self.continuing = [k for k, x in enumerate(self.labels) if x[:1] in ("I", "H")]
        self.start = np.array(
            [0.0 if allowed("", x) else FORBIDDEN for x in self.labels], dtype=np.float32
        )

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> LayoutModel:
        """Read the exported weights."""
        with np.load(path, allow_pickle=False) as data:
            return cls({key: data[key] for key in data.files})

    def scores(self, items: list[list[str]]) -> np.ndarray:
        """Label scores per line: the sum of its known attributes' weights."""
        get = self.rows.get
        unknown = self.unknown
        flat: list[int] = []
        starts: list[int] = []
        for attrs in items:
            starts.append(len(flat))
            flat.extend([get(a, unknown) for a in attrs])
        flat.append(unknown)  # every item then has at least one row, even an empty one
        gathered = self.weights.take(np.asarray(flat, dtype=np.int64), axis=0)
        return np.add.reduceat(gathered, np.asarray(starts, dtype=np.int64), axis=0)[: len(items)]

    def tag(self, items: list[list[str]]) -> list[str]:
        """The best label sequence under the zone rules."""
        if not items:
            return []
        scores = self.scores(items)
        scores[0] += self.start
        # a line opening with a dateline opens an article: it never continues one
        dated = [k for k, attrs in enumerate(items) if "dateline" in attrs]
        if dated:
            scores[np.ix_(dated, self.continuing)] = FORBIDDEN
        best = batch_viterbi(scores, [len(items)], self.transitions)
        return [self.labels[int(k)] for k in best]


@cache
def _model() -> LayoutModel:
    with _lock:
        return LayoutModel.load()


def label_lines(texts: list[str]) -> tuple[list[int], list[str], PageStats]:
    """Label the non-blank lines of a page: ``(their indexes, their labels, page stats)``."""
    index, items, stats = line_features(texts)
    return index, _model().tag(items), stats


def export(crfsuite_path: Path, out: Path = MODEL_PATH) -> None:
    """Convert a trained crfsuite model into the ``.npz`` weights ``LayoutModel`` reads."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crfsuite_path))
    info = tagger.info()
    labels = list(tagger.labels())
    column = {label: i for i, label in enumerate(labels)}
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (src, dst), weight in info.transitions.items():
        transitions[column[src], column[dst]] = weight
    attrs = sorted({attr for attr, _ in info.state_features})
    row = {attr: k for k, attr in enumerate(attrs)}
    weights = np.zeros((len(attrs), len(labels)), dtype=np.float32)
    for (attr, label), weight in info.state_features.items():
        weights[row[attr], column[label]] = weight
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp.npz")
    np.savez_compressed(
        tmp,
        labels=np.array(labels),
        attrs=np.array(attrs),
        weights=weights,
        transitions=transitions,
    )
    tmp.replace(out)
