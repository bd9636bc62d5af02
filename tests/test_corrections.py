"""Corrections the reader owns: applied over the stored corpus in every view, kept in the
user data, and still there after the corpus is deleted and loaded again."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.corpus import Corrections, corrected, split_id
from store.search import SearchEngine
from store.userdata import UserData
from store.userdata.data import UserDataError
from tests.tui_fixtures import build_db, sample_articles


def _db(tmp_path: Path):
    return build_db(tmp_path / "corpus.json")


def _names(rows, group_of_interest: str = "") -> set[tuple[str, str]]:
    from store.corpus import row_entity_keys

    return {k for r in rows for k in row_entity_keys(r)}


def _fix(tmp_path: Path, *corrections: tuple) -> tuple:
    data = UserData.open()
    for kind, target, value, *title in corrections:
        data.add_correction(kind, target, value, *title)
    db = corrected(_db(tmp_path), data.correction_set())
    return data, db


def test_no_corrections_is_the_database_itself(tmp_path: Path) -> None:
    db = _db(tmp_path)
    assert corrected(db, UserData.open().correction_set()) is db


def test_title_edit_shows_in_rows_articles_and_search(tmp_path: Path) -> None:
    first = sample_articles()[1]
    _data, db = _fix(tmp_path, ("title", first["id"], "卡奥斯获评国家级示范平台"))
    row = next(r for r in db.catalog() if r["id"] == first["id"])
    assert row["title"] == "卡奥斯获评国家级示范平台"
    assert row["corrected"] == ["title"]
    article = db.get(first["id"])
    assert article["original_title"] == first["title"]
    engine = SearchEngine.open(db)
    assert engine.search("title:国家级示范平台").ids == [first["id"]]
    assert engine.search("title:再获殊荣").ids == []


def test_entity_rename_merge_retype_hide_reach_facets_and_queries(tmp_path: Path) -> None:
    _data, db = _fix(
        tmp_path,
        ("merge", ["青岛", "place"], ["青岛市", "place"]),
        ("rename", ["海尔集团", "org"], "海尔集团公司"),
        ("retype", ["青岛国家高新区", "org"], "place"),
        ("hide", ["标记", "org"], None),
    )
    keys = _names(db.catalog())
    assert ("青岛", "place") not in keys and ("青岛市", "place") in keys
    assert ("海尔集团公司", "org") in keys and ("海尔集团", "org") not in keys
    assert ("青岛国家高新区", "place") in keys
    assert ("标记", "org") not in keys
    table = {(e["name"], e["type"]): e for e in db.entities()}
    assert table[("青岛市", "place")]["count"] == 2  # one entry for both articles
    assert "青岛" in table[("青岛市", "place")]["aliases"]
    assert "海尔集团" in table[("海尔集团公司", "org")]["aliases"]
    engine = SearchEngine.open(db)
    assert len(engine.search("place:青岛市").ids) == 2
    assert len(engine.search("org:海尔集团公司").ids) == 2
    assert engine.search("org:标记").ids == []


def test_chained_corrections_follow_the_entity(tmp_path: Path) -> None:
    _data, db = _fix(
        tmp_path,
        ("rename", ["海尔集团", "org"], "海尔"),
        ("rename", ["海尔", "org"], "海尔智家"),
        ("retype", ["耿婷婷", "reporter"], "person"),
    )
    keys = _names(db.catalog())
    assert ("海尔智家", "org") in keys and ("海尔", "org") not in keys
    assert ("耿婷婷", "person") in keys and ("耿婷婷", "reporter") not in keys


def test_join_two_articles_then_split_gives_them_back(tmp_path: Path) -> None:
    a, b = sample_articles()[0], sample_articles()[2]
    data, db = _fix(tmp_path, ("join", a["id"], b["id"]))
    ids = [r["id"] for r in db.catalog()]
    assert b["id"] not in ids and a["id"] in ids
    joined = db.get(a["id"])
    assert joined["body"] == a["body"] + "\n" + b["body"]
    assert "joined" in joined["corrected"]
    start = len(a["body"]) + 1
    lao = next(e for e in joined["entities"] if e["name"] == "崂山区")
    assert all(joined["body"][s:e] == "崂山区" for s, e in lao["spans"])
    assert lao["spans"][0][0] >= start
    engine = SearchEngine.open(db)
    assert engine.search("崂山区").ids == [a["id"]]

    data.add_correction("split", a["id"], start, "崂山区推进国际创新园建设（拆分）")
    db = corrected(_db(tmp_path), data.correction_set())
    part = split_id(a["id"], start)
    rows = {r["id"]: r for r in db.catalog()}
    assert rows[part]["title"] == "崂山区推进国际创新园建设（拆分）"
    assert db.get(a["id"])["body"] == a["body"]
    second = db.get(part)
    assert second["body"] == b["body"]
    assert all(
        second["body"][s:e] == "崂山区"
        for e_ in second["entities"]
        if e_["name"] == "崂山区"
        for s, e in e_["spans"]
    )
    assert ("崂山区", "place") in _names([rows[part]])
    assert ("崂山区", "place") not in _names([rows[a["id"]]])


def test_split_entity_form_becomes_its_own_entry(tmp_path: Path) -> None:
    articles = sample_articles()
    first = articles[0]
    for e in first["entities"]:
        if e["name"] == "青岛国家高新区":
            e["aliases"] = ["青岛国家高新区", "高新区"]
            e["spans"] = sorted(
                e["spans"]
                + [[first["body"].find("高新区专委会"), first["body"].find("高新区专委会") + 3]]
            )
    db = build_db(tmp_path / "c.json", articles)
    data = UserData.open()
    data.add_correction("split-entity", ["青岛国家高新区", "org"], "高新区")
    view = corrected(db, data.correction_set())
    keys = _names(view.catalog())
    assert ("高新区", "org") in keys and ("青岛国家高新区", "org") in keys
    article = view.get(first["id"])
    zone = next(e for e in article["entities"] if e["name"] == "高新区")
    assert all(article["body"][s:e] == "高新区" for s, e in zone["spans"])


def test_undo_brings_the_extraction_back(tmp_path: Path) -> None:
    data, db = _fix(tmp_path, ("hide", ["张瑞敏", "person"], None))
    assert ("张瑞敏", "person") not in _names(db.catalog())
    (rec,) = data.corrections()
    assert data.set_undone(rec["id"])
    assert data.corrections() == [] and len(data.corrections(include_undone=True)) == 1
    db = corrected(_db(tmp_path), data.correction_set())
    assert ("张瑞敏", "person") in _names(db.catalog())


def test_corrections_survive_deleting_and_reloading_the_corpus(tmp_path: Path) -> None:
    first = sample_articles()[3]
    _fix(tmp_path, ("title", first["id"], "数字经济规划发布"))
    for f in tmp_path.glob("corpus*"):
        f.unlink()
    again = corrected(_db(tmp_path), UserData.open().correction_set())
    row = next(r for r in again.catalog() if r["id"] == first["id"])
    assert row["title"] == "数字经济规划发布"


def test_corrected_index_is_kept_apart_and_rebuilt_when_corrections_change(tmp_path: Path) -> None:
    raw = _db(tmp_path)
    plain = SearchEngine.open(raw)
    assert plain.search("org:海尔集团").ids
    data = UserData.open()
    data.add_correction("rename", ["海尔集团", "org"], "海尔")
    view = corrected(raw, data.correction_set())
    assert SearchEngine.open(view).search("org:海尔").ids
    assert SearchEngine.open(raw).search("org:海尔集团").ids  # the raw index still right
    data.add_correction("rename", ["海尔", "org"], "海尔智家")
    view = corrected(raw, data.correction_set())
    assert len(SearchEngine.open(view).search("org:海尔智家").ids) == 2


@pytest.mark.parametrize(
    ("kind", "target", "value"),
    [
        ("rename", ["海尔集团", "org"], "  "),
        ("merge", ["海尔集团", "org"], ["海尔集团", "org"]),
        ("retype", ["海尔集团", "org"], "company"),
        ("title", "abc", ""),
        ("split", "abc", 0),
        ("frobnicate", "abc", 1),
    ],
)
def test_malformed_corrections_are_refused_with_a_message(kind, target, value) -> None:
    with pytest.raises(UserDataError, match="correction"):
        UserData.open().add_correction(kind, target, value)
    assert UserData.open().corrections() == []


def test_two_sessions_corrections_merge_and_undo_wins_when_later() -> None:
    one, two = UserData.open(), UserData.open()
    a = one.add_correction("hide", ["甲", "person"])
    two.add_correction("hide", ["乙", "person"])  # two never saw a: it must stay
    assert {c["target"][0] for c in UserData.open().corrections()} == {"甲", "乙"}
    two.set_undone(a["id"])
    assert {c["target"][0] for c in one.corrections()} == {"甲"}  # not refreshed yet
    one.refresh()
    assert {c["target"][0] for c in one.corrections()} == {"乙"}


def test_corrections_object_composes_in_order() -> None:
    fixes = Corrections(
        [
            {"id": "1", "kind": "rename", "target": ["A", "org"], "value": "B", "created": "1"},
            {"id": "2", "kind": "rename", "target": ["C", "org"], "value": "A", "created": "2"},
        ]
    )
    assert fixes.entity_key(("A", "org")) == ("B", "org")  # the first A is B now
    assert fixes.entity_key(("C", "org")) == ("A", "org")  # and C took the name A
