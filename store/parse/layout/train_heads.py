"""Train the headline-deck model: ``python -m store.parse.layout.train_heads``.

Run it from the repository root (``python -m store.parse.layout.train`` runs it too). The
decks — kicker, title, subtitle — of the articles of
``../shared/corpus/rmrb_2020_articles.jsonl.gz`` and of the seed pages train a linear-chain
CRF (python-crfsuite) that tells them apart by their words and shape
(``store.parse.layout.heads``); a tenth of the articles is held out and the share of their
multi-deck headlines whose title is picked right is printed beside the shape rules'
(``store.parse.headline.choose_title``). The same arguments give the same model (seconds);
``../shared/segdev/`` is never read.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from store.parse.headline import choose_title
from store.parse.layout import generate as G
from store.parse.layout.heads import (
    HEAD_MODEL_PATH,
    KICKER,
    SUBTITLE,
    TITLE,
    deck_features,
    title_deck,
)

REPO = Path(__file__).resolve().parents[3]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "rmrb_2020_articles.jsonl.gz"
SEEDS = REPO / "seeds"
DEFAULT_SEED = 20200106


def article_decks(article: G.SourceArticle) -> list[tuple[str, str]]:
    """The decks of a source article in page order, as (letter, text)."""
    decks = [(KICKER, article.kicker)] if article.kicker else []
    decks.append((TITLE, article.title))
    if article.subtitle:
        decks.append((SUBTITLE, article.subtitle))
    return decks


def split_articles(
    corpus: Path = DEFAULT_CORPUS, seed: int = DEFAULT_SEED
) -> tuple[list[G.SourceArticle], list[G.SourceArticle]]:
    """The corpus articles to train on and the tenth held out (shuffled with ``seed``)."""
    articles = G.load_rmrb(corpus)
    random.Random(seed).shuffle(articles)
    held_out = max(1, len(articles) // 10)
    return articles[held_out:], articles[:held_out]


def held_out_articles() -> list[G.SourceArticle]:
    """The held-out tenth of the default corpus split."""
    return split_articles()[1]


def accuracy(articles: list[G.SourceArticle]) -> tuple[int, float, float]:
    """Multi-deck headlines among ``articles``, and the share whose title the model and the
    shape rules pick right."""
    model = rules = count = 0
    for article in articles:
        decks = article_decks(article)
        if len(decks) < 2:
            continue
        count += 1
        texts = [text for _, text in decks]
        model += title_deck(texts) == texts.index(article.title)
        rules += choose_title([(text, [text]) for text in texts])[0] == article.title
    return count, model / max(1, count), rules / max(1, count)


def main(argv: list[str] | None = None) -> int:
    """Build the blocks, train, write the model; returns a process exit code."""
    import pycrfsuite

    parser = argparse.ArgumentParser(prog="python -m store.parse.layout.train_heads")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="articles (jsonl.gz)")
    parser.add_argument("--out", type=Path, default=HEAD_MODEL_PATH, help="model file to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="shuffling seed")
    parser.add_argument("--seed-weight", type=int, default=10, help="copies of each seed article")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"training corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    train, check = split_articles(args.corpus, args.seed)
    seeds = G.seed_articles(SEEDS) if SEEDS.is_dir() else []
    train += seeds * args.seed_weight
    print(f"{len(seeds)} seed articles (x{args.seed_weight})")
    trainer = pycrfsuite.Trainer(verbose=False)
    for article in train:
        decks = article_decks(article)
        trainer.append(deck_features([text for _, text in decks]), [x for x, _ in decks])
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.minfreq": 1})
    with tempfile.TemporaryDirectory() as scratch:
        model = Path(scratch) / "heads.crfsuite"
        trainer.train(str(model))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.out.with_name(args.out.name + ".tmp")
        tmp.write_bytes(model.read_bytes())
        tmp.replace(args.out)
    print(f"trained on {len(train)} articles in {time.perf_counter() - started:.0f} s")
    if args.out.resolve() == HEAD_MODEL_PATH.resolve():
        count, model_share, rules_share = accuracy(check)
        print(
            f"{count} held-out headlines of two or more decks: title picked right "
            f"{model_share:.3f} (shape rules {rules_share:.3f})"
        )
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
