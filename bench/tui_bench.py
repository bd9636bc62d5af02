"""Explorer speed and memory at 10,000 and 100,000 articles (figures printed, never asserted).

    python bench/tui_bench.py [--sizes 10000 100000] [--workdir DIR] [--rebuild]

Builds corpora resampled from the bundled seeds (parsed and entity-tagged by the loader; if
the entity tagger is not importable, the test fixture articles stand in, and it says so),
then, for each size, runs the app headless in a fresh process and measures:

- first paint: process start → the list has painted its first screen of rows;
- open article: enter → the reader shows it (one record read from the corpus file);
- row / page move at the list: cursor move plus repainting the visible rows, and the same
  through a Pilot key press (includes Pilot's own wait for the screen to settle);
- typing in the filter line: each key → the list and the sidebar show its result (median,
  p95, max, the first key and the three slowest prefixes);
- peak RSS, beside the database size;
- the yardstick: the time just to ``orjson.loads`` the database files.

Targets (issue 5): first paint ≤ 0.5 s at 10k and ≤ 1.5 s at 100k; a row move ≤ 16 ms at both;
RSS ≤ 3× the database size. Start-up must not import jieba.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATES = [
    f"20{y:02d}-{m:02d}-{d:02d}"
    for y in range(18, 23)
    for m in range(1, 13)
    for d in (1, 8, 15, 22)
]


#: Typed into the filter line, a key at a time: words, a phrase, an exclusion, a field.
TYPED_QUERIES = ("青岛高新区", "海尔 卡奥斯", "会议 -高新", "org:海尔")


# -- building the corpora --------------------------------------------------------------
def seed_articles() -> tuple[list[dict[str, Any]], str]:
    """Parsed, entity-tagged seed articles (or the test fixture articles as a stand-in)."""
    from store import paths

    seeds = sorted(str(p) for p in paths.bundled_seeds_dir().glob("*.txt"))
    try:
        from store.corpus.loader import parse_for_store

        articles: list[dict[str, Any]] = []
        logging.disable(logging.CRITICAL)  # a tagger failure is reported below, once
        try:
            for seed in seeds:
                _, arts, _, error = parse_for_store(seed)
                if error:
                    raise RuntimeError(error)
                articles.extend(arts or [])
        finally:
            logging.disable(logging.NOTSET)
        mentions = sum(len(a.get("entities") or ()) for a in articles)
        if articles and mentions:
            return articles, (
                f"{len(articles)} articles parsed from {len(seeds)} seed pages, "
                f"{mentions} entity mentions"
            )
    except Exception as exc:  # the tagger may not be there yet
        reason = f"{type(exc).__name__}: {exc}"
    else:
        reason = "no entities found (tagger failing?)" if articles else "no articles parsed"
    sys.path.insert(0, str(ROOT / "tests"))
    from tui_fixtures import sample_articles

    base = sample_articles()[:4]
    return base, f"STAND-IN: {len(base)} fixture articles (seed loader unavailable: {reason})"


def resample(base: list[dict[str, Any]], n: int, seed: int = 5) -> list[dict[str, Any]]:
    """``n`` distinct articles cycling through ``base`` (entity spans stay valid)."""
    from store.parse.article import article_id

    rng = random.Random(seed)
    out = []
    for i in range(n):
        src = base[i % len(base)]
        art = dict(src)
        art["title"] = f"{src['title']}（{i}）"
        art["body"] = f"{src['body']}\n（第{i}号）"  # appended: spans into the body still hold
        art["date"] = rng.choice(DATES)
        art["page"] = str(rng.randint(1, 24))
        art["id"] = article_id(art["title"], art["body"])
        out.append(art)
    return out


def entity_rows(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The corpus entity table (article counts)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for art in articles:
        for e in art.get("entities") or ():
            counts[(e["name"], e["type"], e.get("role", ""))] += 1
    return [
        {"name": n, "type": t, "role": r, "count": c, "aliases": [n]}
        for (n, t, r), c in counts.items()
    ]


def build(path: Path, n: int, base: list[dict[str, Any]]) -> float:
    """Write a corpus of ``n`` articles at ``path``; returns seconds taken."""
    from store.corpus.db import CorpusDB

    t0 = time.perf_counter()
    for p in (path, path.with_name(path.stem + ".catalog.json")):
        p.unlink(missing_ok=True)
    articles = resample(base, n)
    db = CorpusDB(path)
    db.add_batch(articles, [], entity_rows(articles))
    db.close()
    return time.perf_counter() - t0


# -- the measured child process -----------------------------------------------------------
def peak_rss_mb() -> float:
    """This process's peak RSS in MB.

    Linux's ``VmHWM`` is per address space (``ru_maxrss`` survives ``exec`` and would report
    the parent's peak, e.g. the yardstick's full parse).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def workers_done(app: Any, groups: tuple[str, ...] = ()) -> None:
    """Wait until no worker (of ``groups``, when given) is pending or running (cancelled
    ones count as done)."""
    from textual.worker import WorkerState

    def busy() -> bool:
        return any(
            w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            and (not groups or w.group in groups)
            for w in app.workers
        )

    while busy():
        await asyncio.sleep(0.002)


