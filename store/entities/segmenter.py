"""jieba, loaded lazily, with its dictionary cache in yuebao's cache directory.

jieba's default cache lives in the shared temp directory, where a second user on the same
host cannot read it and rebuilds it on every start; here it goes to
``store.paths.cache_dir()``. Nothing is loaded until the first call.

``words(text, hmm=False)`` walks jieba's own dictionary DAG and maximum-probability route
(``jieba.Tokenizer.cut`` with HMM off) with the log-frequencies cached, which saves about a
third of jieba's time; it yields exactly jieba's words (a test holds it to that).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from functools import lru_cache
from itertools import accumulate, repeat
from math import log
from typing import Any

_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}
# jieba's own block and English-run patterns (``jieba.re_han_default``, ``re_skip_default``,
# ``re_eng``), so that the route cut below splits text exactly as ``jieba.cut`` does.
_RE_HAN = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_RE_SKIP = re.compile(r"(\r\n|\s)")
_RE_ENG = re.compile(r"[a-zA-Z0-9]")


class _RouteCutter:
    """jieba's DAG + maximum-probability route (HMM off), log-frequencies cached."""

    def __init__(self, dt: Any) -> None:
        self.freq: dict[str, int] = dt.FREQ
        self.logtotal = log(dt.total)
        self.logp: dict[str, float] = {}

    def block(self, sentence: str, out: list[str]) -> None:
        """Append the words of one Han/alnum block to ``out``."""
        size = len(sentence)
        freq = self.freq
        dag: list[list[int]] = []
        for k in range(size):
            ends = []
            i = k
            frag = sentence[k]
            while i < size and frag in freq:
                if freq[frag]:
                    ends.append(i)
                i += 1
                frag = sentence[k : i + 1]
            dag.append(ends or [k])
        logp, logtotal = self.logp, self.logtotal
        score = [0.0] * (size + 1)
        nxt = [0] * (size + 1)
        for idx in range(size - 1, -1, -1):
            best_score = 0.0
            best_end = -1
            for x in dag[idx]:
                word = sentence[idx : x + 1]
                value = logp.get(word)
                if value is None:
                    value = logp[word] = log(freq.get(word) or 1) - logtotal
                value += score[x + 1]
                if best_end < 0 or value >= best_score:  # ties: the longer word, as jieba
                    best_score, best_end = value, x
            score[idx], nxt[idx] = best_score, best_end
        x = 0
        buf = ""
        while x < size:
            y = nxt[x] + 1
            word = sentence[x:y]
            if len(word) == 1 and _RE_ENG.match(word):
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)

    def cut(self, text: str) -> list[str]:
        """``list(jieba.cut(text, HMM=False))``."""
        out: list[str] = []
        for block in _RE_HAN.split(text):
            if not block:
                continue
            if _RE_HAN.match(block):
                self.block(block, out)
            else:
                for piece in _RE_SKIP.split(block):
                    if _RE_SKIP.match(piece):
                        out.append(piece)
                    else:
                        out.extend(piece)
        return out


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
                usable = os.access(directory, os.W_OK)
            except OSError:
                usable = False
            # Never the shared temp dir (another user's file there, leftovers): an unusable
            # cache dir means jieba builds its dictionary each run, silently.
            jieba.dt.tmp_dir = str(directory)
            jieba.dt.cache_file = "jieba.cache"
            if not usable:
                jieba.setLogLevel(logging.CRITICAL)
            jieba.dt.initialize()
            jieba.setLogLevel(logging.WARNING)
            import jieba.posseg

            _STATE["tags"] = jieba.posseg.dt.word_tag_tab
            _STATE["route"] = _RouteCutter(jieba.dt)
            _STATE["dt"] = jieba.dt
    return _STATE["dt"], _STATE["tags"]


def word_tags() -> dict[str, str]:
    """jieba's word → part-of-speech table (``n``, ``v``, ``nr``, ...)."""
    return _setup()[1]


def tokenizer() -> Any:
    """The initialised ``jieba.Tokenizer`` (for the bench and tests)."""
    return _setup()[0]


_SHORT = 24  # the rules segment entity names and short tails, which recur: cache those


def words(text: str, hmm: bool = True) -> list[tuple[int, int, str]]:
    """jieba words of ``text`` as ``(start, end, pos)``; ``pos`` is ``""`` for unknown words."""
    if len(text) <= _SHORT:
        return list(_short_words(text, hmm))
    return _words(text, hmm)


@lru_cache(maxsize=8192)
def _short_words(text: str, hmm: bool) -> tuple[tuple[int, int, str], ...]:
    return tuple(_words(text, hmm))


def _words(text: str, hmm: bool) -> list[tuple[int, int, str]]:
    dt, tags = _setup()
    tokens = _STATE["route"].cut(text) if not hmm else list(dt.cut(text, HMM=True))
    ends = list(accumulate(map(len, tokens)))
    starts = [0, *ends[:-1]]
    return list(zip(starts, ends, map(tags.get, tokens, repeat("")), strict=True))


def word_freq(word: str) -> int:
    """How often jieba's dictionary saw ``word`` (0 when it is not listed)."""
    return int(_setup()[0].FREQ.get(word) or 0)
