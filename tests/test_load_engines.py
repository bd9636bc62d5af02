"""``yuebao load --engine dask``: the same map step on a Dask cluster (a local one here)
stores the same corpus as a local load; a missing Dask or an unreachable scheduler is one
line and a non-zero exit."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from store.corpus import CorpusDB, load_paths
from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _corpus(db: CorpusDB) -> list[tuple]:
    return sorted((r["id"], r["title"], tuple(map(tuple, r["entities"]))) for r in db.catalog())


def test_dask_local_cluster_stores_what_a_local_load_stores(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    local = CorpusDB(tmp_path / "local" / "corpus.json")
    load_paths([str(SEEDS)], local, workers=1)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 400)
    on_dask = CorpusDB(tmp_path / "dask" / "corpus.json")
    report = load_paths([str(SEEDS), str(bad)], on_dask, workers=2, engine="dask")
    assert _corpus(on_dask) == _corpus(local) and len(_corpus(local)) == 32
    (failed,) = [f for f in report.files if f.status == "error"]
    assert failed.path == str(bad) and "bad.txt" in failed.error


def test_unreachable_scheduler_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed")
    code = main(["load", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", str(SEEDS)])
    err = capsys.readouterr().err
    assert code == 1 and "cannot reach the Dask scheduler tcp://127.0.0.1:9" in err
    assert "Traceback" not in err


def test_dask_not_installed_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    code = main(["load", "--engine", "dask", str(SEEDS)])
    err = capsys.readouterr().err
    assert code == 1 and "pip install 'yuebao[distributed]'" in err


def test_scheduler_needs_the_dask_engine(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["load", "--scheduler", "tcp://127.0.0.1:9", str(SEEDS)])
    assert code == 2 and "--scheduler goes with --engine dask" in capsys.readouterr().err


def test_load_on_a_running_cluster_by_its_scheduler_address(
    capsys: pytest.CaptureFixture[str],
) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        code = main(
            ["load", "--engine", "dask", "--scheduler", cluster.scheduler_address, str(SEEDS)]
        )
    out = capsys.readouterr()
    assert code == 0, out.err
    from store.paths import corpus_db_path

    assert CorpusDB(corpus_db_path()).article_count() == 32
