"""jieba keeps its dictionary cache in yuebao's cache dir, never in the shared temp dir."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = (
    "from store.entities.extract import extract; "
    "print(len(extract('青岛市商务局局长李苏满表示，要稳外贸。')))"
)


def _run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True
    )


def test_the_cache_lives_in_the_cache_dir_and_nothing_in_tmp(tmp_path: Path) -> None:
    cache, scratch = tmp_path / "cache", tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "YUEBAO_CACHE_DIR": str(cache), "TMPDIR": str(scratch)}
    done = _run(env)
    assert done.returncode == 0 and int(done.stdout) >= 2, done.stderr
    assert (cache / "jieba.cache").is_file()
    assert list(scratch.iterdir()) == []  # no cache, no temp file left in the temp dir


def test_an_unwritable_cache_dir_costs_time_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "YUEBAO_CACHE_DIR": str(blocker / "cache"), "TMPDIR": str(scratch)}
    done = _run(env)
    assert done.returncode == 0 and int(done.stdout) >= 2
    assert "Traceback" not in done.stderr and done.stderr.strip() == ""
    assert list(scratch.iterdir()) == []  # nothing written to the temp dir instead
