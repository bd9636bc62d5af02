"""The page model (the default segmenter) on the seed pages and their re-laid-out copies:
the articles a careful reader sees, whatever the layout. Exact seed readings (both
segmenters) are pinned in ``test_segment_seeds.py``, the rule segmenter's exact variant
readings in ``test_segment_variants.py``; the model's figures on other papers are in
``bench/seg_bench.py``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from relayout import blanks_inside_sentences, double_blanks, rewrap
from seed_expectations import SEED_ARTICLES

from store.parse.read import clean_text
from store.parse.segment import segment_text, segmenter_name

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
LAYOUTS = {
    "as-printed": lambda t: t,
    "rewrap-13": lambda t: rewrap(t, 13),
    "rewrap-16": lambda t: rewrap(t, 16),
    "rewrap-30": lambda t: rewrap(t, 30),
    "rewrap-60": lambda t: rewrap(t, 60),
    "rewrap-120": lambda t: rewrap(t, 120),
    "double-blank-lines": double_blanks,
    "blank-lines-inside-sentences": blanks_inside_sentences,
    "crlf": lambda t: t.replace("\n", "\r\n"),
}


def _compact(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(autouse=True)
def page_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUEBAO_SEGMENTER", "model")
    assert segmenter_name() == "model"


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_seed_articles_are_found_with_their_titles_and_bylines(layout: str) -> None:
    """At least 90 % of the 32 hand-read articles found (same start), titles and bylines
    right on at least 90 % / 80 % of those found, in every layout (as printed: all 32)."""
    found = titled = signed = total = 0
    for name, expected in SEED_ARTICLES.items():
        text = LAYOUTS[layout]((SEEDS / name).read_text("utf-8"))
        articles = segment_text(clean_text(text), name).articles
        bodies = [(_compact(a.body), a) for a in articles]
        for exp in expected:
            total += 1
            start = _compact(exp.starts)
            got = next((a for body, a in bodies if body.startswith(start)), None)
            if got is None:
                continue
            found += 1
            titled += exp.title is None or _compact(got.title) == _compact(exp.title)
            signed += got.byline == exp.byline
    assert total == 32
    assert found >= (total if layout == "as-printed" else 0.9 * total), found
    assert titled >= 0.9 * found, (titled, found)
    assert signed >= 0.8 * found, (signed, found)


def test_a_page_that_lost_its_line_breaks_reads_as_text() -> None:
    from store.parse.segment import LONG_LINE, parse_text, split_long_lines

    seed = Path(__file__).resolve().parent.parent / "seeds" / "003_82a97204ed732270.txt"
    flat = seed.read_text("utf-8").replace("\n", "")
    assert len(flat) > LONG_LINE
    lines = split_long_lines(flat).split("\n")
    assert all(len(line) <= LONG_LINE for line in lines)
    assert "".join(lines) == flat  # cut, nothing dropped or added
    pieces = [line for line in lines if line]
    assert len(pieces) > 3  # paragraphs, each ending a sentence (but the rest of the page)
    assert all(line.endswith(("。", "！", "？", "；", "”", "）", "」")) for line in pieces[:-1])
    parsed = parse_text(flat, "flat.txt")
    assert parsed.articles and not parsed.leftovers
    body = "".join(a.body for a in parsed.articles).replace("\n", "")
    assert len(body) > 0.8 * len(flat)  # the text is in articles, not set aside
    assert split_long_lines("短行\n不变") == "短行\n不变"
