"""Shared test setup: every test runs with its own empty yuebao home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so CI is repeatable; set
# YUEBAO_HYPOTHESIS=explore to draw fresh ones (how new bugs are found, run by hand).
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("YUEBAO_HYPOTHESIS", "repeatable"))

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every yuebao location at a fresh temporary directory."""
    home = tmp_path_factory.mktemp("home")
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        directory = home / name.lower()
        directory.mkdir()
        monkeypatch.setenv(f"YUEBAO_{name}_DIR", str(directory))
    monkeypatch.delenv("YUEBAO_DB", raising=False)
    monkeypatch.delenv("YUEBAO_USERDATA", raising=False)
    return home


@pytest.fixture
def seed_files() -> list[Path]:
    """The five bundled seed pages."""
    return sorted(SEEDS.glob("*.txt"))
