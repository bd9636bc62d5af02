"""Hostile files read in bounded pieces: a page of a million lines is cut into pieces of at
most ``MAX_PAGE_LINES`` lines at paragraph breaks, and reading in pieces finds the same
articles as reading whole. (Time and memory per MB: ``bench/hostile_bench.py``.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import store.parse.sections as sections
from store.parse.sections import page_pieces
from store.parse.segment import segment_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

_lines = st.lists(st.sampled_from(["", "本报讯", "正文一句。", "没有句号的半行", "“引语。”"]))


@given(_lines, st.integers(min_value=4, max_value=40))
def test_pieces_join_back_to_the_text_and_stay_within_the_limit(
    lines: list[str], limit: int
) -> None:
    text = "\n".join(lines)
    pieces = page_pieces(text, limit)
    assert "\n".join(pieces) == text
    assert all(piece.count("\n") < limit for piece in pieces)


def test_a_piece_ends_at_a_paragraph_break_when_there_is_one() -> None:
    lines = [f"第{i}行正文" for i in range(30)]
    lines[17] = ""
    pieces = page_pieces("\n".join(lines), 20)
    assert pieces[0].split("\n")[-1] == "" and len(pieces[0].split("\n")) == 18


def test_reading_a_long_file_in_pieces_finds_the_articles_reading_it_whole_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "\n\n\n".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    whole = segment_text(text)
    monkeypatch.setattr(sections, "MAX_PAGE_LINES", 400)
    assert len(page_pieces(text, 400)) >= 3
    pieced = segment_text(text)
    assert [a.title for a in pieced.articles] == [a.title for a in whole.articles]
    assert len(whole.articles) >= 29


def test_a_file_of_tiny_lines_gives_its_text_as_articles() -> None:
    body = "".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    chars = "".join(body.split()) * 2
    lines = [chars[i : i + 6] for i in range(0, 6 * 8000, 6)]  # 8,000 lines of 6 characters
    seg = segment_text("\n".join(lines))
    kept = "".join(a.title + a.body for a in seg.articles) + "".join(seg.leftovers)
    assert len(seg.articles) >= 10
    assert len("".join(kept.split())) >= 0.9 * sum(map(len, lines))


HOSTILE = (
    "甲\x1b[31m乙\x1b]0;title\x07丙\x9b2J丁\u202e戊\u200b己\x07庚\x1bP+q\x1b\\辛\x1b(B壬\ufeff癸"
)


def test_one_sanitiser_rule_for_reading_showing_printing_and_exporting() -> None:
    """The loader, the screen, the command line and the Markdown export drop the same
    escape sequences and control and invisible characters."""
    from store.parse.read import clean_text
    from store.sanitize import strip_unsafe
    from store.userdata.export import _quote
    from tui.cli.output import safe
    from tui.safe import clean, clean_with_map

    want = "甲乙丙丁戊己庚辛壬癸"
    assert strip_unsafe(HOSTILE) == want
    assert clean_text(HOSTILE) == clean(HOSTILE) == safe(HOSTILE) == want
    assert clean_with_map(HOSTILE)[0] == want
    assert _quote(HOSTILE) == [f"> {want}"]
