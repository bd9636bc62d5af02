"""The indexed search engine (``store.search.engine``) on small hand-made corpora, no terminal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from store.corpus.db import CorpusDB
from store.search import index as index_mod
from store.search import stored as stored_mod
from store.search.engine import SearchEngine
from store.search.index import index_path_for
from store.search.stored import rebuild_index

Ent = tuple[str, str] | tuple[str, str, Sequence[str]] | tuple[str, str, Sequence[str], str]


def article(
    key: str,
    title: str,
    body: str,
    *,
    date: str = "2022-12-01",
    entities: Iterable[Ent] = (),
    byline: Sequence[str] = (),
    source: str = "",
    newspaper: str = "青岛日报",
) -> dict[str, Any]:
    """An article dict as the loader stores it; entities as (name, type[, aliases[, role]])."""
    ents = []
    for ent in entities:
        name, etype = ent[0], ent[1]
        aliases = list(ent[2]) if len(ent) > 2 else []  # type: ignore[misc]
        role = ent[3] if len(ent) > 3 else ""  # type: ignore[misc]
        ents.append(
            {"name": name, "type": etype, "aliases": aliases, "count": 1, "spans": [], "role": role}
        )
    return {
        "id": key,
        "title": title,
        "subtitles": [],
        "byline": list(byline),
        "dateline": "",
        "body": body,
        "captions": [],
        "source": source or f"{key}.txt",
        "newspaper": newspaper,
        "date": date,
        "page": "1",
        "truncated": False,
        "entities": ents,
    }


CORPUS = [
    article(
        "gx",
        "高新区专委会召开推进会",
        "青岛国家高新区专委会暨重点功能区高质量发展现场推进会召开。",
        date="2022-12-15",
        entities=[("高新区", "place"), ("耿涛", "person"), ("耿婷婷", "person", [], "byline")],
        byline=["耿婷婷"],
        source="000_qd.txt",
    ),
    article(
        "haier",
        "海尔卡奥斯发布工业互联网平台",
        "海尔集团旗下卡奥斯COSMOPlat平台今日发布。5G工厂投用。",
        date="2022-12-10",
        entities=[("海尔", "org", ["海尔集团"]), ("卡奥斯", "org")],
        byline=["王伟"],
    ),
    article(
        "tw",
        "台湾同胞来青参观",
        "台湾同胞一行参观海尔工业园，“高质量发展”成为热词。",
        date="2022-11-20",
        entities=[("海尔", "org"), ("台湾", "place")],
    ),
    article(
        "trad",
        "臺灣電子業者來訪",
        "業者表示，將與青島企業合作。",
        date="2022-11-05",
        newspaper="聯合報",
    ),
    article(
        "river",
        "长江经济带建设",
        "长江沿线城市推进绿色发展，银行行长出席。",
        date="2022-10-01",
        entities=[("长江", "place")],
    ),
    article("nodate", "Ｇｄｐ 简讯", "GDP 增长 5.2%，haier 海外收入增长。", date=""),
]


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    return SearchEngine.from_articles(CORPUS)


def ids(engine: SearchEngine, query: str) -> list[str]:
    result = engine.search(query)
    assert result.error is None, result.error
    return result.ids


# -- terms, operators --------------------------------------------------------------------
def test_empty_query_lists_everything_newest_first(engine: SearchEngine) -> None:
    assert ids(engine, "") == ["gx", "haier", "tw", "trad", "river", "nodate"]
    assert engine.search("").total == 6


def test_cjk_substring_not_whole_words(engine: SearchEngine) -> None:
    assert ids(engine, "高新") == ["gx"]
    assert ids(engine, "新区") == ["gx"]
    assert ids(engine, "高") == ["gx", "tw"]  # one character: title or body


def test_terms_are_anded_over_title_and_body(engine: SearchEngine) -> None:
    assert ids(engine, "海尔 发布") == ["haier"]
    assert ids(engine, "卡奥斯 参观") == []


def test_cjk_latin_mix_and_case(engine: SearchEngine) -> None:
    assert ids(engine, "cosmoplat") == ["haier"]
    assert ids(engine, "5G工厂") == ["haier"]
    assert ids(engine, "5g工厂 海尔") == ["haier"]
    assert ids(engine, "gdp") == ["nodate"]  # full-width Ｇｄｐ in a title, GDP in the body


def test_negation(engine: SearchEngine) -> None:
    assert ids(engine, "海尔 -卡奥斯") == ["tw"]
    assert ids(engine, "-海尔") == ["gx", "trad", "river", "nodate"]


def test_phrase(engine: SearchEngine) -> None:
    assert ids(engine, '"高质量发展"') == ["gx", "tw"]
    assert ids(engine, '"GDP 增长"') == ["nodate"]
    assert ids(engine, '"GDP增长"') == []


def test_or(engine: SearchEngine) -> None:
    assert ids(engine, "卡奥斯 OR 长江") == ["haier", "river"]
    assert ids(engine, "海尔 卡奥斯 OR 参观") == ["haier", "tw"]


def test_parentheses(engine: SearchEngine) -> None:
    assert ids(engine, "-(海尔 OR 高新)") == ["trad", "river", "nodate"]


# -- fields ------------------------------------------------------------------------------
def test_title_field(engine: SearchEngine) -> None:
    assert ids(engine, "title:海尔") == ["haier"]  # 海尔 in tw's body only
    assert ids(engine, "title:推进") == ["gx"]


def test_entity_fields_match_names_and_aliases(engine: SearchEngine) -> None:
    assert ids(engine, "org:海尔") == ["haier", "tw"]
    assert ids(engine, "org:海尔集团") == ["haier"]  # alias
    assert ids(engine, "org:海尔 -卡奥斯") == ["tw"]
    assert ids(engine, "person:耿涛") == ["gx"]
    assert ids(engine, "place:长江") == ["river"]
    assert ids(engine, "place:海尔") == []


def test_reporter_field(engine: SearchEngine) -> None:
    assert ids(engine, "reporter:耿婷婷") == ["gx"]  # role=byline entity
    assert ids(engine, "reporter:王伟") == ["haier"]  # byline name without an entity
    assert ids(engine, "reporter:耿涛") == []


def test_source_and_newspaper(engine: SearchEngine) -> None:
    assert ids(engine, "source:000_qd") == ["gx"]
    assert ids(engine, "newspaper:青岛日报") == ["gx", "haier", "tw", "river", "nodate"]
    assert ids(engine, "newspaper:联合报") == ["trad"]  # stored as 聯合報


def test_dates(engine: SearchEngine) -> None:
    assert ids(engine, "date:2022-12") == ["gx", "haier"]
    assert ids(engine, "date:2022-11-01..2022-12-10") == ["haier", "tw", "trad"]
    assert ids(engine, "date:2022-12-11..") == ["gx"]
    assert ids(engine, "date:..2022-10") == ["river"]
    assert ids(engine, "-date:2022") == ["nodate"]


# -- pinyin, traditional -----------------------------------------------------------------
def test_pinyin_full_and_initials(engine: SearchEngine) -> None:
    assert ids(engine, "gaoxin") == ["gx"]
    assert ids(engine, "gxq") == ["gx"]
    assert ids(engine, "gaoxinqu") == ["gx"]


def test_pinyin_ranked_after_literal(engine: SearchEngine) -> None:
    # "haier" is literally in nodate's body; haier and tw match by title / entity pinyin.
    assert ids(engine, "haier") == ["nodate", "haier", "tw"]


def test_pinyin_polyphonic_any_reading(engine: SearchEngine) -> None:
    assert ids(engine, "changjiang") == ["river"]
    assert ids(engine, "zhangjiang") == ["river"]  # 长 also reads zhang


def test_pinyin_in_fields(engine: SearchEngine) -> None:
    assert ids(engine, "org:haier") == ["haier", "tw"]
    assert ids(engine, "person:gengtao") == ["gx"]
    assert ids(engine, "title:kaaosi") == ["haier"]


def test_phrase_is_literal_only(engine: SearchEngine) -> None:
    assert ids(engine, '"gxq"') == []


def test_traditional_finds_simplified_and_back(engine: SearchEngine) -> None:
    assert ids(engine, "臺灣") == ["tw", "trad"]
    assert ids(engine, "台湾") == ["tw", "trad"]
    assert ids(engine, "电子业者") == ["trad"]


# -- result details ----------------------------------------------------------------------
def test_facets_count_within_results(engine: SearchEngine) -> None:
    result = engine.search("海尔")
    assert result.facets == {("海尔", "org"): 2, ("卡奥斯", "org"): 1, ("台湾", "place"): 1}
    everything = engine.search("").facets
    assert everything[("海尔", "org")] == 2 and everything[("高新区", "place")] == 1


def test_highlight_terms(engine: SearchEngine) -> None:
    assert engine.search("臺灣 -海尔").terms == ["臺灣", "台湾"]
    assert "海尔" in engine.search("haier").terms


def test_sort_relevance(engine: SearchEngine) -> None:
    assert ids(engine, "发展") == ["gx", "tw", "river"]
    # gx: 发展 once in the body; tw and river once too: ties keep date order …
    assert ids(engine, "发展 sort:relevance") == ["gx", "tw", "river"]
    # … while title hits count five times: tw has 参观 in its title, haier not at all.
    assert ids(engine, "海尔 OR 参观 sort:relevance") == ["tw", "haier"]
    assert ids(engine, "长江 OR 海尔") == ["haier", "tw", "river"]
    assert ids(engine, "长江 OR 海尔 sort:relevance") == ["haier", "river", "tw"]


def test_malformed_query_reports_and_never_raises(engine: SearchEngine) -> None:
    for query in ['"高新', "org:", "a OR", "(", "date:someday", "nope:x", "-"]:
        result = engine.search(query)
        assert result.ids == [] and result.error
        assert "\n" not in result.error


class View:
    """A user-data view (the Protocol ``store.search.engine.UserDataView``)."""

    def bookmarked_ids(self) -> set[str]:
        return {"haier", "river", "unknown-id"}

    def read_ids(self) -> set[str]:
        return {"gx", "haier"}

    def noted_ids(self) -> set[str]:
        return {"river"}

    def tag_ids(self, name: str) -> set[str]:
        return {"tw"} if name == "待查" else set()

    def text_ids(self, needle: str) -> set[str]:
        return {"river"} if needle and needle in "记得复查数据" else set()


def test_userdata_filters(engine: SearchEngine) -> None:
    view = View()
    assert engine.search("is:bookmarked", view).ids == ["haier", "river"]
    assert engine.search("is:unread", view).ids == ["tw", "trad", "river", "nodate"]
    assert engine.search("has:note", view).ids == ["river"]
    assert engine.search("tag:待查", view).ids == ["tw"]
    assert engine.search("is:bookmarked -has:note 海尔", view).ids == ["haier"]
    # free text finds your own note's words too (and only with your data at hand)
    assert engine.search("复查", view).ids == ["river"]
    assert engine.search("复查").ids == []


def test_userdata_filters_empty_without_a_view(engine: SearchEngine) -> None:
    for query in ["is:bookmarked", "is:unread", "has:note", "tag:x"]:
        result = engine.search(query)
        assert result.ids == [] and result.error is None


# -- the persisted index -----------------------------------------------------------------
def _db(tmp_path: Path, articles: list[dict[str, Any]]) -> CorpusDB:
    db = CorpusDB(tmp_path / "corpus.json")
    db.add_batch(articles)
    return db


def test_index_is_persisted_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _db(tmp_path, CORPUS[:3])
    rebuild_index(db)
    path = index_path_for(db.path)
    assert path == tmp_path / "corpus.index.bin" and path.exists()

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("index rebuilt although the corpus did not change")

    monkeypatch.setattr("store.search.engine.build_index", no_build)
    assert SearchEngine.open(db).search("gxq").ids == ["gx"]


def test_index_rebuilt_when_corpus_changes(tmp_path: Path) -> None:
    db = _db(tmp_path, CORPUS[:2])
    assert SearchEngine.open(db).search("臺灣").ids == []
    db.add_batch(CORPUS[2:])
    reopened = SearchEngine.open(CorpusDB(db.path))
    assert reopened.search("臺灣").ids == ["tw", "trad"]
    assert stored_mod.load_index(CorpusDB(db.path)) is not None


def test_broken_index_file_is_rebuilt(tmp_path: Path) -> None:
    db = _db(tmp_path, CORPUS)
    index_path_for(db.path).write_bytes(b"not an index")
    assert SearchEngine.open(db).search("gaoxin").ids == ["gx"]
    assert stored_mod.load_index(db) is not None


def test_index_not_larger_than_the_database(tmp_path: Path) -> None:
    body = "".join(a["body"] for a in CORPUS) * 3
    many = [
        article(
            f"a{i:04d}",
            CORPUS[i % 6]["title"] + str(i),
            body[i % 50 :] + str(i),
            date=f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}",
            entities=[("海尔", "org")],
        )
        for i in range(300)
    ]
    db = _db(tmp_path, many)
    rebuild_index(db)
    db_size = db.path.stat().st_size + db.catalog_path.stat().st_size
    assert index_path_for(db.path).stat().st_size <= db_size


def test_frequent_trigrams_answer_exactly_and_rare_ones_are_confirmed() -> None:
    arts = [
        article(f"a{i:02d}", "标题", "青岛高新区发展" if i % 2 else "高新技术，西海岸新区")
        for i in range(64)
    ]
    arts.append(article("rare", "标题", "新区高新"))
    engine = SearchEngine.from_articles(arts)
    assert engine._exact("高新区")  # in 32 of 65 articles: indexed
    assert not engine._exact("区高新") and not engine._exact("新区高")
    assert len(engine.search("高新区").ids) == 32
    assert engine.search("区高新").ids == ["rare"]  # confirmed against the text
    assert engine.search("新区西").ids == []  # 新区 and 区西 nowhere adjacent
    assert len(engine.search("高新区发展").ids) == 32


def test_unchanged_files_skip_the_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _db(tmp_path, CORPUS[:3])
    rebuild_index(db)
    calls: list[int] = []
    real = index_mod.db_fingerprint
    monkeypatch.setattr(stored_mod, "db_fingerprint", lambda d: calls.append(1) or real(d))
    assert stored_mod.load_index(CorpusDB(db.path)) is not None
    assert calls == []
    db.add_batch(CORPUS[3:4])  # files change: the fingerprint decides (and differs)
    assert stored_mod.load_index(CorpusDB(db.path)) is None
    assert calls == [1]


def test_the_highlighter_marks_what_the_search_matches() -> None:
    """One highlighter for the list, the reader and its jumps: folded like the search
    (traditional, full-width, upper case), overlaps merged, a match stop per occurrence."""
    from store.search import match_spans, match_starts

    text = "青岛高新區与ＨＡＩＥＲ，高新区"
    assert match_spans(text, ["高新区", "haier"]) == [(2, 5), (6, 11), (12, 15)]
    assert match_spans("高高高", ["高高"]) == [(0, 3)]
    assert match_starts("高高高", ["高高"]) == [0, 1]
    assert match_spans(text, ["", "  "]) == []
    engine = SearchEngine.from_articles([article("a", text, "正文。")])
    assert engine.search("高新区 haier").ids == ["a"]
