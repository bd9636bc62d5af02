"""An engine over a stored index reads no article when it opens: texts are read from the
corpus file as queries need them, with the same answers as an engine that read them all."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_search import article
from test_search_property import agrees_with_scan
from tui_fixtures import build_db

from store.corpus import CorpusDB, corrected
from store.search import SearchEngine
from store.search import index as index_mod
from store.userdata import UserData

QUERIES = [
    "高新区",
    "国家高新区",
    "推进会召开",
    "耿涛 -崂山区",
    '"海尔集团"',
    "gxq",
    "haier",
    "title:创新园",
    "sort:relevance 高新区",
    "会议 OR 发布会",
    "正文含有",
]


def _answers(engine: SearchEngine) -> list[tuple]:
    out = []
    for q in QUERIES:
        r = engine.search(q)
        out.append((q, r.ids, sorted(r.terms), sorted(r.facets.items())))
    return out


def test_reopened_engine_reads_no_article_and_answers_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_db(tmp_path / "corpus.json")
    first = _answers(SearchEngine.open(db))  # builds and saves the index

    def no_full_read(self: CorpusDB) -> list:
        raise AssertionError("the engine read every article")

    monkeypatch.setattr(CorpusDB, "articles", no_full_read)
    monkeypatch.setattr(CorpusDB, "get", lambda self, i: no_full_read(self))
    reopened = CorpusDB(tmp_path / "corpus.json")
    assert _answers(SearchEngine.open(reopened)) == first


def test_reopened_engine_sees_the_corrections(tmp_path: Path) -> None:
    from tui_fixtures import sample_articles

    raw = build_db(tmp_path / "corpus.json")
    article = sample_articles()[1]
    data = UserData.open()
    data.add_correction("title", article["id"], "卡奥斯平台获评示范")
    SearchEngine.open(corrected(raw, data.correction_set()))  # builds the corrected index
    again = SearchEngine.open(corrected(CorpusDB(tmp_path / "corpus.json"), data.correction_set()))
    assert again.search("获评示范").ids == [article["id"]]
    assert again.search("title:卡奥斯平台").ids == [article["id"]]
    assert again.search("再获殊荣").ids == []


def test_offsets_of_a_rewritten_corpus_file_are_not_trusted(tmp_path: Path) -> None:
    import os

    db = build_db(tmp_path / "corpus.json")
    first = _answers(SearchEngine.open(db))
    path = tmp_path / "corpus.json"
    data = path.read_bytes()
    path.write_bytes(b" " * 64 + data)  # every record moves; the catalog still agrees
    os.utime(path, ns=(1, 1))
    again = SearchEngine.open(CorpusDB(path))
    assert _answers(again) == first
    assert again.read_article(again.index.ids[0])["id"] == again.index.ids[0]


# -- confirming on the corpus file's bytes ---------------------------------------------
#: Chinese characters beside what JSON escapes (quotes, backslashes, newlines), letters
#: lower-casing changes, and a character the fold table maps (臺)
HOSTILE = list('高新区海尔岛青"\\\n AbÇ臺２')
#: overlapping pieces; 臺灣 folds to 台湾, ２ to 2
WORDS = ["青岛高新区", "青岛高", "岛高新", "高新区", "海尔", "尔岛", "臺灣高新", "台湾高新区"]
hostile_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(alphabet=HOSTILE, max_size=3)), max_size=5
).map("".join)


@st.composite
def hostile_corpora(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Articles whose title, body, subtitles, captions, bylines and entities hold the
    needles in every field, next to escapes: only a title/body/byline match counts."""
    out = []
    for i in range(draw(st.integers(min_value=1, max_value=8))):
        ents = [
            (name, draw(st.sampled_from(["person", "place", "org"])), [], role)
            for name, role in draw(
                st.lists(
                    st.tuples(st.sampled_from(WORDS), st.sampled_from(["", "byline"])),
                    max_size=2,
                    unique_by=lambda t: t[0],
                )
            )
        ]
        art = article(
            f"h{i:02d}",
            draw(hostile_text),
            draw(hostile_text),
            entities=ents,
            byline=draw(st.lists(st.sampled_from(WORDS), max_size=1)),
        )
        art["subtitles"] = [draw(hostile_text)]
        art["captions"] = [draw(hostile_text)]
        art["dateline"] = draw(hostile_text)
        out.append(art)
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hostile_corpora(),
    st.lists(
        st.sampled_from([*WORDS, "青岛高新", "海尔岛", "高新区海尔", "aç", "台湾高新", "2高新"]),
        max_size=4,
    ),
)
def test_confirming_on_the_file_bytes_answers_like_the_texts(
    arts: list[dict[str, Any]], qs: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.json"
        saved = index_mod.TRIGRAM_MIN
        index_mod.TRIGRAM_MIN = 10**6  # no trigram postings: every 3+ term is confirmed
        try:
            SearchEngine.open(build_db(path, arts))  # builds and saves the index
        finally:
            index_mod.TRIGRAM_MIN = saved
        db = CorpusDB(path)
        agrees_with_scan(SearchEngine.open(db), db.articles(), qs, None)


def test_a_needle_only_in_a_subtitle_or_an_entity_is_not_a_match(tmp_path: Path) -> None:
    # every article holds each character pair of 青岛高新区 (the candidates), one the phrase
    pieces = "青岛高，岛高新，新区"
    arts = [
        article("a1", "标题", pieces, entities=[("青岛高新区", "place")]),
        article("a2", "标题", pieces, byline=["王青岛高新区"]),
        article("a3", "标题", f'{pieces}\\"青岛高新区\\"'),
        article("a4", "青岛高新区", pieces),
    ]
    arts[0]["subtitles"] = ["青岛高新区副题"]
    path = tmp_path / "corpus.json"
    SearchEngine.open(build_db(path, arts))
    engine = SearchEngine.open(CorpusDB(path))
    # a byline name is searchable text; a subtitle, a caption or an entity name is not
    assert sorted(engine.search("青岛高新区").ids) == ["a2", "a3", "a4"]
    assert engine.search("区副题").ids == []


def _reopened(tmp_path: Path) -> SearchEngine:
    """An engine opened over the stored index of the fixture corpus (built and saved by
    a first engine), which reads no text until asked."""
    SearchEngine.open(build_db(tmp_path / "corpus.json"))
    return SearchEngine.open(CorpusDB(tmp_path / "corpus.json"))


def test_a_large_corpus_is_read_into_memory_only_in_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.search import texts

    engine = _reopened(tmp_path)
    monkeypatch.setattr(texts, "WARM_DOCS", engine.total - 1)
    engine.warm()
    assert sorted(engine._texts._cache) == list(range(engine.total - 1))  # the first ones
    assert engine.search("高新区").ids  # the last one confirmed on the file's bytes
    monkeypatch.setattr(texts, "WARM_DOCS", engine.total)
    engine.warm()
    assert len(engine._texts._cache) == engine.total


def test_a_text_the_fold_table_changes_is_confirmed_as_folded(tmp_path: Path) -> None:
    pieces = "台湾高，湾高新，新区"  # every character pair of 台湾高新区
    arts = [
        article("t1", "标题", pieces + "臺灣高新区"),  # folds to 台湾高新区
        article("t2", "标题", pieces + "２０２２年"),  # full-width digits: folded, no match
        article("t3", "标题", pieces + "２０２２年台湾高新区"),
    ]
    path = tmp_path / "corpus.json"
    SearchEngine.open(build_db(path, arts))
    engine = SearchEngine.open(CorpusDB(path))
    assert sorted(engine.search("台湾高新区").ids) == ["t1", "t3"]
    assert sorted(engine.search("臺灣高新区").ids) == ["t1", "t3"]


def test_the_record_bytes_say_where_a_phrase_is() -> None:
    import orjson

    from store.corpus.article_file import record_text_contains

    def rec(**fields: Any) -> bytes:
        base = {"id": "x", "title": "", "subtitles": [], "byline": [], "body": "", "captions": []}
        return orjson.dumps({**base, **fields})

    needle = "高新区".encode()
    assert record_text_contains(rec(title='标"高新区"'), needle) is True
    assert record_text_contains(rec(body='a\\"\\\\高新区'), needle) is True
    assert record_text_contains(rec(body="高新", captions=["高新区"]), needle) is None
    assert record_text_contains(rec(subtitles=["高新区"], body="正文高新区"), needle) is True
    assert record_text_contains(rec(subtitles=["高新区"], body="正文"), needle) is None
    assert record_text_contains(rec(title="高新", body="区"), needle) is False
    assert record_text_contains(rec(title='\\"', body='"高新区'), needle) is True


def test_the_background_read_stands_aside_while_a_search_runs(tmp_path: Path) -> None:
    import threading
    import time

    engine = _reopened(tmp_path)
    lazy = engine._texts
    with lazy.search_running():  # what ``search`` marks while it runs
        reader = threading.Thread(target=engine.warm)
        reader.start()
        time.sleep(0.2)
        assert lazy._cache == {}  # waited
    reader.join(10)
    assert len(lazy._cache) == engine.total


def test_texts_kept_stay_kept_when_the_cache_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.search import texts

    engine = _reopened(tmp_path)
    monkeypatch.setattr(texts, "CACHE_DOCS", 2)
    lazy = engine._texts
    first = [lazy[d] for d in range(engine.total)]
    assert sorted(lazy._cache) == [0, 1]  # the warm ones are not thrown away for the rest
    assert [lazy[d] for d in range(engine.total)] == first
