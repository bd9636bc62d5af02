"""Entity-extraction bench: ``jieba.posseg``, yuebao and yuebao's previous model, one run.

Usage (from the repository root)::

    python bench/ner_bench.py [--dev PD_DEV] [--cluener CLUENER] [--previous REV|PATH]

Two sets: the People's Daily dev split (``../shared/bench/peoples_daily_ner.dev.bio``) and
our own dev tenth of CLUENER2020 (``store.entities.cluener``; never trained on), its types
mapped to ours. For each, entity-level exact-match precision / recall / F1 per type and
micro-averaged, for three taggers side by side: raw ``jieba.posseg`` (``nr*`` → person,
``ns`` → place, ``nt`` → org), yuebao, and yuebao with the model shipped at ``--previous``
(a git revision, read with ``git show``, or a ``.npz`` file; default: the model before
CLUENER was added). Sentences are fed as article bodies of ``--doc`` sentences joined by
newlines (how the loader calls yuebao); characters per second are printed on PD dev, for
articles and once per sentence. Figures are printed, never asserted. The dev splits are
for measuring and tuning, never for training. Then how many persons' offices are read:
CLUENER labels a ``position`` (``总经理``) before a name; the office yuebao gives the name
must end with it (reporting roles, kept as bylines, are left out).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from store.entities.bio import BIO_TYPES, Sentence, read_bio, tags_to_spans  # noqa: E402
from store.entities.cluener import read_cluener  # noqa: E402

SHARED = REPO.parent / "shared" / "bench"
#: the last commit whose model was trained on MSRA alone
PREVIOUS = "978c0e2"
#: the model's path, now and before the stage packages (store/ner became store/entities)
MODEL_PLACES = ("store/entities/ner_model.npz", "store/ner/ner_model.npz")

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
    """Entity spans from ``store.entities.extract.extract``."""
    from store.entities.extract import extract

    return {(e.start, e.end, e.type) for e in extract(doc)}


def model_spans(model: Path) -> Callable[[str], Spans]:
    """yuebao's pipeline with another model file."""
    from store.entities.pipeline import find_spans

    def tagger(doc: str) -> Spans:
        return set(find_spans(doc, model))

    return tagger


def previous_model(where: str, scratch: Path) -> Path | None:
    """The previous model: a file, or the ``.npz`` of a git revision (None: not found)."""
    if Path(where).is_file():
        return Path(where)
    blob = None
    for place in MODEL_PLACES:  # where the model file lived at that revision
        try:
            blob = subprocess.run(
                ["git", "-C", str(REPO), "show", f"{where}:{place}"],
                capture_output=True,
                check=True,
            ).stdout
            break
        except (OSError, subprocess.CalledProcessError):
            continue
    if blob is None:
        return None
    path = scratch / "previous.npz"
    path.write_bytes(blob)
    return path


def documents(sentences: list[Sentence], size: int) -> tuple[list[str], list[Spans]]:
    """Sentences joined into pseudo-articles of ``size``, with their gold spans."""
    docs: list[str] = []
    gold: list[Spans] = []
    for i in range(0, len(sentences), size):
        group = sentences[i : i + size]
        offset = 0
        spans: Spans = set()
        for text, tags in group:
            spans |= {(offset + s, offset + e, BIO_TYPES[k]) for s, e, k in tags_to_spans(tags)}
            offset += len(text) + 1
        docs.append("\n".join(text for text, _ in group))
        gold.append(spans)
    return docs, gold


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


#: positions that make a name a reporter's (yuebao keeps them as bylines, not offices)
_REPORTING = ("记者", "编辑", "实习生", "通讯员")


