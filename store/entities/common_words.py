"""Words that are common nouns, not names: learned from how often labelled text names them.

A word the training text uses often but almost never labels as an entity by itself —
``公司``, ``政府``, ``北方`` — is a common noun even where the tagger, fooled by a
place-like ending, marks it. ``count`` goes over BIO sentences (MSRA and CLUENER train)
cut into jieba words: a word seen at least ``MIN_SEEN`` times of which less than
``MAX_SHARE`` coincide exactly with a labelled entity goes on the list; so does a word
jieba's dictionary lists as a frequent common word (noun, verb, idiom...) that the labelled
text names in less than ``_DICT_SHARE`` of its uses. The list ships as
``common_words.txt`` (written by ``python -m store.entities.train``); an entity whose every
form is on it is dropped (``store.entities.merge``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from store.entities.bio import Sentence, tags_to_spans
from store.wordlists import read_words, write_words

COMMON_PATH = Path(__file__).with_name("common_words.txt")
MIN_SEEN = 4
MAX_SHARE = 0.05
#: jieba's dictionary marks these words as common (nouns, verbs, idioms...); one it lists
#: often enough that the labelled text rarely or never names is common too
_COMMON_POS = frozenset({"n", "v", "vn", "a", "an", "ad", "l", "i", "d", "m", "q", "r", "t", "f"})
_DICT_FREQ = 100
_DICT_SHARE = 0.2
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The shipped list (empty when the file is missing)."""
    return read_words(COMMON_PATH)


def count(sentences: Iterable[Sentence]) -> list[str]:
    """The common nouns of labelled ``sentences``, sorted."""
    from store.entities.segmenter import words

    seen: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for text, tags in sentences:
        spans = {(s, e) for s, e, _ in tags_to_spans(tags)}
        for start, end, _ in words(text, hmm=False):
            word = text[start:end]
            if _HAN_WORD.match(word):
                seen[word] += 1
                if (start, end) in spans:
                    named[word] += 1
    found = {w for w, n in seen.items() if n >= MIN_SEEN and named[w] < MAX_SHARE * n}
    found |= {
        w for w in _dictionary_nouns() if named[w] < _DICT_SHARE * max(seen[w], 1) or not seen[w]
    }
    return sorted(found)


def _dictionary_nouns() -> list[str]:
    """Words jieba's dictionary lists at least ``_DICT_FREQ`` times with a common POS."""
    from store.entities.segmenter import _setup

    dt, tags = _setup()
    return [
        w
        for w, pos in tags.items()
        if pos in _COMMON_POS and _HAN_WORD.match(w) and (dt.FREQ.get(w) or 0) >= _DICT_FREQ
    ]


def write(sentences: Iterable[Sentence], out: Path = COMMON_PATH) -> int:
    """Count and write the list; returns its length."""
    return write_words(out, count(sentences))
