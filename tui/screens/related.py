"""The articles related to the open one: those sharing its rarer entities, best first.

The ranking is the store's (``store.corpus.related_articles``); Enter opens one.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keymap import binding, key_hints
from tui.safe import clean
from tui.userdata import UserData
from tui.widgets.article_list import ArticleList
from tui.widgets.line_list import LineList


class RelatedScreen(ModalScreen[str | None]):
    """Pick a related article (enter) or close; dismisses with its id."""

    CSS_PATH = "related.tcss"
    BINDINGS: ClassVar = [
        binding("back", "close", "Close"),
        binding("quit", "close", "Close", show=False),
        binding("related", "close", "Close", show=False),
    ]

    def __init__(self, title: str, rows: list[dict[str, Any]], userdata: UserData) -> None:
        super().__init__()
        self.title_of_article = title
        self.rows = rows
        self.userdata = userdata

    def compose(self) -> ComposeResult:
        with Vertical(id="related"):
            yield Static(f"Related to “{clean(self.title_of_article)}”", markup=False)
            yield ArticleList(self.userdata, id="related-list")

    def on_mount(self) -> None:
        article_list = self.query_one(ArticleList)
        article_list.border_title = (
            f"Sharing its rarer entities ({len(self.rows)})"
            if self.rows
            else "No other article shares its entities"
        )
        article_list.border_subtitle = key_hints(self.app, ("open", "opens"), ("back", "closes"))
        article_list.set_rows(self.rows, list(range(len(self.rows))), None)
        article_list.focus()

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        row = self.query_one(ArticleList).row_at(event.index)
        self.dismiss(row["id"] if row else None)

    def action_close(self) -> None:
        self.dismiss(None)
