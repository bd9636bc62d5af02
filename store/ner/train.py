"""Train the shipped entity tagger: ``python -m store.ner.train``.

Run it from the repository root. It reads the MSRA NER training split
(``../shared/bench/msra_ner.train.bio.gz`` relative to the repository by default; pass
``--data PATH`` for another file), extracts the features of ``store.ner.features`` and
trains a character CRF with python-crfsuite (L-BFGS, elastic-net), exporting its weights
to ``store/ner/ner_model.npz`` — the model the package ships. Never train on the dev split.
Takes roughly 10 minutes on one core; run it with ``nice`` on a shared machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from store.ner.bio import read_bio
from store.ner.features import attributes, encode
from store.ner.model import MODEL_PATH, export

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "bench" / "msra_ner.train.bio.gz"


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m store.ner.train", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="BIO training file")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write")
    parser.add_argument("--c1", type=float, default=0.05, help="L1 coefficient")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 coefficient")
    parser.add_argument("--max-iter", type=int, default=150, help="L-BFGS iterations")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N sentences")
    parser.add_argument("--every", type=int, default=1, help="use every Nth sentence")
    parser.add_argument("--keep", type=Path, help="also keep the crfsuite model here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Train and write the model; returns a process exit code."""
    import pycrfsuite

    args = _parse(argv)
    if not args.data.exists():
        print(f"training data not found: {args.data}", file=sys.stderr)
        return 2
    trainer = pycrfsuite.Trainer(verbose=False)
    started = time.perf_counter()
    count = chars = 0
    batch: list[tuple[str, list[str]]] = []

    def flush() -> None:
        enc = encode([text for text, _ in batch])
        rows = attributes(enc)
        offset = 0
        for text, tags in batch:
            trainer.append(rows[offset : offset + len(text)], tags)
            offset += len(text)
        batch.clear()

    for index, (text, tags) in enumerate(read_bio(args.data)):
        if args.limit and count >= args.limit:
            break
        if index % args.every:
            continue
        batch.append((text, tags))
        count += 1
        chars += len(text)
        if len(batch) >= 256:
            flush()
    if batch:
        flush()
    print(f"features for {count} sentences, {chars} chars: {time.perf_counter() - started:.0f} s")
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.max_iter,
            "feature.possible_transitions": True,
        }
    )
    with tempfile.TemporaryDirectory() as scratch:
        crf = args.keep or Path(scratch) / "ner.crfsuite"
        trainer.train(str(crf))
        export(crf, args.out)
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
