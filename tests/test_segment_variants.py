"""The same pages re-laid-out (re-wrapped, other blank lines, CRLF, BOM, GB18030) give the
same articles."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from relayout import blanks_inside_sentences, double_blanks, render_page, rewrap

from store.read import clean_text, decode_bytes
from store.segment import segment_text

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _summary(text: str) -> list[tuple[str, tuple[str, ...], str, str, str]]:
    seg = segment_text(clean_text(text))
    return [
        (
            a.title,
            tuple(a.byline),
            a.dateline,
            re.sub(r"\s", "", a.body)[:30],
            re.sub(r"\s", "", a.body),
        )
        for a in seg.articles
    ]


VARIANTS: dict[str, Callable[[str], str]] = {
    "rewrap-13": lambda t: rewrap(t, 13),
    "rewrap-16": lambda t: rewrap(t, 16),
    "rewrap-30": lambda t: rewrap(t, 30),
    "rewrap-60": lambda t: rewrap(t, 60),
    "rewrap-120": lambda t: rewrap(t, 120),
    "ideographic-space-blank-lines": lambda t: t.replace("\n\n", "\n\u3000\n"),
    "tabs-and-trailing-spaces": lambda t: "\n".join(
        x.replace(" ", "\t") + "  " for x in t.split("\n")
    ),
    "double-blank-lines": double_blanks,
    "blank-lines-inside-sentences": blanks_inside_sentences,
    "crlf": lambda t: t.replace("\n", "\r\n"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_relaid_out_page_gives_same_articles(seed: Path, variant: str) -> None:
    original = seed.read_text(encoding="utf-8")
    base = _summary(original)
    changed = _summary(VARIANTS[variant](original))
    assert [b[:4] for b in changed] == [b[:4] for b in base]
    assert [b[4] for b in changed] == [b[4] for b in base]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_encodings_give_same_articles(encoding: str) -> None:
    original = SEEDS[0].read_text(encoding="utf-8")
    text, detected = decode_bytes(original.replace("\n", "\r\n").encode(encoding))
    assert detected.replace("_", "-").lower().startswith(encoding.split("-sig")[0][:5])
    assert _summary(text) == _summary(original)


@pytest.mark.parametrize("headlines_after", [False, True], ids=["headline-first", "headline-last"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_swapped_headline_placement_gives_same_titles_and_bylines(
    seed: Path, headlines_after: bool
) -> None:
    articles = [a for a in segment_text(clean_text(seed.read_text("utf-8"))).articles if a.title]
    page = render_page(articles, headlines_after)
    again = segment_text(page).articles
    assert [(a.title, a.byline, a.dateline) for a in again] == [
        (a.title, a.byline, a.dateline) for a in articles
    ]
