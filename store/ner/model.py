"""The shipped CRF model: opened lazily, once per process, and used to tag chunks."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from store.ner.bio import BIO_TYPES, tags_to_spans

#: The model file shipped inside the package (rebuilt by ``python -m store.ner.train``).
MODEL_PATH = Path(__file__).resolve().parent / "ner.crfsuite"

_LOCK = threading.Lock()
_TAGGERS: dict[tuple[int, str], Any] = {}


def tagger(path: Path | None = None) -> Any:
    """A ``pycrfsuite.Tagger`` for ``path`` (default: the shipped model), one per process."""
    key = (os.getpid(), str(path or MODEL_PATH))
    found = _TAGGERS.get(key)
    if found is None:
        with _LOCK:
            found = _TAGGERS.get(key)
            if found is None:
                import pycrfsuite

                found = pycrfsuite.Tagger()
                found.open(key[1])
                _TAGGERS[key] = found
    return found


def tag_chunk(text: str, path: Path | None = None) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` the CRF finds in one chunk (offsets into it)."""
    from store.ner.features import sentence_features

    if not text:
        return []
    tags = tagger(path).tag(sentence_features(text))
    return [(s, e, BIO_TYPES.get(kind, "")) for s, e, kind in tags_to_spans(tags) if kind in BIO_TYPES]
