"""Small editors for the current article: a note (TextArea) and tags (one line).

Minimal now; the notes issue (7) owns their final behaviour. Both dismiss with the new text,
or ``None`` when cancelled.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea


class NoteScreen(ModalScreen[str | None]):
    """Edit the note of an article: ``ctrl+s`` saves, ``esc`` cancels.

    With unsaved changes the first ``esc`` asks; a second one discards them.
    """

    CSS_PATH = "prompt.tcss"
    BINDINGS: ClassVar = [("ctrl+s", "save", "Save"), ("escape", "cancel", "Cancel")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self._asked = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt") as box:
            box.border_title = "Note"
            box.border_subtitle = "ctrl+s save · esc cancel"
            yield TextArea(self.text, id="note-text")

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        if self.query_one(TextArea).text != self.text and not self._asked:
            self._asked = True
            self.query_one(
                ".prompt"
            ).border_subtitle = "unsaved changes: ctrl+s saves · esc again discards"
            self.notify("Unsaved note: ctrl+s saves it, esc again discards it", markup=False)
            return
        self.dismiss(None)


class TagScreen(ModalScreen[str | None]):
    """Edit an article's tags, comma-separated: enter saves, ``esc`` cancels."""

    CSS_PATH = "prompt.tcss"
    BINDINGS: ClassVar = [("escape", "cancel", "Cancel")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt -short") as box:
            box.border_title = "Tags"
            yield Static("Comma-separated; enter saves, esc cancels.", markup=False)
            yield Input(self.text, id="tag-text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
