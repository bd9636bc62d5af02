"""A keyboard list drawn with Textual's Line API: cost per frame is the visible rows only.

Subclasses say how many rows there are (``row_count``) and draw one (``render_row``);
this base keeps the cursor, scrolling, an LRU cache of drawn rows and the movement keys.
Like toolong's ``LogLines``, nothing here grows with the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.keymap import binding


def _overlay(strip: Strip, style: Style) -> Strip:
    """``strip`` with ``style`` laid over every segment (the cursor row's colours win)."""
    segments = [
        Segment(seg.text, seg.style + style if seg.style else style, seg.control) for seg in strip
    ]
    return Strip(segments, strip.cell_length)


class LineList(ScrollView, can_focus=True):
    """A virtual list with a cursor row."""

    BINDINGS: ClassVar = [
        binding("cursor-down", "cursor_down", "Down", show=False),
        binding("cursor-up", "cursor_up", "Up", show=False),
        binding("first", "first", "First", show=False),
        binding("last", "last", "Last", show=False),
        binding("page-down", "page_down", "Page down", show=False),
        binding("page-up", "page_up", "Page up", show=False),
        binding("open", "select", "Open"),
    ]

    COMPONENT_CLASSES: ClassVar = {"line-list--cursor", "line-list--cursor-blur", "line-list--dim"}

    cursor: reactive[int] = reactive(0, always_update=False, repaint=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to ``index`` (replaces a pending older one)."""

        sender: LineList
        index: int

        @property
        def control(self) -> LineList:
            """The list the cursor moved in."""
            return self.sender

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, LineList.Highlighted) and message.sender is self.sender

    @dataclass
    class Selected(Message):
        """Enter was pressed on ``index``."""

        sender: LineList
        index: int

        @property
        def control(self) -> LineList:
            """The list Enter was pressed in."""
            return self.sender

    @dataclass
    class Painted(Message):
        """The list drew its first rows (posted once; heavy work can start now)."""

        sender: LineList

        @property
        def control(self) -> LineList:
            """The list that painted."""
            return self.sender

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(512)
        self._generation = 0
        self._painted = False

    # -- for subclasses ------------------------------------------------------------
    @property
    def row_count(self) -> int:
        """How many rows the list has."""
        return 0

    def render_row(self, index: int, width: int, base: Style, cursor: Style | None) -> Strip:
        """Draw row ``index`` at ``width`` cells.

        ``cursor`` is the cursor style when the row is under the cursor; the base class lays
        it over the returned strip, so most rows can ignore it.
        """
        raise NotImplementedError

    # -- data changes ----------------------------------------------------------------
    def rows_changed(self, cursor: int | None = None) -> None:
        """The rows were replaced: drop the cache, resize, move the cursor, repaint."""
        self._generation += 1
        self._cache.clear()
        self._set_virtual_size(Size(self.size.width, self.row_count))
        new = 0 if cursor is None else cursor
        self.set_reactive(LineList.cursor, max(0, min(new, self.row_count - 1)))
        self._scroll_cursor_into_view(center=True)
        self.refresh()
        self.post_message(self.Highlighted(self, self.cursor))

    def _set_virtual_size(self, size: Size) -> None:
        """Resize the scrolled area; without a layout pass of the screen when the list
        overflows its height both before and after, or neither (the scroll bar stays or
        stays away: only its thumb moves), which is most keystrokes in the filter line."""
        old = self.virtual_size
        height = self.scrollable_content_region.height
        same_bar = (old.height > height) == (size.height > height)
        if old != size and old.width == size.width and height > 0 and same_bar:
            self.set_reactive(LineList.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    def refresh_row(self, index: int) -> None:
        """Redraw one row (its data changed, e.g. a bookmark mark)."""
        self._generation += 1
        self._cache.clear()
        self.refresh_line(index)

    # -- drawing ---------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Draw screen line ``y`` (the row at ``scroll_y + y``)."""
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= self.row_count or index < 0:
            return Strip.blank(width, base)
        if not self._painted:
            self._painted = True
            self.post_message(self.Painted(self))
        on_cursor = index == self.cursor
        focused = self.has_focus
        key = (self._generation, index, width, on_cursor, focused, base)
        strip = self._cache.get(key)
        if strip is None:
            cursor_style = None
            if on_cursor:
                name = "line-list--cursor" if focused else "line-list--cursor-blur"
                cursor_style = self.get_component_rich_style(name)
            strip = self.render_row(index, width, base, cursor_style)
            strip = strip.adjust_cell_length(width, base)
            if cursor_style is not None:
                strip = _overlay(strip, cursor_style)
            self._cache[key] = strip
        return strip

    def on_resize(self) -> None:
        """Keep the virtual size in step with the width."""
        self.virtual_size = Size(self.size.width, self.row_count)
        self._cache.clear()

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the row (a double click opens it); keys do it all too."""
        index = event.y + self.scroll_offset.y
        if 0 <= index < self.row_count:
            self.move_to(index)
            if event.chain >= 2:
                self.action_select()

    def on_focus(self) -> None:
        self.refresh_line(self.cursor)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor)

    # -- cursor ----------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_cursor_into_view()
        self.post_message(self.Highlighted(self, new))

    def _scroll_cursor_into_view(self, center: bool = False) -> None:
        if self.row_count:
            region = Region(0, self.cursor, 1, 1)
            self.scroll_to_region(region, animate=False, immediate=True, center=center)

    def move_to(self, index: int) -> None:
        """Put the cursor on ``index`` (clamped)."""
        if self.row_count:
            self.cursor = max(0, min(index, self.row_count - 1))

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.row_count - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(1, self.scrollable_content_region.height - 1))

    def action_select(self) -> None:
        if self.row_count:
            self.post_message(self.Selected(self, self.cursor))
