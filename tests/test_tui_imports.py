"""Start-up stays light: opening the app's modules and the catalog never imports jieba (the
database already holds the entities) nor the search index, which load on first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHECK = """
import sys
sys.path[:0] = [{root!r}, {tests!r}]
from pathlib import Path
from tui_fixtures import build_db
import tui.app, tui.cli.commands.run_app
from tui.corpus import Corpus
corpus = Corpus(build_db(Path({db!r})))
assert corpus.size == 5
heavy = ["jieba", "store.search.engine", "store.search.index", "pypinyin"]
heavy = [m for m in heavy if m in sys.modules]
print("HEAVY", heavy)
"""


def test_startup_imports_no_tagger_no_index(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    code = CHECK.format(root=str(root), tests=str(root / "tests"), db=str(tmp_path / "c.json"))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "HEAVY []" in out
