"""The help screen: every binding id, the keys it answers to now, and what it does; then
the filter-line query language."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.widgets import Static

from store.search import SYNTAX
from tui.keymap import (
    HELP,
    REGISTRY,
    binding,
    default_keymap,
    effective_keys,
    key_hint,
    user_keymap_path,
)
from tui.screens.reading import ReadingScreen


def keys_label(keys: str) -> str:
    """``"j,down"`` → ``"j / ↓"``."""
    return " / ".join(format_key(k.strip()) for k in keys.split(",") if k.strip())


def query_table() -> Table:
    """The filter-line language, as the store defines it (``store.search.query.SYNTAX``)."""
    table = Table(box=None, expand=True, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("Filter line (/)", no_wrap=True)
    table.add_column("Finds")
    for example, meaning in SYNTAX:
        table.add_row(Text(example), Text(meaning))
    return table


def help_table(overrides: dict[str, str]) -> Table:
    """The bindings as a table, in keymap.toml order."""
    table = Table(box=None, expand=True, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("Keys", no_wrap=True)
    table.add_column("Action")
    table.add_column("id", style="dim", no_wrap=True)
    for binding_id in default_keymap():
        info = REGISTRY.get(binding_id)
        description = HELP.get(binding_id) or (
            info.description if info else binding_id.replace("-", " ")
        )
        table.add_row(
            Text(keys_label(effective_keys(binding_id, overrides))),
            Text(description),
            Text(binding_id),
        )
    return table


class HelpScreen(ReadingScreen):
    """Lists every binding; ``back``, ``quit`` or ``help`` (esc, q, ?) closes it."""

    CSS_PATH = "help.tcss"
    BODY_ID = "help-body"
    BINDINGS: ClassVar = [binding("help", "dismiss", "Close", show=False)]

    def __init__(self, overrides: dict[str, str]) -> None:
        super().__init__()
        self.overrides = overrides

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys — 阅报 yuebao"
            body.border_subtitle = f"{key_hint('back', self.overrides)} closes"
            yield Static(help_table(self.overrides), markup=False)
            yield Static(Text(""), markup=False)
            yield Static(query_table(), markup=False, id="help-query")
            note = Text(
                f"\nChange any key by id in {user_keymap_path()} "
                '([bindings] section, e.g. cursor-down = "j,down"). '
                "ctrl+p opens the command palette.",
                style="dim",
            )
            yield Static(note, markup=False)
