"""Scale: what a decade of a daily paper costs, on real People's Daily text resampled.

    python bench/scale_bench.py [--sizes 10000 100000] [--pages 1000] [--workdir DIR]

Articles are resampled from ``../shared/corpus/`` (6,158 人民日报 articles of 2020): each takes
one article's title and most of its paragraphs shuffled with a paragraph of another, a date
spread over ten years, and the entities the real extractor found in its source articles
(re-found in the new text). For each size it builds the corpus database and its index, then
runs ``yuebao`` as a user would, in fresh processes, and prints wall time and peak RSS:

- ``yuebao search`` (a 2-character and a 5-character term; the second run of each),
  ``yuebao timeline``, ``yuebao kwic --limit 20``;
- adding one new page (``yuebao load PAGE`` into the corpus of that size: a segment once
  the corpus has 5,000 articles) and then another, beside the same page into a corpus of
  ten articles (the cost of any load: interpreter, jieba, models);
- the database and index sizes beside the raw text;

beside yardsticks measured in the same run: ``orjson.loads`` of the corpus files and
``jieba.lcut`` of the same amount of text. Then ``yuebao load -j 1`` and ``-j 2`` of
``--pages`` generated pages into an empty corpus, and their ratio (it grows with the
batch: each process starts its tagger, ~1 s, and the index is built after the last file,
partly in parallel; on two cores 40 pages gave 1.07x, 200 1.5-1.6x, 600 1.79x, 1,000
1.84x). Targets (issue 15): at 100k ``yuebao search`` ≤ 0.5 s, adding a page ≤ 2 s, peak
RSS ≤ 2 GB; load -j 2 ≥ 1.8× -j 1.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus" / "rmrb_2020_articles.jsonl.gz"
YUEBAO = [sys.executable, "-m", "tui"]


def source_articles() -> list[dict[str, Any]]:
    """The People's Daily articles with their entities (extracted once, here)."""
    from store.entities.extract import article_entities
    from store.parse.article import article_id

    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    for row in rows:
        body = "\n".join(p for p in row["paragraphs"] if p.strip())
        art = {"title": row["title"], "body": body, "byline": [], "newspaper": "人民日报"}
        out.append({**art, "id": article_id(row["title"], body)})
    sample = out[:: max(1, len(out) // 400)]  # the extractor on a sample: the names to re-find
    names: dict[str, dict[str, Any]] = {}
    for art in sample:
        for ent in article_entities({**art, "entities": []}):
            if ent.get("role") != "byline" and len(ent["name"]) >= 2:
                names.setdefault(ent["name"], {"name": ent["name"], "type": ent["type"]})
    for art in out:
        text = art["title"] + "\n" + art["body"]
        art["pool"] = [ent for name, ent in names.items() if name in text]
    return out


def resample(sources: list[dict[str, Any]], n: int, rng: random.Random) -> list[dict[str, Any]]:
    """``n`` distinct articles of real text (see the module docstring)."""
    from store.parse.article import article_id

    out = []
    for i in range(n):
        base, other = rng.choice(sources), rng.choice(sources)
        own = base["body"].split("\n")
        kept = rng.sample(own, k=max(1, len(own) * 3 // 4))
        paras = [*kept, rng.choice(other["body"].split("\n"))]
        rng.shuffle(paras)
        body = "\n".join(paras)
        entities = []
        for ent in base["pool"] + other["pool"]:
            spans, at = [], body.find(ent["name"])
            while at >= 0:
                spans.append([at, at + len(ent["name"])])
                at = body.find(ent["name"], at + len(ent["name"]))
            if spans and all(e["name"] != ent["name"] for e in entities):
                entities.append(
                    {**ent, "aliases": [ent["name"]], "count": len(spans), "spans": spans,
                     "role": "", "titles": []}
                )  # fmt: skip
        date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append(
            {
                "id": article_id(base["title"], body + f"\n{i}"),
                "title": base["title"], "subtitles": [], "byline": [], "dateline": "",
                "body": body, "captions": [], "source": f"rmrb/{i // 5:06d}.txt",
                "sources": [f"rmrb/{i // 5:06d}.txt"], "newspaper": "人民日报", "date": date,
                "page": str(1 + i % 20), "truncated": False, "entities": entities,
            }
        )  # fmt: skip
    return out


def page_text(sources: list[dict[str, Any]], rng: random.Random, k: int) -> str:
    """A flattened page of four articles (header, titles, paragraphs wrapped at 22)."""
    lines = [f"人民日报 2024年3月{k % 28 + 1}日 第{k % 20 + 1}版", ""]
    for art in rng.sample(sources, 4):
        lines += [art["title"], ""]
        for para in art["body"].split("\n"):
            lines += [para[i : i + 22] for i in range(0, len(para), 22)]
        lines.append("")
    return "\n".join(lines)


#: Runs the command and prints its wall time, peak RSS and exit code. A small process of its
#: own starts it: Linux counts in a child's peak RSS the memory of the process it was forked
#: from (this bench holds the source corpus), which would swamp the figure.
_TIMER = """
import os, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
print(time.perf_counter() - t, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))
"""


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """``yuebao ARGS`` in a fresh process: (wall seconds, peak RSS MB, exit code)."""
    out = subprocess.run(
        [sys.executable, "-c", _TIMER, *YUEBAO, *args],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    return float(out[0]), float(out[1]), int(out[2])


def show(label: str, figures: tuple[float, float, int], target: str = "") -> None:
    wall, rss, code = figures
    failed = f"  (exit {code})" if code else ""
    print(f"  {label:34} {wall:7.2f} s  {rss:7.0f} MB{failed}  {target}")


def one_size(n: int, sources: list[dict[str, Any]], work: Path, env: dict[str, str]) -> None:
    import orjson

    from store.corpus import CorpusDB
    from store.corpus.db import no_gc
    from store.corpus.loader import extractor_version, parser_version, refresh_entities
    from store.search import rebuild_index

    rng = random.Random(n)
    db_path = work / f"corpus-{n}.json"
    for old in work.glob(f"corpus-{n}.*"):  # a run before left its corpus: build afresh
        old.unlink()
    started = time.perf_counter()
    with no_gc():
        articles = resample(sources, n, rng)
        db = CorpusDB(db_path)
        db.add_batch(articles)
        # as a load leaves it: the entity table, and the versions that made it (else the
        # next load would re-extract every article)
        versions = {"extractor": extractor_version(), "parser": parser_version()}
        articles = refresh_entities(db, {**versions, "derived_stale": False})
    built = time.perf_counter() - started
    started = time.perf_counter()
    rebuild_index(db, articles)
    indexed = time.perf_counter() - started
    raw_chars = sum(len(a["title"]) + len(a["body"]) for a in articles)
    raw_mb = sum(len((a["title"] + a["body"]).encode()) for a in articles) / 1e6
    del articles, db
    files = {p.name: p.stat().st_size / 1e6 for p in work.glob(f"corpus-{n}.*") if p.is_file()}
    db_mb = files.get(db_path.name, 0) + files.get(f"corpus-{n}.catalog.json", 0)
    index_mb = files.get(f"corpus-{n}.index.bin", 0)
    print(f"\n== {n:,} articles ({raw_mb:.0f} MB of text) ==")
    print(f"  built {built:.1f} s, index {indexed:.1f} s")
    print(f"  database {db_mb:.0f} MB = {db_mb / raw_mb:.2f}x the text; index {index_mb:.0f} MB"
          f" = {index_mb / raw_mb:.2f}x   [target: DB <= 2x, index <= 1x]")  # fmt: skip

    started = time.perf_counter()
    for name in (db_path, db_path.with_name(f"corpus-{n}.catalog.json")):
        orjson.loads(name.read_bytes())
    yard = time.perf_counter() - started
    import jieba

    jieba.setLogLevel(60)
    sample = "".join(s["body"] for s in sources[:300])
    jieba.lcut(sample[:1000])
    started = time.perf_counter()
    jieba.lcut(sample)
    per_char = (time.perf_counter() - started) / len(sample)
    print(f"  yardstick: orjson.loads of the corpus files {yard:.2f} s; jieba.lcut of the"
          f" text {per_char * raw_chars:.1f} s")  # fmt: skip

    base = ["--db", str(db_path)]
    run([*base, "search", "发展"], env)  # the first search after a build (index check)
    for term in ("发展", "全面建成小康"):
        show(f"search {term}", run([*base, "search", term], env), "[<= 0.5 s at 100k]")
    show("timeline 发展", run([*base, "timeline", "发展"], env))
    show("kwic 小康 --limit 20", run([*base, "kwic", "小康", "--limit", "20"], env))
    page = work / f"new-page-{n}.txt"
    page.write_text(page_text(sources, rng, n), encoding="utf-8")
    added = run([*base, "load", str(page)], env)
    show("add one page (yuebao load PAGE)", added, "[<= 2 s, RSS <= 2 GB at 1M]")
    second = work / f"new-page-{n}-b.txt"  # a segment after a segment, a delta after a delta
    second.write_text(page_text(sources, rng, n + 1), encoding="utf-8")
    show("add another page", run([*base, "load", str(second)], env))
    # the yardstick: the same page into a corpus of ten articles (what any load costs:
    # the interpreter, jieba's dictionary, the models)
    small = work / f"small-{n}.json"
    for old in work.glob(f"small-{n}.*"):
        old.unlink()
    with no_gc():
        tiny = CorpusDB(small)
        tiny.add_batch(resample(sources, 10, rng))
        refresh_entities(tiny, {**versions, "derived_stale": False})
    floor = run(["--db", str(small), "load", str(page)], env)
    show("the same page into 10 articles", floor)
    print(f"  adding a page at {n:,} costs {added[0] / floor[0]:.2f}x adding it at 10"
          "   [proportional to what is added: -> 1x]")  # fmt: skip


def parallel_load(
    sources: list[dict[str, Any]], work: Path, env: dict[str, str], pages: int
) -> None:
    rng = random.Random(7)
    folder = work / "pages"
    folder.mkdir(exist_ok=True)
    for k in range(pages):
        (folder / f"rmrb_2024{k % 12 + 1:02d}{k % 28 + 1:02d}_{k:03d}.txt").write_text(
            page_text(sources, rng, k), encoding="utf-8"
        )
    times = {}
    for jobs in (1, 2):
        target = work / f"load-j{jobs}.json"
        for old in work.glob(f"load-j{jobs}.*"):
            old.unlink()
        times[jobs] = run(["--db", str(target), "load", "-j", str(jobs), str(folder)], env)
        show(f"load -j {jobs} of {pages} pages", times[jobs])
    print(f"  -j 2 is {times[1][0] / times[2][0]:.2f}x -j 1   [target >= 1.8x]")


def main(argv: list[str] | None = None) -> int:
    """Print the figures; returns a process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--pages", type=int, default=1000, help="pages for the -j 1 / -j 2 load")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"scale_bench needs {CORPUS} (the shared People's Daily corpus)")
        return 1
    work = args.workdir or Path(tempfile.mkdtemp(prefix="yuebao-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    # an installed yuebao has its bytecode compiled by pip; a dev shell that sets this would
    # make every measured process compile ~100 modules again (~70 ms)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        env[f"YUEBAO_{name}_DIR"] = str(work / name.lower())
    started = time.perf_counter()
    sources = source_articles()
    print(f"{len(sources):,} source articles, entities from a sample "
          f"({time.perf_counter() - started:.0f} s); work dir {work}")  # fmt: skip
    for n in args.sizes:
        one_size(n, sources, work, env)
    print("\n== parallel load ==")
    parallel_load(sources, work, env, args.pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
