"""An index rebuilt from the corpus file's records one by one (``StreamedArticles``: no
article held) is the index built from every article read at once."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from test_search_property import corpora

from store.corpus.db import CorpusDB
from store.corpus.order import doc_order
from store.search.index import index_path_for
from store.search.stored import rebuild_index
from store.search.streamed import StreamedArticles


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_a_streamed_rebuild_writes_the_index_a_full_read_writes(articles) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        db = CorpusDB(Path(scratch) / "corpus.json")
        db.add_batch(articles)
        streamed = StreamedArticles.open(db)
        if not articles:  # no corpus file: nothing to stream, the articles are read
            assert streamed is None
            return
        assert streamed is not None
        stored = db.articles()
        # the same order as every view's (newest first, one date in stored order)
        assert streamed.ids == [a["id"] for a in doc_order(stored)]
        assert list(streamed) == doc_order(stored)
        streamed.close()
        path = index_path_for(db.path)
        rebuild_index(db)  # streamed
        one = path.read_bytes()
        path.unlink()
        rebuild_index(db, stored)  # all at once, as the loader passes them
        assert path.read_bytes() == one


def test_a_view_that_changes_what_it_reads_is_not_streamed(tmp_path: Path) -> None:
    from test_search import CORPUS

    from store.corpus import CorrectedDB, Corrections

    db = CorpusDB(tmp_path / "corpus.json")
    db.add_batch(CORPUS)
    assert StreamedArticles.open(db) is not None
    view = CorrectedDB(db, Corrections())
    assert StreamedArticles.open(view) is None
