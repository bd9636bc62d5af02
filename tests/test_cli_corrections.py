"""``yuebao entity rename|merge|retype|hide|split``, ``yuebao article title|join|split``,
``yuebao corrections`` and ``yuebao searches`` on the command line."""

from __future__ import annotations

import json

import pytest

from store.paths import corpus_db_path
from tests.tui_fixtures import build_db, sample_articles
from tui.cli import main


@pytest.fixture(autouse=True)
def corpus() -> None:
    build_db(corpus_db_path())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _facets(capsys: pytest.CaptureFixture[str], query: str) -> dict[tuple[str, str], int]:
    code, out, _ = run(capsys, "search", query, "--json")
    assert code == 0
    return {(f["name"], f["type"]): f["count"] for f in json.loads(out)["facets"]}


def test_entity_merge_then_undo(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "entity", "merge", "青岛", "青岛市")
    assert code == 0 and "merged into 青岛市" in out
    cid = out.split()[0]
    code, out, _ = run(capsys, "search", "place:青岛市")
    assert code == 0 and len(out.strip().splitlines()) == 2
    code, out, _ = run(capsys, "entity", "青岛市", "--json")
    assert "青岛" in json.loads(out)["aliases"]
    code, out, _ = run(capsys, "corrections")
    assert cid in out
    assert run(capsys, "corrections", "undo", cid)[0] == 0
    code, out, _ = run(capsys, "search", "place:青岛市")
    assert len(out.strip().splitlines()) == 1
    code, out, _ = run(capsys, "corrections", "--all", "--json")
    assert json.loads(out)[0]["undone"] is True


def test_entity_rename_retype_hide_show_in_search_facets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "entity", "rename", "海尔集团", "海尔智家")[0] == 0
    assert run(capsys, "entity", "retype", "崂山区", "org")[0] == 0
    assert run(capsys, "entity", "hide", "张瑞敏")[0] == 0
    facets = _facets(capsys, "青岛 OR 崂山区 OR 市南区")
    assert ("海尔智家", "org") in facets and ("海尔集团", "org") not in facets
    assert ("崂山区", "org") in facets and ("崂山区", "place") not in facets
    assert ("张瑞敏", "person") not in facets


def test_bad_corrections_get_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "entity", "retype", "海尔集团", "company")
    assert code == 2 and "GROUP must be one of" in err
    code, _, err = run(capsys, "entity", "merge", "海尔集团")
    assert code == 2 and "usage: yuebao entity merge NAME INTO" in err
    code, _, err = run(capsys, "entity", "hide", "没有这个")
    assert code == 1 and "no entity named" in err
    code, _, err = run(capsys, "entity", "split", "海尔集团", "海尔")
    assert code == 2 and "not another name" in err
    code, _, err = run(capsys, "corrections", "undo", "cnope")
    assert code == 1 and "no correction" in err


def test_article_title_join_split(capsys: pytest.CaptureFixture[str]) -> None:
    a, b = sample_articles()[0], sample_articles()[2]
    assert run(capsys, "article", "title", a["id"], "推进会召开（更正）")[0] == 0
    code, out, _ = run(capsys, "search", "title:更正")
    assert a["id"] in out
    assert run(capsys, "article", "join", a["id"], b["id"])[0] == 0
    code, out, _ = run(capsys, "search", "崂山区", "--json")
    assert [x["id"] for x in json.loads(out)["articles"]] == [a["id"]]
    code, _, err = run(capsys, "article", "split", a["id"], "9")
    assert code == 2 and "PARAGRAPH must be 2 to 4" in err
    assert run(capsys, "article", "split", a["id"], "3", "--title", "崂山区建园")[0] == 0
    code, out, _ = run(capsys, "search", "title:崂山区建园", "--json")
    (part,) = json.loads(out)["articles"]
    assert part["id"] != a["id"]
    code, _, err = run(capsys, "article", "title", "nope", "x")
    assert code == 1 and "no article" in err


def test_corrections_travel_with_the_notes_export(
    capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    run(capsys, "entity", "hide", "张瑞敏")
    run(capsys, "searches", "save", "海尔", "海尔")
    backup = tmp_path / "backup.json"
    assert run(capsys, "notes", "export", "--format", "json", "-o", str(backup))[0] == 0
    doc = json.loads(backup.read_text("utf-8"))
    assert len(doc["corrections"]) == 1 and doc["searches"][0]["query"] == "海尔"
    other = tmp_path / "other.json"
    code, out, _ = run(capsys, "notes", "import", str(backup), "--userdata", str(other))
    assert code == 0
    code, out, _ = run(capsys, "corrections", "--userdata", str(other))
    assert "张瑞敏 (person) hidden" in out
    code, out, _ = run(capsys, "searches", "--json", "--userdata", str(other))
    assert json.loads(out)[0]["name"] == "海尔"


def test_saved_search_counts_new_articles_since_last_visit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from store.corpus.db import CorpusDB
    from tests.tui_fixtures import entity_table, make_article

    code, out, _ = run(capsys, "searches", "save", "海尔动态", "海尔")
    assert code == 0 and "(2 articles)" in out
    code, out, _ = run(capsys, "searches", "--json")
    assert json.loads(out) == [{**json.loads(out)[0], "name": "海尔动态", "count": 2, "new": 0}]
    fresh = make_article(
        {
            "title": "海尔新工厂投产",
            "subtitles": [],
            "byline": [],
            "dateline": "",
            "body": "海尔集团新工厂今天投产。",
            "captions": [],
            "newspaper": "青岛日报",
            "date": "2022-12-16",
            "page": "1",
            "ents": [("海尔集团", "org", "")],
        },
        source="new.txt",
    )
    db = CorpusDB(corpus_db_path())
    db.add_batch([fresh], [], entity_table([*db.articles(), fresh]))
    code, out, _ = run(capsys, "searches", "--json")
    assert json.loads(out)[0]["count"] == 3 and json.loads(out)[0]["new"] == 1
    code, out, err = run(capsys, "searches", "show", "海尔动态")
    assert "1 new since last visit" in err
    (new_line,) = [line for line in out.splitlines() if line.startswith("new ")]
    assert "海尔新工厂投产" in new_line
    code, out, _ = run(capsys, "searches", "--json")
    assert json.loads(out)[0]["new"] == 0
    assert run(capsys, "searches", "delete", "海尔动态")[0] == 0
    code, out, _ = run(capsys, "searches", "--json")
    assert json.loads(out) == []
    code, _, err = run(capsys, "searches", "save", "坏", "date:2022-13")
    assert code == 2 and "bad query" in err
