"""Loader bench: parse throughput, full load, re-load, database size and peak memory,
each beside ``jieba.lcut`` over the same text in the same run.

    python bench/load_bench.py [--pages 1000] [--scales 1,10]

Targets (issue 3): parsing ≥ 5× faster than jieba.lcut; re-load of unchanged files ≥ 20×
faster than the first load; database ≤ 2× the raw text size. Figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synth import write_corpus  # noqa: E402

from store.parse.read import read_text  # noqa: E402
from store.parse.segment import segment_text  # noqa: E402


def _child_load(paths: list[str], db: Path, env: dict[str, str]) -> tuple[float, int]:
    """Run ``yuebao load`` in a child process: (seconds, peak RSS of children in KB)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), "load", *paths],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    )
    return time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def bench(pages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = write_corpus(root / "pages", pages)
        texts = [read_text(p)[0] for p in files]
        chars = sum(len(t) for t in texts)
        raw_bytes = sum(p.stat().st_size for p in files)

        start = time.perf_counter()
        n_articles = sum(len(segment_text(t).articles) for t in texts)
        parse_s = time.perf_counter() - start

        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        start = time.perf_counter()
        for t in texts:
            jieba.lcut(t)
        jieba_s = time.perf_counter() - start

        env = dict(
            os.environ, YUEBAO_DATA_DIR=str(root / "data"), YUEBAO_CACHE_DIR=str(root / "cache")
        )
        db = root / "data" / "corpus.json"
        load_s, rss_kb = _child_load([str(root / "pages")], db, env)
        reload_s, _ = _child_load([str(root / "pages")], db, env)
        sizes = {p.name: p.stat().st_size for p in db.parent.glob("corpus*") if p.suffix != ".lock"}
        index_bytes = sizes.pop("corpus.index.bin", 0)
        db_bytes = sum(sizes.values())  # corpus.json + corpus.catalog.json

        rows = [
            f"\n== {pages} pages, {n_articles} articles, {chars / 1e6:.1f} M chars, "
            f"{raw_bytes / 1e6:.1f} MB raw",
            f"parse            {parse_s:8.2f} s  {chars / parse_s / 1e6:6.2f} M chars/s  "
            f"{n_articles / parse_s:8.0f} articles/s",
            f"jieba.lcut       {jieba_s:8.2f} s  {chars / jieba_s / 1e6:6.2f} M chars/s"
            "   (yardstick)",
            f"  parse speed-up over jieba.lcut: {jieba_s / parse_s:5.1f}x   (target >= 5x)",
            f"load (fresh db)  {load_s:8.2f} s   (segment + entities + index, "
            f"{os.cpu_count()} cores)",
            f"re-load          {reload_s:8.2f} s   load/re-load: {load_s / reload_s:5.1f}x   "
            "(target >= 20x)",
            f"database         {db_bytes / 1e6:8.1f} MB  {db_bytes / raw_bytes:5.2f}x raw text   "
            "(target <= 2x)",
            "  of which       "
            + "  ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sorted(sizes.items())),
            f"search index     {index_bytes / 1e6:8.1f} MB  "
            f"{index_bytes / db_bytes:5.2f}x database",
            f"peak RSS (load)  {rss_kb / 1024:8.0f} MB",
        ]
        print("\n".join(rows))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--scales", default="1,10", help="comma-separated multiples of --pages")
    args = parser.parse_args()
    for scale in (int(s) for s in args.scales.split(",")):
        bench(args.pages * scale)


if __name__ == "__main__":
    main()
