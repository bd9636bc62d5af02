"""The bookmarks view: bookmarked articles, with the tags and note of the one under the cursor."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keymap import binding, key_hints
from tui.safe import clean
from tui.userdata import UserData
from tui.widgets.article_list import ArticleList
from tui.widgets.line_list import LineList


class BookmarksScreen(ModalScreen[str | None]):
    """Pick a bookmarked article (enter) or close (esc); dismisses with its id."""

    CSS_PATH = "bookmarks.tcss"
    BINDINGS: ClassVar = [
        binding("back", "close", "Close"),
        binding("quit", "close", "Close", show=False),
    ]

    def __init__(self, rows: list[dict[str, Any]], userdata: UserData) -> None:
        super().__init__()
        self.rows = rows
        self.userdata = userdata

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks"):
            yield ArticleList(self.userdata, id="bookmark-list")
            yield Static("", id="bookmark-note", markup=False)

    def on_mount(self) -> None:
        article_list = self.query_one(ArticleList)
        article_list.border_title = f"Bookmarks ({len(self.rows)})"
        article_list.border_subtitle = key_hints(self.app, ("open", "opens"), ("back", "closes"))
        article_list.set_rows(self.rows, list(range(len(self.rows))), None)
        article_list.focus()
        if not self.rows:
            self._show(Text("No bookmarks yet — press b on an article.", end=""))

    def _show(self, text: Text) -> None:
        self.query_one("#bookmark-note", Static).update(text)

    def on_line_list_highlighted(self, event: LineList.Highlighted) -> None:
        row = self.query_one(ArticleList).row_at(event.index)
        if row is None:
            return
        text = Text(end="")
        tags = self.userdata.tags(row["id"])
        if tags:
            text.append("tags: ", style="bold")
            text.append(clean(", ".join(tags)) + "\n")
        note = self.userdata.note(row["id"])
        text.append(clean(note) if note else "(no note)", style="" if note else "dim")
        self._show(text)

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        row = self.query_one(ArticleList).row_at(event.index)
        self.dismiss(row["id"] if row else None)

    def action_close(self) -> None:
        self.dismiss(None)
