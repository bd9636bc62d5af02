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

from tui.keymap import binding, key_hint, key_hints


class NoteScreen(ModalScreen[str | None]):
    """Edit the note of an article: ``save-note`` (ctrl+s) saves, ``back`` (esc) cancels —
    the user's keys for them where the keymap changes them.

    With unsaved changes the first ``back`` asks; a second one discards them.
    """

    CSS_PATH = "prompt.tcss"
    BINDINGS: ClassVar = [
        binding("save-note", "save", "Save", priority=True),  # before the editor's own keys
        binding("back", "cancel", "Cancel"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self._asked = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt") as box:
            box.border_title = "Note"
            box.border_subtitle = key_hints(self.app, ("save-note", "save"), ("back", "cancel"))
            yield TextArea(self.text, id="note-text")

    def _key(self, binding_id: str) -> str:
        return key_hint(binding_id, getattr(self.app, "keymap_overrides", {}))

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        if self.query_one(TextArea).text != self.text and not self._asked:
            self._asked = True
            save, back = self._key("save-note"), self._key("back")
            box = self.query_one(".prompt")
            box.border_subtitle = f"unsaved changes: {save} saves · {back} again discards"
            self.notify(f"Unsaved note: {save} saves it, {back} again discards it", markup=False)
            return
        self.dismiss(None)


class TagScreen(ModalScreen[str | None]):
    """Edit an article's tags, comma-separated: enter saves, ``back`` (esc) cancels."""

    CSS_PATH = "prompt.tcss"
    BINDINGS: ClassVar = [binding("back", "cancel", "Cancel")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt -short") as box:
            box.border_title = "Tags"
            back = key_hint("back", getattr(self.app, "keymap_overrides", {}))
            yield Static(f"Comma-separated; enter saves, {back} cancels.", markup=False)
            yield Input(self.text, id="tag-text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[str | None]):
    """Ask where to write the result list: enter writes, ``back`` (esc) cancels. The file's
    suffix (.csv, .json, .md) chooses the format."""

    CSS_PATH = "prompt.tcss"
    BINDINGS: ClassVar = [binding("back", "cancel", "Cancel")]

    def __init__(self, path: str, count: int) -> None:
        super().__init__()
        self.path = path
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt -short") as box:
            box.border_title = f"Export {self.count:,} articles"
            back = key_hint("back", getattr(self.app, "keymap_overrides", {}))
            yield Static(f"File (.csv, .json or .md); enter writes, {back} cancels.", markup=False)
            yield Input(self.path, id="export-path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
