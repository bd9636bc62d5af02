"""Segmentation bench: the page model beside the rule segmenter, in one run.

    python bench/seg_bench.py [--generated 60] [--no-speed]

Prints, for the page model (``store.parse.layout``) and the rule segmenter it replaced
(``store.parse.segment_rules``):

- ``segdev``: boundary F1, title / byline / dateline accuracy on ``../shared/segdev/``
  (13 pages of other papers; scored by its own ``seg_eval.py``);
- ``seeds``: the same figures on the five seed pages and their re-laid-out variants, scored
  against the hand-read expectations of ``tests/seed_expectations.py``;
- ``generated/<layout>``: the same on freshly generated pages of each layout (a generator
  seed the shipped model was not trained on); ``plain`` and ``plain-unwrapped`` are pages
  set as text copied from a web edition (paragraphs with no blank line between them, blank
  lines only between articles; wrapped, and one line a paragraph);
- ``styled/<style>``: pages set in eight other papers' house styles (title + ``本报记者 X``,
  ``新京报讯（记者 X）`` with a staff tail line, ``南方日报记者 X 通讯员 Y``, …; see
  ``bench/styled_pages.py``), built from corpus articles by code apart from the generator;
- headline decks: on the corpus headlines held out from the deck model's training, how often
  the deck model (``store.parse.layout.heads``) and the shape rules it replaced pick the title;
- speed: characters per second beside ``jieba.lcut`` on the same text (the ratio is the
  figure to watch; absolute numbers move with the machine).

It never asserts: it prints figures.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(Path(__file__).parent)]

from styled_pages import styled_sets  # noqa: E402

from store.parse.layout import generate as G  # noqa: E402
from store.parse.layout.page import segment_page  # noqa: E402
from store.parse.read import clean_text  # noqa: E402
from store.parse.segment_rules import segment_text as rules_segment  # noqa: E402

SHARED = REPO.parent / "shared"
SEGDEV = SHARED / "segdev"
Segmenter = Callable[[str, str], list]


def _model(text: str, source: str) -> list:
    return segment_page(text, source).articles


def _rules(text: str, source: str) -> list:
    return rules_segment(text, source).articles


SEGMENTERS: dict[str, Segmenter] = {"page model": _model, "rules (old)": _rules}


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("seg_eval", SEGDEV / "seg_eval.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def score(gold: list[dict], pages: dict[str, str], segment: Segmenter) -> dict[str, float]:
    """Run ``segment`` on ``pages`` (name → text) and score it with segdev's scorer."""
    pred = []
    for name, text in pages.items():
        pred.extend(a.to_dict() for a in segment(clean_text(text), name))
    with tempfile.TemporaryDirectory() as scratch:
        gold_path, pred_path = Path(scratch) / "gold.json", Path(scratch) / "pred.json"
        gold_path.write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
        pred_path.write_text(json.dumps(pred, ensure_ascii=False), "utf-8")
        out = io.StringIO()
        argv = sys.argv
        sys.argv = ["seg_eval.py", str(gold_path), str(pred_path)]
        try:
            with contextlib.redirect_stdout(out):
                _scorer().main()
        finally:
            sys.argv = argv
    figures = dict(re.findall(r"(\w+)=([\d.]+)", out.getvalue()))
    return {
        "F1": float(figures["F1"]),
        "title": float(figures["title_acc"]),
        "byline": float(figures["byline_acc"]),
        "dateline": float(figures["dateline_acc"]),
        "gold": float(figures["gold"]),
    }


