"""Keyword in context over the current list: one line per mention, the term centred.

The lines are the store's (``store.search.kwic_lines``); this screen draws them with the
left context right-aligned to the middle column (CJK characters two cells wide), sorts them
by the words before or after the term, and opens the article of a line on Enter.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Static

from tui.keymap import binding, key_hints
from tui.safe import clean, fit, fit_right
from tui.widgets.line_list import LineList


class KwicList(LineList):
    """The mention lines: ``left [match] right``, the match in one column."""

    COMPONENT_CLASSES: ClassVar = LineList.COMPONENT_CLASSES | {"kwic-list--match"}

    def __init__(self, lines: list[Any], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = lines

    @property
    def row_count(self) -> int:
        return len(self.lines)

    def render_row(self, index: int, width: int, base: Style, cursor: Style | None) -> Strip:
        line = self.lines[index]
        match = clean(line.match)
        side = max(4, (width - cell_len(match) - 2) // 2)
        left = fit_right(clean(line.left), side)
        right = fit(clean(line.right), max(0, width - side - cell_len(match) - 2))
        mark = self.get_component_rich_style("kwic-list--match")
        segments = [
            Segment(left + " ", base),
            Segment(match, base + mark),
            Segment(" " + right, base),
        ]
        return Strip(segments)


class KwicScreen(ModalScreen[tuple[str, str] | None]):
    """Every mention of a term in the listed articles; Enter opens one (dismisses with
    ``(article id, term)``), ``<`` / ``>`` sort by the left / right context."""

    CSS_PATH = "kwic.tcss"
    BINDINGS: ClassVar = [
        binding("back", "cancel", "Close"),
        binding("quit", "cancel", "Close", show=False),
        binding("kwic-sort-left", "sort('left')", "Sort by left"),
        binding("kwic-sort-right", "sort('right')", "Sort by right"),
    ]

    def __init__(self, term: str, lines: list[Any], scanned: int, capped: bool) -> None:
        super().__init__()
        self.term = term
        self.lines = lines
        self.scanned = scanned
        self.capped = capped
        self.sorted_by = "date"

    def compose(self) -> ComposeResult:
        with Vertical(id="kwic-box") as box:
            box.border_title = f"“{clean(self.term)}” in context"
            yield Static(self._summary(), id="kwic-summary", markup=False)
            yield KwicList(self.lines, id="kwic-lines")

    def _summary(self) -> str:
        keys = key_hints(
            self.app,
            ("open", "opens"),
            ("kwic-sort-left", "sorts by left"),
            ("kwic-sort-right", "by right"),
            ("back", "closes"),
        )
        more = " (the first ones of the list)" if self.capped else ""
        found = f"{len(self.lines)} mentions in {self.scanned} articles{more}"
        return f"{found}, by {self.sorted_by}  ·  {keys}"

    def on_mount(self) -> None:
        self.query_one(KwicList).focus()

    def action_sort(self, by: str) -> None:
        from store.search import sort_lines

        self.sorted_by = by
        self.lines[:] = sort_lines(self.lines, by)
        self.query_one(KwicList).rows_changed()
        self.query_one("#kwic-summary", Static).update(self._summary())

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self.lines):
            self.dismiss((self.lines[event.index].article_id, self.term))

    def action_cancel(self) -> None:
        self.dismiss(None)
