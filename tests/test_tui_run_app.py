"""``yuebao`` with no command: seeds an empty corpus (saying so), runs the app, saves state."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from tui_fixtures import build_db, sample_articles
from tui_helpers import isolate

from store import paths
from tui.cli.commands import run_app as run_app_module
from tui.state import load_state


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


def _fake_run(self) -> None:  # the app's run, without a terminal
    self.ui_state.query = "高新"


def test_first_run_loads_seeds_and_saves_state(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded: list[list[str]] = []

    def fake_load(seed_paths: list[str], db, progress=None, on_phase=None, index=None) -> None:
        loaded.append(seed_paths)
        db.add_batch(sample_articles(), [], [])

    import store.corpus

    monkeypatch.setattr(store.corpus, "load_paths", fake_load)  # the API tui uses
    monkeypatch.setattr("tui.app.YuebaoApp.run", _fake_run)
    assert run_app_module.run_app(argparse.Namespace(db=None)) == 0
    assert loaded and all(p.endswith(".txt") for p in loaded[0])
    assert "first run" in capsys.readouterr().err
    assert load_state().query == "高新"


def test_existing_corpus_is_not_reseeded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    build_db(paths.corpus_db_path())
    monkeypatch.setattr("tui.app.YuebaoApp.run", _fake_run)
    assert run_app_module.run_app(argparse.Namespace(db=None)) == 0
    assert "first run" not in capsys.readouterr().err


def test_corrupt_corpus_is_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.cli.errors import UserError

    db_path = paths.corpus_db_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match="corrupt"):
        run_app_module.run_app(argparse.Namespace(db=None))


def test_the_first_run_shows_its_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    import store.corpus
    from store.corpus.db import CorpusDB

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def fake_load(seed_paths: list[str], db, progress=None, on_phase=None, index=None) -> None:
        on_phase("reading")
        for _ in seed_paths:
            progress(None)
        on_phase("indexing")
        db.add_batch(sample_articles(), [], [])

    monkeypatch.setattr(store.corpus, "load_paths", fake_load)  # the API tui uses
    out = Terminal()
    run_app_module.seed_if_empty(CorpusDB(paths.corpus_db_path()), out)
    shown = out.getvalue()
    for step in (
        "first run",
        "starting the entity tagger",
        "1/5 pages read",
        "5/5 pages read",
        "building the index",
        "5 articles ready",
    ):
        assert step in shown, step
