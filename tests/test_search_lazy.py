"""An engine over a stored index reads no article when it opens: texts are read from the
corpus file as queries need them, with the same answers as an engine that read them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_fixtures import build_db

from store.corpus import CorpusDB, corrected
from store.search import SearchEngine
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
