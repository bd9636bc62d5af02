"""Keyword in context and the date histogram: the store functions and their commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.search import aligned, date_histogram, kwic_lines, sort_lines
from store.search.kwic import display_width
from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLES = [
    {
        "id": "a",
        "title": "甲",
        "date": "2022-12-15",
        "body": "青岛高新区召开会议。\n高新技术企业增长。",
    },
    {"id": "b", "title": "乙", "date": "2022-12-14", "body": "ＨＡＩＥＲ在高新區投资。"},
]


def test_every_mention_in_context_folded_like_the_search() -> None:
    lines = kwic_lines(ARTICLES, ["高新"], width=4)
    assert [(x.article_id, x.left, x.match, x.right) for x in lines] == [
        ("a", "青岛", "高新", "区召开会"),
        ("a", "开会议。", "高新", "技术企业"),
        ("b", "ＩＥＲ在", "高新", "區投资。"),
    ]
    assert "\n" not in "".join(x.left + x.right for x in lines)  # the break joined the text


def test_lines_sort_by_the_words_before_or_after_the_term() -> None:
    lines = kwic_lines(ARTICLES, ["高新"], width=4)
    assert [x.right for x in sort_lines(lines, "right")] == ["区召开会", "區投资。", "技术企业"]
    assert [x.left[-1] for x in sort_lines(lines, "left")] == sorted(x.left[-1] for x in lines)
    assert sort_lines(lines, "date") == lines


def test_the_term_stands_in_one_column_with_cjk_double_width() -> None:
    for line in kwic_lines([*ARTICLES, {"id": "c", "body": "ab高新"}], ["高新"], width=4):
        left, _, _ = aligned(line, 4)
        assert display_width(left) == 8


def test_the_histogram_fills_empty_periods_and_counts_undated_apart() -> None:
    months = date_histogram(["2022-11-30", "2023-02-01", "", "2022-11-02"], "month")
    assert months.periods == [("2022-11", 2), ("2022-12", 0), ("2023-01", 0), ("2023-02", 1)]
    assert months.undated == 1
    assert date_histogram(["2020-02-28", "2020-03-01"], "day").periods == [
        ("2020-02-28", 1), ("2020-02-29", 0), ("2020-03-01", 1),
    ]  # fmt: skip
    assert date_histogram([], "year").periods == []
    with pytest.raises(ValueError):
        date_histogram([], "week")


def test_kwic_and_timeline_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", str(SEEDS)]) == 0
    capsys.readouterr()
    assert main(["kwic", "高新区", "--json", "--width", "8"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["count"] > 5 and all(x["match"] == "高新区" for x in doc["lines"])
    assert main(["kwic", "高新区", "--sort", "right", "--limit", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    columns = {display_width(line[: line.index("[高新区]")]) for line in out}
    assert len(out) == 3 and columns == {2 * 20 + 1}  # the term in one terminal column
    assert main(["timeline", "--json", "--by", "day"]) == 0
    days = json.loads(capsys.readouterr().out)
    assert sum(p["count"] for p in days["periods"]) + days["undated"] == days["count"] == 32
    assert main(["timeline", "(bad"]) == 2
    assert "bad query" in capsys.readouterr().err


def _row(article_id: str, *names: str, date: str = "") -> dict:
    return {"id": article_id, "date": date, "entities": [[n, "org", ""] for n in names]}


def test_companions_rank_by_pmi_not_by_frequency() -> None:
    from store.corpus import entity_profile, related_articles

    rows = [_row(f"x{k}", "青岛市") for k in range(6)]  # 青岛市 everywhere
    rows += [
        _row("a", "海尔", "卡奥斯", "青岛市", date="2022-12-01"),
        _row("b", "海尔", "卡奥斯", "青岛市", date="2022-12-09"),
        _row("c", "海尔", "青岛市"),
        {"id": "d", "entities": [["海尔", "org", ""], ["白晓", "person", "byline"]]},
    ]
    table = [{"name": "海尔", "aliases": ["海尔", "海尔集团"], "titles": []}]
    profile = entity_profile(("海尔", "org"), rows, table, min_count=2)
    assert profile is not None and profile.aliases == ["海尔集团"]
    assert profile.article_ids == ["a", "b", "c", "d"]
    assert [k for k, _, _ in profile.companions] == [("卡奥斯", "org"), ("青岛市", "org")]
    assert profile.companions[0][1] == 2 and profile.companions[0][2] > profile.companions[1][2]
    assert entity_profile(("无名", "org"), rows) is None
    assert [i for i, _ in related_articles("a", rows, top=2)] == ["b", "c"]


def test_entity_and_related_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", str(SEEDS)]) == 0
    capsys.readouterr()
    assert main(["entity", "高新区", "--json"]) == 0  # an alias finds the entity
    doc = json.loads(capsys.readouterr().out)
    # named as most of the corpus names it; the fuller form of one article is an alias
    assert doc["name"] == "青岛高新区" and {"高新区", "青岛国家高新区"} <= set(doc["aliases"])
    assert doc["articles"] == len(doc["article_ids"]) >= 5
    assert all(c["group"] != "reporter" and c["articles"] >= 2 for c in doc["companions"])
    assert main(["related", doc["article_ids"][0], "--json"]) == 0
    related = json.loads(capsys.readouterr().out)["related"]
    assert related and doc["article_ids"][0] not in [r["id"] for r in related]
    assert main(["entity", "没有这个名字"]) == 1
    assert "no entity named" in capsys.readouterr().err


def test_the_profile_from_the_engines_bit_sets_is_the_profile_from_the_rows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from store.corpus import CorpusDB, count_entities, entity_profile, row_entity_keys
    from store.paths import corpus_db_path
    from store.search import SearchEngine

    assert main(["load", str(SEEDS)]) == 0
    capsys.readouterr()
    db = CorpusDB(corpus_db_path())
    rows, table = db.catalog(), db.entities()
    keys = [row_entity_keys(r) for r in rows]
    df = count_entities(keys)
    engine = SearchEngine.open(db)
    for key in sorted(df, key=lambda k: -df[k])[:8]:
        by_rows = entity_profile(key, rows, table, min_count=1)
        found = engine.entity_articles(key)
        by_bits = entity_profile(key, rows, table, min_count=1, df=df, found=found)
        assert by_rows is not None and by_bits is not None
        assert sorted(by_bits.article_ids) == sorted(by_rows.article_ids)
        assert sorted(by_bits.dates) == sorted(by_rows.dates)
        assert by_bits.companions == by_rows.companions, key
