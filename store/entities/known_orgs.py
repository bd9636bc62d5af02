"""Organisations the training text names again and again: a learned list of names.

A name that the labelled training text (MSRA and the train part of CLUENER, never a dev
split) labels as an organisation at least ``MIN_LABELLED`` times, almost never as anything
else (``MIN_ORG_SHARE`` of its labels) and in most of the places it occurs at all
(``MIN_NAMED_SHARE``) is a known organisation: ``招行``, ``新华社``, ``切尔西``, ``bet365``.
The character tagger forgets many of them; ``mark`` gives them back. A known name the
tagger read as a place, or as a person no one speaks as, is an organisation; one it missed
is added where it is a word, or a run of words, of its own in jieba's cut (``中行`` of
``集中行动`` is none). Known places, common nouns and described groups (``博彩公司``) never go
on the list, nor does one jieba word made of two common words (``中央财政``). It
ships as ``known_orgs.txt``, written by ``python -m store.entities.train``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from store.entities.bio import BIO_TYPES, Sentence, tags_to_spans
from store.wordlists import read_words, write_words

KNOWN_PATH = Path(__file__).with_name("known_orgs.txt")
MIN_LABELLED = 2
MIN_ORG_SHARE = 0.9
MIN_NAMED_SHARE = 0.6

Span = tuple[int, int, str]

#: what a person does that no organisation does: speak (``博尔顿说``)
_SPEAKS = re.compile(r"(?:说|表示|称|指出|认为|强调|告诉|回忆|笑)")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


@lru_cache(maxsize=1)
def known_orgs() -> frozenset[str]:
    """The shipped list (empty when the file is missing)."""
    return read_words(KNOWN_PATH)


@lru_cache(maxsize=1)
def _by_head() -> dict[str, tuple[int, ...]]:
    """The lengths of the known names, by their first two characters."""
    heads: dict[str, set[int]] = defaultdict(set)
    for name in known_orgs():
        heads[name[:2]].add(len(name))
    return {head: tuple(sorted(lengths, reverse=True)) for head, lengths in heads.items()}


def count(sentences: Iterable[Sentence]) -> list[str]:
    """The known organisations of labelled ``sentences``, sorted."""
    from store.entities.common_words import common_words
    from store.entities.gazetteer import places

    labels: dict[str, Counter[str]] = defaultdict(Counter)
    texts: list[str] = []
    for text, tags in sentences:
        texts.append(text)
        for start, end, kind in tags_to_spans(tags):
            labels[text[start:end]][BIO_TYPES[kind]] += 1
    every = "\n".join(texts)
    common, known_places = common_words(), places()
    found = []
    for name, kinds in labels.items():
        orgs = kinds["org"]
        if orgs < MIN_LABELLED or orgs < MIN_ORG_SHARE * sum(kinds.values()):
            continue
        if len(name) < 2 or any(c.isspace() for c in name):
            continue
        if name in common or name in known_places or _described(name):
            continue
        if orgs >= MIN_NAMED_SHARE * every.count(name):
            found.append(name)
    return sorted(found)


def _described(name: str) -> bool:
    """A body described by common words and kinds of body (``博彩公司``, ``房产部门``)."""
    from store.entities.common_words import common_words
    from store.entities.gazetteer import ORG_SUFFIXES
    from store.entities.orgs import is_org_kind
    from store.entities.segmenter import words

    common = common_words()
    pieces = [name[start:end] for start, end, _ in words(name, hmm=False)]
    if all(word in common or is_org_kind(word) for word in pieces):
        return True
    # one dictionary word made of two common words and no body's ending (``中央财政``:
    # 中央 + 财政, where ``中央|电视台`` ends like a body)
    if name.endswith(tuple(ORG_SUFFIXES)):
        return False
    return any(name[:cut] in common and name[cut:] in common for cut in range(2, len(name) - 1))


def write(sentences: Iterable[Sentence], out: Path = KNOWN_PATH) -> int:
    """Count and write the list; returns its length."""
    return write_words(out, count(sentences))


def mark(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` (sorted, non-overlapping) with the known organisations given back."""
    known = known_orgs()
    if not known:
        return spans
    out = [_retyped(text, span, known) for span in spans]
    added = _missed(text, out)
    return sorted(out + added) if added else out


def _retyped(text: str, span: Span, known: frozenset[str]) -> Span:
    start, end, kind = span
    if kind == "org" or text[start:end] not in known:
        return span
    if kind == "person" and _SPEAKS.match(text, end):
        return span
    return start, end, "org"


def _missed(text: str, spans: list[Span]) -> list[Span]:
    """Known names in the gaps between ``spans`` that are words of their own."""
    heads = _by_head()
    taken = bytearray(len(text) + 1)
    for start, end, _ in spans:
        taken[start:end] = b"\x01" * (end - start)
    found: list[Span] = []
    position, size = 0, len(text) - 1
    known = known_orgs()
    while position < size:
        lengths = heads.get(text[position : position + 2])
        if lengths is None or taken[position]:
            position += 1
            continue
        for length in lengths:
            end = position + length
            if (
                end <= len(text)
                and not any(taken[position:end])
                and text[position:end] in known
                and _a_word_of_its_own(text, position, end)
            ):
                found.append((position, end, "org"))
                position = end - 1
                break
        position += 1
    return found


def _a_word_of_its_own(text: str, start: int, end: int) -> bool:
    """Do jieba's words start at ``start`` and end at ``end`` (read in a small window)?"""
    from store.entities.segmenter import words

    if _LATIN_OR_DIGIT.match(text[start]) and start and _LATIN_OR_DIGIT.match(text[start - 1]):
        return False
    if (
        end < len(text)
        and _LATIN_OR_DIGIT.match(text[end - 1])
        and _LATIN_OR_DIGIT.match(text[end])
    ):
        return False
    left = max(0, start - 4)
    window = text[left : min(len(text), end + 4)]
    cuts = {left + s for s, _, _ in words(window, hmm=False)} | {left + len(window)}
    return start in cuts and end in cuts
