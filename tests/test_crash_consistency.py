"""Corpus writes as one transaction: a load that fails or dies at any write step leaves a
corpus that opens consistent (never an empty or doubled list), and loading the same files
again gives the complete corpus exactly once — the same corpus a clean load gives.

Every write of the corpus goes through ``write_atomic`` (corpus.json, its catalog, the
search index). The matrix counts the writes of a clean load, then for every step makes that
write fail (a full disk), or lets it happen and kills the load right after, or kills it in
the middle of writing the temp file; then opens the corpus and loads again. Parsing is pure,
so it is memoised here: the matrix exercises the writes, not the segmenter.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import os
import pickle
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from crash_helpers import (
    append_scenario,
    corpus_state,
    edit_scenario,
    fresh_scenario,
    stray_temp_files,
)

import store.corpus.db
import store.corpus.loader
import store.corpus.segments
import store.search.index
from store.corpus.db import CorpusDB
from store.paths import corpus_db_path
from tui.cli import main

REPO = Path(__file__).resolve().parent.parent
_real_parse = store.corpus.loader.parse_for_store
_parsed: dict[tuple[str, bytes], Any] = {}


def _memo_parse(path: str) -> Any:
    key = (Path(path).name, Path(path).read_bytes())  # (articles do not hold the path)
    if key not in _parsed:
        _parsed[key] = _real_parse(path)
    _path, articles, leftovers, error = _parsed[key]
    return path, copy.deepcopy(articles), leftovers, error


class Killed(BaseException):
    """The process died here (nothing after this point runs)."""


class Faults:
    """Wraps ``write_atomic``: counts writes, and fails or dies at write number ``at``."""

    def __init__(self, real: Callable[[Path, bytes], None]) -> None:
        self.real = real
        self.calls = 0
        self.at = 0
        self.mode = ""
        self.names: list[str] = []

    def arm(self, at: int = 0, mode: str = "") -> None:
        """Count from zero again; fail at write ``at`` (0: never)."""
        self.calls, self.at, self.mode, self.names = 0, at, mode, []

    def __call__(self, path: Path, data: bytes) -> None:
        self.calls += 1
        self.names.append(Path(path).name)
        if self.calls != self.at:
            self.real(path, data)
            return
        if self.mode == "disk full":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        if self.mode == "killed while writing":
            half = Path(path).with_name(f".{Path(path).name}.dying.tmp")
            half.write_bytes(data[: len(data) // 2])
            raise Killed()
        self.real(path, data)  # "killed after": the write landed, the process did not go on
        raise Killed()


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> Faults:
    monkeypatch.setattr(store.corpus.loader, "parse_for_store", _memo_parse)
    wrapper = Faults(store.corpus.db.write_atomic)
    monkeypatch.setattr(store.corpus.db, "write_atomic", wrapper)
    monkeypatch.setattr(store.search.index, "write_atomic", wrapper)
    return wrapper


def _use_home(base: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = base / name
    for part in ("DATA", "CONFIG", "STATE", "CACHE"):
        (home / part.lower()).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(f"YUEBAO_{part}_DIR", str(home / part.lower()))
    return home / "data"


def _load(pages: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["load", "-j", "1", "--json", str(pages)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err


SCENARIOS = {"fresh": fresh_scenario, "edit": edit_scenario, "append": append_scenario}
MODES = ("disk full", "killed after", "killed while writing")


def _prepare(
    root: Path, scenario: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Path]:
    """A home and the pages of ``scenario`` under ``root``, up to the load under test:
    ``(pages, data dir)``."""
    pages = root / "pages"
    pages.mkdir(parents=True)
    data_dir = _use_home(root, "home", monkeypatch)
    if scenario == "append":  # the small corpus takes segments as a large one would
        monkeypatch.setattr(store.corpus.segments, "SEGMENT_MIN", 1)
        monkeypatch.setattr(store.corpus.segments, "FOLD_SHARE", 1)
    SCENARIOS[scenario](pages, lambda: _load(pages, capsys))()
    return pages, data_dir


@contextlib.contextmanager
def _trial(*where: object) -> Iterator[None]:
    """Name the trial (step, mode, ...) in an assertion that fails inside it."""
    try:
        yield
    except AssertionError as exc:
        raise AssertionError(f"trial {where}: {exc}") from exc


def _assert_finished_by_reload(
    pages: Path, data_dir: Path, expected: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """After a load failed or died: the corpus opens consistent (the list is the corpus),
    no temp file is left, and loading the same files gives the clean load's corpus."""
    db = CorpusDB(corpus_db_path())  # as the app opens it, before any re-load
    listed = sorted(r["id"] for r in db.catalog())
    assert listed == sorted(a["id"] for a in db.articles())
    assert not stray_temp_files(data_dir)
    assert _load(pages, capsys)[0] == 0
    assert corpus_state(corpus_db_path()) == expected


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_a_failed_or_killed_write_at_every_step_is_finished_by_the_next_load(
    scenario: str,
    tmp_path: Path,
    faults: Faults,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def setup(name: str) -> tuple[Path, Path]:
        return _prepare(tmp_path / name, scenario, monkeypatch, capsys)

    pages, _ = setup("clean")
    faults.arm()
    assert _load(pages, capsys)[0] == 0
    steps = faults.calls
    # one write of each file: the articles, the catalog, the search index (in full, or the
    # delta over it when the load changed little); an appended page: its segment and the
    # manifest that lists it, then the delta
    index_files = {"corpus.index.bin", "corpus.index.delta.bin"}
    if scenario == "append":
        assert faults.names == ["corpus.seg-000001.json", "corpus.manifest.json", *faults.names[2:]]
        assert "corpus.json" not in faults.names and "corpus.catalog.json" not in faults.names
    else:
        assert steps >= 3 and {"corpus.json", "corpus.catalog.json"} <= set(faults.names)
    assert index_files & set(faults.names)
    expected = corpus_state(corpus_db_path())
    assert expected["articles"]

    for step in range(1, steps + 1):
        for mode in MODES:
            pages, data_dir = setup(f"{step}-{mode}")
            faults.arm(step, mode)
            try:
                code, err = _load(pages, capsys)
            except Killed:
                pass
            else:
                assert mode == "disk full", (step, mode)
                # after a full write of corpus.json the manifest only mirrors it
                full = "corpus.json" in faults.names
                mirrors = ("corpus.checked.json", *(["corpus.manifest.json"] if full else []))
                if faults.names[step - 1] in (*index_files, *mirrors):
                    # the index is rebuilt when the app opens the corpus; the note that the
                    # catalog agrees with the corpus is a hint (without it, it is checked),
                    # and so is the manifest after a full write (it mirrors the corpus
                    # file's records; without it, they are read from the corpus file)
                    assert code == 0
                else:  # one line naming the file and the problem, non-zero exit
                    assert code != 0, (step, faults.names)
                    assert "no space left" in err.lower() and str(data_dir) in err
            names = faults.names
            faults.arm()
            with _trial(step, mode, names):
                _assert_finished_by_reload(pages, data_dir, expected, capsys)


# -- SIGKILL at random points --------------------------------------------------------------
# 25 kills for each scenario, 50 in all (YUEBAO_KILL_TRIALS=200 for a longer hunt)
KILL_TRIALS = int(os.environ.get("YUEBAO_KILL_TRIALS", "25"))
# ``yuebao load`` with the parses memoised in this process handed over (a pickle), so the
# victim's time goes to what the test is about: its writes.
VICTIM = """
import os, pickle, sys
from pathlib import Path
import store.corpus.loader, store.corpus.segments as seg
from tui.cli import main
seg.SEGMENT_MIN = int(os.environ["SEGMENT_MIN"])
seg.FOLD_SHARE = int(os.environ["FOLD_SHARE"])
memo = pickle.loads(Path(sys.argv[1]).read_bytes())
def parse(path):
    _p, articles, leftovers, error = memo[(Path(path).name, Path(path).read_bytes())]
    return path, articles, leftovers, error
store.corpus.loader.parse_for_store = parse
sys.exit(main(sys.argv[2:]))
"""


def _victim(pages: Path) -> subprocess.Popen[bytes]:
    """``yuebao load`` of ``pages`` in its own process (the environment names its home)."""
    for page in sorted(pages.iterdir()):
        _memo_parse(str(page))
    memo = pages.parent / "parsed.pickle"
    memo.write_bytes(pickle.dumps(_parsed))
    return subprocess.Popen(
        [sys.executable, "-c", VICTIM, str(memo), "load", "--json", str(pages)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(
            os.environ,
            PYTHONPATH=str(REPO),
            SEGMENT_MIN=str(store.corpus.segments.SEGMENT_MIN),  # as the test set them
            FOLD_SHARE=str(store.corpus.segments.FOLD_SHARE),
        ),
    )


def _written(data_dir: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in data_dir.glob("*.json")}


def _until_first_write(proc: subprocess.Popen[bytes], data_dir: Path) -> float:
    """Wait until the victim first writes the corpus (or ends); the seconds waited."""
    before = _written(data_dir)
    start = time.monotonic()
    while proc.poll() is None and _written(data_dir) == before:
        time.sleep(0.005)
    return time.monotonic() - start


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_sigkill_at_random_points_never_loses_or_doubles_an_article(
    scenario: str,
    tmp_path: Path,
    faults: Faults,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each trial kills a load at a random moment between its first corpus write and
    its end (as long as the clean load took to write); a kill that came too late is not
    counted, so KILL_TRIALS kills land mid-load whatever the machine's speed."""

    def setup(name: str) -> tuple[Path, Path]:
        return _prepare(tmp_path / name, scenario, monkeypatch, capsys)

    pages, data_dir = setup("clean")
    proc = _victim(pages)
    _until_first_write(proc, data_dir)
    start = time.monotonic()
    assert proc.wait() == 0
    window = time.monotonic() - start  # from the first write to the end
    expected = corpus_state(corpus_db_path())
    rng = random.Random(f"{scenario}-kills")
    kills = attempts = 0
    while kills < KILL_TRIALS and attempts < 3 * KILL_TRIALS:
        attempts += 1
        pages, data_dir = setup(f"kill-{attempts}")
        proc = _victim(pages)
        _until_first_write(proc, data_dir)
        time.sleep(rng.uniform(0.0, window))
        proc.send_signal(signal.SIGKILL)
        kills += proc.wait() == -signal.SIGKILL
        with _trial(attempts):
            _assert_finished_by_reload(pages, data_dir, expected, capsys)
    assert kills == KILL_TRIALS, (kills, attempts)


def test_a_stale_catalog_on_a_full_disk_is_rebuilt_in_memory_and_shown(
    tmp_path: Path, faults: Faults, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    fresh_scenario(pages, lambda: None)
    first = sorted(pages.iterdir())[0]
    assert main(["load", "-j", "1", str(first)]) == 0
    path = corpus_db_path()
    catalog = path.with_name(path.stem + ".catalog.json")
    one_file = catalog.read_bytes()
    assert _load(pages, capsys)[0] == 0
    catalog.write_bytes(one_file)  # the catalog of an older corpus file
    faults.arm(1, "disk full")  # ... and no room to write the rebuilt one
    db = CorpusDB(path)
    assert "no space left" in db.repair_error.lower()
    assert sorted(r["id"] for r in db.catalog()) == sorted(a["id"] for a in db.articles())
    faults.arm(1, "disk full")
    assert main(["search", ""]) == 0
    err = capsys.readouterr().err
    assert f"of {len(db.articles())} articles" in err and "error" not in err
