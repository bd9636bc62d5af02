"""The shipped page model: a python-crfsuite tagger over the lines of a page."""

from __future__ import annotations

import threading
from pathlib import Path

from store.layout.features import PageStats, line_features

MODEL_PATH = Path(__file__).with_name("layout_model.crfsuite")
_local = threading.local()


def _tagger():  # type: ignore[no-untyped-def]
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(MODEL_PATH))
        _local.tagger = tagger
    return tagger


def label_lines(texts: list[str]) -> tuple[list[int], list[str], PageStats]:
    """Label the non-blank lines of a page: ``(their indexes, their labels, page stats)``."""
    index, items, stats = line_features(texts)
    if not items:
        return index, [], stats
    return index, list(_tagger().tag(items)), stats
