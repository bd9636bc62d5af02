"""Train the shipped page model: ``python -m store.parse.layout.train``.

Run it from the repository root. It counts the bigrams common to most articles of the
corpus (``store/parse/layout/common_bigrams.txt``, left out of the lexical cues), generates
flattened pages (``store.parse.layout.generate``) from the People's Daily articles of
``../shared/corpus/rmrb_2020_articles.jsonl.gz`` and the seed pages' articles, labels every
line, adds the seed pages themselves and re-laid-out copies of them, labelled by their
reading (``store.parse.layout.seedpages``), and trains a linear-chain CRF with python-crfsuite
(L-BFGS, elastic net), then exports its weights to ``store/parse/layout/layout_model.npz``; then
it trains the headline-deck model (``store.parse.layout.train_heads``, seconds). The
same arguments give the same model. ``../shared/segdev/`` is never read: it is for
measuring (``bench/seg_bench.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from store.parse.layout import generate as G
from store.parse.layout import lexical, train_heads
from store.parse.layout.features import line_features
from store.parse.layout.labels import encode
from store.parse.layout.model import MODEL_PATH, LayoutModel, export
from store.parse.layout.seedpages import seed_pages
from store.wordlists import write_words

REPO = Path(__file__).resolve().parents[3]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "rmrb_2020_articles.jsonl.gz"
SEEDS = REPO / "seeds"


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m store.parse.layout.train", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="articles (jsonl.gz)")
    parser.add_argument(
        "--out",
        type=Path,
        default=MODEL_PATH,
        help="model file to write (a model written elsewhere gets its bigram list beside it)",
    )
    parser.add_argument("--pages", type=int, default=3000, help="generated training pages")
    parser.add_argument("--check-pages", type=int, default=200, help="pages to check the model on")
    parser.add_argument("--seed", type=int, default=20200106, help="generator seed")
    parser.add_argument("--seed-variants", type=int, default=12, help="re-laid-out seed pages")
    parser.add_argument("--seed-weight", type=int, default=3, help="copies of each seed page")
    parser.add_argument("--c1", type=float, default=0.05, help="L1 penalty")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    parser.add_argument("--max-iter", type=int, default=220, help="L-BFGS iterations")
    return parser.parse_args(argv)


#: generated pages the training-data fingerprint reads (with every labelled seed page)
DIGEST_PAGES = 40
_SETTINGS = ("pages", "seed", "seed_variants", "seed_weight", "c1", "c2", "max_iter")


Example = tuple[list[list[str]], list[str]]  # a page's line features and labels


def training_digest(args: argparse.Namespace, common: list[str], examples: list[Example]) -> str:
    """A fingerprint of what training sees: its settings, the common bigrams, and the line
    features and labels (``examples``) of the first ``DIGEST_PAGES`` generated pages and of
    the labelled seed pages. A change to the features, the generator or the seed reading
    changes it, so a model that was not retrained since is told apart (a test compares it)."""
    digest = hashlib.sha256(
        json.dumps({key: getattr(args, key) for key in _SETTINGS}, sort_keys=True).encode()
    )
    digest.update("\n".join(sorted(common)).encode())
    for example in examples:
        digest.update(json.dumps(example, ensure_ascii=False).encode())
    return digest.hexdigest()


def expected_digest(corpus: Path = DEFAULT_CORPUS) -> str:
    """The fingerprint ``python -m store.parse.layout.train`` would write now."""
    args = _parse([])
    articles, seeds = _sources(corpus)
    common = sorted(lexical.count_common(a.paragraphs for a in articles))
    saved = lexical.COMMON_PATH
    with tempfile.TemporaryDirectory() as scratch:  # the features read the list just counted
        lexical.COMMON_PATH = Path(scratch) / "common_bigrams.txt"
        write_words(lexical.COMMON_PATH, common)
        lexical.common_bigrams.cache_clear()
        try:
            first = list(G.generate_pages(DIGEST_PAGES, args.seed, articles, seeds))
            real = list(seed_pages(SEEDS, args.seed_variants, args.seed)) if SEEDS.is_dir() else []
            return training_digest(args, common, [_items(page) for page in [*first, *real]])
        finally:
            lexical.COMMON_PATH = saved
            lexical.common_bigrams.cache_clear()


def _items(page: G.GeneratedPage) -> tuple[list[list[str]], list[str]]:
    texts = [line.text for line in page.lines]
    _, items, _ = line_features(texts)
    return items, encode(page.lines)


def _sources(corpus: Path) -> tuple[list[G.SourceArticle], list[G.SourceArticle]]:
    articles = G.load_rmrb(corpus)
    seeds = G.seed_articles(SEEDS) if SEEDS.is_dir() else []
    return articles, seeds


def check(model_path: Path, pages: list[G.GeneratedPage]) -> str:
    """Line accuracy and article-opening F1 of a trained model on generated pages."""
    tagger = LayoutModel.load(model_path)
    right = total = 0
    tp = fp = fn = 0
    confusions: Counter[tuple[str, str]] = Counter()
    for page in pages:
        items, gold = _items(page)
        got = tagger.tag(items)
        for g, p in zip(gold, got, strict=True):
            total += 1
            right += g == p
            if g != p:
                confusions[(g, p)] += 1
            tp += g.startswith("B") and p.startswith("B")
            fp += p.startswith("B") and not g.startswith("B")
            fn += g.startswith("B") and not p.startswith("B")
    f1 = 2 * tp / max(1, 2 * tp + fp + fn)
    top = ", ".join(f"{g}->{p} {n}" for (g, p), n in confusions.most_common(8))
    return f"line accuracy {right / max(1, total):.4f}, opening F1 {f1:.4f}; confusions: {top}"


def main(argv: list[str] | None = None) -> int:
    """Generate pages, train, write the model; returns a process exit code."""
    import pycrfsuite

    args = _parse(argv)
    if not args.corpus.exists():
        print(f"training corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    articles, seeds = _sources(args.corpus)
    common = lexical.count_common(a.paragraphs for a in articles)
    if args.out.resolve() != MODEL_PATH.resolve():
        # a model written elsewhere (an experiment) gets its bigram list beside it; the
        # shipped list is left as it is
        lexical.COMMON_PATH = args.out.with_name(args.out.stem + ".common_bigrams.txt")
    write_words(lexical.COMMON_PATH, common)
    lexical.common_bigrams.cache_clear()
    print(f"{len(common)} common bigrams -> {lexical.COMMON_PATH}")
    trainer = pycrfsuite.Trainer(verbose=False)
    lines = 0
    examples: list[Example] = []  # the fingerprinted ones
    for number, page in enumerate(G.generate_pages(args.pages, args.seed, articles, seeds)):
        items, labels = _items(page)
        if number < DIGEST_PAGES:
            examples.append((items, labels))
        if items:
            trainer.append(items, labels)
            lines += len(items)
    real = list(seed_pages(SEEDS, args.seed_variants, args.seed)) if SEEDS.is_dir() else []
    for page in real:
        items, labels = _items(page)
        examples.append((items, labels))
        for _ in range(args.seed_weight):
            trainer.append(items, labels)
            lines += len(items)
    digest = training_digest(args, sorted(common), examples)
    print(f"{len(real)} labelled seed pages (x{args.seed_weight})")
    print(f"{args.pages} pages, {lines} lines generated in {time.perf_counter() - started:.0f} s")
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.max_iter,
            "feature.minfreq": 2,
            "feature.possible_transitions": True,
        }
    )
    with tempfile.TemporaryDirectory() as scratch:
        crf = Path(scratch) / "layout.crfsuite"
        trainer.train(str(crf))
        print(f"trained in {time.perf_counter() - started:.0f} s")
        export(crf, args.out, digest)
    rng_seed = random.Random(args.seed).randrange(1 << 30) + 1
    held = list(G.generate_pages(args.check_pages, rng_seed, articles, seeds))
    print("check on other generated pages:", check(args.out, held))
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {time.perf_counter() - started:.0f} s")
    if args.out.resolve() == MODEL_PATH.resolve():  # the shipped models: the deck model too
        return train_heads.main(["--corpus", str(args.corpus)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
