"""Chinese line breaking in the reader: no line opens with closing punctuation, numbers
and Latin words stay whole, every line fits, and no character is lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from tui.widgets.cjk_wrap import NO_END, NO_START, wrap_lines, wrap_offsets

SENTENCE = "总面积达到100米，在全省率先实现高新区全域覆盖。“一区十六园”历史性格局，3.5%增长。"


def _lines(text: str, width: int) -> list[str]:
    starts = wrap_offsets(text, width)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def test_numbers_stay_whole_and_punctuation_never_opens_a_line() -> None:
    for width in range(8, 40):
        lines = _lines(SENTENCE, width)
        assert "".join(lines) == SENTENCE
        assert all(cell_len(line) <= width for line in lines), width
        assert not any(line[0] in NO_START for line in lines[1:]), (width, lines)
        assert not any(line[-1] in NO_END for line in lines[:-1]), (width, lines)
        joined = "|".join(lines)
        for number in ("100", "3.5%"):
            assert number in joined, (width, lines)  # never 1|00 or 3.|5%


def test_a_word_longer_than_the_line_is_cut_to_fit() -> None:
    assert _lines("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]


def test_styles_follow_the_wrapped_lines() -> None:
    text = Text("青岛市商务局局长李苏满表示，要稳外贸。")
    text.stylize("bold", 8, 11)  # 李苏满
    lines = wrap_lines(text, 10)
    assert "".join(line.plain for line in lines) == text.plain
    bold = [line.plain[s.start : s.end] for line in lines for s in line.spans]
    assert "".join(bold) == "李苏满"


@given(st.text(alphabet="青岛高新区，。、“”（）100a.%米 ", max_size=80), st.integers(2, 30))
def test_wrapping_loses_nothing_and_fits(text: str, width: int) -> None:
    lines = _lines(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line) <= width for line in lines)
