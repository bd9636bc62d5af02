"""The user's own lists: corrections (undo / redo) and saved searches (new since last visit).

Both read and write through the app's ``UserData``; a refused write is reported in one
line. Each dismisses with what the main screen must do next: ``CorrectionsScreen`` with
whether anything changed (the corpus is then seen through the new corrections),
``SavedSearchesScreen`` with the name of the search to open (or None).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from store.corpus import describe_correction
from tui.keymap import binding, key_hints
from tui.screens.choose import TextLines, TextPrompt
from tui.userdata import UserDataError
from tui.widgets.line_list import LineList


class CorrectionsScreen(ModalScreen[bool]):
    """Every correction, oldest first; ``undo-correction`` undoes (or redoes) one."""

    CSS_PATH = "choose.tcss"
    BINDINGS: ClassVar = [
        binding("back", "close", "Close"),
        binding("quit", "close", "Close", show=False),
        binding("undo-correction", "undo", "Undo / redo"),
    ]

    def __init__(self, userdata: Any, title_of: Callable[[str], str | None] | None = None) -> None:
        """``title_of``: an article's title from its id (None when unknown)."""
        super().__init__()
        self.userdata = userdata
        self.title_of = title_of
        self.items: list[dict[str, Any]] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="choose") as box:
            box.border_title = "Corrections"
            box.border_subtitle = key_hints(
                self.app, ("undo-correction", "undoes / redoes"), ("back", "closes")
            )
            yield Static("", id="corrections-note", classes="choose-note", markup=False)
            yield TextLines([], id="corrections-list")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(TextLines).focus()

    def _fill(self, cursor: int | None = None) -> None:
        self.items = self.userdata.corrections(include_undone=True)
        lines = self.query_one(TextLines)
        lines.labels = [
            f"{c['created'][:10]}  {describe_correction(c, self.title_of)}"
            + ("  (undone)" if c["undone"] else "")
            for c in self.items
        ]
        lines.dim = {i for i, c in enumerate(self.items) if c["undone"]}
        lines.rows_changed(cursor)
        note = (
            f"{len(self.items)} corrections, kept with your notes and applied on every load."
            if self.items
            else "No corrections yet: press c on an article or an entity to correct it."
        )
        self.query_one("#corrections-note", Static).update(note)

    def action_undo(self) -> None:
        lines = self.query_one(TextLines)
        if not self.items:
            return
        item = self.items[lines.cursor]
        try:
            self.userdata.set_undone(item["id"], not item["undone"])
        except UserDataError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=8)
            return
        self.changed = True
        self._fill(lines.cursor)

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        event.stop()

    def action_close(self) -> None:
        self.dismiss(self.changed)


class SavedSearchesScreen(ModalScreen[str | None]):
    """The saved searches with their counts now and how many articles are new since the
    last visit; enter opens one, ``save-search`` saves the current filter, ``delete-search``
    deletes the one under the cursor."""

    CSS_PATH = "choose.tcss"
    BINDINGS: ClassVar = [
        binding("back", "close", "Close"),
        binding("quit", "close", "Close", show=False),
        binding("save-search", "save", "Save filter"),
        binding("delete-search", "delete", "Delete"),
    ]

    def __init__(self, userdata: Any, query: str, run: Callable[[str], list[str]]) -> None:
        """``query``: the current filter; ``run(query)`` gives the ids it matches now."""
        super().__init__()
        self.userdata = userdata
        self.query_text = query
        self.run = run
        self.items: list[dict[str, Any]] = []
        self.counts: dict[str, tuple[int, int]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="choose") as box:
            box.border_title = "Saved searches"
            box.border_subtitle = key_hints(
                self.app,
                ("open", "opens"),
                ("save-search", "saves the filter"),
                ("delete-search", "deletes"),
                ("back", "closes"),
            )
            yield Static("", id="searches-note", classes="choose-note", markup=False)
            yield TextLines([], id="searches-list")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(TextLines).focus()
        self.count_all()

    def _label(self, item: dict[str, Any]) -> str:
        found = self.counts.get(item["name"])
        if found is None:
            counts = f"{'…':>14}"
        else:
            total, new = found
            fresh = f"+{new} new" if new else ""
            counts = f"{total:5d} {fresh:>8}"
        return f"{counts}  {item['name']}  —  {item['query']}"

    def _fill(self, cursor: int | None = None) -> None:
        self.items = self.userdata.searches()
        lines = self.query_one(TextLines)
        lines.labels = [self._label(item) for item in self.items]
        lines.rows_changed(cursor)
        if self.items:
            note = "Articles each finds now, and how many are new since you last opened it."
        else:
            note = "No saved searches yet: type a filter, then save it here under a name."
        self.query_one("#searches-note", Static).update(note)

    @work(exclusive=True, thread=True, group="saved-counts")
    def count_all(self) -> None:
        """Count each search's articles and the new ones (in a thread: opens the index)."""
        from store.userdata import new_since

        for item in list(self.items):
            ids = self.run(item["query"])
            self.counts[item["name"]] = (len(ids), new_since(item["seen"], ids))
            self.app.call_from_thread(self._relabel)

    def _relabel(self) -> None:
        lines = self.query_one(TextLines)
        lines.labels = [self._label(item) for item in self.items]
        lines.refresh_row(lines.cursor)
        lines.refresh()

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self.items):
            self.dismiss(self.items[event.index]["name"])

    def action_save(self) -> None:
        if not self.query_text.strip():
            self.notify("Type a filter first (/), then save it here", markup=False)
            return

        def named(name: str | None) -> None:
            if name:
                self.save_named(name)

        hint = f"Name for “{self.query_text}”."
        self.app.push_screen(TextPrompt("Save search", hint, self.query_text), named)

    @work(exclusive=True, thread=True, group="saved-save")
    def save_named(self, name: str) -> None:
        ids = self.run(self.query_text)
        try:
            self.userdata.save_search(name, self.query_text, ids)
        except UserDataError as exc:
            self.app.call_from_thread(
                self.notify, str(exc), severity="error", markup=False, timeout=8
            )
            return
        self.counts[" ".join(name.split())] = (len(ids), 0)
        self.app.call_from_thread(self._fill)
        self.app.call_from_thread(self.notify, f"Saved “{name}”", markup=False, timeout=2)

    def action_delete(self) -> None:
        lines = self.query_one(TextLines)
        if not self.items:
            return
        item = self.items[lines.cursor]
        try:
            self.userdata.delete_search(item["name"])
        except UserDataError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=8)
            return
        self._fill(max(0, lines.cursor - 1))
        self.notify(f"Deleted “{item['name']}”", markup=False, timeout=2)

    def action_close(self) -> None:
        self.dismiss(None)
