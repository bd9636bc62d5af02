"""Two small modal helpers the correction and saved-search screens share: a list of
choices (enter picks one) and a one-line text prompt (enter saves)."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Input, Static

from tui.keymap import binding, key_hint, key_hints
from tui.safe import clean, fit
from tui.widgets.line_list import LineList


class TextLines(LineList):
    """A list of plain one-line labels (``dim``: indices drawn dimmed)."""

    def __init__(self, labels: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = labels
        self.dim: set[int] = set()

    @property
    def row_count(self) -> int:
        return len(self.labels)

    def render_row(self, index: int, width: int, base: Style, cursor: Style | None) -> Strip:
        style = base
        if index in self.dim:
            style = base + self.get_component_rich_style("line-list--dim")
        return Strip([Segment(fit(clean(self.labels[index]), width), style)])


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one of ``choices`` (value, label) with enter; ``back`` (esc) cancels."""

    CSS_PATH = "choose.tcss"
    BINDINGS: ClassVar = [
        binding("back", "cancel", "Cancel"),
        binding("quit", "cancel", "Cancel", show=False),
    ]

    def __init__(self, title: str, choices: list[tuple[str, str]], note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="choose") as box:
            box.border_title = clean(self.title_text)
            box.border_subtitle = key_hints(self.app, ("open", "picks"), ("back", "cancels"))
            if self.note:
                yield Static(clean(self.note), classes="choose-note", markup=False)
            yield TextLines([label for _value, label in self.choices], id="choices")

    def on_mount(self) -> None:
        self.query_one(TextLines).focus()

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self.choices):
            self.dismiss(self.choices[event.index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text: enter saves (an empty line cancels), ``back`` cancels."""

    CSS_PATH = "choose.tcss"
    BINDINGS: ClassVar = [binding("back", "cancel", "Cancel")]

    def __init__(self, title: str, hint: str, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="choose -short") as box:
            box.border_title = clean(self.title_text)
            back = key_hint("back", getattr(self.app, "keymap_overrides", {}))
            yield Static(f"{clean(self.hint)} Enter saves, {back} cancels.", markup=False)
            yield Input(clean(self.value), id="prompt-text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