def _han(text: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", text))


def _gold_entry(name: str, article: G.GoldArticle) -> dict:
    body = re.sub(r"\s", "", "".join(article.paragraphs))
    return {
        "file": name,
        "title": article.title,
        "byline": article.byline,
        "dateline": article.dateline or None,
        "first_sentence": body[:20],
        "last_sentence": body[-20:],
        "body_chars": _han(body),
    }


CORPUS = SHARED / "corpus" / "rmrb_2020_articles.jsonl.gz"


def generated_sets(
    count: int, seed: int, articles: list[G.SourceArticle] | None = None
) -> dict[str, tuple[list[dict], dict[str, str]]]:
    """Fresh generated pages of each layout, as (gold, pages) in segdev's form."""
    articles = articles if articles is not None else G.load_rmrb(CORPUS)
    seeds = G.seed_articles(REPO / "seeds")
    sets: dict[str, tuple[list[dict], dict[str, str]]] = {}
    import random

    kinds = ("before", "after", "mixed", "unwrapped", "seedlike", "plain", "plain-unwrapped")
    for number, kind in enumerate(kinds):
        rng = random.Random(seed * 10 + number)
        gold: list[dict] = []
        pages: dict[str, str] = {}
        layout = kind.removeprefix("plain-")
        layout = "before" if layout == "plain" else layout
        for k in range(count):
            pool = seeds if layout == "seedlike" and seeds else articles
            page = G.generate_page(pool, rng, layout, plain=kind.startswith("plain"))
            name = f"{kind}_{k:03d}.txt"
            pages[name] = page.text
            gold.extend(_gold_entry(name, a) for a in page.articles if a.paragraphs)
        sets[f"generated/{kind}"] = (gold, pages)
    return sets


def seed_sets() -> dict[str, tuple[list[dict], dict[str, str]]]:
    """The seed pages and their re-laid-out variants, with gold from the hand-read list."""
    from relayout import blanks_inside_sentences, double_blanks, rewrap
    from seed_expectations import SEED_ARTICLES

    variants = {
        "seeds": lambda t: t,
        "seeds/rewrap-16": lambda t: rewrap(t, 16),
        "seeds/rewrap-30": lambda t: rewrap(t, 30),
        "seeds/double-blanks": double_blanks,
        "seeds/blanks-in-sentences": blanks_inside_sentences,
    }
    texts = {p.name: p.read_text("utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))}
    reference = {}
    for name, text in texts.items():
        found = rules_segment(clean_text(text), name).articles
        reference[name] = found
    out = {}
    for label, change in variants.items():
        gold = []
        for name, expected in SEED_ARTICLES.items():
            for exp in expected:
                # the body's first and last words come from the reference reading of the page
                match = next(
                    (
                        a
                        for a in reference[name]
                        if re.sub(r"\s", "", a.body).startswith(re.sub(r"\s", "", exp.starts))
                    ),
                    None,
                )
                body = re.sub(r"\s", "", match.body) if match else re.sub(r"\s", "", exp.starts)
                gold.append(
                    {
                        "file": name,
                        "title": exp.title
                        if exp.title is not None
                        else (match.title if match else ""),
                        "byline": exp.byline,
                        "dateline": exp.dateline or None,
                        "first_sentence": body[:20],
                        "last_sentence": body[-20:] if match else body[:20],
                        "body_chars": _han(body) if match else 0,
                    }
                )
        out[label] = (gold, {name: change(text) for name, text in texts.items()})
    return out


def speed(pages: list[str], segment: Segmenter, repeat: int = 3) -> float:
    """Characters per second of ``segment`` over ``pages`` (best of ``repeat``)."""
    chars = sum(len(p) for p in pages)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for page in pages:
            segment(page, "")
        best = min(best, time.perf_counter() - started)
    return chars / best


def main(argv: list[str] | None = None) -> int:
    """Print the figures; returns a process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--generated", type=int, default=40, help="generated pages per layout")
    parser.add_argument("--seed", type=int, default=777, help="generator seed (not training's)")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed figures")
    args = parser.parse_args(argv)
    if not SEGDEV.is_dir():
        print(f"segdev not found: {SEGDEV}", file=sys.stderr)
        return 2
    sets: dict[str, tuple[list[dict], dict[str, str]]] = {}
    gold = json.loads((SEGDEV / "gold.json").read_text("utf-8"))
    segdev_pages = {p.name: p.read_text("utf-8") for p in sorted((SEGDEV / "pages").glob("*.txt"))}
    sets["segdev"] = (gold, segdev_pages)
    sets.update(seed_sets())
    articles = G.load_rmrb(CORPUS)
    sets.update(generated_sets(args.generated, args.seed, articles))
    sets.update(styled_sets(articles, args.seed))
    header = ("set", "segmenter", "articles", "F1", "title", "byline", "dateline")
    print("{:28} {:12} {:>8} {:>6} {:>6} {:>6} {:>8}".format(*header))
    for label, (gold_set, pages) in sets.items():
        for name, segment in SEGMENTERS.items():
            s = score(gold_set, pages, segment)
            print(
                f"{label:28} {name:12} {int(s['gold']):8d} {s['F1']:6.3f} {s['title']:6.3f} "
                f"{s['byline']:6.3f} {s['dateline']:8.3f}"
            )
    from store.parse.layout import train_heads

    held = train_heads.held_out_articles()
    count, model, rules = train_heads.accuracy(held)
    print(
        f"headline decks: {count} held-out corpus headlines of 2+ decks, title picked right "
        f"by the deck model {model:.3f}, by the shape rules {rules:.3f}"
    )
    breaks = train_heads.break_examples(held, args.seed)
    right, joins = train_heads.break_accuracy(breaks)
    print(
        f"headline line breaks: {len(breaks)} held-out, deck boundary or not read right "
        f"{right:.3f} (calling every break a join: {joins:.3f})"
    )
    if not args.no_speed:
        import jieba

        jieba.setLogLevel(60)
        texts = [clean_text(t) for t in segdev_pages.values()] * 3
        jieba.lcut(texts[0])
        started = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        jieba_speed = sum(len(t) for t in texts) / (time.perf_counter() - started)
        for name, segment in SEGMENTERS.items():
            cps = speed(texts, segment)
            print(f"speed {name:12} {cps:10.0f} chars/s = {cps / jieba_speed:5.1f}x jieba.lcut")
        print(f"speed {'jieba.lcut':12} {jieba_speed:10.0f} chars/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
