"""jieba, loaded lazily, with its dictionary cache in yuebao's cache directory.

jieba's default cache lives in the shared temp directory, where a second user on the same
host cannot read it and rebuilds it on every start; here it goes to
``store.paths.cache_dir()``. Nothing is loaded until the first call.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}


def _setup() -> tuple[Any, dict[str, str]]:
    """Initialise jieba once per process; return its tokenizer and word→POS table."""
    with _LOCK:
        if "dt" not in _STATE:
            import jieba

            from store.paths import cache_dir

            jieba.setLogLevel(logging.WARNING)
            directory = cache_dir()
            try:
                directory.mkdir(parents=True, exist_ok=True)
                jieba.dt.tmp_dir = str(directory)
            except OSError:  # unwritable cache dir: jieba still works, just rebuilds
                jieba.dt.tmp_dir = None
            jieba.dt.cache_file = "jieba.cache"
            jieba.dt.initialize()
            import jieba.posseg

            _STATE["tags"] = jieba.posseg.dt.word_tag_tab
            _STATE["dt"] = jieba.dt
    return _STATE["dt"], _STATE["tags"]


def tokenizer() -> Any:
    """The initialised ``jieba.Tokenizer`` (for the bench and tests)."""
    return _setup()[0]


def words(text: str, hmm: bool = True) -> list[tuple[int, int, str]]:
    """jieba words of ``text`` as ``(start, end, pos)``; ``pos`` is ``""`` for unknown words."""
    dt, tags = _setup()
    out: list[tuple[int, int, str]] = []
    pos = 0
    for word in dt.cut(text, HMM=hmm):
        end = pos + len(word)
        out.append((pos, end, tags.get(word, "")))
        pos = end
    return out
