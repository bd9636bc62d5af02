"""Hostile-file bench: time and peak memory of one huge file, per MB, beside ordinary pages
of the same size in the same run.

    python bench/hostile_bench.py [--sizes 1,10,50] [--lines 1000000] [--load]

Files (real People's Daily text from ``../shared/corpus`` when present, else the seeds):

- ``line-N MB``: N MB of text on one line (a page that lost every line break);
- ``lines-1e6``: a million lines of six characters (a page broken at every few characters);
- ``pages-N MB`` (the baseline): N MB of ordinary synthetic pages, one file each.

Each is read by a fresh child process: ``parse`` segments it (``store.parse.segment``, no
entities); ``--load`` also runs ``yuebao load`` on it into an empty corpus (entities,
storage, index). Printed: seconds, s/MB, peak RSS, RSS over file size, and s/MB as a ratio
of the ordinary pages' s/MB, both after the floor (one seed page) is taken off. Issue 12
target: bounded: linear time (flat s/MB across sizes) and peak memory a small multiple of
the file size. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "rmrb_2020_articles.jsonl.gz"
sys.path.insert(0, str(REPO / "bench"))

from synth import write_corpus  # noqa: E402

PARSE = """
import sys
from store.parse.read import read_text
from store.parse.segment import segment_text
text, _ = read_text(sys.argv[1])
seg = segment_text(text)
print(len(seg.articles))
"""

# Every child runs under this wrapper, which writes the child's own peak RSS (VmHWM, KB) to
# the file named by YUEBAO_BENCH_HWM when it exits. ``ru_maxrss`` from wait4 cannot be used:
# Linux carries the parent's high-water mark across fork and exec, so every child smaller
# than this bench process reported the bench's own size.
WRAPPER = """
import atexit, os, runpy, sys
def _report():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            open(os.environ["YUEBAO_BENCH_HWM"], "w").write(line.split()[1])
atexit.register(_report)
mode, target, *rest = sys.argv[1:]
sys.argv = [target, *rest]
if mode == "code":
    exec(compile(target, "<parse>", "exec"), {"__name__": "__main__"})
else:
    runpy.run_module(target, run_name="__main__", alter_sys=True)
"""


def real_text(n_bytes: int) -> str:
    """About ``n_bytes`` of UTF-8 article text with no line breaks."""
    parts: list[str] = []
    size = 0
    if CORPUS.exists():
        with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                para = "".join(doc.get("paragraphs") or [])
                parts.append(para)
                size += len(para.encode())
                if size >= n_bytes:
                    break
    seeds = "".join("".join(p.read_text("utf-8").split()) for p in (REPO / "seeds").glob("*"))
    while size < n_bytes:  # the corpus ran out (or is absent): repeat what we have
        chunk = "".join(parts) or seeds
        parts.append(chunk)
        size += len(chunk.encode())
    return "".join(parts).encode()[:n_bytes].decode("utf-8", "ignore")


def run_child(mode: str, target: str, args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Run ``target`` (code or a module, per ``mode``) in a child: (seconds, peak RSS in KB)."""
    with tempfile.NamedTemporaryFile(suffix=".hwm") as hwm:
        env = dict(env, YUEBAO_BENCH_HWM=hwm.name)
        argv = [sys.executable, "-c", WRAPPER, mode, target, *args]
        start = time.perf_counter()
        done = subprocess.run(
            argv, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            print(f"   (exit {done.returncode}: {' '.join(args)})")
        peak = Path(hwm.name).read_text().strip()
    return seconds, int(peak or 0)


def measure(path: Path, root: Path, load: bool) -> dict[str, tuple[float, int]]:
    """Parse (and load) ``path`` in fresh children."""
    env = dict(os.environ, PYTHONPATH=str(REPO), YUEBAO_CACHE_DIR=str(root / "cache"))
    out = {"parse": run_child("code", PARSE, [str(path)], env)}
    if load:
        data = root / f"data-{path.stem}"
        env = dict(env, YUEBAO_DATA_DIR=str(data))
        out["load"] = run_child("module", "tui", ["load", str(path)], env)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,10,50", help="single-line sizes in MB")
    ap.add_argument("--lines", type=int, default=1_000_000, help="lines of the tiny-lines file")
    ap.add_argument("--load", action="store_true", help="also time `yuebao load` of each")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seed = sorted((REPO / "seeds").glob("*.txt"))[0]
        base = measure(seed, root, args.load)  # one small page: imports and models, the floor
        files: list[tuple[str, Path]] = []
        for mb in sizes:
            path = root / f"line-{mb}mb.txt"
            path.write_text(real_text(mb * 1_000_000), "utf-8")
            files.append((f"line {mb} MB", path))
        text = real_text(args.lines * 18)
        tiny = root / "lines.txt"
        tiny.write_text("\n".join(text[i : i + 6] for i in range(0, 6 * args.lines, 6)), "utf-8")
        files.append((f"lines {args.lines:.0e}", tiny))

        pages_dir = root / "pages"
        pages = write_corpus(pages_dir, 300)  # ordinary pages, then one file of them (~1 MB)
        ordinary = root / "pages.txt"
        ordinary.write_text("\n\n".join(p.read_text("utf-8") for p in pages), "utf-8")
        ref = measure(ordinary, root, args.load)
        ref_mb = ordinary.stat().st_size / 1e6

        def per_mb(kind: str, got: dict[str, tuple[float, int]], mb: float) -> float:
            return max(got[kind][0] - base[kind][0], 1e-6) / mb

        print(f"floor (one seed page): {base}")
        print(
            f"{'file':<14} {'step':<6} {'MB':>6} {'s':>8} {'s/MB':>7} {'x pages':>8} "
            f"{'peak MB':>8} {'over floor/MB':>13}"
        )
        rows = [("pages (ref)", ordinary, ref)]
        for label, path in files:
            rows.append((label, path, measure(path, root, args.load)))
        for label, path, got in rows:
            mb = path.stat().st_size / 1e6
            for kind in got:
                secs, rss = got[kind]
                ratio = per_mb(kind, got, mb) / per_mb(kind, ref, ref_mb)
                over = (rss - base[kind][1]) / 1024 / mb
                print(
                    f"{label:<14} {kind:<6} {mb:6.1f} {secs:8.1f} {per_mb(kind, got, mb):7.2f}"
                    f" {ratio:8.2f} {rss / 1024:8.0f} {over:13.1f}"
                )


if __name__ == "__main__":
    main()
