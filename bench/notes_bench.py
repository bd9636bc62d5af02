"""Bench of user data (issue 7): figures are printed, never asserted.

    python bench/notes_bench.py [--articles 10000] [--runs 50]

Measures, on a user-data file holding N notes and N bookmarks (in a temp dir):

- saving one note (``set_note``) — target < 50 ms; also when another session changed the
  file just before (so the save re-reads and merges);
- opening the store and asking for the bookmarked / read / noted ids, what the app adds to
  its start-up — target < 100 ms;
- as a yardstick, reading the same file with ``orjson`` alone.

More SIGKILL trials than the test runs: ``YUEBAO_KILL_TRIALS=500 pytest
tests/test_userdata_loss.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.userdata.data import UserData
from store.userdata.merge import new_record, now


def build(path: Path, n: int) -> None:
    """A user-data file with ``n`` bookmarked, tagged, noted articles (one write)."""
    at = now()
    records = {}
    for i in range(n):
        article_id = f"{i:016x}"
        rec = new_record(article_id, at)
        rec.update(
            title=f"高新区专委会暨重点功能区高质量发展现场推进会召开 {i}",
            newspaper="青岛日报",
            source=f"/data/papers/2024/{i % 365:03d}.txt",
            date="2024-03-01",
            page=str(i % 16 + 1),
            bookmarked=True,
            bookmarked_at=at,
            tags=["经济", f"主题{i % 20}"],
            tags_at=at,
            note=f"第 {i} 条笔记：值得跟进，联系采访对象。" * 3,
            note_at=at,
            read=i % 2 == 0,
            read_at=at,
        )
        records[article_id] = rec
    data = UserData.open(path)
    data.import_records(records.values())


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds taken by each of ``runs`` calls."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(label: str, samples: list[float], target: float | None = None) -> None:
    """Print median and p95 (and the target) of ``samples`` in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    goal = f"   (target < {target:.0f} ms)" if target else ""
    print(f"{label:<52} median {statistics.median(ordered):7.2f} ms   p95 {p95:7.2f} ms{goal}")


def main() -> int:
    """Run the bench and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "userdata.json"
        build(path, args.articles)
        size = path.stat().st_size
        print(f"user-data file: {args.articles} notes and bookmarks, {size / 1e6:.1f} MB\n")

        report(
            "read the file with orjson alone (yardstick)",
            timed(lambda: orjson.loads(path.read_bytes()), args.runs),
        )

        def open_for_app() -> None:
            data = UserData.open(path)
            data.bookmarked_ids()
            data.read_ids()
            data.noted_ids()

        report("open + bookmarked/read/noted ids (start-up)", timed(open_for_app, args.runs), 100)

        data = UserData.open(path)
        counter = iter(range(10**9))
        ids = [f"{i:016x}" for i in range(args.articles)]

        def save_note() -> None:
            i = next(counter)
            data.set_note(ids[i % len(ids)], f"改过的笔记 {i}")

        report(f"save a note ({args.articles} notes on file)", timed(save_note, args.runs), 50)

        other = UserData.open(path)

        def save_after_other_session() -> None:
            i = next(counter)
            other.toggle_bookmark(ids[(i + 7) % len(ids)])
            start = time.perf_counter()
            data.set_note(ids[i % len(ids)], f"另一会话之后 {i}")
            samples.append((time.perf_counter() - start) * 1000)

        samples: list[float] = []
        for _ in range(args.runs):
            save_after_other_session()
        report("save a note right after another session saved", samples, 50)

        report("toggle a bookmark", timed(lambda: data.toggle_bookmark(ids[3]), args.runs), 50)
        report(
            "mark an article read (already read: no write)",
            timed(lambda: data.mark_read(ids[0]), args.runs),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
