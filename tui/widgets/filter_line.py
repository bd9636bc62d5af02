"""The filter line: type terms, the list follows as you type (the screen runs the search)."""

from __future__ import annotations

from typing import ClassVar

from textual.message import Message
from textual.widgets import Input

from tui.keymap import binding


class FilterLine(Input):
    """A one-line query input; ``escape`` hands focus back to the list."""

    BINDINGS: ClassVar = [binding("back", "leave", "Back to list")]

    class Leave(Message):
        """The user is done with the filter line."""

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(
            value=value,
            placeholder='/ filter: 高新 会议 · -排除 · "短 语" · org:海尔 · date:2022-12 · gxq',
            id=id,
            select_on_focus=False,
            compact=True,
        )

    def set_query(self, text: str) -> None:
        """Replace the query, the cursor after its end (ready to type the next term)."""
        self.value = text
        self.cursor_position = len(text)

    def on_focus(self) -> None:
        """Coming back to the filter line, typing goes on at the end of the query."""
        self.cursor_position = len(self.value)

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    async def action_submit(self) -> None:
        """Enter also returns to the list (the results are already shown)."""
        await super().action_submit()
        self.post_message(self.Leave())
