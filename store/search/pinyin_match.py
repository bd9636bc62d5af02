"""Pinyin matching: Latin letters typed without a Chinese input method find Chinese text.

A query such as ``gaoxin`` or ``gxq`` matches a string (a title, an entity name) when, from
some Chinese character on, either

- *full*: the query is spelt by the readings of consecutive characters, the last one possibly
  cut short (``gaoxin``, ``gaoxinq`` and ``xinqu`` all match 高新区), or
- *initials*: each query letter is the first letter of a reading of consecutive characters
  (``gxq`` → 高新区).

Polyphonic characters match with any of their readings (pypinyin's heteronyms, no tones,
ü written ``v``). Non-Chinese characters break a run.

For the index, ``grams(text)`` gives the letter grams a matching query must hit (see there);
``query_keys`` says which to look up, and ``matches`` confirms candidates when needed.
"""

from __future__ import annotations

import functools
import re

_LATIN_RE = re.compile(r"[a-z]{2,}")


def is_pinyin_query(text: str) -> bool:
    """Whether a (folded) term is Latin letters only, at least two, so pinyin applies."""
    return bool(_LATIN_RE.fullmatch(text))


@functools.lru_cache(maxsize=65536)
def readings(ch: str) -> tuple[str, ...]:
    """Every toneless reading of one character (empty for non-Chinese characters)."""
    if not ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"):
        return ()
    from pypinyin import Style, pinyin

    found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    out = [r for r in (found[0] if found else []) if r.isascii() and r.isalpha()]
    return tuple(dict.fromkeys(r.lower() for r in out))


def _runs_at(text: str) -> list[tuple[int, list[tuple[str, ...]]]]:
    """Maximal runs of consecutive characters that have readings, with their offsets."""
    runs: list[tuple[int, list[tuple[str, ...]]]] = []
    current: list[tuple[str, ...]] = []
    for i, ch in enumerate(text):
        rs = readings(ch)
        if rs:
            current.append(rs)
        elif current:
            runs.append((i - len(current), current))
            current = []
    if current:
        runs.append((len(text) - len(current), current))
    return runs


def _runs(text: str) -> list[list[tuple[str, ...]]]:
    """The runs of ``_runs_at`` without offsets."""
    return [run for _, run in _runs_at(text)]


def _spellings(run: list[tuple[str, ...]], start: int, offsets: bool) -> set[str]:
    """Full spellings (3 letters at most) from char ``start``: from its first letter only,
    or (``offsets``) from any letter of any of its readings."""
    out: set[str] = set()

    def extend(prefix: str, k: int) -> None:
        if len(prefix) >= 3 or k >= len(run):
            out.add(prefix[:3])
            return
        for r in run[k]:
            extend(prefix + r, k + 1)

    for r in run[start]:
        for offset in range(len(r) if offsets else 1):
            extend(r[offset:], start + 1)
    return out


def _initials(run: list[tuple[str, ...]], i: int) -> set[str]:
    """Initials spellings of two and three characters starting at char ``i``."""
    out: set[str] = set()
    if i + 1 >= len(run):
        return out
    for a in {r[0] for r in run[i]}:
        for b in {r[0] for r in run[i + 1]}:
            out.add(a + b)
            if i + 2 < len(run):
                out.update(a + b + r[0] for r in run[i + 2])
    return out


def grams(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """``(start, inner)`` grams of ``text`` for the index.

    ``start``: 2- and 3-letter beginnings of every full or initials spelling starting at a
    character — a query of two or three letters matches exactly when it is one of them.
    ``inner``: every 3-letter gram anywhere in a full or initials spelling — each trigram of
    a longer matching query is one of them.
    """
    start: set[str] = set()
    inner: set[str] = set()
    for run in _runs(text):
        for i in range(len(run)):
            at_start, at_inner = _grams_at(tuple(run[i : i + 3]))
            start |= at_start
            inner |= at_inner
    return frozenset(start), frozenset(inner)


@functools.lru_cache(maxsize=1 << 18)
def _grams_at(window: tuple[tuple[str, ...], ...]) -> tuple[frozenset[str], frozenset[str]]:
    """``grams`` of the character that starts ``window`` (its readings and those of the
    next two characters of the run: every reading has a letter, so a spelling of three
    letters never reaches further). Titles and names share most windows: remembered."""
    run = list(window)
    start: set[str] = set()
    initials = _initials(run, 0)
    for spelled in _spellings(run, 0, offsets=False):
        if len(spelled) >= 2:
            start.add(spelled[:2])
        if len(spelled) == 3:
            start.add(spelled)
    start.update(initials)
    inner = {g for g in _spellings(run, 0, offsets=True) if len(g) == 3}
    inner.update(g for g in initials if len(g) == 3)
    return frozenset(start), frozenset(inner)


def query_keys(query: str) -> tuple[str, list[str], bool]:
    """``(start_gram, inner_grams, exact)`` to look up for a Latin query of 2+ letters.

    When ``exact`` the start gram's postings are exactly the matches; otherwise they and the
    inner grams' postings bound them and ``matches`` must confirm each candidate.
    """
    if len(query) <= 3:
        return query, [], True
    inner = sorted({query[i : i + 3] for i in range(1, len(query) - 2)})
    return query[:3], inner, False


def _full_end(run: list[tuple[str, ...]], k: int, rest: str) -> int:
    """Index after the last character spelling ``rest`` from char ``k`` in full; -1 if none."""
    if k >= len(run):
        return -1
    for r in run[k]:
        if r.startswith(rest):
            return k + 1
        if rest.startswith(r):
            end = _full_end(run, k + 1, rest[len(r) :])
            if end >= 0:
                return end
    return -1


def _initials_from(run: list[tuple[str, ...]], k: int, query: str) -> bool:
    if k + len(query) > len(run):
        return False
    return all(any(r[0] == q for r in run[k + j]) for j, q in enumerate(query))


def _end(run: list[tuple[str, ...]], k: int, query: str) -> int:
    end = _full_end(run, k, query)
    if end < 0 and _initials_from(run, k, query):
        end = k + len(query)
    return end


@functools.lru_cache(maxsize=65536)
def matches(query: str, text: str) -> bool:
    """Whether the Latin ``query`` spells (full or initials) a run of ``text``'s characters."""
    return any(_end(run, k, query) >= 0 for run in _runs(text) for k in range(len(run)))


def matched_text(query: str, text: str) -> list[str]:
    """The pieces of ``text`` that ``query`` spells (for highlighting), in order."""
    found: list[str] = []
    for offset, run in _runs_at(text):
        k = 0
        while k < len(run):
            end = _end(run, k, query)
            if end >= 0:
                found.append(text[offset + k : offset + end])
                k = end
            else:
                k += 1
    return found
