"""``yuebao search`` over the bundled seeds, loaded the way a user loads them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.corpus.db import CorpusDB
from store.search.index import index_path_for
from store.search.stored import load_index
from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from store.corpus.loader import load_paths
    from store.search.stored import rebuild_index

    path = tmp_path_factory.mktemp("seeded") / "corpus.json"
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    load_paths(seeds, CorpusDB(path), workers=1, index=rebuild_index)
    return path


def search_json(db: Path, query: str, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["--db", str(db), "search", query, "--json", "--limit", "0"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_load_given_the_index_step_leaves_a_fresh_index(seeded_db: Path) -> None:
    assert index_path_for(seeded_db).exists()
    assert load_index(CorpusDB(seeded_db)) is not None


def test_gxq_finds_the_high_tech_zone_articles(
    seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = search_json(seeded_db, "gxq", capsys)
    titles = [a["title"] for a in doc["articles"]]
    expected = {a["title"] for a in CorpusDB(seeded_db).catalog() if "高新区" in a["title"]}
    assert len(expected) >= 4
    assert expected <= set(titles)
    # the others mention an entity such as 功能区 (能 also reads xiong: any reading counts)
    assert "高新区" in doc["terms"]


def test_haier_without_cosmoplat(seeded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = CorpusDB(seeded_db)
    texts = {a["id"]: a["title"] + "\n" + a["body"] for a in db.articles()}
    doc = search_json(seeded_db, "海尔 -卡奥斯", capsys)
    ids = [a["id"] for a in doc["articles"]]
    assert ids == [i for i in ids if "海尔" in texts[i] and "卡奥斯" not in texts[i]]
    assert sorted(ids) == sorted(i for i, t in texts.items() if "海尔" in t and "卡奥斯" not in t)
    assert ids  # the seeds mention Haier outside the COSMOPlat articles
    fielded = search_json(seeded_db, "org:海尔 -卡奥斯", capsys)
    for art in fielded["articles"]:
        assert "卡奥斯" not in texts[art["id"]]


def test_bad_query_exits_2(seeded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(seeded_db), "search", "org:"]) == 2
    err = capsys.readouterr().err
    assert "'org:' needs a value" in err and err.count("\n") == 1


def test_text_output_and_limit(seeded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(seeded_db), "search", "青岛", "--limit", "2"]) == 0
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 2
    assert "first 2 shown" in out.err


def test_free_text_finds_a_reporters_articles(
    seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    by_field = {a["id"] for a in search_json(seeded_db, "reporter:白晓", capsys)["articles"]}
    free = {a["id"] for a in search_json(seeded_db, "白晓", capsys)["articles"]}
    assert len(by_field) == 3 and free == by_field  # 白晓 is named only in the bylines