def title_figures(path: Path) -> tuple[int, int, int]:
    """On our CLUENER dev split: names printed right after a labelled ``position`` (the
    reporting roles left out), how many of them ``titles_before`` gives an office ending
    with that position, and how many it gives none."""
    import gzip
    import json

    from store.entities.cluener import in_dev
    from store.entities.titles import titles_before

    names = read = none = 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text, labels = row["text"], row["label"]
            if not in_dev(text):
                continue
            ends = {
                e + 1: text[s : e + 1]
                for spans in labels.get("position", {}).values()
                for s, e in spans
            }
            for spans in labels.get("name", {}).values():
                for start, _ in spans:
                    position = ends.get(start)
                    if position is None or position.endswith(_REPORTING):
                        continue
                    names += 1
                    offices = titles_before(text, start)
                    read += bool(offices) and offices[-1].endswith(position)
                    none += not offices
    return names, read, none


def main(argv: list[str] | None = None) -> int:
    """Print the figures; returns a process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "peoples_daily_ner.dev.bio")
    parser.add_argument("--cluener", type=Path, default=SHARED / "cluener.train.jsonl.gz")
    parser.add_argument("--previous", default=PREVIOUS, help="git revision or .npz file")
    parser.add_argument("--doc", type=int, default=50, help="sentences per pseudo-article")
    parser.add_argument("--repeats", type=int, default=3, help="timing runs (best counts)")
    args = parser.parse_args(argv)
    sets = {"PD dev": list(read_bio(args.dev))}
    if args.cluener.exists():
        sets["CLUENER dev"] = list(read_cluener(args.cluener, "dev"))

    # Warm up the taggers (dictionary, model) outside the timed runs; jieba is set up
    # through yuebao so its dictionary cache is yuebao's, not one in the shared temp dir.
    from store.entities.segmenter import tokenizer

    tokenizer()
    with tempfile.TemporaryDirectory() as scratch:
        taggers: dict[str, Callable[[str], Spans]] = {
            "jieba.posseg": jieba_spans,
            "yuebao": yuebao_spans,
        }
        previous = previous_model(args.previous, Path(scratch))
        if previous is not None:
            taggers["previous"] = model_spans(previous)
        else:
            print(f"previous model not found: {args.previous}", file=sys.stderr)
        for tagger in taggers.values():
            tagger("热身一下，青岛。")
        names = list(taggers)
        header = "".join(f"{name:>24}" for name in names)
        for label, sentences in sets.items():
            docs, gold = documents(sentences, args.doc)
            results = {
                name: score(gold, [tagger(d) for d in docs]) for name, tagger in taggers.items()
            }
            print(f"{label}: {len(sentences)} sentences, {sum(map(len, docs))} chars")
            print(f"{'':14}{header}")
            print(f"{'':14}" + f"{'P     R     F1':>24}" * len(names))
            for kind in (*TYPES, "micro"):
                cells = "".join(
                    "{:>12.3f}{:>6.3f}{:>6.3f}".format(*results[name][kind]) for name in names
                )
                print(f"{kind:14}{cells}")
            print()
        if args.cluener.exists():
            after_position, read, none = title_figures(args.cluener)
            print(
                f"offices (CLUENER dev): {read} of {after_position} names printed after a "
                f"position read with it ({read / max(after_position, 1):.3f}); "
                f"{none} read with none"
            )
            print()
        sentences = sets["PD dev"]
        docs, _ = documents(sentences, args.doc)
        single = [text for text, _ in sentences]
        speeds: dict[str, float] = {}
        # Runs alternate between the taggers and the best of each counts, so that a busy
        # machine slows all alike.
        for _ in range(args.repeats):
            for name, tagger in taggers.items():
                _, speed = timed(tagger, docs)
                speeds[name] = max(speeds.get(name, 0.0), speed)
                _, speed = timed(tagger, single)
                speeds[f"{name}/sentence"] = max(speeds.get(f"{name}/sentence", 0.0), speed)
    print(f"{'chars/s':14}" + "".join(f"{speeds[n]:>24,.0f}" for n in names))
    print(f"{'  per sentence':14}" + "".join(f"{speeds[n + '/sentence']:>24,.0f}" for n in names))
    ratio = speeds["yuebao"] / speeds["jieba.posseg"]
    ratio_single = speeds["yuebao/sentence"] / speeds["jieba.posseg/sentence"]
    print(
        f"speed ratio yuebao / jieba.posseg: {ratio:.2f} (articles), {ratio_single:.2f} (sentences)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
