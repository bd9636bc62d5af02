"""Adding a few pages to a large corpus writes a segment, not the corpus: what a user sees
(the list, the reader, the filter, the sidebar, a second load) is as if it were rewritten.

The corpora here are small; ``SEGMENT_MIN`` (the size from which a corpus takes segments)
is lowered so that they take them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from store.corpus import ArticleFile, CorpusDB
from store.corpus import segments as seg
from store.corpus.loader import load_paths
from store.paths import corpus_db_path
from store.search import SearchEngine, rebuild_index
from tui.cli import main

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture
def segmenting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any corpus takes segments, up to as many articles as its base file holds."""
    monkeypatch.setattr(seg, "SEGMENT_MIN", 1)
    monkeypatch.setattr(seg, "FOLD_SHARE", 1)


def _load(db: CorpusDB, *paths: Path) -> None:
    report = load_paths([str(p) for p in paths], db, workers=1, index=rebuild_index)
    assert not report.failed


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def _whole_and_segmented(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[CorpusDB, CorpusDB]:
    """The seeds loaded three pages then one and one: rewritten each time, and with the
    last two as segments."""
    monkeypatch.setattr(seg, "FOLD_SHARE", 1)
    corpora = []
    for name, min_size in (("whole", 10**9), ("segmented", 1)):
        monkeypatch.setattr(seg, "SEGMENT_MIN", min_size)
        db = CorpusDB(tmp_path / name / "corpus.json")
        _load(db, *SEEDS[:3])
        for page in SEEDS[3:]:
            _load(db, page)
        corpora.append(db)
    return corpora[0], corpora[1]


def test_a_page_added_to_a_large_corpus_is_written_as_a_segment(
    tmp_path: Path, segmenting: None
) -> None:
    db = CorpusDB(tmp_path / "corpus.json")
    _load(db, *SEEDS[:3])
    before = _stamp(db.path)
    n_before = db.article_count()
    _load(db, SEEDS[3])
    assert _stamp(db.path) == before  # the corpus file is not rewritten
    (segment,) = db.segment_paths()
    added = json.loads(segment.read_text("utf-8"))["articles"]
    assert 0 < len(added) == db.article_count() - n_before

    reopened = CorpusDB(db.path)  # another session sees the same corpus
    assert {a["id"] for a in reopened.articles()} == {r["id"] for r in reopened.catalog()}
    some = next(iter(added.values()))
    assert reopened.get(some["id"])["title"] == some["title"]
    assert str(SEEDS[3].resolve()) in reopened.file_records()

    _load(reopened, SEEDS[3])  # loaded again unchanged: nothing new, nothing written
    assert len(reopened.segment_paths()) == 1 and _stamp(db.path) == before


def test_a_segmented_corpus_lists_finds_and_tallies_as_a_rewritten_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, segmented = _whole_and_segmented(tmp_path, monkeypatch)
    assert len(segmented.segment_paths()) == 2 and not whole.segment_paths()
    assert sorted(r["id"] for r in segmented.catalog()) == sorted(r["id"] for r in whole.catalog())
    for term in ("海尔", "青岛", "高新区", "记者", "org:海尔", "发展 -青岛"):
        found = [SearchEngine.open(db).search(term).ids for db in (whole, segmented)]
        assert sorted(found[0]) == sorted(found[1]) and found[0], term

    # one entry per entity, with the same count; a stored entity keeps the name the corpus
    # gave it until the segments are folded (a page that names it more often otherwise,
    # 青岛高新区 beside 青岛国家高新区, renames it then): found under one of its aliases
    rows = segmented.entities()
    assert len(rows) == len(whole.entities())
    for entry in whole.entities():
        found = [r for r in rows if r["type"] == entry["type"] and entry["name"] in r["aliases"]]
        assert [r["count"] for r in found] == [entry["count"]], entry["name"]


def test_the_index_of_a_segmented_corpus_is_amended_from_the_segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, segmented = _whole_and_segmented(tmp_path, monkeypatch)
    index_path = tmp_path / "segmented" / "corpus.index.bin"
    delta_path = tmp_path / "segmented" / "corpus.index.delta.bin"
    full_stamp = _stamp(index_path)
    assert delta_path.exists()
    engine = SearchEngine.open(CorpusDB(segmented.path))
    assert _stamp(index_path) == full_stamp  # opened as stored: no rebuild
    new_ids = {a["id"] for p in segmented.segment_paths() for a in segmented.segment_rows(p)}
    hits = set(engine.search("威高").ids) | set(engine.search("即墨").ids)
    assert hits & new_ids


def test_articles_of_every_segment_are_read_by_offset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, segmented = _whole_and_segmented(tmp_path, monkeypatch)
    article_file = ArticleFile.of(segmented)
    assert article_file.scan() == segmented.article_count()
    for article in segmented.articles():
        assert article_file.get(article["id"]) == article
        start, end = article_file.span(article["id"])
        title = article["title"].encode()
        if title:
            assert article_file.text_contains(start, end, title)
    ids = [a["id"] for a in segmented.articles()]
    starts, ends = article_file.spans(ids)
    assert [article_file.span(i) for i in ids] == list(zip(starts, ends, strict=True))
    offsets, stamp = article_file.offsets()
    article_file.close()
    again = ArticleFile.of(segmented)  # offsets kept with an index are taken back
    assert again.use_offsets(offsets, stamp) and again.get(ids[-1]) == segmented.get(ids[-1])
    again.close()


def test_segments_are_folded_into_the_corpus_file_once_they_are_a_share_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(seg, "SEGMENT_MIN", 1)
    monkeypatch.setattr(seg, "FOLD_SHARE", 2)  # segments may hold half the base file
    db = CorpusDB(tmp_path / "corpus.json")
    _load(db, *SEEDS[:3])  # 17 articles
    _load(db, SEEDS[4])  # 6 more: a segment
    assert len(db.segment_paths()) == 1
    _load(db, SEEDS[3])  # 9 more, past the share: the corpus file is written whole
    assert db.segment_paths() == [] and not seg.segment_files(db.path)
    stored = json.loads(db.path.read_text("utf-8"))
    assert len(stored["articles"]) == db.article_count() == 32
    monkeypatch.setattr(seg, "SEGMENT_MIN", 10**9)
    rewritten = CorpusDB(tmp_path / "rewritten" / "corpus.json")
    for pages in (SEEDS[:3], [SEEDS[4]], [SEEDS[3]]):  # the same loads, each one rewriting
        _load(rewritten, *pages)
    # a full write settles the entity table over every article again
    assert {(r["name"], r["type"], r["count"]) for r in db.entities()} == {
        (r["name"], r["type"], r["count"]) for r in rewritten.entities()
    }
    assert sorted(r["id"] for r in db.catalog()) == sorted(r["id"] for r in rewritten.catalog())


def test_a_segment_no_manifest_lists_is_ignored_and_then_deleted(
    tmp_path: Path, segmenting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = CorpusDB(tmp_path / "corpus.json")
    _load(db, *SEEDS[:3])
    _load(db, SEEDS[3])
    (segment,) = db.segment_paths()
    orphan = seg.segment_path_for(db.path, 99)  # a load killed before its manifest
    shutil.copy(segment, orphan)
    reopened = CorpusDB(db.path)
    assert len(reopened.articles()) == reopened.article_count()
    monkeypatch.setattr(seg, "SEGMENT_MIN", 10**9)  # the next load writes it whole
    _load(reopened, SEEDS[4])
    assert not orphan.exists() and not segment.exists()
    assert len(reopened.articles()) == reopened.article_count() == 32


def test_a_manifest_made_for_another_corpus_file_is_ignored(
    tmp_path: Path, segmenting: None
) -> None:
    db = CorpusDB(tmp_path / "corpus.json")
    _load(db, *SEEDS[:3])
    backup = tmp_path / "backup.json"
    shutil.copy2(db.path, backup)
    _load(db, SEEDS[3])
    assert db.segment_paths()
    shutil.copy(backup, db.path)  # the corpus file restored: the segments are not its
    reopened = CorpusDB(db.path)
    assert reopened.segment_paths() == []
    # the catalog was made from the corpus with the segment: rebuilt from what is there
    assert sorted(r["id"] for r in reopened.catalog()) == sorted(
        a["id"] for a in reopened.articles()
    )
    assert reopened.article_count() == len(json.loads(backup.read_text("utf-8"))["articles"])


def test_yuebao_load_into_a_segmented_corpus_from_the_command_line(
    segmenting: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", *map(str, SEEDS[:3])]) == 0
    assert main(["load", str(SEEDS[3])]) == 0
    db = CorpusDB(corpus_db_path())
    assert len(db.segment_paths()) == 1
    capsys.readouterr()
    assert main(["search", "即墨", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    segment_ids = {a["id"] for a in db.segment_rows(db.segment_paths()[0])}
    assert {hit["id"] for hit in out["articles"]} & segment_ids


def test_the_explorer_lists_filters_and_reads_the_articles_of_a_segment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from test_tui_app import parts, reader_shown, titles
    from tui_helpers import settle

    from tui.app import YuebaoApp
    from tui.corpus import Corpus
    from tui.state import UIState
    from tui.userdata import MemoryUserData

    _, segmented = _whole_and_segmented(tmp_path, monkeypatch)
    newest = segmented.segment_rows(segmented.segment_paths()[-1])
    target = max(newest, key=lambda a: len(a["body"]))
    term = target["title"][:4]
    userdata = MemoryUserData()
    app = YuebaoApp(
        Corpus(CorpusDB(segmented.path), userdata.correction_set()),
        userdata=userdata,
        state=UIState(),
    )

    async def drive() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            _, lst, _, reader = parts(app)
            assert lst.row_count == 32
            await pilot.press("slash", *term, "escape")
            await settle(pilot)
            assert target["title"] in titles(lst)
            while lst.current_id() != target["id"]:
                await pilot.press("j")
            await pilot.press("enter")
            await settle(pilot)
            assert reader.article_id == target["id"]
            assert target["body"].split("\n")[0][:12] in reader_shown(reader)

    asyncio.run(drive())


def test_an_index_whose_files_were_touched_is_made_again_and_answers_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, segmented = _whole_and_segmented(tmp_path, monkeypatch)
    before = {t: sorted(SearchEngine.open(segmented).search(t).ids) for t in ("即墨", "海尔")}
    manifest = segmented.manifest_path
    manifest.write_bytes(manifest.read_bytes())  # the same bytes, a new mtime
    reopened = CorpusDB(segmented.path)
    for term, ids in before.items():
        assert sorted(SearchEngine.open(reopened).search(term).ids) == ids
        assert sorted(SearchEngine.open(whole).search(term).ids) == ids


def test_the_delta_keeps_only_the_offsets_the_full_index_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page added writes a delta index whose article offsets are those of the segments
    alone (not the whole corpus's again); opened together, every article — of the base
    file and of each segment — is still read by one seek, and the search finds both."""
    from store.search.index import read_index
    from store.search.stored import load_index

    _, segmented = _whole_and_segmented(tmp_path, monkeypatch)
    folder = tmp_path / "segmented"
    full = read_index(folder / "corpus.index.bin")
    delta = read_index(folder / "corpus.index.delta.bin")
    assert full is not None and delta is not None
    new_ids = {a["id"] for p in segmented.segment_paths() for a in segmented.segment_rows(p)}
    assert delta.offsets_extend and set(delta.offsets) == new_ids
    combined = load_index(CorpusDB(segmented.path))
    assert combined is not None
    assert set(combined.offsets) == {a["id"] for a in segmented.articles()}
    article_file = ArticleFile.of(segmented)
    assert article_file.use_offsets(combined.offsets, combined.offsets_stamp)
    for article in segmented.articles():
        assert article_file.get(article["id"]) == article
    article_file.close()
