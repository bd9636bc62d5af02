"""The yuebao explorer app: a keymap, a theme, the main screen. State lives in the screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App

from tui.corpus import Corpus
from tui.keymap import binding
from tui.palette import YuebaoCommands
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.state import UIState
from tui.userdata import UserData, open_userdata


class YuebaoApp(App[None]):
    """阅报 — read, filter and pick entities in a corpus, from the keyboard."""

    TITLE = "阅报 yuebao"
    CSS_PATH: ClassVar = ["widgets/widgets.tcss", "screens/main.tcss"]
    COMMANDS: ClassVar = App.COMMANDS | {YuebaoCommands}
    BINDINGS: ClassVar = [
        binding("quit", "quit", "Quit"),
        binding("help", "help", "Help"),
        binding("command-palette", "command_palette", "Commands", show=False, priority=True),
    ]

    def __init__(
        self,
        corpus: Corpus,
        *,
        userdata: UserData | None = None,
        state: UIState | None = None,
        keymap: dict[str, str] | None = None,
        keymap_notice: str | None = None,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.userdata = open_userdata() if userdata is None else userdata
        self.ui_state = UIState() if state is None else state
        self.keymap_overrides = dict(keymap or {})
        self.keymap_notice = keymap_notice
        self.set_keymap(self.keymap_overrides)

    def on_mount(self) -> None:
        """Use the remembered theme, if Textual still has it."""
        if self.ui_state.theme and self.ui_state.theme in self.available_themes:
            self.theme = self.ui_state.theme

    def watch_theme(self, theme: str) -> None:
        """Remember the theme chosen (e.g. from the command palette)."""
        self.ui_state.theme = theme

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    def action_help(self) -> None:
        """Show every binding."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap_overrides))
