"""Index building blocks: n-gram postings against a plain-Python reference, bit-set codecs."""

from __future__ import annotations

from array import array
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.search import postings, text_postings
from store.search.text_postings import TextPostings

TRICKY = [
    "",
    "\n",
    "a",
    "高新区\n高新区",
    "𠀀𠀁𠀀 emoji 😀😀 mixed 高𠀀新",  # characters beyond the BMP
    "nul\x00char\x00\x00",
    "line one\nline two\n\nend",
    "aaaa",
]


def reference(texts: list[str], frequent: set[str]) -> dict[str, list[int]]:
    """The postings computed the obvious way."""
    out: dict[str, set[int]] = defaultdict(set)
    for d, text in enumerate(texts):
        for line in text.split("\n"):
            for i, ch in enumerate(line):
                out["b" + ch].add(d)
                if i + 1 < len(line):
                    out["b" + line[i : i + 2]].add(d)
                if i + 2 < len(line) and line[i : i + 3] in frequent:
                    out["t" + line[i : i + 3]].add(d)
    return {key: sorted(docs) for key, docs in out.items()}


def built(texts: list[str], frequent: set[str]) -> dict[str, list[int]]:
    collector = TextPostings(frequent)
    for d, text in enumerate(texts):
        collector.add(d, text)
    return {key: docs.tolist() for key, docs in collector.items()}


def test_tricky_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_postings, "CHUNK_KEYS", 7)  # many chunks, merged per key
    frequent = {"高新区", "𠀀𠀁𠀀", "aaa", "one", "\x00\x00c"}
    assert built(TRICKY, frequent) == reference(TRICKY, frequent)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab高新区\n𠀀 ", max_size=30), max_size=12))
def test_random_texts(texts: list[str]) -> None:
    frequent = {"ab高", "高新区", "aaa", "bbb", "a b"}
    assert built(texts, frequent) == reference(texts, frequent)


@pytest.mark.parametrize("n", [0, 1, 7, 64, 1000])
def test_codec_round_trip(n: int) -> None:
    for docs in ([], list(range(0, n, 3)), list(range(n)), [n - 1] if n else []):
        blob = postings.encode(array("I", docs), n)
        assert len(blob) <= max(postings.nbytes(n), 4 * len(docs))
        assert postings.positions(postings.decode(blob, n)) == docs


def test_positions_and_from_positions_agree_beyond_the_numpy_threshold() -> None:
    docs = list(range(5, 5000, 7))
    mask = postings.from_positions(docs, 5000)
    assert postings.positions(mask) == docs
    assert postings.positions(postings.from_positions(iter(docs[:3]), 5000)) == docs[:3]


def test_per_document_facets_survive_the_round_trip_flat(tmp_path: Path) -> None:
    from test_search import CORPUS

    from store.search.index import FlatLists, build_index, read_index, save_index

    built, _ = build_index(CORPUS, "fp")
    save_index(built, tmp_path / "i.bin")
    read = read_index(tmp_path / "i.bin")
    assert read is not None and isinstance(read.doc_entities, FlatLists)
    assert list(read.doc_entities) == built.doc_entities
    assert read.doc_entities[1:3] == built.doc_entities[1:3]
    assert FlatLists.of([[], [3, 1], [2]])[1] == [3, 1]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="高新区\n海尔 a𠀀", max_size=12), max_size=8), st.integers(1, 3))
def test_frequent_trigrams_are_those_in_enough_texts(texts: list[str], least: int) -> None:
    from collections import Counter

    from store.search.text_postings import frequent_trigrams

    df: Counter[str] = Counter()
    for text in texts:
        df.update({ln[i : i + 3] for ln in text.split("\n") for i in range(len(ln) - 2)})
    assert sorted(frequent_trigrams(texts, least)) == sorted(g for g, c in df.items() if c >= least)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="高新区长行重庆朝阳 a银-乐", max_size=10))
def test_pinyin_grams_by_window_equal_the_whole_run(text: str) -> None:
    from store.search import pinyin_match as pm

    start: set[str] = set()
    inner: set[str] = set()
    for run in pm._runs(text):  # the spelling out of each run as a whole, char by char
        for i in range(len(run)):
            initials = pm._initials(run, i)
            for spelled in pm._spellings(run, i, offsets=False):
                if len(spelled) >= 2:
                    start.add(spelled[:2])
                if len(spelled) == 3:
                    start.add(spelled)
            start.update(initials)
            inner.update(g for g in pm._spellings(run, i, offsets=True) if len(g) == 3)
            inner.update(g for g in initials if len(g) == 3)
    assert pm.grams(text) == (frozenset(start), frozenset(inner))


def test_index_built_by_two_processes_is_the_one_built_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``yuebao load -j 2`` shares the text postings between processes: the saved index
    must be byte for byte the one a single process writes."""
    from test_search import CORPUS

    from store.search import index as index_module

    monkeypatch.setattr(index_module, "PARALLEL_MIN_DOCS", 2)
    articles = [dict(a, id=f"{a['id']}-{k}") for k in range(4) for a in CORPUS]
    one, _ = index_module.build_index(articles, "fp", workers=1)
    two, _ = index_module.build_index(articles, "fp", workers=2)
    assert set(two.blobs) == set(one.blobs) and len(one.blobs) > 10
    index_module.save_index(one, tmp_path / "one.bin")
    index_module.save_index(two, tmp_path / "two.bin")
    assert (tmp_path / "one.bin").read_bytes() == (tmp_path / "two.bin").read_bytes()
