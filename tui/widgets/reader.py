"""The reader: the open article, scrolled with the keyboard."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.keymap import binding
from tui.widgets.article_text import STYLE_NAMES, article_text, match_offsets
from tui.widgets.cjk_wrap import WrappedText, wrap_offsets


class Reader(VerticalScroll):
    """Shows one article (``show``) or a one-line message (``message``)."""

    BINDINGS: ClassVar = [
        binding("cursor-down", "scroll_down", "Down", show=False),
        binding("cursor-up", "scroll_up", "Up", show=False),
        binding("first", "scroll_home", "Top", show=False),
        binding("last", "scroll_end", "End", show=False),
        binding("page-down", "page_down", "Page down", show=False),
        binding("page-up", "page_up", "Page up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar = {f"reader--{name}" for name in STYLE_NAMES}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article_id: str | None = None
        self.terms: list[str] = []
        self.note = ""  # the note shown with the article
        self._text = Text()
        self._matches: list[int] = []
        self._match = -1
        self.border_title = "Reader"

    def compose(self) -> ComposeResult:
        yield Static(Text("Enter opens an article.", end=""), id="reader-body", markup=False)

    def _line_of(self, offset: int) -> int:
        """The wrapped line (y) where character ``offset`` of the shown text lands."""
        width = max(1, self.scrollable_content_region.width)
        y = 0
        pos = 0
        for paragraph in self._text.plain.split("\n"):
            starts = wrap_offsets(paragraph, width)
            if offset <= pos + len(paragraph):
                inner = offset - pos
                return y + max(0, bisect.bisect_right(starts, inner) - 1)
            y += len(starts)
            pos += len(paragraph) + 1
        return y

    def jump_match(self, step: int) -> bool:
        """Scroll to the next (``step`` 1) or previous (-1) filter match; False if none."""
        if not self._matches:
            return False
        if self._match < 0:
            self._match = 0 if step > 0 else len(self._matches) - 1
        else:
            self._match = (self._match + step) % len(self._matches)
        y = self._line_of(self._matches[self._match])
        self.scroll_to(y=max(0, y - 2), animate=False)
        return True

    def message(self, text: str) -> None:
        """Show a plain line instead of an article."""
        self.article_id = None
        self._matches = []
        self._match = -1
        self.query_one("#reader-body", Static).update(Text(text, end=""))

    def show(self, article: Mapping[str, Any], terms: Sequence[str] = (), note: str = "") -> None:
        """Show ``article`` with ``terms`` highlighted, from the top."""
        styles = {name: self.get_component_rich_style(f"reader--{name}") for name in STYLE_NAMES}
        text = article_text(article, styles, terms, note)
        self.article_id = str(article.get("id"))
        self.note = note
        self.terms = list(terms)
        self._text = text
        self._matches = match_offsets(text.plain, terms)
        self._match = -1
        # wrapped by Chinese line-breaking rules at the width it is drawn at (a resize
        # re-wraps the same article)
        self.query_one("#reader-body", Static).update(WrappedText(text))
        self.scroll_home(animate=False)
