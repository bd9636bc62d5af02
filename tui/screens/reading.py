"""A modal page of text to read and close: the help and the entity profile.

``back`` and ``quit`` close it, ``cursor-down`` / ``cursor-up`` scroll its body (the
``VerticalScroll`` with id ``BODY_ID``); a subclass adds its own key that closes it too.
"""

from __future__ import annotations

from typing import ClassVar

from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from tui.keymap import binding


class ReadingScreen(ModalScreen[None]):
    """Closes on ``back`` / ``quit``; scrolls its body with the cursor keys."""

    BODY_ID: ClassVar[str] = "body"
    BINDINGS: ClassVar = [
        binding("back", "dismiss", "Close"),
        binding("quit", "dismiss", "Close", show=False),
        binding("cursor-down", "scroll('down')", "Down"),
        binding("cursor-up", "scroll('up')", "Up"),
    ]

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        body = self.query_one(f"#{self.BODY_ID}", VerticalScroll)
        if direction == "down":
            body.scroll_down()
        else:
            body.scroll_up()
