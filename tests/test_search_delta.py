"""Adding a page indexes the page, not the corpus: a delta index over the stored one answers
every query exactly as a fresh index (and the brute-force scan) would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_search import article
from test_search_property import View, agrees_with_scan, corpora, queries

from store.corpus.db import CorpusDB, delta_path_for
from store.search import delta as delta_mod
from store.search import index as index_mod
from store.search.engine import SearchEngine
from store.search.index import article_text, build_index, index_path_for
from store.search.stored import load_index, rebuild_index


def _combined_engine(base: list[dict[str, Any]], final: list[dict[str, Any]], view: Any):
    """An engine over the full index of ``base`` amended by the delta to ``final``."""
    main, _ = build_index(base, "fp-base")
    plan = delta_mod.plan_delta(main, final)
    assert plan is not None
    changed, removed = plan
    combined = delta_mod.combine(main, delta_mod.build_delta(main, changed, removed, "fp", []))
    by_id = {a["id"]: a for a in final}
    texts = [article_text(by_id[i]) for i in combined.ids]
    return SearchEngine(combined, texts, view), changed


@st.composite
def changes(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A base corpus and the corpus after a load: some articles gone, some re-read with
    other entities or another date, some new."""
    base = draw(corpora())
    added = [dict(a, id="new" + a["id"]) for a in draw(corpora())]
    kept, changed = [], []
    for a in base:
        fate = draw(st.sampled_from(["keep", "keep", "drop", "retag", "redate"]))
        if fate == "keep":
            kept.append(a)
        elif fate == "retag":
            changed.append(dict(a, entities=a["entities"][:1]))
        elif fate == "redate":
            changed.append(dict(a, date=draw(st.sampled_from(["", "2022-12-01", "2024-01"]))))
    return base, kept + changed + added


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes(), st.lists(queries, min_size=1, max_size=6), st.booleans())
def test_a_delta_answers_like_a_fresh_index(
    corpus: tuple[list[dict[str, Any]], list[dict[str, Any]]], qs: list[str], with_view: bool
) -> None:
    base, final = corpus
    view = View() if with_view else None
    saved = index_mod.TRIGRAM_MIN
    index_mod.TRIGRAM_MIN = 2  # trigram keys
    try:
        engine, changed = _combined_engine(base, final, view)
    finally:
        index_mod.TRIGRAM_MIN = saved
    # the order a fresh index gives: stored order (the articles kept as they were, in their
    # old order, then what the load wrote) sorted by date
    rewritten = {a["id"] for a in changed}
    now = {a["id"]: a for a in final}
    stored = [now[a["id"]] for a in base if a["id"] in now and a["id"] not in rewritten]
    stored += changed
    agrees_with_scan(engine, stored, qs, view)


def _corpus(n: int, start: int = 0) -> list[dict[str, Any]]:
    return [
        article(
            f"a{k:04d}",
            f"第{k}篇 青岛高新区发展",
            f"海尔卡奥斯在青岛发布平台，第{k}次会议。",
            date=f"2022-{k % 12 + 1:02d}-{k % 28 + 1:02d}",
            entities=[("海尔", "org"), (f"人物{k % 7}", "person")],
        )
        for k in range(start, start + n)
    ]


def _indexed(tmp_path: Path, n: int) -> tuple[CorpusDB, Path]:
    """A corpus of ``n`` articles with its full index; the index file's path."""
    db = CorpusDB(tmp_path / "corpus.json")
    db.add_batch(_corpus(n))
    rebuild_index(db)
    return db, index_path_for(db.path)


def test_adding_a_page_writes_a_delta_and_leaves_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path = _indexed(tmp_path, 60)
    before = path.read_bytes()

    db.add_batch(_corpus(3, start=60), remove={"a0005"})
    rebuild_index(db)
    delta = delta_path_for(path)
    assert path.read_bytes() == before  # the full index is not rewritten
    assert delta.exists() and delta.stat().st_size < len(before)

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("index rebuilt although a delta matches the corpus")

    monkeypatch.setattr("store.search.engine.build_index", no_build)
    reopened = CorpusDB(db.path)
    engine = SearchEngine.open(reopened)
    monkeypatch.undo()
    fresh = SearchEngine.from_articles(reopened.articles())
    for query in ("海尔", "第61篇", "person:人物3", "date:2022-03", "青岛 -第1篇"):
        assert engine.search(query).ids == fresh.search(query).ids, query
        assert engine.search(query).facets == fresh.search(query).facets, query
    assert "a0061" in engine.search("第61篇").ids
    assert "a0005" not in engine.search("海尔").ids
    assert engine.total == 62


def test_a_large_change_builds_a_full_index_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path = _indexed(tmp_path, 20)
    db.add_batch(_corpus(2, start=20))
    rebuild_index(db)
    assert delta_path_for(path).exists()

    monkeypatch.setattr(delta_mod, "DELTA_MIN", 0)
    monkeypatch.setattr(delta_mod, "DELTA_SHARE", 1)  # more than the corpus changes: full
    db.add_batch(_corpus(30, start=22))
    rebuild_index(db)
    assert not delta_path_for(path).exists()
    index = load_index(CorpusDB(db.path))
    assert index is not None and not isinstance(index, delta_mod.CombinedIndex)
    assert index.n == 52


def test_a_delta_for_another_index_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path = _indexed(tmp_path, 10)
    db.add_batch(_corpus(1, start=10))
    rebuild_index(db)
    stale_delta = delta_path_for(path).read_bytes()
    db.add_batch(_corpus(40, start=11))
    monkeypatch.setattr(delta_mod, "DELTA_MIN", 0)
    monkeypatch.setattr(delta_mod, "DELTA_SHARE", 1)
    rebuild_index(db)  # a full index: the old delta no longer applies
    delta_path_for(path).write_bytes(stale_delta)  # as a crash might leave it
    index = load_index(CorpusDB(db.path))
    assert index is not None and index.n == 51
    assert not isinstance(index, delta_mod.CombinedIndex)


def test_combined_facets_copied_in_runs_match_a_value_by_value_placing() -> None:
    """``_placed`` copies the runs of documents a delta falls between; the facet lists of
    every combined document must be the ones the value-by-value placing gives, whatever
    documents a delta removes and wherever its documents fall."""
    import numpy as np

    from store.search.index import FlatLists

    rng = np.random.default_rng(7)
    for _ in range(200):
        kept_n, added_n = int(rng.integers(0, 40)), int(rng.integers(0, 6))

        def lists(count: int) -> FlatLists:
            return FlatLists.of(
                [rng.integers(0, 90, int(rng.integers(0, 4))).tolist() for _ in range(count)]
            )

        main, delta = lists(kept_n), lists(added_n)
        gone = (
            set(rng.choice(kept_n, size=kept_n // 4, replace=False).tolist()) if kept_n else set()
        )
        survivors = [d for d in range(kept_n) if d not in gone]
        places = np.sort(rng.integers(0, len(survivors) + 1, added_n)).astype(np.int64)
        ranks = np.arange(len(survivors), dtype=np.int64)
        main_to = np.full(kept_n, -1, dtype=np.int64)
        main_to[np.asarray(survivors, dtype=np.int64)] = ranks + np.searchsorted(
            places, ranks, side="right"
        )
        parts = [(main, main_to), (delta, places + np.arange(added_n, dtype=np.int64))]
        n = len(survivors) + added_n
        fast, slow = delta_mod._placed(parts, n), delta_mod._scattered(parts, n)
        assert [fast[d] for d in range(n)] == [slow[d] for d in range(n)]
