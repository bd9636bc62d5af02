"""Names the training text labels again and again: learned lists of organisations and people.

A name that the labelled training text (MSRA and the train part of CLUENER, never a dev
split) labels as one kind at least ``MIN_LABELLED`` times, almost never as anything else
(``MIN_KIND_SHARE`` of its labels) and in many of the places it occurs at all
(``MIN_NAMED_SHARE``) is a known name of that kind: organisations such as ``招行``,
``新华社``, ``切尔西``, ``bet365``; people such as ``金庸``, ``范冰冰``. The character tagger
forgets many of them; ``mark`` gives them back:

- a known organisation the tagger read as a place, or as a person who does not speak
  (``博尔顿说`` stays a person), is an organisation; a known person read as a place is a
  person; a place listed with other places (``拉美、澳新``) stays a place;
- a known name the tagger missed is added where it is a word, or a run of words, of its own
  in jieba's cut (``中行`` of ``集中|行动`` is none).

Never on a list: known places, common nouns, described groups (``博彩公司``), a place's
government (``美国政府``: People's Daily labels the place alone), bodies named by their
level alone (``市委``), lower-case Latin words (``dec``), names cut short (``那不勒`` of
``那不勒斯``), one jieba word made of two common words (``中央财政``), and a person's name
that jieba knows as a two-character word of another kind (``非典``, ``马力``). The lists
ship as ``known_orgs.txt`` and ``known_people.txt``, written by ``python -m store.entities.train``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from store.entities.bio import BIO_TYPES, Sentence, tags_to_spans
from store.wordlists import read_words, write_words

#: the list file of each kind
PATHS: dict[str, Path] = {
    "org": Path(__file__).with_name("known_orgs.txt"),
    "person": Path(__file__).with_name("known_people.txt"),
}
MIN_LABELLED = 2
MIN_KIND_SHARE = 0.9
MIN_NAMED_SHARE = 0.4

Span = tuple[int, int, str]

#: what a person does that no organisation does: speak (``博尔顿说``)
_SPEAKS = re.compile(r"(?:说|表示|称|指出|认为|强调|告诉|回忆|笑)")
#: a lower-case Latin word is an English word as often as a name (``dec``, ``heat``)
_LOWER_WORD = re.compile(r"[a-z]+$")
#: a body named by its level alone (``市委``, ``县粮食局``, ``镇党委``) is which body only
#: its text tells
_LEVELS = frozenset("省市县区镇乡村")


@lru_cache(maxsize=4)
def known(kind: str) -> frozenset[str]:
    """The shipped list of one kind (empty when the file is missing)."""
    return read_words(PATHS[kind])


@lru_cache(maxsize=1)
def _known_kinds() -> dict[str, str]:
    """Every known name with its kind (a name on two lists is on neither)."""
    kinds: dict[str, str] = {}
    doubled: set[str] = set()
    for kind in PATHS:
        for name in known(kind):
            if name in kinds:
                doubled.add(name)
            kinds[name] = kind
    return {name: kind for name, kind in kinds.items() if name not in doubled}


@lru_cache(maxsize=1)
def _by_head() -> dict[str, tuple[int, ...]]:
    """The lengths of the known names, by their first two characters, longest first."""
    heads: dict[str, set[int]] = defaultdict(set)
    for name in _known_kinds():
        heads[name[:2]].add(len(name))
    return {head: tuple(sorted(lengths, reverse=True)) for head, lengths in heads.items()}


def clear() -> None:
    """Forget the lists read (after they were written again, or in tests)."""
    known.cache_clear()
    _known_kinds.cache_clear()
    _by_head.cache_clear()


def count(sentences: Iterable[Sentence], kinds: Iterable[str] = tuple(PATHS)) -> dict[str, list]:
    """The known names of each of ``kinds`` in labelled ``sentences``, each list sorted."""
    from store.entities.common_words import common_words
    from store.entities.gazetteer import places

    labels: dict[str, Counter[str]] = defaultdict(Counter)
    texts: list[str] = []
    for text, tags in sentences:
        texts.append(text)
        for start, end, kind in tags_to_spans(tags):
            labels[text[start:end]][BIO_TYPES[kind]] += 1
    # every use counts, inside a longer name too: ``卫生局`` of ``青岛市卫生局`` names no body
    every = "\n".join(texts)
    common, known_places = common_words(), places()
    found: dict[str, list[str]] = {kind: [] for kind in kinds}
    for name, labelled in labels.items():
        if len(name) < 2 or any(c.isspace() for c in name):
            continue
        if name in common or name in known_places or _LOWER_WORD.match(name):
            continue
        for kind, names in found.items():
            times = labelled[kind]
            if times < MIN_LABELLED or times < MIN_KIND_SHARE * sum(labelled.values()):
                continue
            if kind == "org" and (name[0] in _LEVELS or _described(name)):
                continue
            if kind == "person" and _a_two_character_word(name):
                continue
            if times >= MIN_NAMED_SHARE * every.count(name):
                names.append(name)
    return {kind: sorted(_whole(names, labels, kind)) for kind, names in found.items()}


def _whole(names: list[str], labels: dict[str, Counter[str]], kind: str) -> list[str]:
    """``names`` without the cut-off ones: a name that opens a longer name labelled more
    often as the same kind (``那不勒`` of ``那不勒斯``) is that name cut by the text."""
    by_head: dict[str, list[str]] = defaultdict(list)
    for name, labelled in labels.items():
        if labelled[kind]:
            by_head[name[:2]].append(name)
    return [
        name
        for name in names
        if not any(
            len(longer) > len(name)
            and longer.startswith(name)
            and labels[longer][kind] > labels[name][kind]
            for longer in by_head[name[:2]]
        )
    ]


def _described(name: str) -> bool:
    """A body described by common words and kinds of body (``博彩公司``, ``房产部门``)."""
    from store.entities.common_words import common_words
    from store.entities.gazetteer import ORG_SUFFIXES, places
    from store.entities.orgs import is_org_kind
    from store.entities.segmenter import words

    common = common_words()
    pieces = [name[start:end] for start, end, _ in words(name, hmm=False)]
    if all(word in common or is_org_kind(word) for word in pieces):
        return True
    if name.endswith("政府") and name[:-2] in places():
        return True  # ``美国政府``: People's Daily labels the place alone
    if name.endswith(tuple(ORG_SUFFIXES)):
        return False
    # one dictionary word made of two common words and no body's ending (``中央财政``:
    # 中央 + 财政, where ``中央|电视台`` ends like a body)
    return any(name[:cut] in common and name[cut:] in common for cut in range(2, len(name) - 1))


def _a_two_character_word(name: str) -> bool:
    """A two-character word jieba's dictionary knows as no name (``非典``, ``马力``)."""
    from store.entities.segmenter import _setup

    pos = _setup()[1].get(name)
    return len(name) <= 2 and pos is not None and not pos.startswith("nr")


