"""The yuebao explorer app: a keymap, a theme, the main screen. State lives in the screen."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import ClassVar

from textual.app import App
from textual.filter import Monochrome, NoColor

from tui.corpus import Corpus
from tui.keymap import binding
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.state import UIState
from tui.userdata import UserData, open_userdata


def terminal_theme(environ: Mapping[str, str] | None = None) -> str:
    """The default theme: ``YUEBAO_THEME`` if set, else an ANSI theme.

    The ANSI themes draw with the terminal's own palette and default colours, so yuebao
    looks native in light and dark terminals alike and in 16 colours; ``COLORFGBG`` (set by
    many terminals) picks the light or dark variant. Any Textual theme can be chosen from
    the command palette and is remembered.
    """
    env = os.environ if environ is None else environ
    forced = env.get("YUEBAO_THEME", "").strip()
    if forced:
        return forced
    background = env.get("COLORFGBG", "").rsplit(";", 1)[-1].strip()
    return "ansi-light" if background in {"7", "15"} else "ansi-dark"


class YuebaoApp(App[None]):
    """阅报 — read, filter and pick entities in a corpus, from the keyboard."""

    TITLE = "阅报 yuebao"
    CSS_PATH: ClassVar = ["widgets/widgets.tcss", "screens/main.tcss"]
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
        if self.no_color:
            # Textual picks its NO_COLOR filter before our theme is set: greyscale for a
            # truecolor theme, which turns the ANSI theme's default colours black on black.
            # The terminal's own colours, with bold, underline and reverse, stay readable.
            self._filters = [NoColor() if isinstance(f, Monochrome) else f for f in self._filters]
        self.corpus = corpus
        self.userdata = open_userdata() if userdata is None else userdata
        self.ui_state = UIState() if state is None else state
        self.keymap_overrides = dict(keymap or {})
        self.keymap_notice = keymap_notice
        self.set_keymap(self.keymap_overrides)

    def on_mount(self) -> None:
        """Use the remembered theme, else one that follows the terminal's own colours."""
        self._terminal_theme = terminal_theme()
        for theme in (self.ui_state.theme, self._terminal_theme):
            if theme and theme in self.available_themes:
                self.theme = theme
                break

    def watch_theme(self, theme: str) -> None:
        """Remember a theme the user chose (e.g. from the command palette)."""
        if theme != getattr(self, "_terminal_theme", None):
            self.ui_state.theme = theme
        else:
            self.ui_state.theme = ""

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.corpus, self.userdata, self.ui_state, self.keymap_notice)

    async def action_help_quit(self) -> None:
        """ctrl+c quits, like ``q`` (a terminal user's reflex; in the filter line, with text
        selected, ctrl+c copies it instead)."""
        await self.action_quit()

    def action_help(self) -> None:
        """Show every binding."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap_overrides))
