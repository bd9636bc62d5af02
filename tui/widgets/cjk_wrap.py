"""Line breaking for Chinese text in a terminal: where a line may end, and the wrapped lines.

Rich folds a run of CJK text at whatever cell the width falls on, so a reader saw
``达到1`` / ``00米`` and lines opening with ``，``. The rules here are the usual ones
(kinsoku, as in JIS X 4051 / W3C's "Requirements for Chinese Text Layout"):

- a line never starts with closing punctuation (``，。、；：？！）」』”’》…%``) nor ends
  with opening punctuation (``（「『“‘《``): the character before it moves down with it;
- a run of Latin letters and digits (``100``, ``5G``, ``3.5%``, ``2022-12``) is never split,
  unless it is longer than a whole line;
- otherwise a line may end between any two characters, and after a space.

``wrap_offsets`` is pure (cell widths from ``rich.cells``); ``WrappedText`` renders a
``rich.text.Text`` with it at whatever width the widget has, so a resize re-wraps.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

NO_START = frozenset("，。、；：？！）」』”’》〉】〕…‥·,.;:?!)]}%％‰-—～~")
NO_END = frozenset("（「『“‘《〈【〔([{")


def _glued(left: str, right: str) -> bool:
    """May no line end between ``left`` and ``right``?"""
    if right in NO_START or left in NO_END:
        return True
    # one Latin word or number: letters, digits and the marks inside numbers
    return _word_char(left) and _word_char(right)


def _word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".%_/-+:")


def wrap_offsets(text: str, width: int) -> list[int]:
    """Offsets where each wrapped line of ``text`` (one paragraph) starts, ``0`` first."""
    if width <= 0 or not text:
        return [0]
    starts = [0]
    used = 0
    last_break = -1  # an offset inside the current line where it may end
    i = 0
    while i < len(text):
        ch = text[i]
        w = cell_len(ch)
        line_start = starts[-1]
        if i > line_start and not _glued(text[i - 1], ch):
            last_break = i
        if used + w > width and i > line_start:
            cut = last_break if last_break > line_start else i  # nothing better: force it
            if cell_len(text[cut:i]) + w > width:
                cut = i  # what would move down does not fit a line either: cut here
            starts.append(cut)
            used = cell_len(text[cut:i])
            last_break = -1
            for j in range(cut + 1, i):
                if not _glued(text[j - 1], text[j]):
                    last_break = j
            if i > cut and not _glued(text[i - 1], ch):
                last_break = i
        used += w
        i += 1
    return starts


def wrap_lines(text: Text, width: int) -> list[Text]:
    """``text`` (which may hold newlines) as wrapped lines, styles kept."""
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        offsets = wrap_offsets(paragraph.plain, width)
        if len(offsets) == 1:
            lines.append(paragraph)
            continue
        lines.extend(paragraph.divide(offsets[1:]))
    return lines


class WrappedText:
    """A ``Text`` that wraps by the rules above at render time."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def lines(self, width: int) -> list[Text]:
        """The wrapped lines at ``width`` cells."""
        return wrap_lines(self.text, width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self.lines(options.max_width):
            yield from line.render(console, end="")
            yield new_line