async def measure(db_path: Path, t_start: float) -> dict[str, Any]:
    """Run the app headless on ``db_path`` and time it (inside the child process)."""
    from store.corpus.db import CorpusDB
    from tui.app import YuebaoApp
    from tui.corpus import Corpus
    from tui.screens.main import READER_WAIT
    from tui.state import UIState
    from tui.userdata import MemoryUserData
    from tui.widgets.article_list import ArticleList
    from tui.widgets.reader import Reader

    out: dict[str, Any] = {}
    painted: list[float] = []
    original = ArticleList.render_line

    def render_line(self: ArticleList, y: int) -> Any:
        if not painted and self.row_count:
            painted.append(time.time())
            painted.append(peak_rss_mb())
        return original(self, y)

    ArticleList.render_line = render_line  # type: ignore[method-assign]
    corpus = Corpus(CorpusDB(db_path))
    app = YuebaoApp(corpus, userdata=MemoryUserData(), state=UIState())
    async with app.run_test(size=(160, 45)) as pilot:
        while not painted:
            await asyncio.sleep(0.001)
        out["first_paint_s"] = painted[0] - t_start
        out["jieba_at_first_paint"] = "jieba" in sys.modules
        out["rss_first_paint_mb"] = painted[1]
        lst = app.screen.query_one(ArticleList)
        reader = app.screen.query_one(Reader)
        screen = app.screen
        await asyncio.sleep(0.2)  # the reads start once the list has painted
        await workers_done(app)
        out["background_done_s"] = time.time() - t_start

        async def open_current() -> float:
            target = lst.current_id()
            reader.article_id = None
            t0 = time.perf_counter()
            screen.open_current()  # what enter on the list does
            while reader.article_id != target:
                await asyncio.sleep(0.0005)
            elapsed = time.perf_counter() - t0
            lst.focus()
            return elapsed

        out["open_warm_s"] = await open_current()
        lst.move_to(lst.cursor + 1)
        await workers_done(app)
        out["open_warm2_s"] = await open_current()
        await workers_done(app)

        def repaint() -> None:
            for y in range(lst.scrollable_content_region.height):
                lst.render_line(y)

        def timed(step: int, runs: int = 300) -> list[float]:
            times = []
            lst.move_to(lst.row_count // 2)
            for i in range(runs):
                t0 = time.perf_counter()
                lst.move_to(lst.cursor + (step if i % 2 == 0 else -step))
                lst._scroll_cursor_into_view()
                repaint()
                times.append(time.perf_counter() - t0)
            return times

        rows = timed(1)
        pages = timed(lst.scrollable_content_region.height - 1)
        out["row_move_ms"] = 1000 * statistics.median(rows)
        out["row_move_p95_ms"] = 1000 * sorted(rows)[int(len(rows) * 0.95)]
        out["page_move_ms"] = 1000 * statistics.median(pages)
        out["page_move_p95_ms"] = 1000 * sorted(pages)[int(len(pages) * 0.95)]
        lst.focus()
        await pilot.pause()

        async def keyed(keys: tuple[str, ...]) -> float:
            times = []
            for key in keys * 20:
                before = lst.cursor
                t0 = time.perf_counter()
                app.simulate_key(key)  # the real path: key event → binding → action
                while lst.cursor == before:
                    await asyncio.sleep(0)
                repaint()
                times.append(time.perf_counter() - t0)
            return 1000 * statistics.median(times)

        out["key_row_ms"] = await keyed(("j", "k"))
        out["key_page_ms"] = await keyed(("pagedown", "pageup"))
        await workers_done(app)

        # typing in the filter line: each keystroke → the list and the sidebar show its
        # result (the engine answers in a thread; the screen sets the visible rows and the
        # facet counts; a key typed while a search still runs waits FILTER_WAIT first — not
        # here, where each key follows the last result)
        from tui.widgets.filter_line import FilterLine

        filter_line = screen.query_one(FilterLine)
        typed: list[float] = []
        followed: list[float] = []  # until the reader shows the list's first article too
        prefixes: list[str] = []
        for query in TYPED_QUERIES:
            filter_line.focus()
            filter_line.set_query("")
            screen.filter_text = ""
            screen.run_filter(immediate=True)
            await workers_done(app)
            for char in query:
                t0 = time.perf_counter()
                filter_line.insert_text_at_cursor(char)  # what a typed key does
                # (no pilot.pause(): it waits for the whole process to go idle, and the
                # thread reading texts in the background keeps it busy for a second)
                while screen.filter_text != filter_line.value:
                    await asyncio.sleep(0.0005)
                await workers_done(app, ("filter",))  # the list and the sidebar are set
                repaint()
                typed.append(time.perf_counter() - t0)
                prefixes.append(filter_line.value)
                await workers_done(app)  # the reader follows the cursor (after a pause)
                followed.append(time.perf_counter() - t0)
        slowest = sorted(range(len(typed)), key=lambda k: -typed[k])[:3]
        out["typed_slowest"] = [(prefixes[k], round(1000 * typed[k])) for k in slowest]
        out["typed_first_ms"] = 1000 * typed[0]
        out["typed_ms"] = 1000 * statistics.median(typed)
        out["typed_p95_ms"] = 1000 * sorted(typed)[int(len(typed) * 0.95)]
        out["typed_max_ms"] = 1000 * max(typed)
        out["typed_keys"] = len(typed)
        out["reader_wait_ms"] = 1000 * READER_WAIT
        out["followed_ms"] = 1000 * statistics.median(followed)
        out["followed_p95_ms"] = 1000 * sorted(followed)[int(len(followed) * 0.95)]
    out["rss_peak_mb"] = peak_rss_mb()
    return out


def child(db_path: str, t_start: float) -> None:
    """Entry point of the measured process: prints one JSON line."""
    result = asyncio.run(measure(Path(db_path), t_start))
    print(json.dumps(result))


def yardstick(db_path: Path) -> dict[str, float]:
    """Seconds to just read + parse the database files with orjson (GC on, and paused)."""
    import gc

    import orjson

    out = {}
    catalog = db_path.with_name(db_path.stem + ".catalog.json")
    for label, path in (("corpus", db_path), ("catalog", catalog)):
        for gc_on in (True, False):
            if not gc_on:
                gc.disable()
            t0 = time.perf_counter()
            data = orjson.loads(path.read_bytes())
            out[label + ("" if gc_on else "_nogc")] = time.perf_counter() - t0
            del data
            gc.enable()
            gc.collect()
    return out


def db_size_mb(db_path: Path) -> float:
    catalog = db_path.with_name(db_path.stem + ".catalog.json")
    return (db_path.stat().st_size + catalog.stat().st_size) / 1e6


def run_child(db_path: Path, env: dict[str, str]) -> dict[str, Any]:
    t_start = time.time()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(db_path), "--t-start", repr(t_start)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode or not lines:
        raise SystemExit(f"child failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "yuebao-bench"
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the corpora")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--t-start", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.t_start)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    # an installed yuebao has its bytecode compiled by pip; a dev shell that sets this would
    # make every measured process compile ~100 modules again (~70 ms)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        env[f"YUEBAO_{name}_DIR"] = str(args.workdir / name.lower())
    env["PYTHONPATH"] = str(ROOT)
    base: list[dict[str, Any]] | None = None
    for n in args.sizes:
        db_path = args.workdir / f"corpus-{n}.json"
        if args.rebuild or not db_path.exists():
            if base is None:
                base, how = seed_articles()
                print(f"base: {how}")
            secs = build(db_path, n, base)
            print(f"built {n:,} articles in {secs:.1f} s → {db_path}")
        size = db_size_mb(db_path)
        yard = yardstick(db_path)
        r = run_child(db_path, env)
        print(f"\n== {n:,} articles · database {size:.1f} MB (corpus + catalog)")
        print(
            f"  yardstick, orjson.loads: corpus {yard['corpus']:.3f} s "
            f"({yard['corpus_nogc']:.3f} s with GC paused), "
            f"catalog {yard['catalog']:.3f} s ({yard['catalog_nogc']:.3f} s with GC paused)"
        )
        print(
            f"  first paint (process start → list painted): {r['first_paint_s']:.3f} s"
            f"   [target ≤ {0.5 if n <= 10_000 else 1.5} s]"
        )
        print(f"  jieba imported by first paint: {r['jieba_at_first_paint']}")
        print(
            "  background work after first paint (article offsets, entity counts, first "
            f"article in the reader) done at {r['background_done_s']:.3f} s"
        )
        print(
            "  open article (enter → reader shows it): "
            f"{r['open_warm_s'] * 1000:.1f} ms, next {r['open_warm2_s'] * 1000:.1f} ms"
        )
        print(
            f"  row move: median {r['row_move_ms']:.2f} ms, "
            f"p95 {r['row_move_p95_ms']:.2f} ms   [target ≤ 16 ms]"
        )
        print(f"  page move: median {r['page_move_ms']:.2f} ms, p95 {r['page_move_p95_ms']:.2f} ms")
        print(
            f"  key → binding → action → visible rows redrawn: row {r['key_row_ms']:.2f} ms, "
            f"page {r['key_page_ms']:.2f} ms"
        )
        print(
            f"  typing in the filter line ({r['typed_keys']} keys; key → list and sidebar "
            f"show its result): "
            f"median {r['typed_ms']:.0f} ms, p95 {r['typed_p95_ms']:.0f} ms, "
            f"max {r['typed_max_ms']:.0f} ms, first key {r['typed_first_ms']:.0f} ms; slowest: "
            + ", ".join(f"'{q}' {ms} ms" for q, ms in r["typed_slowest"])
            + "   [target ≤ 50 ms p95]"
        )
        print(
            "  … and the reader showing the list's first article too (it waits "
            f"{r['reader_wait_ms']:.0f} ms for typing to pause): median {r['followed_ms']:.0f} ms, "
            f"p95 {r['followed_p95_ms']:.0f} ms"
        )
        print(
            f"  RSS: {r['rss_first_paint_mb']:.0f} MB at first paint, "
            f"peak {r['rss_peak_mb']:.0f} MB"
            f" = {r['rss_peak_mb'] / size:.1f}× the database   [target ≤ 3×]"
        )


if __name__ == "__main__":
    main()
