"""The date histogram of the listed articles: years, then months, then days.

``enter`` drills into a period (a day: filters to it), ``space`` marks the start and then
the end of a range (it becomes ``date:A..B`` in the filter), ``backspace`` goes back up.
The counts are the store's (``store.search.date_histogram``).
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Static

from store.search import date_histogram
from tui.keymap import binding, key_hints
from tui.widgets.line_list import LineList

_FINER = {"year": "month", "month": "day"}
_COARSER = {"day": "month", "month": "year"}


class TimelineList(LineList):
    """One row per period: the period, its count and a bar."""

    COMPONENT_CLASSES: ClassVar = LineList.COMPONENT_CLASSES | {"timeline-list--bar"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.periods: list[tuple[str, int]] = []
        self.marked: str = ""

    @property
    def row_count(self) -> int:
        return len(self.periods)

    def render_row(self, index: int, width: int, base: Style, cursor: Style | None) -> Strip:
        period, count = self.periods[index]
        top = max((n for _, n in self.periods), default=0) or 1
        mark = "▶ " if period == self.marked else "  "
        label = f"{mark}{period:10} {count:6d} "
        room = max(0, width - len(label))
        bar = "█" * round(room * count / top)
        return Strip(
            [
                Segment(label, base),
                Segment(bar, base + self.get_component_rich_style("timeline-list--bar")),
            ]
        )


class TimelineScreen(ModalScreen[str | None]):
    """Dismisses with a ``date:`` item for the filter, or None."""

    CSS_PATH = "timeline.tcss"
    BINDINGS: ClassVar = [
        binding("back", "close", "Close"),
        binding("quit", "close", "Close", show=False),
        binding("timeline-mark", "mark", "Mark range"),
        binding("timeline-up", "up", "Up a level"),
    ]

    def __init__(self, dates: list[str]) -> None:
        super().__init__()
        self.dates = dates
        self.by = "year"
        self.within = ""  # the period drilled into ("" at the top)
        self.start = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline"):
            yield Static("", id="timeline-summary", markup=False)
            yield TimelineList(id="timeline-list")

    def on_mount(self) -> None:
        self._show()
        self.query_one(TimelineList).focus()

    def _show(self, cursor_on: str = "") -> None:
        dates = [d for d in self.dates if d.startswith(self.within)] if self.within else self.dates
        histogram = date_histogram(dates, self.by)
        listing = self.query_one(TimelineList)
        listing.periods = histogram.periods
        listing.marked = self.start
        at = next((k for k, (p, _) in enumerate(histogram.periods) if p == cursor_on), 0)
        listing.rows_changed(at)
        keys = key_hints(
            self.app,
            ("open", "drills in"),
            ("timeline-mark", "marks a range"),
            ("timeline-up", "up"),
            ("back", "closes"),
        )
        where = f"{self.within} by {self.by}" if self.within else f"by {self.by}"
        undated = f" · {histogram.undated} undated" if histogram.undated else ""
        box = self.query_one("#timeline", Vertical)
        box.border_title = f"Timeline of {len(self.dates):,} articles, {where}{undated}"
        self.query_one("#timeline-summary", Static).update(keys)

    def _current(self) -> str:
        listing = self.query_one(TimelineList)
        if 0 <= listing.cursor < len(listing.periods):
            return listing.periods[listing.cursor][0]
        return ""

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        event.stop()
        period = self._current()
        if not period:
            return
        if self.by == "day":
            self.dismiss(f"date:{period}")
            return
        self.within, self.by = period, _FINER[self.by]
        self._show()

    def action_mark(self) -> None:
        period = self._current()
        if not period:
            return
        if not self.start:
            self.start = period
            self._show(period)
            return
        lo, hi = sorted((self.start, period))
        self.dismiss(f"date:{lo}..{hi}")

    def action_up(self) -> None:
        if self.by == "year":
            return
        left = self.within
        self.by = _COARSER[self.by]
        self.within = left[:4] if self.by == "month" else ""
        self._show(left)

    def action_close(self) -> None:
        self.dismiss(None)