def write(sentences: Iterable[Sentence]) -> dict[str, int]:
    """Count and write every list; returns how many names each holds."""
    lists = count(sentences)
    written = {kind: write_words(PATHS[kind], names) for kind, names in lists.items()}
    clear()
    return written


def mark(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` (sorted, non-overlapping) with the known names given back."""
    kinds = _known_kinds()
    if not kinds:
        return spans
    out = [
        span if _listed_with_places(text, spans, i) else _retyped(text, span, kinds)
        for i, span in enumerate(spans)
    ]
    added = _missed(text, out, kinds)
    return sorted(out + added) if added else out


#: what joins the items of a list (``拉美、澳新``)
_LIST_JOINERS = frozenset("、,，和与及")


def _listed_with_places(text: str, spans: list[Span], index: int) -> bool:
    """Is the place ``spans[index]`` an item of a list of places (``拉美、澳新等地区``)?
    Then it is a place, whatever a list of names says."""
    start, end, kind = spans[index]
    if kind != "place":
        return False
    for other in (index - 1, index + 1):
        if not 0 <= other < len(spans) or spans[other][2] != "place":
            continue
        gap = text[spans[other][1] : start] if other < index else text[end : spans[other][0]]
        if len(gap) == 1 and gap in _LIST_JOINERS:
            return True
    return False


def _retyped(text: str, span: Span, kinds: dict[str, str]) -> Span:
    start, end, kind = span
    known_kind = kinds.get(text[start:end])
    if known_kind is None or known_kind == kind:
        return span
    if known_kind == "org" and kind == "person" and _SPEAKS.match(text, end):
        return span
    if known_kind == "person" and kind != "place":
        return span  # a body named after a person stays a body
    return start, end, known_kind


def _missed(text: str, spans: list[Span], kinds: dict[str, str]) -> list[Span]:
    """Known names in the gaps between ``spans`` that are words of their own."""
    heads = _by_head()
    taken = bytearray(len(text) + 1)
    for start, end, _ in spans:
        taken[start:end] = b"\x01" * (end - start)
    found: list[Span] = []
    position, size = 0, len(text) - 1
    while position < size:
        lengths = heads.get(text[position : position + 2])
        if lengths is None or taken[position]:
            position += 1
            continue
        for length in lengths:
            end = position + length
            kind = kinds.get(text[position:end]) if end <= len(text) else None
            if (
                kind is not None
                and not any(taken[position:end])
                and _a_word_of_its_own(text, position, end)
            ):
                found.append((position, end, kind))
                position = end - 1
                break
        position += 1
    return found


def _a_word_of_its_own(text: str, start: int, end: int) -> bool:
    """Do jieba's words start at ``start`` and end at ``end`` (read in a small window)?
    jieba keeps a run of Latin letters and digits whole, so ``bet365`` of ``bet3650`` is none."""
    from store.entities.segmenter import words

    left = max(0, start - 4)
    window = text[left : min(len(text), end + 4)]
    cuts = {left + s for s, _, _ in words(window, hmm=False)} | {left + len(window)}
    return start in cuts and end in cuts
