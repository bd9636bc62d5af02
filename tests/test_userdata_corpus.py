"""User data and the corpus: deleting and re-loading the corpus keeps every note attached."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.corpus.db import CorpusDB
from store.parse.article import Article
from store.paths import bundled_seeds_dir, corpus_db_path
from store.userdata.data import UserData


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        monkeypatch.setenv(f"YUEBAO_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.delenv("YUEBAO_USERDATA", raising=False)
    monkeypatch.delenv("YUEBAO_DB", raising=False)


def _articles() -> list[dict]:
    return [
        Article(
            title=f"标题{i}", body=f"第{i}篇 正文。", newspaper="青岛日报", date="2024-01-0{i}"
        ).to_dict()
        for i in range(1, 6)
    ]


def _wipe_corpus(db_path: Path) -> None:
    for path in db_path.parent.glob(db_path.stem + "*"):
        path.unlink()


def test_reloading_the_corpus_keeps_every_note_attached() -> None:
    db_path = corpus_db_path()
    db = CorpusDB(db_path)
    db.add_batch(_articles())
    data = UserData.open()
    for row in db.catalog():
        data.set_note(row["id"], f"关于《{row['title']}》的笔记", row)
        data.toggle_bookmark(row["id"], row)
    db.close()
    noted = data.noted_ids()

    _wipe_corpus(db_path)
    assert UserData.open().noted_ids() == noted  # user data is not part of the corpus
    assert len(UserData.open().orphans(set())) == 5  # listed as orphans meanwhile, not lost

    again = CorpusDB(db_path)
    again.add_batch(list(reversed(_articles())))  # a different load order, same stable ids
    assert again.ids() == noted
    reopened = UserData.open()
    assert reopened.orphans(again.ids()) == []
    for article_id in again.ids():
        title = again.get(article_id)["title"]  # type: ignore[index]
        assert reopened.note(article_id) == f"关于《{title}》的笔记"
        assert reopened.is_bookmarked(article_id)


def test_reloading_the_seeds_with_the_loader_keeps_every_note() -> None:
    loader = pytest.importorskip(
        "store.corpus.loader", reason="store.corpus.loader (the lead's) not there yet"
    )
    seeds = [str(p) for p in sorted(bundled_seeds_dir().glob("*.txt"))]
    db_path = corpus_db_path()
    db = CorpusDB(db_path)
    try:
        loader.load_paths(seeds, db, workers=1)
    except ModuleNotFoundError as exc:  # the loader is there, a module it needs is not yet
        pytest.skip(f"store.corpus.loader cannot run yet: {exc}")
    data = UserData.open()
    for row in db.catalog():
        data.set_note(row["id"], "笔记 " + row["id"], row)
    db.close()
    noted = data.noted_ids()
    assert noted

    _wipe_corpus(db_path)
    again = CorpusDB(db_path)
    loader.load_paths(seeds, again, workers=1)
    assert noted <= again.ids()
    assert UserData.open().orphans(again.ids()) == []
