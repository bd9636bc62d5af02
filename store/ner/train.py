"""Train the shipped entity tagger: ``python -m store.ner.train``.

Run it from the repository root. It reads the MSRA NER training split
(``../shared/bench/msra_ner.train.bio.gz`` relative to the repository by default; pass
``--data PATH`` for another file), extracts the features of ``store.ner.features`` and
trains character CRFs with python-crfsuite (L-BFGS, 150 iterations), one per elastic-net
setting of ``--reg`` (default ``0.05:0.01,0.02:0.02``, i.e. c1:c2 pairs), in parallel
processes. The shipped model ``store/ner/ner_model.npz`` is the mean of their exported
weights: on the dev split the pair beats either model alone. Never train on the dev split.
Takes about 10 minutes with two free cores (20 on one); run it with ``nice`` on a shared
machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from store.ner.bio import read_bio
from store.ner.export import average, export
from store.ner.features import attributes, encode
from store.ner.model import MODEL_PATH

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "bench" / "msra_ner.train.bio.gz"
DEFAULT_REG = "0.05:0.01,0.02:0.02"


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m store.ner.train", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="BIO training file")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write")
    parser.add_argument("--reg", default=DEFAULT_REG, help="c1:c2 pairs, one CRF each")
    parser.add_argument("--max-iter", type=int, default=150, help="L-BFGS iterations")
    parser.add_argument("--every", type=int, default=1, help="use every Nth sentence")
    parser.add_argument("--workers", type=int, default=2, help="CRFs trained at once")
    return parser.parse_args(argv)


def train_one(data: Path, every: int, c1: float, c2: float, max_iter: int, out: Path) -> str:
    """Train one CRF on ``data`` and export it to ``out``; returns a one-line summary."""
    import pycrfsuite

    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    batch: list[tuple[str, list[str]]] = []
    chars = 0

    def flush() -> None:
        rows = attributes(encode([text for text, _ in batch]))
        offset = 0
        for text, tags in batch:
            trainer.append(rows[offset : offset + len(text)], tags)
            offset += len(text)
        batch.clear()

    for index, (text, tags) in enumerate(read_bio(data)):
        if index % every:
            continue
        batch.append((text, tags))
        chars += len(text)
        if len(batch) >= 256:
            flush()
    if batch:
        flush()
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": max_iter, "feature.possible_transitions": True}
    )
    crf = out.with_suffix(".crfsuite")
    trainer.train(str(crf))
    export(crf, out)
    return f"c1={c1} c2={c2}: {chars} chars, {time.perf_counter() - started:.0f} s"


def main(argv: list[str] | None = None) -> int:
    """Train, average and write the model; returns a process exit code."""
    args = _parse(argv)
    if not args.data.exists():
        print(f"training data not found: {args.data}", file=sys.stderr)
        return 2
    pairs = [tuple(float(x) for x in pair.split(":")) for pair in args.reg.split(",")]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        outs = [Path(scratch) / f"crf{i}.npz" for i in range(len(pairs))]
        with ProcessPoolExecutor(max_workers=max(1, min(args.workers, len(pairs)))) as pool:
            jobs = [
                pool.submit(train_one, args.data, args.every, c1, c2, args.max_iter, out)
                for (c1, c2), out in zip(pairs, outs, strict=True)
            ]
            for job in jobs:
                print(job.result())
        average(outs, args.out)
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
