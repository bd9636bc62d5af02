"""Entity-extraction bench: raw ``jieba.posseg`` vs yuebao on the People's Daily dev split.

Usage (from the repository root)::

    python bench/ner_bench.py [--dev ../shared/bench/peoples_daily_ner.dev.bio] [--doc 50]

Prints entity-level exact-match precision / recall / F1 per type and micro-averaged, and
characters per second, for both taggers side by side. The dev sentences are fed as
article bodies of ``--doc`` sentences joined by newlines, to both taggers alike (how the
loader calls yuebao); a second speed row calls both once per sentence. jieba is
scored with its POS tags ``nr*`` → person, ``ns`` → place, ``nt`` → org. Figures are
printed, never asserted. The dev split is for measuring and tuning, never for training.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from store.ner.bio import BIO_TYPES, read_bio, tags_to_spans  # noqa: E402

TYPES = ("person", "place", "org")
Spans = set[tuple[int, int, str]]


def jieba_spans(doc: str) -> Spans:
    """Entity spans from raw ``jieba.posseg`` (HMM on)."""
    import jieba.posseg

    found: Spans = set()
    pos = 0
    for word, flag in jieba.posseg.cut(doc):
        end = pos + len(word)
        kind = (
            "person"
            if flag.startswith("nr")
            else "place"
            if flag == "ns"
            else "org"
            if flag == "nt"
            else ""
        )
        if kind:
            found.add((pos, end, kind))
        pos = end
    return found


def yuebao_spans(doc: str) -> Spans:
    """Entity spans from ``store.entities.extract``."""
    from store.entities import extract

    return {(e.start, e.end, e.type) for e in extract(doc)}


def score(gold: list[Spans], pred: list[Spans]) -> dict[str, tuple[float, float, float]]:
    """Exact-match precision, recall and F1 per type and micro."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        for _, _, kind in g & p:
            tp[kind] += 1
        for _, _, kind in p - g:
            fp[kind] += 1
        for _, _, kind in g - p:
            fn[kind] += 1

    def prf(t: int, f_p: int, f_n: int) -> tuple[float, float, float]:
        precision = t / (t + f_p) if t + f_p else 0.0
        recall = t / (t + f_n) if t + f_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    result = {kind: prf(tp[kind], fp[kind], fn[kind]) for kind in TYPES}
    result["micro"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return result


def timed(tagger: Callable[[str], Spans], texts: list[str]) -> tuple[list[Spans], float]:
    """Tag every text once; return the spans and the chars/s of that run."""
    started = time.perf_counter()
    found = [tagger(text) for text in texts]
    return found, sum(map(len, texts)) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dev", type=Path, default=REPO.parent / "shared/bench/peoples_daily_ner.dev.bio"
    )
    parser.add_argument("--doc", type=int, default=50, help="sentences per pseudo-article")
    parser.add_argument("--repeats", type=int, default=3, help="timing runs (best counts)")
    args = parser.parse_args(argv)

    sentences = list(read_bio(args.dev))
    docs: list[str] = []
    gold: list[Spans] = []
    for i in range(0, len(sentences), args.doc):
        group = sentences[i : i + args.doc]
        offset = 0
        spans: Spans = set()
        for text, tags in group:
            spans |= {(offset + s, offset + e, BIO_TYPES[k]) for s, e, k in tags_to_spans(tags)}
            offset += len(text) + 1
        docs.append("\n".join(text for text, _ in group))
        gold.append(spans)

    # Warm up both (dictionary, model) outside the timed runs; jieba is set up through
    # yuebao so its dictionary cache is yuebao's, not one in the shared temp directory.
    from store.ner.segmenter import tokenizer

    tokenizer()
    jieba_spans("热身")
    yuebao_spans("热身一下，青岛。")
    taggers = {"jieba.posseg": jieba_spans, "yuebao": yuebao_spans}
    single = [text for text, _ in sentences]  # the same taggers called once per sentence
    results = {}
    speeds: dict[str, float] = {}
    # Runs alternate between the taggers and the best of each counts, so that a busy
    # machine slows both alike.
    for _ in range(args.repeats):
        for name, tagger in taggers.items():
            found, speed = timed(tagger, docs)
            results[name] = score(gold, found)
            speeds[name] = max(speeds.get(name, 0.0), speed)
            _, speed = timed(tagger, single)
            speeds[f"{name}/sentence"] = max(speeds.get(f"{name}/sentence", 0.0), speed)

    chars = sum(map(len, docs))
    print(f"dev: {len(sentences)} sentences, {chars} chars, {len(docs)} docs of {args.doc}")
    print(f"{'':14}{'jieba.posseg':>24}{'yuebao':>24}")
    print(f"{'':14}{'P     R     F1':>24}{'P     R     F1':>24}")
    for kind in (*TYPES, "micro"):
        cells = "".join(
            "{:>12.3f}{:>6.3f}{:>6.3f}".format(*results[name][kind]) for name in results
        )
        print(f"{kind:14}{cells}")
    print(f"{'chars/s':14}{speeds['jieba.posseg']:>24,.0f}{speeds['yuebao']:>24,.0f}")
    print(
        f"{'  per sentence':14}{speeds['jieba.posseg/sentence']:>24,.0f}"
        f"{speeds['yuebao/sentence']:>24,.0f}"
    )
    ratio = speeds["yuebao"] / speeds["jieba.posseg"]
    ratio_single = speeds["yuebao/sentence"] / speeds["jieba.posseg/sentence"]
    print(
        f"speed ratio yuebao / jieba.posseg: {ratio:.2f} (articles), {ratio_single:.2f} (sentences)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
