"""Loss tests with real processes: two writers at once, and writers killed with SIGKILL.

A note counts as saved once ``set_note`` has returned; from then on it must survive
anything: another process writing the same file, or this one dying mid-write.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from store.userdata.data import UserData

ROOT = Path(__file__).resolve().parents[1]

TWO_WRITERS = """
import sys, time
from pathlib import Path
from store.userdata.data import UserData
path, who, start = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
data = UserData.open(path)
while not start.exists():
    time.sleep(0.001)
for i in range(300):
    data.set_note(f"{who}-{i}", f"{who} 的第 {i} 条笔记", {"title": f"文章 {who}{i}"})
    if i % 25 == 0:
        data.set_tags("shared", [*data.tags("shared"), f"{who}{i}"])
"""

KILLED_WRITER = """
import sys
from pathlib import Path
from store.userdata.data import UserData
path, trial = Path(sys.argv[1]), sys.argv[2]
data = UserData.open(path)
print("ready", flush=True)
i = 0
while True:
    key = f"t{trial}-{i}"
    data.set_note(key, f"试验 {trial} 第 {i} 条 " + "正文" * (i % 50))
    print("saved", key, flush=True)
    if i % 3 == 0:
        data.toggle_bookmark(key)
    i += 1
"""


def _python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, text=True, **kwargs
    )


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        monkeypatch.setenv(f"YUEBAO_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.delenv("YUEBAO_USERDATA", raising=False)


def test_two_processes_adding_300_notes_each_end_with_all_600(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    start = tmp_path / "go"
    procs = [_python(TWO_WRITERS, str(path), who, str(start)) for who in ("A", "B")]
    time.sleep(0.3)  # both have imported and opened the (empty) store
    start.touch()
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    data = UserData.open(path)
    assert not data.read_only
    assert data.noted_ids() == {f"{w}-{i}" for w in "AB" for i in range(300)}
    assert all(data.note(f"A-{i}") == f"A 的第 {i} 条笔记" for i in range(300))
    assert set(data.tags("shared")) == {f"{w}{i}" for w in "AB" for i in range(0, 300, 25)}


def _trials() -> int:
    if os.environ.get("YUEBAO_KILL_TRIALS"):
        return int(os.environ["YUEBAO_KILL_TRIALS"])
    return 20 if os.environ.get("CI") else 50


def test_writer_killed_at_random_moments_never_breaks_the_file_or_loses_a_note(
    tmp_path: Path,
) -> None:
    path = tmp_path / "userdata.json"
    seed = UserData.open(path)
    for i in range(40):  # a file of some size, so kills land inside writes too
        seed.set_note(f"seed-{i}", "旧笔记 " * 200, {"title": f"旧文章 {i}"})
    rng = random.Random(7)
    saved: dict[str, str] = {}
    for trial in range(_trials()):
        proc = _python(KILLED_WRITER, str(path), str(trial), stdout=subprocess.PIPE)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        lines = out.split("\n")[:-1]  # the last piece may be a half-written line
        for line in lines:
            if line.startswith("saved "):
                key = line.split()[1]
                i = int(key.rsplit("-", 1)[1])
                saved[key] = f"试验 {trial} 第 {i} 条 " + "正文" * (i % 50)
        orjson.loads(path.read_bytes())  # always a whole, valid file
        data = UserData.open(path)
        assert not data.read_only, data.message
        missing = [k for k, text in saved.items() if data.note(k) != text]
        assert not missing, f"trial {trial}: lost {missing[:5]}"
        assert data.noted_ids() >= {f"seed-{i}" for i in range(40)}
    assert saved, "the writers never got to save anything"
    assert not list(tmp_path.glob("*.corrupt"))
