"""Search speed on 10,000- and 100,000-article corpora resampled from the seeds.

    .venv/bin/python bench/search_bench.py [--sizes 10000 100000] [--seed 1]

For each size it builds a corpus database (articles resampled from the segmented seeds: each
takes a seed article's title and a shuffled mix of its paragraphs with others', a random date
in 2021-2023, and the seed entities found in its text), then prints:

- database size, index build time (``store.search.stored.rebuild_index``) and index size;
- engine open time (the persisted index; texts are read as queries need them), and the
  typing session before and after the background warm-up the explorer runs;
- a scripted typing session — real queries typed one character at a time, each prefix
  searched as the filter line does (ids and facet counts) — with the median, p95 and max
  time per keystroke; term caches are cleared before each query, so every query starts cold;
- the brute-force yardstick in the same run: ``store.search.scan`` over the same (pre-folded)
  articles, plus facet counting, for each complete query, and the speed-up.

Targets (issue 6): p95 ≤ 50 ms per keystroke at 100,000; ≥ 20× faster than the scan; index
≤ 1× the database. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.corpus.db import CorpusDB, no_gc  # noqa: E402
from store.parse.article import article_id  # noqa: E402
from store.search.engine import SearchEngine  # noqa: E402
from store.search.index import index_path_for  # noqa: E402
from store.search.scan import prepare, scan  # noqa: E402
from store.search.stored import rebuild_index  # noqa: E402

QUERIES = [
    "高新区",  # single CJK term
    "海尔 卡奥斯",  # two terms
    '"高质量发展"',  # phrase
    "青岛 发展",  # two very common terms
    "org:海尔",  # entity field
    "青岛 -海尔",  # negation
    "gaoxin",  # pinyin, full
    "gxq",  # pinyin, initials
    "date:2022-12-01..2022-12-15",  # date range
    "org:海尔 -卡奥斯 date:2022-12",  # the example
    "人才 OR 侨 sort:relevance",  # OR and relevance
]
FALLBACK_ENTITIES = [
    ("海尔", "org"),
    ("卡奥斯", "org"),
    ("青岛", "place"),
    ("高新区", "place"),
    ("山东", "place"),
    ("即墨", "place"),
    ("西海岸", "place"),
    ("上合示范区", "place"),
    ("耿涛", "person"),
]


def seed_articles() -> list[dict[str, Any]]:
    """The seed pages segmented by the loader's parser, with entities when available."""
    from store.corpus.loader import parse_file

    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for art in parse_file(path).articles:
            out.append(art.to_dict())
    try:
        from store.entities.extract import article_entities

        for art in out:
            art["entities"] = article_entities(art)
    except Exception as exc:  # the bench measures search, not the tagger
        print(f"(entity extraction unavailable: {type(exc).__name__}; using a fixed list)")
        for art in out:
            art["entities"] = []
    return out


