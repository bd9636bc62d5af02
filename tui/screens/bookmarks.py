"""Bookmarked articles (a first version; the notes issue adds notes and tags to it)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.userdata import UserData
from tui.widgets.article_list import ArticleList
from tui.widgets.line_list import LineList


class BookmarksScreen(ModalScreen[str | None]):
    """Pick a bookmarked article (enter) or close (esc); dismisses with its id."""

    CSS_PATH = "bookmarks.tcss"
    BINDINGS: ClassVar = [("escape,q", "close", "Close")]

    def __init__(self, rows: list[dict[str, Any]], userdata: UserData) -> None:
        super().__init__()
        self.rows = rows
        self.userdata = userdata

    def compose(self) -> ComposeResult:
        if not self.rows:
            yield Static("No bookmarks yet — press b on an article.", id="empty", markup=False)
        yield ArticleList(self.userdata, id="bookmark-list")

    def on_mount(self) -> None:
        article_list = self.query_one(ArticleList)
        article_list.border_title = f"Bookmarks ({len(self.rows)})"
        article_list.set_rows(self.rows, list(range(len(self.rows))), None)
        article_list.focus()

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        row = self.query_one(ArticleList).row_at(event.index)
        self.dismiss(row["id"] if row else None)

    def action_close(self) -> None:
        self.dismiss(None)
