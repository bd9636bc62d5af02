"""Synthetic corpora for benches: the seed pages resampled, re-wrapped and re-numbered so
every page gives distinct articles. Used by the load, TUI and search benches."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
sys.path.insert(0, str(REPO / "tests"))

from relayout import rewrap  # noqa: E402


def synth_page(rng: random.Random) -> str:
    """One page: a seed page re-wrapped at a random width with its numbers changed."""
    page = rng.choice(SEEDS).read_text(encoding="utf-8")
    page = rewrap(page, rng.choice([14, 18, 22, 26, 40, 80]))
    return re.sub(r"\d+", lambda m: str(rng.randrange(1, 10 ** len(m.group()))), page)


def write_corpus(directory: Path, pages: int, seed: int = 1) -> list[Path]:
    """Write ``pages`` synthetic page files into ``directory`` (100 per sub-folder)."""
    rng = random.Random(seed)
    paths = []
    for k in range(pages):
        sub = directory / f"{k // 100:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"page{k:06d}.txt"
        path.write_text(synth_page(rng), encoding="utf-8")
        paths.append(path)
    return paths
