"""Corpus views at scale: entity profile, timeline, keyword in context, related articles.

    python bench/views_bench.py [--sizes 10000 100000] [--runs 7]

The seed corpus is loaded once; its catalog rows and articles are then repeated to each size
with fresh ids and dates spread over ten years, and each view is timed on them (median and
p95 of ``--runs``), beside a yardstick measured in the same run: one plain Python pass over
the rows touching each row's entities. Targets (issue 14): profile, KWIC first screen and
timeline at most 100 ms p95 at 100,000 articles. With the reader's corrections (three
entities, one title): "list rows" is what opening the explorer adds before the first paint,
"row keys" what its sidebar counts add in a worker, "CLI rows" what a command pays to see
the whole catalog corrected. It never asserts: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _times(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples) * 1000, p95 * 1000


def main(argv: list[str] | None = None) -> int:
    """Print the figures; returns a process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--engine-max",
        type=int,
        default=100_000,
        help="largest size at which the search index is built for the bit-set profile",
    )
    args = parser.parse_args(argv)
    home = Path(tempfile.mkdtemp(prefix="views-bench-"))
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        os.environ[f"YUEBAO_{name}_DIR"] = str(home / name.lower())
    from store.corpus import CorpusDB, entity_profile, load_paths, related_articles
    from store.search import date_histogram, kwic_lines

    db = CorpusDB(home / "data" / "corpus.json")
    load_paths([str(REPO / "seeds")], db, workers=1)
    base_rows, base_articles, table = db.catalog(), db.articles(), db.entities()
    key = (str(table[0]["name"]), str(table[0]["type"]))
    rng = random.Random(1)
    print(f"profile of {key[0]} ({key[1]}); KWIC of 高新: 100 lines, then all of 3,000 articles")
    print(f"{'articles':>9} {'view':24} {'median ms':>10} {'p95 ms':>8} {'x yardstick':>12}")
    for size in args.sizes:
        rows, articles = [], []
        for k in range(size):
            date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            rows.append({**base_rows[k % len(base_rows)], "id": f"r{k}", "date": date})
            if k < 3000:
                articles.append({**base_articles[k % len(base_articles)], "id": f"r{k}"})
        dates = [r["date"] for r in rows]
        from collections import Counter

        from store.corpus import row_entity_keys

        keys = [row_entity_keys(r) for r in rows]  # built once by the explorer, then kept
        df = Counter(k for ks in keys for k in ks)
        yard, _ = _times(lambda rows=rows: sum(len(r["entities"]) for r in rows), args.runs)
        views = {
            "entity profile": lambda rows=rows, keys=keys, df=df: entity_profile(
                key, rows, table, keys=keys, df=df
            ),
            "timeline (by month)": lambda dates=dates: date_histogram(dates, "month"),
            "KWIC first screen": lambda articles=articles: kwic_lines(
                articles, ["高新"], limit=100
            ),
            "KWIC all of 3,000": lambda articles=articles: kwic_lines(articles, ["高新"]),
            "related articles": lambda rows=rows, keys=keys, df=df: related_articles(
                "r0", rows, keys=keys, df=df
            ),
        }
        from store.corpus import Corrections

        names = [(str(t["name"]), str(t["type"])) for t in table[:4] if t.get("role") != "byline"]
        fixes = Corrections(
            [
                {"id": "1", "kind": "merge", "target": list(names[1]), "value": list(names[0]),
                 "created": "1"},
                {"id": "2", "kind": "rename", "target": list(names[2]), "value": "改名",
                 "created": "2"},
                {"id": "3", "kind": "hide", "target": list(names[3]), "value": None,
                 "created": "3"},
                {"id": "4", "kind": "title", "target": "r1", "value": "新标题", "created": "4"},
            ]
        )  # fmt: skip
        by_id = {a["id"]: a for a in articles}
        views["CLI rows, 4 corrections"] = lambda rows=rows, fixes=fixes, read=by_id.get: (
            fixes.rows(rows, read)
        )
        views["list rows, 4 corrections"] = lambda rows=rows, fixes=fixes, read=by_id.get: (
            fixes.rows(rows, read, entities=False)
        )
        views["row keys, 4 corrections"] = lambda keys=keys, fixes=fixes: [
            fixes.keys(k) for k in keys
        ]
        if size <= args.engine_max:
            from store.search import SearchEngine

            full = [
                {**base_articles[k % len(base_articles)], "id": f"r{k}", "date": rows[k]["date"]}
                for k in range(size)
            ]
            started = time.perf_counter()
            engine = SearchEngine.from_articles(full)
            built = time.perf_counter() - started
            del full
            print(f"{size:9,d} {'(index built in)':24} {built * 1000:10.0f}")
            views["profile from bit sets"] = lambda rows=rows, df=df, engine=engine: entity_profile(
                key, rows, table, df=df, found=engine.entity_articles(key)
            )
        for name, view in views.items():
            median, p95 = _times(view, args.runs)
            print(f"{size:9,d} {name:24} {median:10.1f} {p95:8.1f} {median / yard:12.1f}")
        print(f"{size:9,d} {'yardstick (one pass)':24} {yard:10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
