"""The installed package (from a wheel, not the source tree) finds its seeds and keymap,
README's test command is the one CI runs, and ``store`` never imports textual."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("yuebao-*.whl")
    return found


def test_wheel_ships_seeds_keymap_and_model(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    seeds = [n for n in names if n.startswith("store/_bundled/seeds/") and n.endswith(".txt")]
    assert len(seeds) == 5
    assert "store/_bundled/keymap.toml" in names
    assert "store/entities/ner_model.npz" in names  # the entity tagger ships, nothing downloads
    assert "store/parse/layout/layout_model.npz" in names  # the page model and its lexicon ship
    assert "store/parse/layout/head_model.crfsuite" in names  # and the headline-deck model
    assert "store/parse/layout/head_breaks.crfsuite" in names  # with its line-break model
    assert "store/parse/layout/common_bigrams.txt" in names
    assert "store/entities/world_places.txt" in names  # world places and common nouns ship too
    assert "store/entities/common_words.txt" in names
    assert "store/entities/known_orgs.txt" in names  # and the known names read after the tagger
    assert "store/entities/known_people.txt" in names
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_parses_bundled_seeds(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = dict(os.environ, PYTHONPATH=str(target), YUEBAO_DATA_DIR=str(tmp_path / "data"))
    code = (
        "import json, store.paths as p;"
        "print(json.dumps([str(p.bundled_seeds_dir()), str(p.bundled_keymap_path()),"
        " p.bundled_keymap_path().exists(), len(list(p.bundled_seeds_dir().glob('*.txt')))]))"
    )
    # run from an empty directory so the source tree cannot be imported by accident
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seeds_dir, keymap, keymap_exists, n_seeds = json.loads(result.stdout)
    assert seeds_dir.startswith(str(target)) and keymap.startswith(str(target))
    assert keymap_exists and n_seeds == 5
    parsed = subprocess.run(
        [sys.executable, "-m", "tui", "parse", "--no-entities", seeds_dir],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert parsed.returncode == 0, parsed.stderr
    assert len(json.loads(parsed.stdout)) == 32
    one = subprocess.run(
        [sys.executable, "-m", "tui", "parse", str(Path(seeds_dir) / "003_82a97204ed732270.txt")],
        cwd=tmp_path,
        env=dict(env, YUEBAO_CACHE_DIR=str(tmp_path / "cache")),
        capture_output=True,
        text=True,
    )
    assert one.returncode == 0, one.stderr
    names = {e["name"] for a in json.loads(one.stdout) for e in a["entities"]}
    assert {"杨国胜", "青岛市"} <= names  # the shipped model tags from the installed package


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    assert len(blocks) >= 2
    assert "yuebao" in blocks[0] and "pip install" in blocks[0]
    assert blocks[1].strip() in ci.splitlines()


def test_store_never_imports_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, store\n"
        "for m in pkgutil.walk_packages(store.__path__, 'store.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