def entity_pool(seeds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Distinct seed entities (or a small fallback list) to re-find in resampled text."""
    pool: dict[tuple[str, str], dict[str, Any]] = {}
    for art in seeds:
        for ent in art.get("entities") or []:
            if ent.get("role") != "byline":
                pool.setdefault((ent["name"], ent["type"]), ent)
    if not pool:
        for name, etype in FALLBACK_ENTITIES:
            pool[(name, etype)] = {"name": name, "type": etype, "aliases": []}
    return list(pool.values())


def _entities_in(text: str, pool: list[dict[str, Any]], byline: list[str]) -> list[dict]:
    found = []
    for ent in pool:
        names = [ent["name"], *ent.get("aliases", [])]
        spans = []
        for name in names:
            start = text.find(name)
            while start >= 0:
                spans.append([start, start + len(name)])
                start = text.find(name, start + len(name))
        if spans:
            found.append(
                {
                    "name": ent["name"],
                    "type": ent["type"],
                    "aliases": list(ent.get("aliases", [])),
                    "count": len(spans),
                    "spans": sorted(spans),
                    "role": "",
                }
            )
    for name in byline:
        found.append(
            {
                "name": name,
                "type": "person",
                "aliases": [],
                "count": 1,
                "spans": [],
                "role": "byline",
            }
        )
    return found


def resample(seeds: list[dict[str, Any]], n: int, rng: random.Random) -> list[dict[str, Any]]:
    """``n`` distinct articles mixing the seeds' titles, paragraphs, bylines and dates."""
    pool = entity_pool(seeds)
    paragraphs = [p for art in seeds for p in art["body"].split("\n") if p.strip()]
    out = []
    for i in range(n):
        base = rng.choice(seeds)
        own = [p for p in base["body"].split("\n") if p.strip()]
        paras = rng.sample(own, k=max(1, len(own) * 2 // 3)) + rng.sample(paragraphs, k=2)
        rng.shuffle(paras)
        body = "\n".join(paras)
        title = base["title"] or paras[0][:16]
        date = f"{rng.randint(2021, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        art = dict(base)
        art.update(
            title=title,
            body=body,
            date=date,
            source=f"resampled/{i:06d}.txt",
            page=str(rng.randint(1, 16)),
        )
        art["id"] = article_id(title, body + f"\n{i}")
        art["entities"] = _entities_in(title + "\n" + body, pool, list(base.get("byline") or []))
        out.append(art)
    return out


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def typing_session(engine: SearchEngine) -> dict[str, list[float]]:
    """Per query, the time of each keystroke's search (cold caches at each query's start)."""
    times: dict[str, list[float]] = {}
    for query in QUERIES:
        engine._cache.clear()
        engine.index.cache.clear()
        engine._scores.clear()
        gc.collect()
        per_key = []
        for k in range(1, len(query) + 1):
            start = time.perf_counter()
            result = engine.search(query[:k])
            _ = len(result.ids), len(result.facets)
            per_key.append(time.perf_counter() - start)
        times[query] = per_key
    return times


def yardstick(
    articles: list[dict[str, Any]], engine: SearchEngine, indexed: dict[str, list[str]]
) -> dict[str, float]:
    """Brute-force time per complete query (scan + facets); checks the engine agreed."""
    docs = prepare(articles)
    ents = {a["id"]: a.get("entities") or [] for a in articles}
    out = {}
    for query in QUERIES:
        gc.collect()
        start = time.perf_counter()
        ids = scan(docs, query)
        Counter((e["name"], e["type"]) for i in ids for e in ents[i])
        out[query] = time.perf_counter() - start
        if ids != indexed[query]:
            print(f"  !! indexed and brute-force results differ for {query!r}")
    return out


def cold_queries(engine: SearchEngine) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Each complete query once with empty caches: time and ids."""
    times, ids = {}, {}
    for query in QUERIES:
        engine._cache.clear()
        engine.index.cache.clear()
        engine._scores.clear()
        gc.collect()
        start = time.perf_counter()
        result = engine.search(query)
        times[query] = time.perf_counter() - start
        ids[query] = result.ids
    return times, ids


def run_size(n: int, seeds: list[dict[str, Any]], rng: random.Random, workdir: Path) -> None:
    """Build, index, type, scan — and print — for one corpus size."""
    print(f"\n== {n:,} articles ==")
    path = workdir / f"corpus{n}.json"
    t0 = time.perf_counter()
    with no_gc():
        articles = resample(seeds, n, rng)
        db = CorpusDB(path)
        db.add_batch(articles)
    db_size = db.path.stat().st_size + db.catalog_path.stat().st_size
    print(f"corpus built and stored   {time.perf_counter() - t0:8.1f} s  ({db_size / 1e6:.1f} MB)")

    t0 = time.perf_counter()
    rebuild_index(db, articles)
    build = time.perf_counter() - t0
    size = index_path_for(db.path).stat().st_size
    print(f"index build               {build:8.1f} s")
    print(f"index size                {size / 1e6:8.1f} MB  ({size / db_size:.2f}× the database)")

    del db, articles
    gc.collect()
    t0 = time.perf_counter()
    engine = SearchEngine.open(CorpusDB(path))
    print(f"engine open (index only)  {time.perf_counter() - t0:8.1f} s")

    times = typing_session(engine)
    every = [t for per_key in times.values() for t in per_key]
    print(f"typing session: {len(every)} keystrokes over {len(QUERIES)} queries")
    print(
        f"  per keystroke  median {_ms(statistics.median(every))}   p95 {_ms(_pct(every, 0.95))}"
        f"   max {_ms(max(every))}   (texts read from the file as needed)"
    )
    t0 = time.perf_counter()
    engine.warm()  # what the explorer does in the background after opening
    print(f"texts warmed in           {time.perf_counter() - t0:8.1f} s")
    times = typing_session(engine)
    every = [t for per_key in times.values() for t in per_key]
    print(
        f"  per keystroke  median {_ms(statistics.median(every))}   p95 {_ms(_pct(every, 0.95))}"
        f"   max {_ms(max(every))}   (after the warm-up)"
    )
    cold, indexed = cold_queries(engine)
    with no_gc():
        articles = CorpusDB(path).articles()
    scan_times = yardstick(articles, engine, indexed)
    del articles
    head = f"  {'query':<30} {'key median':>11} {'key max':>11} {'cold query':>11} {'scan':>11}"
    print(head + f" {'scan/max':>9} {'scan/cold':>9}")
    for query, per_key in times.items():
        print(
            f"  {query:<30} {_ms(statistics.median(per_key))} {_ms(max(per_key))}"
            f" {_ms(cold[query])} {_ms(scan_times[query])}"
            f" {scan_times[query] / max(per_key):8.0f}× {scan_times[query] / cold[query]:8.0f}×"
        )
    scan_median = statistics.median(scan_times.values())
    print(
        f"  brute-force scan per query: median {_ms(scan_median)}; that is "
        f"{scan_median / statistics.median(every):.0f}× the median keystroke, "
        f"{scan_median / _pct(every, 0.95):.0f}× the p95 keystroke, "
        f"{scan_median / statistics.median(cold.values()):.0f}× the median cold query"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the bench at each requested size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    seeds = seed_articles()
    print(f"{len(seeds)} seed articles; queries: {', '.join(QUERIES)}")
    if hasattr(os, "getloadavg"):
        print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="yuebao-search-bench-") as tmp:
        for n in args.sizes:
            run_size(n, seeds, rng, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
