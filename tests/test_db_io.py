"""Read once, write once: a load or a query parses each database file at most once, a load
writes each file as few times as its steps need, and a write by another session is seen."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from store.corpus import db as db_mod
from store.corpus.db import CorpusDB
from store.paths import corpus_db_path
from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def io_counts(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Parses and writes of each database file, by file name."""
    counts: Counter[str] = Counter()
    parse, write = db_mod.OrjsonAtomicStorage.parse, db_mod.OrjsonAtomicStorage.write

    def counted_parse(self: db_mod.OrjsonAtomicStorage, raw: bytes):  # type: ignore[no-untyped-def]
        counts["parse " + self.path.name] += 1
        return parse(self, raw)

    def counted_write(self: db_mod.OrjsonAtomicStorage, data):  # type: ignore[no-untyped-def]
        counts["write " + self.path.name] += 1
        return write(self, data)

    monkeypatch.setattr(db_mod.OrjsonAtomicStorage, "parse", counted_parse)
    monkeypatch.setattr(db_mod.OrjsonAtomicStorage, "write", counted_write)
    return counts


def test_a_load_parses_each_file_once_and_writes_it_once(
    io_counts: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", str(SEEDS / "000_100463902bb718ab.txt")]) == 0
    io_counts.clear()
    assert main(["load", str(SEEDS)]) == 0  # four new files into a corpus already there
    assert io_counts == {
        "parse corpus.json": 1,
        "parse corpus.catalog.json": 1,
        "parse corpus.manifest.json": 1,
        "write corpus.json": 1,  # the articles with their settled entities, the facts
        "write corpus.manifest.json": 1,  # the file records and facts, mirrored
        "write corpus.catalog.json": 1,  # the rows and the entity table
    }
    io_counts.clear()
    # nothing changed: nothing written, and neither the big file nor the catalog is even
    # parsed (the manifest tells which files were loaded and how many articles there are)
    assert main(["load", str(SEEDS)]) == 0
    assert io_counts == {"parse corpus.manifest.json": 1}
    io_counts.clear()
    assert main(["search", "高新", "--json"]) == 0
    assert all(n == 1 for key, n in io_counts.items() if key.startswith("parse"))
    assert not [key for key in io_counts if key.startswith("write")]
    capsys.readouterr()


def test_a_write_by_another_session_is_read_again(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", str(SEEDS / "000_100463902bb718ab.txt")]) == 0
    path = corpus_db_path()
    mine = CorpusDB(path)
    before = mine.article_count()
    other = CorpusDB(path)
    other.add_batch([{"id": "another", "title": "另一会话", "body": "正文。"}])
    assert mine.article_count() == before + 1
    assert "another" in mine.ids()
    capsys.readouterr()
