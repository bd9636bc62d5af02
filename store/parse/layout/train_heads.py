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
import itertools
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from store.files import write_atomic
from store.parse.headline import choose_title
from store.parse.layout import generate as G
from store.parse.layout.heads import (
    BREAK,
    BREAK_MODEL_PATH,
    HEAD_MODEL_PATH,
    JOIN,
    KICKER,
    SUBTITLE,
    TITLE,
    break_features,
    deck_features,
    parts_decks,
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


def _wrapped(text: str, rng: random.Random) -> list[str]:
    """A deck as a page may set it: on one line, or wrapped at a column width of 8–30."""
    width = rng.randint(8, 30)
    return G.wrap(text, width) if len(text) > width and rng.random() < 0.3 else [text]


def _broken(text: str, rng: random.Random) -> tuple[str, str]:
    """A deck broken in two as headlines are: at a space or comma, near the middle, or
    anywhere."""
    gaps = [m for m in re.finditer(r"[ \u3000，、：]+", text[2:-2])]
    roll = rng.random()
    if gaps and roll < 0.5:
        gap = rng.choice(gaps)
        end = gap.start() + 2 + (1 if text[gap.start() + 2] in "，、：" else 0)
        return text[:end], text[gap.end() + 2 :]
    cut = len(text) // 2 + rng.randint(-2, 2) if roll < 0.8 else rng.randint(2, len(text) - 2)
    return text[:cut], text[cut:]


def break_examples(articles: list[G.SourceArticle], seed: int) -> list[tuple[str, str, str]]:
    """(upper line, lower line, BREAK or JOIN) from the decks of ``articles``: the break
    between two decks, and breaks inside one deck (broken in two, or wrapped)."""
    rng = random.Random(seed)
    out: list[tuple[str, str, str]] = []
    for article in articles:
        decks = [text for _, text in article_decks(article)]
        for upper, lower in itertools.pairwise(decks):
            out.append((_wrapped(upper, rng)[-1], _wrapped(lower, rng)[0], BREAK))
        for text in decks:
            if len(text) >= 6:
                out.append((*_broken(text, rng), JOIN))
            lines = G.wrap(text, rng.randint(8, 20))
            if len(lines) > 1:
                out.append((lines[0], lines[1], JOIN))
    return out


def breaks_path(model: Path) -> Path:
    """Where the line-break model goes beside the deck model ``model`` (the shipped pair, or
    ``<stem>.breaks.crfsuite`` beside an experiment)."""
    if model.resolve() == HEAD_MODEL_PATH.resolve():
        return BREAK_MODEL_PATH
    return model.with_name(model.stem + ".breaks.crfsuite")


def break_accuracy(examples: list[tuple[str, str, str]]) -> tuple[float, float]:
    """Share of ``examples`` (from ``break_examples``) the break model reads right, and the
    share calling every break a join would get."""
    right = sum(parts_decks(u, d) == (label == BREAK) for u, d, label in examples)
    joins = sum(label != BREAK for _, _, label in examples)
    return right / max(1, len(examples)), joins / max(1, len(examples))


def _train(sequences: Iterable[tuple[list[list[str]], list[str]]], out: Path) -> None:
    """Train a CRF (python-crfsuite, L-BFGS, elastic net) on ``(items, labels)`` sequences
    and write it to ``out`` atomically."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for items, labels in sequences:
        trainer.append(items, labels)
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.minfreq": 1})
    with tempfile.TemporaryDirectory() as scratch:
        model = Path(scratch) / out.name
        trainer.train(str(model))
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, model.read_bytes())


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
    """Train the deck and line-break models, write them; returns a process exit code."""
    parser = argparse.ArgumentParser(prog="python -m store.parse.layout.train_heads")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="articles (jsonl.gz)")
    parser.add_argument(
        "--out",
        type=Path,
        default=HEAD_MODEL_PATH,
        help="deck model to write (the line-break model is written beside it)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="shuffling seed")
    parser.add_argument("--seed-weight", type=int, default=10, help="copies of each seed article")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"training corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    train, check = split_articles(args.corpus, args.seed)
    seeds = G.seed_articles(SEEDS, page_order=True) if SEEDS.is_dir() else []
    train += seeds * args.seed_weight
    print(f"{len(seeds)} seed articles (x{args.seed_weight})")
    decks = [article_decks(article) for article in train]
    _train(((deck_features([text for _, text in d]), [x for x, _ in d]) for d in decks), args.out)
    breaks = break_examples(train, args.seed)
    _train((([break_features(u, d)], [label]) for u, d, label in breaks), breaks_path(args.out))
    print(f"trained on {len(train)} articles in {time.perf_counter() - started:.0f} s")
    if args.out.resolve() == HEAD_MODEL_PATH.resolve():
        count, model_share, rules_share = accuracy(check)
        print(
            f"{count} held-out headlines of two or more decks: title picked right "
            f"{model_share:.3f} (shape rules {rules_share:.3f})"
        )
        examples = break_examples(check, args.seed + 1)
        share, _ = break_accuracy(examples)
        print(f"{len(examples)} held-out line breaks in headlines: deck or not {share:.3f}")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
